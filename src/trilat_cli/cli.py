"""The `trilat` command line: thin Typer commands over the corpus, query and present layers.

Annotations here are live objects, not postponed strings: Typer reads them at every run,
and evaluating string annotations would cost a few milliseconds of start-up.
"""

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__
from .citation import STYLES
from .corpus.model import KINDS, ROLES
from .errors import CorpusError, TrilatError
from .present import FORMATS

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class TrilatGroup(TyperGroup):
    """Turns domain errors into one message on stderr and an exit code; never a traceback."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        from .typer_shim import lighten

        lighten(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            from .typer_shim import lighten

            lighten(command.get_params(ctx))
        return name, command, rest

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except TrilatError as error:
            report(error)
            raise typer.Exit(error.exit_code) from None
        except Exception as error:
            if type(error).__module__.startswith("typer"):
                raise
            if os.environ.get("TRILAT_DEBUG"):
                raise
            print(f"trilat: unexpected error: {type(error).__name__}: {error}", file=sys.stderr)
            raise typer.Exit(1) from None


def report(error: TrilatError) -> None:
    print(f"trilat: {error}", file=sys.stderr)
    if isinstance(error, CorpusError):
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)


app = typer.Typer(
    cls=TrilatGroup,
    name="trilat",
    help="Explore, filter, compare and cite US-Japan-South Korea policy texts.",
    epilog="Run 'trilat COMMAND -h' for a command's options and an example.",
    context_settings=CONTEXT,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=False,
    invoke_without_command=True,
)


# ---- completion: option values come from the corpus ----------------------------------------


def complete_from(section: str):
    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        try:
            corpus = load_corpus(ctx)
        except TrilatError:
            return []
        from .present.complete import candidates

        return candidates(corpus, section, incomplete)

    return complete


def complete_choice(options: tuple[str, ...]):
    def complete(incomplete: str) -> list[str]:
        return [option for option in options if option.startswith(incomplete.lower())]

    return complete


# ---- options shared by the commands --------------------------------------------------------

EXPORT_FORMATS = ("yaml", "json", "csv", "md")

Format = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, json, yaml, csv, md or tsv. Default: table on a terminal, tsv in a pipe.",
        autocompletion=complete_choice(FORMATS),
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
Report = Annotated[
    str | None,
    typer.Option(
        "--report",
        "-r",
        metavar="REPORT",
        help="Only this report: its id or year (hudson-2019, 2021).",
        autocompletion=complete_from("reports"),
    ),
]
Actor = Annotated[
    str | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="ACTOR",
        help="Only items this actor takes part in: any name, code, alias or capital (us, ROK, Tokyo).",
        autocompletion=complete_from("actors"),
    ),
]
Role = Annotated[
    str | None,
    typer.Option(
        "--role",
        metavar="ROLE",
        help="With --actor: 'by' (asked to act, or acts) or 'involves' (concerned).",
        autocompletion=complete_choice(ROLES),
    ),
]
Theme = Annotated[
    str | None,
    typer.Option(
        "--theme",
        "-t",
        metavar="THEME",
        help="Only items on this theme (see 'trilat themes').",
        autocompletion=complete_from("themes"),
    ),
]
Kind = Annotated[
    str | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help=f"Only items of this kind: {', '.join(KINDS)}.",
        autocompletion=complete_choice(KINDS),
    ),
]
SaveSvg = Annotated[
    Path | None,
    typer.Option(
        "--save-svg", metavar="PATH", help="Also save the table as a standalone SVG file."
    ),
]
SaveHtml = Annotated[
    Path | None,
    typer.Option(
        "--save-html", metavar="PATH", help="Also save the table as a standalone HTML file."
    ),
]


def show_version(value: bool) -> None:
    if value:
        print(f"trilat {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            "--corpus",
            "-c",
            metavar="PATH",
            envvar="TRILAT_CORPUS",
            help="Add your own corpus file or folder of *.yaml files (repeatable; "
            "TRILAT_CORPUS holds paths separated by the path separator).",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Parse every corpus file afresh; neither read nor write the cache."
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Print the version and exit.",
            callback=show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Explore, filter, compare and cite US-Japan-South Korea policy texts."""
    ctx.obj = {"paths": list(corpus or []), "cache": not no_cache}
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())


