"""`trilat browse`, driven by Textual's own harness (`App.run_test()` and its pilot).

Each test runs the app headless at a fixed size, presses keys or clicks, and checks what the
screen shows (as text), what the app holds (the clipboard) or what it asked for (a URL).
The main screens are also compared with text snapshots in `tests/snapshots/`, so that a
change in layout shows in review as a readable diff. When a change is meant, write them
again with `.venv/bin/python -m tests.test_browse` and read the diff.
"""

from __future__ import annotations

import asyncio
import io
import re
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, Static

from trilat_cli.corpus.load import load
from trilat_cli.corpus.model import Corpus
from trilat_cli.present.browse import KEYS, Browse
from trilat_cli.present.terminal import FONTS
from trilat_cli.query import Filters, facet_counts, select

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
NARROW, WIDE = (80, 24), (160, 40)

Scenario = Callable[[Pilot[None]], Awaitable[None]]


def screen_text(app: Browse) -> str:
    """The screen as plain text, as export_screenshot() draws it (there as SVG).

    Reads Textual's compositor, as export_screenshot() does: Textual is pinned below 9.
    """
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, color_system=None
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


class Seen(NamedTuple):
    """What a run left: the app, its last screen as text, and what the main screen's
    command line and passage said, before the screen wrapped them."""

    app: Browse
    text: str
    command: str
    passage: object


def run(corpus: Corpus, scenario: Scenario, size: tuple[int, int] = NARROW) -> Seen:
    """Run the app headless with the scenario, and return what it showed last."""
    app = Browse(corpus)
    seen: list[Seen] = []

    async def drive() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)
            await pilot.pause()
            if not app.is_running:
                seen.append(Seen(app, "", "", ""))
                return
            main = app.screen_stack[0]
            command, passage = (main.query_one(w, Static).content for w in ("#command", "#passage"))
            seen.append(Seen(app, screen_text(app), str(command), passage))

    asyncio.run(drive())
    return seen[0]


async def nothing(pilot: Pilot[None]) -> None:
    return None


def result_ids(seen: Seen) -> list[str]:
    return [item.id for item in seen.app.shown]


async def choose(pilot: Pilot[None], facet: str, *values: str) -> None:
    options = pilot.app.query_one(f"#facet-{facet}", SelectionList)
    for value in values:
        options.select(value)
    await pilot.pause()


# ---- facets -------------------------------------------------------------------------------


def test_the_first_screen_lists_every_item_and_the_command_that_does(corpus: Corpus) -> None:
    seen = run(corpus, nothing)
    assert result_ids(seen) == list(corpus.items)
    assert seen.command == f"trilat items   {len(corpus.items)} items"


def test_values_of_one_facet_mean_any_of_them_as_on_the_command_line(corpus, invoke_json):
    async def scenario(pilot: Pilot[None]) -> None:
        await choose(pilot, "actor", "russia", "china")
        await choose(pilot, "theme", "north-korea")

    seen = run(corpus, scenario)
    expected = invoke_json("items", "--actor", "russia,china", "--theme", "north-korea")
    assert result_ids(seen) == [item["id"] for item in expected]
    assert "trilat items --actor russia,china --theme north-korea" in seen.command


def test_each_value_is_counted_under_the_other_facets_chosen(corpus, invoke_json) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await choose(pilot, "report", "tni-2021")

    seen = run(corpus, scenario, size=WIDE)
    china = len(invoke_json("items", "--report", "2021", "--theme", "china"))
    both = len(invoke_json("items", "--theme", "china"))
    assert china < both
    assert f"\u2590X\u258c China {china} " in seen.text  # the facet's line, not the item's
    # A value of the facet chosen counts what it would add: 2019 keeps its own count.
    assert "2019 hudson-2019 14" in seen.text


