"""Text the user can read: WCAG AA contrast (4.5:1) for every text style, in every theme.

Themes give colours that are fine for their own widgets, but a style of the reader (muted
metadata, a warning-coloured mark, an accent on a panel) can fall below what is comfortably
readable in some of them. `readable` keeps a style's hue and moves its text colour towards
black or white, a tenth at a time, until it reaches 4.5:1 on the background it is drawn on.
"""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.style import Style

AA = 4.5


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(color: RichColor | None) -> tuple[int, int, int] | None:
    if color is None or color.is_default:
        return None  # the terminal's own colour: not ours to judge
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def readable(style: Style, foreground: RichColor | None, background: RichColor | None) -> Style:
    """`style`, with its text colour (or `foreground`, the text's colour where the style sets
    none) made readable on its background (or `background`, the pane's): moved towards white
    or black, a tenth at a time, until it reads at 4.5:1 (plain black or white at worst)."""
    fg = _rgb(style.color or foreground)
    bg = _rgb(style.bgcolor or background)
    if fg is None or bg is None or contrast(fg, bg) >= AA:
        return style
    # Lighter text gets lighter, darker text darker (the other way only if that cannot work).
    black, white = (0, 0, 0), (255, 255, 255)
    lighter = luminance(fg) > luminance(bg)
    for target in (white, black) if lighter else (black, white):
        for step in range(1, 11):
            mix = step / 10
            moved = (
                round(fg[0] + (target[0] - fg[0]) * mix),
                round(fg[1] + (target[1] - fg[1]) * mix),
                round(fg[2] + (target[2] - fg[2]) * mix),
            )
            if contrast(moved, bg) >= AA:
                return style + Style(color=RichColor.from_rgb(*moved))
    return style + Style(color=RichColor.from_rgb(*target))
