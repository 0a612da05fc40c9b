"""The key hints along the bottom: what the keys do where the focus is, and ^p on the right.

It looks and behaves like Textual's `Footer(compact=True)`: the same keys in the same order, in
the same colours (the same theme variables), a highlight and the binding's tooltip under the
mouse, a click presses the key (a disabled one rings the bell), and the wheel scrolls hints that
do not fit. The difference is the cost: the Footer is a container of one widget per key, and it
recomposes them all (removed, mounted, styled and laid out anew) each time the bindings change,
which happens several times while the reader starts and at every change of focus. This is one
widget drawing one line: a change of bindings redraws that line.

Like the Footer, it shows the bindings of the screen it is on, and keeps showing them while a
dialog is open over that screen.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.compat import scroll_for_pointer, styled_node

BORDER = "▏"  # the `vkey` left border of the Footer's command palette key
PALETTE = -1  # `_hint_at`'s answer for the command palette key


class Hint(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class KeyHints(ScrollView, can_focus=False, can_focus_children=False):
    """One line of key hints, kept in step with the screen's active bindings."""

    ALLOW_SELECT = False

    # The Footer's look, rule for rule: the item is a FooterKey, the key and description are
    # its two component classes, the border is the palette key's left border.
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        scrollbar-size: 0 0;
        .key-hints--item { background: $footer-item-background; }
        .key-hints--item.-hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .key-hints--item.-disabled { text-style: dim; }
        .key-hints--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-hints--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-hints--border { color: $foreground 20%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints: tuple[Hint, ...] = ()
        self.palette: Hint | None = None
        self._spans: list[tuple[int, int]] = []  # each hint's cells, before scrolling
        self._hover: int | None = None
        self._styles_for: dict[tuple[bool, bool], tuple[Style, Style, Style]] = {}
        self._border_color: Style | None = None

    # -- which keys -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.update_hints()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # As the Footer does: while the terminal is not focused, the hints stay as they were.
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.update_hints()

    def _collect(self) -> tuple[tuple[Hint, ...], Hint | None]:
        """The hints the Footer would show now (one per action, in binding order).

        The Footer's grouped keys (`Binding.group`) are not drawn: no binding of the reader
        has a group.
        """
        app = self.app
        active = self.screen.active_bindings
        by_action: dict[str, Hint] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = Hint(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    tooltip,
                )
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = Hint(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                binding.tooltip or binding.description,
            )
        return tuple(by_action.values()), palette

    def update_hints(self) -> None:
        """Follow the screen's bindings; redraw only if the hints changed."""
        hints, palette = self._collect()
        if hints == self.hints and palette == self.palette:
            return
        self.hints, self.palette = hints, palette
        self._spans = []
        x = 0
        for hint in hints:
            width = _hint_width(hint)
            self._spans.append((x, x + width))
            x += width + 1  # each key has a one-cell margin on its right
        if palette is not None:
            x += _hint_width(palette) + 2  # the docked key, its border and margin
        self.virtual_size = Size(x, 1)
        if self.scroll_x > self.max_scroll_x:
            self.scroll_to(x=self.max_scroll_x, animate=False, immediate=True)
        self._refresh_hover()
        self.refresh()

    # -- drawing --------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles_for.clear()
        self._border_color = None

    def _item_styles(self, hover: bool, disabled: bool) -> tuple[Style, Style, Style]:
        """(item, key, description) styles, composed over this widget as Textual composes a
        FooterKey's: a virtual node for the item, and one under it for each part."""
        cached = self._styles_for.get((hover, disabled))
        if cached is None:
            classes = "key-hints--item"
            if hover:
                classes += " -hover"
            if disabled:
                classes += " -disabled"
            item = styled_node(self, classes)
            key = styled_node(item, "key-hints--key").rich_style
            description = styled_node(item, "key-hints--description").rich_style
            cached = (item.rich_style, key, description)
            self._styles_for[(hover, disabled)] = cached
        return cached

    def _border_style(self, background: Style) -> Style:
        # A border is coloured over what is beneath the key, and drawn on the key's background.
        if self._border_color is None:
            node = styled_node(self, "key-hints--border")
            self._border_color = Style(color=node.rich_style.color)
        return self._border_color + Style(bgcolor=background.bgcolor)

    def _hint_segments(self, hint: Hint, hover: bool, border: bool = False) -> list[Segment]:
        base, key, description = self._item_styles(hover, not hint.enabled)
        segments = []
        if border:
            segments.append(Segment(BORDER, self._border_style(base)))
        segments.append(Segment(hint.display, base + key))
        if hint.description:
            segments.append(Segment(" " + hint.description, base + description))
        return segments

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base_background, background = self.background_colors
        fill = Style.from_color(bgcolor=(base_background + background).rich_color)
        segments: list[Segment] = []
        for index, hint in enumerate(self.hints):
            segments += self._hint_segments(hint, self._hover == index)
            segments.append(Segment(" ", fill))
        scroll_x = self.scroll_offset.x
        strip = Strip(segments).crop_extend(scroll_x, scroll_x + width, fill)
        if self.palette is not None:
            palette = Strip(self._hint_segments(self.palette, self._hover == PALETTE, True))
            start = max(0, width - 1 - palette.cell_length)
            palette = palette.crop(0, width - 1 - start)
            strip = Strip.join(
                [strip.crop(0, start), palette, strip.crop(start + palette.cell_length, width)]
            )
        return strip

    # -- the mouse ------------------------------------------------------------------------------

    def _hint_at(self, x: int | None) -> int | None:
        """The index of the hint at column `x`, PALETTE, or None (a gap, or no mouse)."""
        if x is None:
            return None
        if self.palette is not None:
            start = self.size.width - 1 - (_hint_width(self.palette) + 1)
            if start <= x < self.size.width - 1:
                return PALETTE
        x += self.scroll_offset.x
        for index, (start, end) in enumerate(self._spans):
            if start <= x < end:
                return index
        return None

    def _hint(self, index: int | None) -> Hint | None:
        if index is None:
            return None
        return self.palette if index == PALETTE else self.hints[index]

    def _refresh_hover(self) -> None:
        """Highlight the hint under the mouse, give it the tooltip and the pointer.

        The Footer's keys are widgets, so Textual tracks which one is under the mouse (also
        when they scroll or change under a still mouse); here the app's mouse position says.
        """
        app = self.app
        x = app.mouse_position.x - self.region.x if app.mouse_over is self else None
        index = self._hint_at(x)
        if index == self._hover:
            return
        self._hover = index
        hint = self._hint(index)
        self.tooltip = (hint.tooltip or None) if hint is not None else None
        self.styles.pointer = "pointer" if hint is not None else "default"
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._refresh_hover()

    def on_leave(self, event: events.Leave) -> None:
        self._refresh_hover()

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self._refresh_hover()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hint = self._hint(self._hint_at(event.x))
        if hint is None:
            return
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if self.allow_horizontal_scroll:
            self.release_anchor()
            if scroll_for_pointer(self, right=True):
                event.stop()
                event.prevent_default()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if self.allow_horizontal_scroll:
            self.release_anchor()
            if scroll_for_pointer(self, right=False):
                event.stop()
                event.prevent_default()


def _hint_width(hint: Hint) -> int:
    width = cell_len(hint.display)
    if hint.description:
        width += 1 + cell_len(hint.description)
    return width