@pytest.mark.parametrize(
    "chosen",
    [
        Filters(),
        Filters(report=("tni-2021",), theme=("china", "cyber")),
        Filters(actor=("us", "japan"), role=("by",), kind=("recommendation",)),
    ],
)
def test_a_count_is_what_choosing_that_value_alone_in_its_facet_lists(corpus, chosen) -> None:
    counts = facet_counts(corpus, chosen)
    for facet in Filters._fields:
        if facet == "role" and not chosen.actor:
            continue  # a role alone is refused, as on the command line
        for value in {v for item in corpus.items.values() for v in facet_values(item, facet)}:
            alone = select(corpus, chosen._replace(**{facet: (value,)}))
            assert counts[facet][value] == len(alone), (facet, value)


def facet_values(item, facet: str) -> tuple[str, ...]:
    return {
        "kind": (item.kind,),
        "report": (item.report,),
        "actor": tuple(item.actors),
        "role": tuple(code.role for code in item.actors.values()),
        "theme": item.themes,
    }[facet]


def test_a_role_narrows_the_actors_chosen(corpus, invoke_json) -> None:
    async def role_alone(pilot: Pilot[None]) -> None:
        await choose(pilot, "role", "by")

    seen = run(corpus, role_alone)
    assert result_ids(seen) == list(corpus.items)  # as the CLI refuses --role alone
    assert "choose an actor" in seen.command

    async def with_actor(pilot: Pilot[None]) -> None:
        await choose(pilot, "actor", "us")
        await choose(pilot, "role", "by")

    seen = run(corpus, with_actor)
    expected = invoke_json("items", "--actor", "us", "--role", "by")
    assert result_ids(seen) == [item["id"] for item in expected]


def test_a_click_chooses_a_value(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.click("#facet-kind", offset=(4, 2))  # the third kind: flashpoint

    seen = run(corpus, scenario)
    assert {corpus.items[i].kind for i in result_ids(seen)} == {"flashpoint"}


def test_reset_clears_the_facets_and_the_search(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await choose(pilot, "kind", "risk")
        await pilot.press("slash", "w", "a", "r", "escape", "r")
        assert pilot.app.query_one("#search", Input).value == ""
        assert pilot.app.query_one("#facet-kind", SelectionList).selected == []

    seen = run(corpus, scenario)
    assert result_ids(seen) == list(corpus.items)


# ---- search -------------------------------------------------------------------------------


def test_search_as_you_type_ranks_as_trilat_search(corpus, invoke_json) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"trade war")

    seen = run(corpus, scenario)
    expected = invoke_json("search", "trade", "war")
    assert result_ids(seen) == [hit["id"] for hit in expected]
    assert "trilat search trade war" in seen.command


def test_a_quoted_phrase_is_a_phrase_and_filters_still_apply(corpus, invoke_json) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await choose(pilot, "report", "hudson-2019")
        await pilot.press("slash")
        pilot.app.query_one("#search", Input).value = '"north korea" cyber'

    seen = run(corpus, scenario)
    expected = invoke_json("search", '"north korea" cyber', "--report", "hudson-2019")
    assert result_ids(seen) == [hit["id"] for hit in expected]
    assert """trilat search '"north korea" cyber' --report hudson-2019""" in seen.command


def test_the_matched_passage_is_shown_with_its_words_marked(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"dokdo")

    seen = run(corpus, scenario)
    passage = seen.passage
    assert isinstance(passage, Text)
    marked = [passage.plain[span.start : span.end] for span in passage.spans]
    assert "Dokdo" in marked
    assert "Dokdo / Takeshima" in seen.text.split("─" * 20)[-1]  # under the results


def test_escape_leaves_the_search_and_shows_every_item_again(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"war", "escape", "escape")

    seen = run(corpus, scenario)
    assert result_ids(seen) == list(corpus.items)


def test_nothing_found_lists_nothing(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"zzzzqx")

    seen = run(corpus, scenario)
    assert result_ids(seen) == []
    assert "nothing matches 'zzzzqx'" in seen.text


# ---- an item ------------------------------------------------------------------------------


def test_enter_opens_the_item_as_show_prints_it(corpus: Corpus, invoke) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"dokdo", "enter", "enter")

    seen = run(corpus, scenario, size=(80, 60))
    assert "ID / report" not in seen.text  # the item in place of the list
    pane = [line.rpartition("\u2502")[2] for line in seen.text.splitlines()[:-1]]
    shown = "".join("".join(pane).split())  # wrapped at spaces and hyphens alike
    for line in invoke("show", "h19-flash-dokdo", "--format", "tsv").stdout.splitlines():
        label, value = line.split("\t")
        if "://" not in value:  # a URL is cut at the pane's edge, not wrapped
            assert "".join(f"{label}{value}".split()) in shown


