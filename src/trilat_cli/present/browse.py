"""`trilat browse`: the corpus to look around in, built with Textual. The only module that
imports Textual, and only `browse` imports it.

Facets on the left narrow the items as the command-line filters do (any of within a facet,
all of across facets, through `query`), search is `search.search`, and what the panes show
are the views the other commands print (`show_view`, `compare_view`), drawn by
`present/terminal.py`: the same neutraliser, and no corpus string read as markup.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.console import Group
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from ..citation import cite
from ..compare import compare
from ..corpus.model import KINDS, ROLES, Corpus, Item
from ..errors import NothingToSearch
from ..query import Filters, facet_counts, select
from .comparison import compare_view, in_blocks, overview, short_header, summary_line
from .items import search_view, show_view, why
from .terminal import cell, largest, renderables, styled
from .view import Column, Fields, Table, View, safe

if TYPE_CHECKING:  # search.py is imported at the first search: it costs 75 ms to import
    import sqlite3

    from ..search import Hit


class Key(NamedTuple):
    """A key, what it does, and (for the app's own keys) the action it runs."""

    key: str
    does: str
    action: str = ""
    footer: str = ""  # its name in the footer, when it has a place there


KEYS = (
    Key(
        "/", 'search as you type (as trilat search: words, "phrases", prefix*)', "search", "search"
    ),
    Key("escape", "leave the search, close a view, back to the results", "leave"),
    Key(
        "v",
        "compare the texts theme by theme (those chosen under Reports, if two or more)",
        "compare",
        "compare",
    ),
    Key("c", "copy the APA citation of the item's text", "copy_citation", "cite"),
    Key(
        "y",
        "copy the item's quotes, each with its in-text citation (as trilat cite)",
        "copy_quotes",
        "quote",
    ),
    Key("i", "copy the item's id", "copy_id"),
    Key("o", "open the item's source in the web browser", "open_source", "open"),
    Key("r", "clear every facet and the search", "reset"),
    Key("?", "show these keys", "keys", "keys"),
    Key("q", "quit", "quit", "quit"),
)
ROWS = 200  # rows in the results at most: a table of thousands costs seconds to fill
ON_RESULTS = {
    "search",
    "copy_citation",
    "copy_quotes",
    "copy_id",
    "open_source",
    "reset",
    "compare",
}
MOVING = (
    Key("tab, shift+tab", "the next or previous pane: facets, search, results, detail"),
    Key("up, down, page up/down, home, end", "move in a list, a table or a text"),
    Key("space or enter (facets)", "choose a value, or leave it"),
    Key("enter (results)", "open the item (on a narrow screen, in place of the results)"),
    Key("enter (compare)", "open the theme side by side"),
    Key("mouse", "click a value, an item or a theme; the wheel scrolls"),
)


class Facet(NamedTuple):
    """One filter as a list of values to tick: the Filters field, a heading, values and names."""

    field: str
    heading: str
    values: tuple[tuple[str, str], ...]  # (id, as shown)


def facets(corpus: Corpus) -> tuple[Facet, ...]:
    return (
        Facet(
            "report", "Reports", tuple((r.id, f"{r.year} {r.id}") for r in corpus.reports.values())
        ),
        Facet("kind", "Kinds", tuple((kind, kind) for kind in KINDS)),
        Facet("actor", "Actors", tuple((a.id, a.name) for a in corpus.actors.values())),
        Facet("role", "Role of the actors chosen", tuple((role, role) for role in ROLES)),
        Facet("theme", "Themes", tuple((t.id, t.name) for t in corpus.themes.values())),
    )


def prompt(name: str, count: int) -> Text:
    """A facet value as shown: its name and how many items it keeps, dim when none."""
    return Text.assemble(safe(name), " ", (str(count), "bold"), style="dim" if not count else "")


def terms(typed: str) -> list[str]:
    """What the search box holds as `trilat search` arguments: words, or, with quotation
    marks, one argument whose "quoted phrases" search.parse() reads as it does in the CLI."""
    return [typed] if '"' in typed else typed.split()


def command_line(filters: Filters, query: Sequence[str], corpus_paths: Sequence[str]) -> str:
    """The command that lists what the screen lists, to run again or script."""
    words = ["trilat", *(f"--corpus={path}" for path in corpus_paths)]
    words += ["search", *query] if query else ["items"]
    for name, values in filters._asdict().items():
        if values:
            words += [f"--{name}", ",".join(values)]
    return safe(shlex.join(words))


class FacetList(SelectionList[str]):
    """A facet's values, ticked or not, each with its count."""

    def recount(self, prompts: Sequence[Text]) -> None:
        """Every value's prompt anew, drawn once: what replace_option_prompt_at_index() does
        for one value, without a redraw for each of a thousand reports (Textual < 9)."""
        if not hasattr(Selection, "_set_prompt"):  # a Textual that renamed it: one at a time
            for index, shown in enumerate(prompts):
                self.replace_option_prompt_at_index(index, shown)
            return
        for option, shown in zip(self.options, prompts, strict=True):
            option._set_prompt(shown)
        self._clear_caches()


class Pane(Static):
    """A view drawn as `present/terminal.py` prints it, drawn again when the width changes."""

    def __init__(self, view: View | None = None, framed: bool = False, id: str | None = None):
        super().__init__(id=id)
        self.view, self.framed = view, framed

    def draw(self, view: View | None, framed: bool = False, empty: str = "") -> None:
        self.view, self.framed = view, framed
        if view is None:
            self.update(Text(empty, style="dim"))
        else:
            width = max(20, self.content_size.width or 40)
            self.update(Group(*(shown for shown, _ in renderables(view, framed, width))))

    def on_resize(self) -> None:
        if self.view is not None:
            self.draw(self.view, self.framed)


def fields_view(block: Fields) -> View:
    """Label/value pairs as a view to draw."""
    return View(data=lambda: None, lines=lambda: Table((), []), terminal=lambda: [block])


def fill(table: DataTable[Any], block: Table, keys: Sequence[str]) -> None:
    """A DataTable with a view's table: its headers, and its cells as the terminal shows them."""
    most = largest(block)
    table.clear(columns=True)
    for column in block.columns:
        table.add_column(Text(safe(column.header)), key=column.key)
    for row, key in zip(block.rows, keys, strict=True):
        table.add_row(*(cell(row.get(c.key, ""), c, most) for c in block.columns), key=key)


def result_cells(item: Item) -> tuple[Text, Text]:
    """An item as two cells of two lines: its id over its report, and its title over its
    kind, so that 80 columns show all four. (The passage matched is marked under the list:
    marking every row's title would cost each hit its matches, hundreds a keystroke.)"""
    return (
        Text(safe(f"{item.id}\n{item.report}"), style="bold"),
        Text.assemble(safe(item.title), (safe(f"\n{item.label}"), "dim")),
    )


class Help(ModalScreen[None]):
    """Every key, those of the panes' own widgets included."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "close")]

    def compose(self) -> ComposeResult:
        rows = [{"key": key.key, "does": key.does} for key in (*KEYS, *MOVING)]
        keys = Table((Column("key", "Key", "id"), Column("does", "What it does")), rows)
        with VerticalScroll(id="keys"):
            yield Pane(View(lambda: None, lambda: keys), id="keys-text")


class ThemeScreen(Screen[None]):
    """One theme side by side, as `trilat compare REPORTS --theme THEME` prints it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "back")]

    def __init__(self, corpus: Corpus, reports: tuple[str, ...], theme: str, line: str) -> None:
        super().__init__()
        self.view = compare_view(corpus, compare(corpus, reports, theme), with_quotes=True)
        self.line = line

    def compose(self) -> ComposeResult:
        yield Static(Text(self.line, style="bold"), classes="command")
        with VerticalScroll(id="theme"):
            yield Pane(self.view, framed=True, id="theme-text")
        yield Footer()