def load_corpus(ctx: typer.Context):
    from .corpus.load import load

    settings = ctx.find_root().obj or {}
    if "corpus" not in settings:
        settings["corpus"] = load(settings.get("paths", ()), use_cache=settings.get("cache", True))
    return settings["corpus"]


def output(
    view, fmt: str | None, as_json: bool, svg: Path | None = None, html: Path | None = None
) -> None:
    from .present import choose_format, emit

    emit(
        view,
        choose_format(fmt, as_json, sys.stdout),
        sys.stdout,
        svg and str(svg),
        html and str(html),
    )


def list_items(
    ctx: typer.Context, filters, fmt, as_json, svg=None, html=None, empty="no items match"
) -> None:
    from .present.items import items_view
    from .query import select

    output(items_view(select(load_corpus(ctx), filters), empty), fmt, as_json, svg, html)


# ---- commands ---------------------------------------------------------------------------------


@app.command(epilog="Example: trilat reports --json | jq '.[].counts'")
def reports(ctx: typer.Context, fmt: Format = None, as_json: Json = False) -> None:
    """The source texts, with their items counted by kind.

    Id, year, title, authors, publisher, date and a count of items of each kind.
    """
    from .present.codebooks import reports_view

    output(reports_view(load_corpus(ctx)), fmt, as_json)


def listing(kind: str, empty: str) -> Any:
    """A command that lists the items of one kind, with the usual filters and pictures."""

    def command(
        ctx: typer.Context,
        report: Report = None,
        actor: Actor = None,
        role: Role = None,
        theme: Theme = None,
        fmt: Format = None,
        as_json: Json = False,
        save_svg: SaveSvg = None,
        save_html: SaveHtml = None,
    ) -> None:
        from .query import Filters

        filters = Filters(kind, report, actor, role, theme)
        list_items(ctx, filters, fmt, as_json, save_svg, save_html, empty)

    return command


app.command(
    "flashpoints",
    help="The flash points in the South Korea-Japan relationship.",
    epilog="Example: trilat flashpoints --report 2019",
)(listing("flashpoint", "no flash points match"))

app.command(
    "recommend",
    help="Recommendations, optionally those an actor takes part in.\n\n"
    "--actor matches any role; --role by keeps those the actor is asked to carry out.",
    epilog="Example: trilat recommend --actor us --role by",
)(listing("recommendation", "no recommendations match"))


@app.command(epilog="Example: trilat items --kind uncertainty --report 2021")
def items(
    ctx: typer.Context,
    kind: Kind = None,
    report: Report = None,
    actor: Actor = None,
    role: Role = None,
    theme: Theme = None,
    fmt: Format = None,
    as_json: Json = False,
) -> None:
    """Items of any kind, filtered as you like."""
    from .query import Filters

    list_items(ctx, Filters(kind, report, actor, role, theme), fmt, as_json)