def test_a_wide_screen_shows_facets_results_and_the_item_at_once(corpus: Corpus) -> None:
    seen = run(corpus, nothing, size=WIDE)
    first = next(iter(corpus.items.values()))
    text = seen.text
    assert "Reports" in text and first.id in text and "Summary (ours)" in text


def test_keys_copy_the_citation_the_quotes_and_the_id(corpus, invoke) -> None:
    copied: list[str] = []

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"dokdo", "enter")
        for key in ("c", "y", "i"):
            await pilot.press(key)
            copied.append(pilot.app.clipboard)

    run(corpus, scenario)
    assert copied[0] == invoke("cite", "hudson-2019").stdout.rstrip("\n")
    assert copied[1] == invoke("cite", "h19-flash-dokdo").stdout.rstrip("\n")
    assert copied[2] == "h19-flash-dokdo"


def test_o_opens_the_source_in_the_browser(corpus, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *args, **kwargs: opened.append(url))

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("o")

    run(corpus, scenario)
    assert opened == [corpus.reports[next(iter(corpus.items.values())).report].url]


# ---- compare ------------------------------------------------------------------------------


def test_v_shows_the_overview_of_compare(corpus: Corpus, invoke) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("v")

    seen = run(corpus, scenario)
    printed = invoke("compare", "--format", "table", env={"COLUMNS": "80"}).stdout
    summary = printed.splitlines()[0].rstrip()
    assert summary in seen.text and "trilat compare" in seen.text
    assert "Trade and export controls" in seen.text


