"""The terminal interface: the only package that imports Textual.

`reader.tui.app.run` is the entry point the CLI calls; everything here talks to the core
through `reader.session.Session`.
"""
