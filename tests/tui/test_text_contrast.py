"""Every text style of the reader is readable (WCAG AA, 4.5:1) in every built-in theme.

The `ansi-*` themes use the terminal's own palette, whose colours only the terminal knows.
"""

from __future__ import annotations

from reader.api import Session
from reader.tui.contrast import AA, contrast
from reader.tui.widgets.cached_styles import LINES

from support.tui import make_app, ready

CO_PRODUCTION = "co-production-criminal-justice"


def _rgb(color) -> tuple[int, int, int] | None:  # type: ignore[no-untyped-def]
    if color is None or color.is_default:
        return None
    t = color.get_truecolor()
    return (t.red, t.green, t.blue)


async def test_every_text_style_is_readable_in_every_theme(session: Session) -> None:
    session.highlight_text(CO_PRODUCTION, "The women-only centre offers a safe space")
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    failures = []
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        themes = sorted(t for t in app.available_themes if not t.startswith("ansi"))
        assert len(themes) >= 10
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            for widget in (app.reader, app.article_list, app.quotes_pane, app.library_tree):
                base = widget.line_style
                styles = {"(text)": base}
                for name in sorted(type(widget)._lazy_component_classes() - LINES):
                    styles[name] = base + widget.get_component_rich_style(name, partial=True)
                for name, style in styles.items():
                    fg, bg = _rgb(style.color), _rgb(style.bgcolor)
                    if fg is None or bg is None:
                        continue
                    ratio = contrast(fg, bg)
                    if ratio < AA:
                        failures.append(f"{theme} {name}: {ratio:.2f}")
    assert failures == []


async def test_code_is_not_drawn_on_white_in_a_dark_theme(session: Session) -> None:
    """`$boost` (white at 4%) lost its transparency as a Rich colour: code on pure white."""
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.theme = "textual-dark"
        await pilot.pause()
        code = app.reader.get_component_rich_style("reading-pane--code", partial=True)
        assert _rgb(code.bgcolor) != (255, 255, 255)