def test_enter_on_a_theme_opens_it_side_by_side(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("v", "down", "down", "down", "enter")

    seen = run(corpus, scenario)
    assert "trilat compare --theme china" in seen.text
    assert "China: in both" in seen.text


def test_compare_takes_the_reports_chosen(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await choose(pilot, "report", "tni-2021", "hudson-2019")
        await pilot.press("v")

    seen = run(corpus, scenario)
    assert "trilat compare tni-2021 hudson-2019" in seen.text


def test_keys_of_an_item_do_nothing_over_compare(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("v", "i")

    seen = run(corpus, scenario)
    assert seen.app.clipboard == ""


# ---- keys, quitting, the terminal ---------------------------------------------------------


def test_question_mark_shows_every_key(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")

    seen = run(corpus, scenario, size=(120, 50))
    for key in KEYS:
        assert key.does.split()[0] in seen.text
    assert "mouse" in seen.text


def test_q_quits(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("q")
        assert not pilot.app.is_running

    run(corpus, scenario)


def test_corpus_text_is_neutralised_and_markup_shown_literally(tmp_path) -> None:
    from tests.test_neutral import PAYLOADS, RAW, hostile_corpus

    path = hostile_corpus(tmp_path, " ".join([*PAYLOADS, "[bold]red[/bold]"]))
    user = load([str(path)], use_cache=False)
    screens: list[str] = []

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash")
        pilot.app.query_one("#search", Input).value = "consult"
        await pilot.press("enter")
        screens.append(screen_text(pilot.app))
        await choose(pilot, "report", "hudson-2019", "camp-david-2023")
        await pilot.press("v")
        screens.append(screen_text(pilot.app))
        await pilot.press("enter")

    seen = run(user, scenario, size=WIDE)
    for text in [*screens, seen.text]:
        assert RAW.search(text) is None, text
    assert "\\x1b]0;PWNED-TITLE\\x07" in screens[0] and "[bold]red[/bold]" in screens[0]
    assert "[bold]red[/bold]" in seen.text  # a theme side by side: the notes


def test_browse_runs_on_a_real_terminal_and_q_quits() -> None:
    from tests.process import at_terminal

    status, received = at_terminal("browse", rows=24, columns=80, keys=(b"ID / report", b"q"))
    assert status == 0
    assert "ID / report" in received and "h19-context-gsomia" in received


def test_browse_refuses_a_pipe_in_one_line(invoke) -> None:
    result = invoke("browse")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "browse needs a terminal" in result.stderr


async def searching(pilot: Pilot[None]) -> None:
    await pilot.press("slash", *"china")


async def comparing(pilot: Pilot[None]) -> None:
    await pilot.press("v")


async def reading(pilot: Pilot[None]) -> None:
    await pilot.press("down", "enter")


async def keys(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")


SCREENS = {
    "narrow": (NARROW, nothing),
    "narrow-search": (NARROW, searching),
    "narrow-item": (NARROW, reading),
    "narrow-compare": (NARROW, comparing),
    "narrow-keys": (NARROW, keys),
    "wide": (WIDE, nothing),
    "wide-search": (WIDE, searching),
}
PICTURE = ROOT / "docs" / "browse.svg"  # the README's screenshot: 120 columns, a search
PICTURE_SIZE = (120, 32)


@pytest.mark.parametrize("name", SCREENS)
def test_the_main_screens_match_their_snapshots(corpus: Corpus, name: str) -> None:
    size, scenario = SCREENS[name]
    snapshot = SNAPSHOTS / f"browse-{name}.txt"
    assert snapshot.read_text(encoding="utf-8") == run(corpus, scenario, size).text + "\n", (
        f"{snapshot.name} differs: if the change is meant, run python -m tests.test_browse"
    )


def test_the_readme_lists_every_key_and_shows_the_screenshot() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Browsing: `trilat browse`", 1)[1].split("\n## ", 1)[0]
    for key in KEYS:
        shown = "Escape" if key.key == "escape" else key.key
        assert f"| `{shown}` |" in section, key
    assert "(docs/browse.svg)" in section
    picture = PICTURE.read_text(encoding="utf-8")
    assert picture.startswith("<svg") and "url(http" not in picture


def screenshot(corpus: Corpus) -> str:
    """The README's picture, as Textual saves a screenshot."""
    pictures: list[str] = []

    async def scenario(pilot: Pilot[None]) -> None:
        await searching(pilot)
        pictures.append(pilot.app.export_screenshot(title="trilat browse"))

    run(corpus, scenario, PICTURE_SIZE)
    # As --save-svg draws: the machine's fonts, nothing fetched from the network.
    local = re.sub(r"\s*@font-face \{.*?\}", "", pictures[0], flags=re.S)
    return local.replace("font-family: Fira Code, monospace;", f"font-family: {FONTS};")


if __name__ == "__main__":  # write the snapshots again: python -m tests.test_browse
    SNAPSHOTS.mkdir(exist_ok=True)
    bundled = load(use_cache=False)
    for name, (size, scenario) in SCREENS.items():
        (SNAPSHOTS / f"browse-{name}.txt").write_text(
            run(bundled, scenario, size=size).text + "\n", encoding="utf-8"
        )
    PICTURE.parent.mkdir(exist_ok=True)
    PICTURE.write_text(screenshot(bundled), encoding="utf-8")
    print(f"wrote {len(SCREENS)} snapshots to {SNAPSHOTS} and {PICTURE}", file=sys.stderr)


@pytest.mark.parametrize("term", ["dumb", "unknown", ""])
def test_browse_refuses_a_terminal_that_cannot_draw_it(term: str) -> None:
    """A dumb terminal (or none named) cannot move the cursor: one line and exit 2, as in a pipe,
    rather than an app drawn as garbage that the user cannot see to quit."""
    from tests.process import at_terminal

    status, received = at_terminal("browse", rows=24, columns=80, env={"TERM": term})
    assert status == 2
    assert "browse needs a terminal" in received and received.count("\n") == 1