@app.command(epilog="Examples: trilat compare   |   trilat compare 2019 2021 --theme china")
def compare(
    ctx: typer.Context,
    first: Annotated[
        str | None,
        typer.Argument(
            metavar="[REPORT_A]",
            help="Earlier report (id or year).",
            autocompletion=complete_from("reports"),
        ),
    ] = None,
    second: Annotated[
        str | None,
        typer.Argument(
            metavar="[REPORT_B]",
            help="Later report (id or year).",
            autocompletion=complete_from("reports"),
        ),
    ] = None,
    theme: Theme = None,
    fmt: Format = None,
    as_json: Json = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    """Compare two texts theme by theme.

    For each theme: continued (in both), new (only in the later text) or dropped (only in
    the earlier), the items on each side and each text's note. Without reports, compares
    the 2019 and the 2021 texts; --theme shows one theme side by side with its quotes.
    """
    from .compare import compare as comparison_of
    from .present.comparison import compare_view
    from .query import resolve_theme

    corpus = load_corpus(ctx)
    comparison = comparison_of(corpus, first, second)
    if theme:
        wanted = resolve_theme(corpus, theme)
        rows = tuple(row for row in comparison.rows if row.theme.id == wanted)
        comparison = type(comparison)(comparison.reports, rows)
    output(
        compare_view(corpus, comparison, with_quotes=bool(theme)), fmt, as_json, save_svg, save_html
    )


@app.command(epilog="Example: trilat show h19-rec-3")
def show(
    ctx: typer.Context,
    item_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An item id (see 'trilat items').",
            autocompletion=complete_from("items"),
        ),
    ],
    fmt: Format = None,
    as_json: Json = False,
) -> None:
    """One item in full, with a citation of its source.

    Report, kind and number, title, summary (ours), every quote, actors with their roles,
    themes, dated events, and an APA reference to the source text.
    """
    from .present.items import show_view
    from .query import resolve_item

    corpus = load_corpus(ctx)
    output(show_view(corpus, resolve_item(corpus, item_id)), fmt, as_json)


@app.command(epilog='Example: trilat search "north korea" cyber --report 2019')
def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...", help='Words, "phrases" and prefix* words; all must appear.'
        ),
    ],
    report: Report = None,
    actor: Actor = None,
    theme: Theme = None,
    kind: Kind = None,
    fmt: Format = None,
    as_json: Json = False,
) -> None:
    """Full-text search of titles, quotes, summaries and names.

    Whole words, by stem and in British or American spelling (sanctions finds
    sanctioned, defence finds defense), in any case or accent; every word must appear.
    A quoted "phrase" keeps its words in order; denuclear* is a prefix. An actor's alias
    (DPRK, nk, Seoul) also finds its name. Best first: a title counts most, then quotes,
    the summary, names. Each hit shows the passage that matched, a quote if it can.
    """
    from .present.items import search_view
    from .query import Filters
    from .search import nearest_words
    from .search import search as search_items

    corpus = load_corpus(ctx)
    use_cache = (ctx.find_root().obj or {}).get("cache", True)
    hits = search_items(
        corpus, words, Filters(kind, report, actor, None, theme), use_cache=use_cache
    )
    output(
        search_view(hits, " ".join(words), [] if hits else nearest_words(corpus, words)),
        fmt,
        as_json,
    )


@app.command(epilog="Example: trilat actors --format md")
def actors(
    ctx: typer.Context,
    fmt: Format = None,
    as_json: Json = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    """The actors, their aliases and items per report.

    Any alias works wherever an actor is asked for (--actor ROK, --actor Tokyo).
    """
    from .present.codebooks import codebook_view

    output(codebook_view(load_corpus(ctx), "actors"), fmt, as_json, save_svg, save_html)


@app.command(epilog="Example: trilat themes --save-svg themes.svg")
def themes(
    ctx: typer.Context,
    fmt: Format = None,
    as_json: Json = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    """The theme codebook and items per report."""
    from .present.codebooks import codebook_view

    output(codebook_view(load_corpus(ctx), "themes"), fmt, as_json, save_svg, save_html)


@app.command(
    epilog="Examples: trilat cite h19-rec-3   |   trilat cite 2021 --style bibtex >> refs.bib"
)
def cite(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="ID|REPORT",
            help="An item id (its quotes, ready to paste, with the citation) or a report id or year.",
            autocompletion=complete_from("items"),
        ),
    ],
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-s",
            metavar="STYLE",
            help="apa, chicago, bibtex or ris.",
            autocompletion=complete_choice(STYLES),
        ),
    ] = "apa",
    fmt: Format = None,
    as_json: Json = False,
) -> None:
    """Cite a source text, or an item's quotes, ready to paste.

    Styles: APA 7, Chicago 17 (notes and bibliography), BibTeX and RIS. For an item,
    its quotes come first, each with an in-text citation (APA) or a note (Chicago).
    """
    from .citation import cite as citation_of
    from .present.sources import citation_view
    from .query import resolve_choice, resolve_source

    chosen = resolve_choice("style", style, STYLES)
    report_, item = resolve_source(load_corpus(ctx), target)
    from .present import choose_format

    markdown = choose_format(fmt, as_json, sys.stdout) == "md"
    output(citation_view(citation_of(report_, item, chosen, markdown)), fmt, as_json)


