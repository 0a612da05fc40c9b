"""Styles worked out when a pane needs them, and once, rather than again and again.

Two costs of Textual's styling that the panes (the lists, the reading pane, the tree) avoid:

- Component classes (`COMPONENT_CLASSES`: the reading pane has 17). Textual styles every one of
  them each time the widget is styled (a virtual node per class, matched against the whole
  stylesheet), and a widget is styled when mounted, when the screen appears, and on every
  change of class or focus: most of that is redone before the first frame, for styles an empty
  pane never uses. Here a component is styled when first asked for, and after each restyle only
  the components in use are styled again (and the widget redrawn if one of them changed, as
  Textual does), so what is drawn is the same.
- `rich_style`, the widget's own colours, walks the styles of every ancestor each time it is
  read; a pane drawing line by line read it once per line. `line_style` is the same value,
  worked out once per drawing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from textual.css.styles import RenderStyles
from textual.geometry import Region
from textual.strip import Strip

from reader.tui.compat import component_classes, component_styles, no_eager_component_classes
from reader.tui.compat import styled_node as styled_node
from reader.tui.contrast import readable

# Component classes that draw lines, not text (rules, the tree's guides): not made brighter.
LINES = {"reading-pane--rule", "tree--guides", "tree--guides-hover", "tree--guides-selected"}

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


@no_eager_component_classes  # what Textual's stylesheet styles eagerly: nothing
class CachedStyles(_Base):
    """Mix in before the Textual widget class: `class Pane(CachedStyles, ScrollView)`.

    Not a DOMNode itself, so that CSS still follows the widget's own bases (Textual's CSS
    inheritance takes the first DOMNode base).
    """

    _line_style: Style | None = None

    # -- component classes --------------------------------------------------------------------

    @classmethod
    def _lazy_component_classes(cls) -> frozenset[str]:
        return component_classes(cls)

    def _style_component(self, name: str) -> RenderStyles:
        return styled_node(self, name).styles

    def get_component_styles(self, *names: str) -> RenderStyles:
        cache = component_styles(self)
        for name in names:
            if name not in cache:
                if name not in self._lazy_component_classes():
                    raise KeyError(f"No {name!r} key in COMPONENT_CLASSES")
                cache[name] = self._style_component(name)
        return super().get_component_styles(*names)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._readable = None
        cache = component_styles(self)
        if cache:
            changed = False
            for name, old in list(cache.items()):
                new = self._style_component(name)
                cache[name] = new
                changed = changed or new != old
            if changed:
                self.refresh()

    # -- readable text ------------------------------------------------------------------------

    _readable: dict[tuple[tuple[str, ...], bool], Style] | None = None

    def get_component_rich_style(
        self, *names: str, partial: bool = False, default: Style | None = None
    ) -> Style:
        """Textual's, with the text colour made readable (WCAG AA) on what it is drawn on."""
        key = (names, partial)
        if self._readable is None:
            self._readable = {}
        style = self._readable.get(key)
        if style is None:
            style = super().get_component_rich_style(*names, partial=partial, default=default)
            if not LINES.intersection(names):
                own = self.line_style
                style = readable(style, own.color, own.bgcolor)
            self._readable[key] = style
        return style

    # -- the widget's own style, once per drawing ---------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._line_style = self._readable_line_style()
        try:
            return super().render_lines(crop)
        finally:
            self._line_style = None

    @property
    def line_style(self) -> Style:
        """`rich_style`, worked out once per drawing (also right outside one)."""
        return self._readable_line_style() if self._line_style is None else self._line_style

    def _readable_line_style(self) -> Style:
        # The theme's own text colour on the pane, readable too (a few themes fall short).
        return readable(self.rich_style, None, None)


def selection_style(widget: Widget) -> Style:
    """The mouse selection's colours over this widget.

    Textual's `screen--selection` has a transparent foreground, which as a Rich style is the
    background colour itself: the selected text vanished. Here the selection's background is
    blended over the widget's, and the text keeps its own colour unless the theme sets one.
    """
    styles = widget.screen.get_component_styles("screen--selection")
    _, background = widget.background_colors
    selected = background + styles.background
    color = (selected + styles.color).rich_color if styles.color.a > 0 else None
    return Style(bgcolor=selected.rich_color, color=color)
