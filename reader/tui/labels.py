"""`clean_line` for the interface's labels, without loading `reader.text` before it is needed.

`reader.text` (Markdown, sentences, quotations) is the costliest module of the core to import,
and until an article is opened the interface only cleans short labels, mostly its own ("All
articles", "4 articles"). Printable ASCII holds nothing that `reader.text.clean_line` removes
(control characters, bidi overrides, tabs, line breaks): only runs of spaces, folded here the
same way. Anything else goes through `reader.text.clean_line` itself.
"""

from __future__ import annotations


def clean_line(text: str) -> str:
    """`reader.text.clean_line`: one line, with no control characters (text is data)."""
    if text.isascii() and text.isprintable():
        return " ".join(text.split())
    from reader.text import clean_line as clean

    return clean(text)
