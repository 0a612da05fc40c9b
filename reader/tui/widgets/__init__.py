"""Widgets of the reader: virtual lists, the reading pane, the library tree, the status line."""