@app.command(epilog="Example: trilat timeline --actor south-korea")
def timeline(
    ctx: typer.Context,
    report: Report = None,
    actor: Actor = None,
    fmt: Format = None,
    as_json: Json = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    """The dated events the texts mention, in order.

    Each with its date at its real precision (year, month or day), what happened (ours),
    and the items and reports that mention it.
    """
    from .present.events import timeline_view
    from .timeline import timeline as moments

    corpus = load_corpus(ctx)
    output(timeline_view(corpus, moments(corpus, report, actor)), fmt, as_json, save_svg, save_html)


@app.command(epilog="Example: trilat validate my-reports/ camp-david.yaml")
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Corpus files or folders of *.yaml files."),
    ],
) -> None:
    """Check corpus files without using them.

    The files are checked as they would load beside the bundled corpus: every problem is
    listed on stderr as file:line:column, with what was expected; exit 1 if there is any.
    """
    from .corpus.load import load

    corpus = load(paths, use_cache=ctx.find_root().obj["cache"])
    counts = ", ".join(f"{len(corpus.section(name))} {name}" for name in ("reports", "items"))
    print(
        f"ok: {len(paths)} path{'s' * (len(paths) != 1)} valid; with the bundled corpus: {counts}"
    )


@app.command(epilog="Example: trilat schema > trilat.schema.json")
def schema() -> None:
    """The JSON Schema of a corpus file, for your editor."""
    import json

    from .corpus.model import corpus_schema

    print(json.dumps(corpus_schema(), indent=2, ensure_ascii=False))


@app.command(
    epilog="Examples: trilat export --report 2019 > mine.yaml   |   trilat export -f md > memo.md"
)
def export(
    ctx: typer.Context,
    report: Report = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="yaml (corpus files that load again), json, csv (one row per item) or md (a memo).",
            autocompletion=complete_choice(EXPORT_FORMATS),
        ),
    ] = "yaml",
) -> None:
    """The whole corpus, or one report, in one go.

    YAML and JSON are corpus files that `validate` accepts as they are. With --report, the
    report comes with its items, notes and the events they mention, and refers to actors and
    themes by id: rename its ids and it loads with --corpus as a new report.
    """
    from .present.sources import export_view
    from .query import resolve_choice

    chosen = resolve_choice("format", fmt, EXPORT_FORMATS)
    output(export_view(load_corpus(ctx), report, chosen), chosen, False)


def only_the_command_asked_for(argv: list[str]) -> typer.Typer:
    """The app with just the command named in argv, when one is (else the whole app).

    Typer builds every command's parameters before it runs one, which is a fifth of
    trilat's start-up; help, completion and mistakes still get the whole app.
    """
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return app
    words = iter(argv)
    for word in words:
        if word in ("--corpus", "-c"):
            next(words, None)
        elif not word.startswith("-"):
            chosen = [c for c in app.registered_commands if (c.name or c.callback.__name__) == word]
            if not chosen:
                return app
            import copy

            lean = copy.copy(app)
            lean.registered_commands = chosen
            return lean
    return app


def main() -> None:
    """The console-script entry point: a real process, with real pipes and encodings."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        # A reader that closes the pipe early (trilat ... | head -1) ends us quietly.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from .present.encoding import degrade_gracefully

    degrade_gracefully(sys.stdout, sys.stderr)
    only_the_command_asked_for(sys.argv[1:])(prog_name="trilat")