class CompareScreen(Screen[None]):
    """The overview of `trilat compare`; Enter on a theme opens it side by side."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "back")]

    def __init__(self, corpus: Corpus, reports: tuple[str, ...], corpus_paths: Sequence[str]):
        super().__init__()
        self.corpus, self.reports = corpus, reports
        self.comparison = compare(corpus, reports)
        self.words = ["trilat", *(f"--corpus={path}" for path in corpus_paths), "compare", *reports]

    def compose(self) -> ComposeResult:
        yield Static(Text(safe(shlex.join(self.words)), style="bold"), classes="command")
        yield Static(Text(safe(summary_line(self.comparison))), id="compare-summary")
        yield Pane(fields_view(short_header(self.comparison, False)), id="compare-texts")
        yield DataTable(id="overview", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        themes = [row.theme.id for row in in_blocks(self.comparison)]
        fill(self.query_one("#overview", DataTable), overview(self.comparison), themes)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        theme = event.row_key.value or ""
        line = safe(shlex.join([*self.words, "--theme", theme]))
        self.app.push_screen(ThemeScreen(self.corpus, self.reports, theme, line))


class Browse(App[None]):
    """Facets, results and the item in full; compare, search, copy and open."""

    TITLE = "trilat"
    ENABLE_COMMAND_PALETTE = False  # every key is one of KEYS, and `?` lists them
    CSS = """
    #facets { width: 26; border-right: solid $panel; }
    Screen.-wide #facets { width: 34; }
    #facets SelectionList { height: auto; border: none; padding: 0; }
    #facets .heading { text-style: bold; margin-top: 1; }
    #middle { width: 1fr; }
    #detail { width: 1fr; border-left: solid $panel; padding: 0 1; }
    #search { border: none; height: 1; padding: 0 1; }
    #passage { height: auto; max-height: 7; padding: 0 1; border-top: solid $panel; }
    .command { height: auto; padding: 0 1; background: $panel; }
    #results { height: 1fr; }
    Screen.-narrow #detail { display: none; border-left: none; }
    Screen.-narrow.-reading #detail { display: block; }
    Screen.-narrow.-reading #middle { display: none; }
    #keys { width: 90%; height: 90%; border: round $accent; padding: 0 1; background: $surface; }
    Help { align: center middle; }
    #overview { height: 1fr; }
    """
    # The item beside the list from 120 columns. (Textual types it so that ClassVar fails mypy.)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            key.key.replace("/", "slash").replace("?", "question_mark"),
            key.action,
            key.footer or key.does,
            show=bool(key.footer),
        )
        for key in KEYS
    ]

    def __init__(self, corpus: Corpus, corpus_paths: Sequence[str] = (), use_cache: bool = True):
        super().__init__()
        self.corpus = corpus
        self.corpus_paths = tuple(corpus_paths)
        self.use_cache = use_cache
        self.facets = facets(corpus)
        self.database: sqlite3.Connection | None = None  # opened at the first search
        self.typed = ""
        self.arguments: list[str] = []  # the search's arguments, as trilat search takes them
        self.hits: dict[str, Hit] = {}
        self.shown: list[Item] = []
        self.asked: tuple[Filters, tuple[str, ...]] | None = None  # what the list shows
        self.counts: dict[str, Counter[str]] = {}  # what the facets show

    def compose(self) -> ComposeResult:
        with Horizontal():
            with VerticalScroll(id="facets"):
                for facet in self.facets:
                    yield Static(facet.heading, classes="heading", markup=False)
                    yield FacetList(
                        *(Selection(prompt(name, 0), value) for value, name in facet.values),
                        id=f"facet-{facet.field}",
                    )
            with Vertical(id="middle"):
                yield Static("", id="command", classes="command")
                yield Input(placeholder="/ to search", id="search")
                yield DataTable(id="results", cursor_type="row")
                yield Static("", id="passage")
            with VerticalScroll(id="detail"):
                yield Pane(id="item")
        yield Footer()

    def on_mount(self) -> None:
        results = self.query_one("#results", DataTable)
        results.add_column(Text("ID / report"), key="id")
        results.add_column(Text("Title / kind"), key="title")
        self.update_results()
        results.focus()
        self.call_after_refresh(self.open_index)  # after the first screen, before a search

    def open_index(self) -> sqlite3.Connection:
        from ..search import KEYS as ENGINE
        from ..search import index

        if self.database is None:
            self.database = index(self.corpus, ENGINE, self.use_cache)  # as search() by default
        return self.database

    # ---- what is chosen, and what it lists ------------------------------------------------

    def filters(self) -> Filters:
        chosen = {
            f.field: tuple(self.query_one(f"#facet-{f.field}", SelectionList).selected)
            for f in self.facets
        }
        return Filters(**chosen)

    def update_results(self) -> None:
        """The list for what is chosen and typed; the facets are counted after it is drawn."""
        filters = self.filters()
        if filters.role and not filters.actor:  # as the CLI, a role narrows actors chosen
            filters = filters._replace(role=())
        query = terms(self.typed)
        if query:
            from ..search import parse

            try:
                parse(query)
            except NothingToSearch:
                query = []
        asked = (self.filters(), tuple(query))
        if asked == self.asked:  # a space, or a quotation mark not yet closed: nothing new
            return
        self.asked = asked
        if query:
            from ..search import search

            hits = search(self.corpus, query, filters, database=self.open_index())
            self.hits = {hit.item.id: hit for hit in hits}
            self.shown = [hit.item for hit in hits]
        else:
            self.hits = {}
            self.shown = select(self.corpus, filters)
        self.arguments = query
        self.fill_results()
        line = Text(command_line(filters, query, self.corpus_paths))
        if self.filters().role and not filters.actor:
            line.append("   (a role narrows the actors chosen: choose an actor)", "italic")
        found = len(self.shown)
        line.append(f"   {found:,} item{'s' * (found != 1)}", "dim")
        if found > ROWS:
            line.append(f", the first {ROWS:,} listed", "dim")
        self.query_one("#command", Static).update(line)
        self.call_after_refresh(self.recount, asked, filters)

    def recount(self, asked: tuple[Filters, tuple[str, ...]], filters: Filters) -> None:
        """Each facet value's count, once the list is on the screen, and only for the last
        of keystrokes typed in a burst: the facets follow the list rather than delay it."""
        if asked != self.asked:
            return
        query = list(asked[1])
        among = None
        if query:  # the counts are of the search's hits, whatever the facets chosen
            from ..search import search

            found = search(self.corpus, query, database=self.open_index()) if any(filters) else []
            among = [hit.item for hit in found] if any(filters) else self.shown
        counts = facet_counts(self.corpus, filters, among)
        for facet in self.facets:
            counted = counts[facet.field]
            if counted != self.counts.get(facet.field):  # a thousand reports: redraw if need be
                self.query_one(f"#facet-{facet.field}", FacetList).recount(
                    [prompt(name, counted[value]) for value, name in facet.values]
                )
        self.counts = counts

    def fill_results(self) -> None:
        results = self.query_one("#results", DataTable)
        results.clear()
        for item in self.shown[:ROWS]:
            results.add_row(*result_cells(item), key=item.id, height=2)
        self.show_item(self.shown[0] if self.shown else None)

    def current(self) -> Item | None:
        results = self.query_one("#results", DataTable)
        if not self.shown or results.cursor_row >= min(ROWS, len(self.shown)):
            return None
        return self.shown[results.cursor_row]

    def show_item(self, item: Item | None) -> None:
        pane = self.query_one("#item", Pane)
        pane.draw(show_view(self.corpus, item) if item else None, empty="no items match")
        hit = self.hits.get(item.id) if item else None
        passage = self.query_one("#passage", Static)
        passage.display = hit is not None or not self.shown
        if hit is not None:
            passage.update(styled(why(hit, False), "", marks=True))
        elif not self.shown:
            passage.update(Text(safe(self.nothing()), style="dim"))

    def nothing(self) -> str:
        """What an empty list says, as `trilat search` and `trilat items` say it."""
        if self.arguments:  # no "did you mean": it reads every word, too slow for a keystroke
            return search_view(self.corpus, [], " ".join(self.arguments)).empty
        return "no items match these choices together; leave one out to see more"

    # ---- events ---------------------------------------------------------------------------

    def on_selection_list_selected_changed(self) -> None:
        self.update_results()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.typed = event.value
        self.update_results()

    def on_input_submitted(self) -> None:
        self.query_one("#results", DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "results":
            self.show_item(self.current())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "results" and self.current():
            self.screen.add_class("-reading")
            self.query_one("#detail").focus()

    # ---- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys of an item and of the search work over the results, not over compare."""
        return action not in ON_RESULTS or len(self.screen_stack) == 1

    def action_search(self) -> None:
        self.screen.remove_class("-reading")
        self.query_one("#search", Input).focus()

    def action_leave(self) -> None:
        search_box = self.query_one("#search", Input)
        if self.screen.has_class("-reading"):
            self.screen.remove_class("-reading")
        elif search_box.has_focus and search_box.value:
            search_box.value = ""
        self.query_one("#results", DataTable).focus()

    def action_reset(self) -> None:
        with self.prevent(SelectionList.SelectedChanged, Input.Changed):
            for facet in self.facets:
                self.query_one(f"#facet-{facet.field}", SelectionList).deselect_all()
            self.query_one("#search", Input).value = ""
        self.typed = ""
        self.update_results()

    def action_compare(self) -> None:
        chosen = self.filters().report
        self.push_screen(
            CompareScreen(self.corpus, chosen if len(chosen) > 1 else (), self.corpus_paths)
        )

    def action_keys(self) -> None:
        self.push_screen(Help())

    def copy(self, text: str, what: str) -> None:
        """Text as `trilat` would print it, to the terminal's clipboard (OSC 52)."""
        self.copy_to_clipboard(safe(text))
        self.notify(f"copied {what}", markup=False, timeout=2)

    def action_copy_citation(self) -> None:
        if item := self.current():
            self.copy(
                cite(self.corpus.reports[item.report], None, "apa", False, None).text,
                "the citation",
            )

    def action_copy_quotes(self) -> None:
        if item := self.current():
            self.copy(
                cite(self.corpus.reports[item.report], item, "apa", False, None).text, "the quotes"
            )

    def action_copy_id(self) -> None:
        if item := self.current():
            self.copy(item.id, safe(item.id))

    def action_open_source(self) -> None:
        if item := self.current():
            url = self.corpus.reports[item.report].url
            self.open_url(url)
            self.notify(f"opening {safe(url)}", markup=False, timeout=2)
