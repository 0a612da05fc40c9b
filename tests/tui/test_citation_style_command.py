"""The citation style from the palette: saved in config.yaml, used by `y` at once."""

from __future__ import annotations

from reader.session import Session

from support.articles import CO_PRODUCTION
from support.tui import make_app, ready

SIZE = (120, 40)


async def test_palette_sets_the_citation_style_for_y(session: Session, isolated_env) -> None:
    from reader.tui.commands import commands

    names = [name for name, _, _ in commands({})]
    assert "Citation style: Chicago author-date" in names
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await app.run_action("app.citation_style('chicago')")
        await pilot.press("tab", "y")
        assert "Jackson, Rebecca. 2015. “Co-production in the Criminal Justice" in app.clipboard
    config = isolated_env.home / ".config" / "policyreader" / "config.yaml"
    assert config.read_text(encoding="utf-8") == 'citation_style: "chicago"\n'


async def test_y_with_a_style_file_that_is_gone_says_so(session: Session, isolated_env) -> None:
    config = isolated_env.home / ".config" / "policyreader" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text('citation_style: "/nowhere/mine.csl"\n', encoding="utf-8")
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab", "y")
        await pilot.pause()
        assert "style file /nowhere/mine.csl: not found" in app.main.status_line.message
        assert app.is_running
