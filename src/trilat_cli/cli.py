"""The `trilat` command line: thin Typer commands over the corpus, query and present layers.

Annotations here are live objects, not postponed strings: Typer reads them at every run,
and evaluating string annotations would cost a few milliseconds of start-up.
"""

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, TextIO, cast

import typer
from typer.core import TyperArgument, TyperGroup
from typer.main import get_command_name
from typer.models import CommandInfo

from . import __version__
from .citation import STYLES
from .compat import ClickException, NoSuchOption
from .corpus.model import KINDS, ROLES
from .errors import (
    CorpusError,
    NothingToSearch,
    OneReportCompared,
    QuoteNeedsItem,
    QuoteOutOfRange,
    RoleWithoutActor,
    TrilatError,
    UnknownValue,
    UsageProblem,
)
from .present import FORMATS
from .present.view import COLORS

if TYPE_CHECKING:
    from .citation import Citation
    from .compat import Command, Context, HelpFormatter
    from .corpus.model import Corpus
    from .errors import Problem
    from .present.view import View

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class TrilatGroup(TyperGroup):
    """Turns domain errors into one message on stderr and an exit code; never a traceback."""

    def parse_args(self, ctx: "Context", args: list[str]) -> list[str]:
        from .typer_shim import lighten

        lighten(self.get_params(ctx))
        try:
            return super().parse_args(ctx, hoisted(args))
        except ClickException as error:
            raise neutralised(error) from None

    def resolve_command(
        self, ctx: "Context", args: list[str]
    ) -> tuple[str | None, "Command | None", list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            from .typer_shim import lighten

            lighten(command.get_params(ctx))
            plain_arguments(command.get_params(ctx))
            refuse_empty_values(command.get_params(ctx))
        return name, command, rest

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        from .compat import complete_with, shell_completion
        from .present.complete import bash_reply, zsh_reply

        shell_completion(bash_reply, zsh_reply)
        for command in [self, *self.commands.values()]:
            for param in command.params:
                sections = CORPUS_VALUES.get(param.name or "")
                if sections:
                    complete_with(param, complete_from(*sections))
        super()._main_shell_completion(*args, **kwargs)

    def format_commands(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        """The commands in groups, as gh lists them: explore, compare, cite and export, yours."""
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in commands if command and not command.hidden]
        width = formatter.width - 6 - max((len(name) for name, _ in shown), default=0)
        panels: dict[str, list[tuple[str, str]]] = {}
        for name, command in shown:
            panel = getattr(command, "rich_help_panel", None) or "Commands"
            panels.setdefault(panel, []).append((name, command.get_short_help_str(width)))
        for panel, rows in panels.items():
            with formatter.section(panel):
                formatter.write_dl(rows)

    def invoke(self, ctx: "Context") -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except NoSuchOption as error:
            # Click suggests any option loosely alike (--corpus: "Possible options: --actor").
            command = error.ctx.command if error.ctx else None
            known = [o for p in command.params for o in p.opts] if command else []
            error.possibilities = closest_options(error.option_name, [*known, *GLOBAL_OPTIONS])
            raise neutralised(error) from None
        except ClickException as error:
            raise neutralised(error) from None
        except TrilatError as error:
            report(error)
            raise typer.Exit(error.exit_code) from None
        except OSError as error:
            if error.errno in OUTPUT_ERRORS:
                raise  # `main` says "cannot write output"
            unexpected(error)
        except typer.TyperException:
            raise  # a usage error found while parsing the command: Typer words it
        except Exception as error:
            unexpected(error)


def neutralised(error: ClickException) -> ClickException:
    """Click's own message made as safe as trilat's: Click escapes control characters in what
    it echoes, but not bidi or zero-width ones, and echoes a value of any length."""
    from .errors import shortened
    from .present.view import safe

    error.message = shortened(safe(error.message), 400)
    return error


OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF}


def unexpected(error: Exception) -> NoReturn:
    if os.environ.get("TRILAT_DEBUG"):
        raise error
    from .errors import shortened
    from .present.view import safe

    message = shortened(safe(f"{type(error).__name__}: {error}"), 1_000)
    print(f"trilat: unexpected error: {message}", file=sys.stderr)
    raise typer.Exit(1) from None


def refuse_empty_values(params: list[Any]) -> None:
    """`--report ''` and the like are mistakes (a variable that was never set), not "any"."""

    def not_empty(ctx: typer.Context, param: Any, value: Any) -> Any:
        given = value if isinstance(value, list | tuple) else [value]
        if any(isinstance(entry, str) and not entry.strip() for entry in given):
            raise typer.BadParameter("an empty value matches nothing; leave the option out")
        from .query import Filters  # whose values are comma lists

        for entry in given if param.name in Filters._fields else ():
            if isinstance(entry, str) and not all(part.strip() for part in entry.split(",")):
                raise typer.BadParameter(
                    f"'{entry}' has an empty part between commas, which matches nothing; "
                    "leave it out"
                )
        return value

    def can_save(ctx: typer.Context, param: Any, value: Any) -> Any:
        """Checked while parsing, so that a bad save path stops the run before any output."""
        if value is not None:
            from .present.saving import check_targets

            try:
                check_targets([value], (ctx.find_root().obj or {}).get("paths", ()))
            except UsageProblem as error:
                from .present.view import safe

                raise typer.BadParameter(safe(str(error))) from None
        return value

    for param in params:
        if param.param_type_name == "option" and not param.is_flag and param.callback is None:
            param.callback = can_save if (param.name or "").startswith("save_") else not_empty


GLOBAL_VALUED = ("--corpus", "-c", "--color")
GLOBAL_FLAGS = ("--no-cache", "--no-pager")
GLOBAL_OPTIONS = ("--corpus", "--color", *GLOBAL_FLAGS)


def hoisted(args: list[str]) -> list[str]:
    """The arguments with global options given after the command moved before it.

    `trilat recommend --corpus x.yaml` then means what `trilat --corpus x.yaml recommend`
    does, as git and gh users expect. Nothing after a `--` moves.
    """
    index = 0
    while index < len(args) and args[index].startswith("-"):
        if args[index] == "--":
            return args
        index += 2 if args[index] in GLOBAL_VALUED else 1
    if index >= len(args):
        return args
    moved: list[str] = []
    kept: list[str] = []
    rest = iter(args[index + 1 :])
    for word in rest:
        if word == "--":
            kept += [word, *rest]
        elif word in GLOBAL_FLAGS or word.startswith(("--corpus=", "--color=")):
            moved.append(word)
        elif word in GLOBAL_VALUED:
            moved += [word, *[value for value in [next(rest, None)] if value is not None]]
        else:
            kept.append(word)
    return [*args[:index], *moved, args[index], *kept]


def closest_options(typed: str, possible: Iterable[str]) -> list[str]:
    """Options worth suggesting: those that start with what was typed, or are close to it."""
    import difflib

    options = [option for option in dict.fromkeys(possible) if option.startswith("--")]
    started = [option for option in options if len(typed) > 2 and option.startswith(typed)]
    return started or difflib.get_close_matches(typed, options, n=3, cutoff=0.75)


class PlainArgument(TyperArgument):
    """An argument shown as its metavar alone: no '<str>' type, no extra braces or brackets."""

    def display_type_rich(self, ctx: Any) -> None:
        return None

    def _usage_display_name(self) -> str:
        return self.display_name_raw if self.required else f"[{self.display_name_raw}]"


def plain_arguments(params: Iterable[Any]) -> None:
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = PlainArgument


def worded(error: TrilatError) -> str:
    """A domain error in the command line's words: options by their flags, examples to type."""
    match error:
        case RoleWithoutActor():
            return "--role narrows --actor: give an actor too, e.g. --actor us --role by"
        case QuoteNeedsItem():
            return "--quote picks one of an item's quotes: name an item, not a report"
        case QuoteOutOfRange():
            return f"{error.has}: --quote takes 1 to {error.count}"
        case OneReportCompared():
            return "compare takes two reports or more, or none, e.g. trilat compare 2019 2021"
        case NothingToSearch():
            return "give something to search for, e.g. trilat search cyber"
        case UnknownValue(listed_all=False):
            # a command per section: 'trilat items', 'trilat themes' and 'trilat kinds' list them
            *others, last = (f"'trilat {section}'" for section in error.sections)
            named = f"{', '.join(others)} and {last}" if others else last
            return f"{error}; {named} list{'s' * (len(error.sections) == 1)} them"
    return str(error)


def report(error: TrilatError) -> None:
    """The error on stderr, its corpus text and paths neutralised like any output."""
    from .errors import shortened
    from .present.view import safe

    # each line cut short: a value echoed whole (a 100,000-character --source) would flood
    lines = [shortened(line, 1_000) for line in safe(worded(error)).split("\n")]
    print("trilat: " + "\n".join(lines), file=sys.stderr)
    if isinstance(error, CorpusError):
        for problem in error.problems:
            print(f"  {safe(str(problem))}", file=sys.stderr)
        if error.more:
            at_least = "" if error.counted_all else "at least "
            print(f"  and {at_least}{error.more:,} more problems", file=sys.stderr)


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


# Parameters whose values complete from the corpus (ids, names, aliases, years), by name.
CORPUS_VALUES = {
    "report": ("reports",),
    "actor": ("actors",),
    "theme": ("themes",),
    "names": ("reports",),
    "target": ("items", "reports", "themes", "kinds"),  # show: an item, report, theme or kind
    "targets": ("items", "reports"),
}


def complete_from(*sections: str) -> Callable[["Context", str], list[tuple[str, str]]]:
    """Candidates from the corpus, (value, help), matched as trilat matches them: in any case,
    and each value of a comma list."""

    def complete(ctx: "Context", incomplete: str) -> list[tuple[str, str]]:
        try:
            corpus = load_corpus(ctx)
        except TrilatError:
            return []
        from .present.complete import candidates

        return [entry for section in sections for entry in candidates(corpus, section, incomplete)]

    return complete


def complete_choice(options: tuple[str, ...]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [option for option in options if option.startswith(incomplete.lower())]

    return complete


# ---- options, each defined once and given to every command it fits -------------------------


def format_option(formats: tuple[str, ...], help: str) -> Any:
    """--format/-f for a command with formats of its own."""
    return typer.Option(
        "--format", "-f", metavar="FORMAT", help=help, autocompletion=complete_choice(formats)
    )


EXPORT_FORMATS = ("yaml", "json", "csv", "md", "tsv")
VALIDATE_FORMATS = ("text", "json")
CITE_FORMATS = ("json", "yaml", "md")
FILTERING = (
    "Several values of one filter (repeated, or a comma list) mean any of them; several "
    "filters mean all of them."
)


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
    list[str] | None,
    typer.Option(
        "--report",
        "-r",
        metavar="REPORT",
        help="Only these reports: id or year (hudson-2019, 2021).",
    ),
]
Actor = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="ACTOR",
        help="Only items these actors take part in: any name, code, alias or capital (us, ROK, Tokyo).",
    ),
]
Role = Annotated[
    list[str] | None,
    typer.Option(
        "--role",
        metavar="ROLE",
        help="With --actor: 'by' (asked to act, or acts) or 'involves' (concerned).",
        autocompletion=complete_choice(ROLES),
    ),
]
Theme = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        metavar="THEME",
        help="Only items on these themes (see 'trilat themes').",
    ),
]
Kind = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help=f"Only items of these kinds: {', '.join(KINDS)}.",
        autocompletion=complete_choice(KINDS),
    ),
]
Limit = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        help="Only the first N rows (at a terminal, a note says how many more there are).",
    ),
]
Quotes = Annotated[
    bool, typer.Option("--quotes", help="Show each item's quotes (the text's own words) too.")
]
Why = Annotated[
    bool,
    typer.Option(
        "--why",
        help="Show why each item is listed: the theme, actor or kind asked for (else its kind) "
        "with its evidence, the words of its quotes that meet the codebook's rule.",
    ),
]
SaveSvg = Annotated[
    Path | None,
    typer.Option(
        "--save-svg", metavar="PATH", help="Also save the table as a standalone SVG file."
    ),
]
Keys = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="KEYS",
        help="Only these keys of each record, in this order (id,title): JSON objects, YAML, "
        "CSV and TSV columns.",
    ),
]
Header = Annotated[
    bool,
    typer.Option("--header", help="In TSV, a first line naming the columns (CSV always has one)."),
]
Web = Annotated[
    bool,
    typer.Option(
        "--web",
        help="Open the text's URL in the browser instead (no browser: print the URL).",
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
        list[str] | None,
        typer.Option(
            "--corpus",
            "-c",
            metavar="PATH",
            envvar="TRILAT_CORPUS",
            help="Add your own corpus file or folder of *.yaml files (repeatable; before or "
            "after the command; TRILAT_CORPUS holds paths separated by the path separator).",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Parse every corpus file afresh; neither read nor write the cache."
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print straight to the terminal. (The pager is TRILAT_PAGER, else PAGER, "
            "else 'less -FRX'; never used in a pipe.)",
        ),
    ] = False,
    color: Annotated[
        str,
        typer.Option(
            "--color",
            metavar="WHEN",
            help="Colour in tables: auto (on a terminal, unless NO_COLOR is set), always "
            "(in a pipe too, whatever NO_COLOR says) or never (no escapes at all).",
            autocompletion=complete_choice(COLORS),
        ),
    ] = "auto",
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
    source = ctx.get_parameter_source("corpus")
    if corpus and source is not None and source.name == "ENVIRONMENT":
        # Empty segments ("~/c:", a leading ':') are ignored, never the current folder.
        corpus = [part for part in os.environ["TRILAT_CORPUS"].split(os.pathsep) if part]
    from .query import resolve_choice

    ctx.obj = {
        "paths": list(corpus or []),
        "cache": not no_cache,
        "pager": not no_pager,
        "color": resolve_choice("color", color, COLORS),
    }
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())


def load_corpus(ctx: "Context") -> "Corpus":
    from .corpus.load import load

    root = ctx.find_root()
    if root.obj is None:  # completing: the options are parsed, but the callback has not run
        root.obj = {"paths": root.params.get("corpus") or [], "cache": True}
    settings = root.obj
    if "corpus" not in settings:
        from .corpus import cache
        from .present.view import safe

        try:
            settings["corpus"] = load(
                settings.get("paths", ()), use_cache=settings.get("cache", True)
            )
        finally:
            while cache.notes:  # the cache's own notes (a folder it will not use), each once
                print(f"trilat: {safe(cache.notes.pop(0))}", file=sys.stderr)
    corpus: Corpus = settings["corpus"]
    return corpus


def output(
    ctx: typer.Context,
    view: "View",
    fmt: str | None,
    as_json: bool = False,
    svg: Path | None = None,
    html: Path | None = None,
    limit: int | None = None,
    width: int | None = None,
    fields: str | None = None,
    header: bool = False,
    more: int = 0,
) -> None:
    """Write the view to stdout (through the pager on a terminal), at most `limit` rows,
    with only the record keys in `fields`. `more`: rows the command cut to the limit
    itself, before making the view."""
    from contextlib import nullcontext

    from .present import choose_format, dumb_terminal, emit, note
    from .present.view import Saves, limited, with_fields

    if limit is not None:
        if limit < 1:
            raise UsageProblem(f"--limit {limit}: give a number of rows, 1 or more")
        view, cut = limited(view, limit)
        more += cut
    if fields is not None:
        view = with_fields(view, fields)
    chosen = choose_format(fmt, as_json, sys.stdout)
    stream: Any = nullcontext(sys.stdout)
    settings = ctx.find_root().obj or {}
    if settings.get("pager", True) and sys.stdout.isatty() and not dumb_terminal():
        from .present.pager import paged

        stream = paged(sys.stdout)
    with stream as out:
        saves = Saves(
            str(svg) if svg else None,
            str(html) if html else None,
            width,
            command_line(ctx),
            tuple(settings.get("paths", ())),
        )
        emit(view, chosen, out, saves, header, settings.get("color", "auto"))
    if more:
        note(f"{more} more not shown; raise or drop --limit to see them", chosen)


class Shown(NamedTuple):
    """How a list is shown: output()'s arguments after the view, as the options gave them."""

    fmt: str | None
    as_json: bool
    svg: Path | None
    html: Path | None
    limit: int | None
    width: int | None
    fields: str | None
    header: bool


def command_line(ctx: typer.Context) -> str:
    """The command as typed, less where it saves to: a saved page's title
    (trilat compare 2019 2021 --theme china)."""
    import shlex

    words = ctx.command_path.split()
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        source = ctx.get_parameter_source(param.name or "")
        if value in (None, False, [], ()) or source is None or source.name != "COMMANDLINE":
            continue
        if (param.name or "").startswith("save_"):
            continue
        values = value if isinstance(value, list | tuple) else [value]
        if param.param_type_name == "argument":
            words += [str(entry) for entry in values]
        elif value is True:
            words.append(param.opts[0])
        else:
            words += [word for entry in values for word in (param.opts[0], str(entry))]
    return shlex.join(words)


def list_items(
    ctx: typer.Context,
    filters: Any,
    shown: "Shown",
    quotes: bool = False,
    noun: str = "items",
    why: bool = False,
) -> None:
    from .present.items import items_view
    from .query import select

    corpus = load_corpus(ctx)
    chosen = select(corpus, filters)
    empty = nothing_found(corpus, filters, noun) if not chosen else ""
    reasons = filters.reasons(corpus) if why else None
    output(ctx, items_view(corpus, chosen, empty, quotes, reasons), *shown)


def nothing_found(corpus: Any, filters: Any, noun: str) -> str:
    """What an empty listing says: which report lacks the kind asked for, or what to drop."""
    from .present.codebooks import counts_text
    from .query import by_report, kind_counts

    ids = filters.resolved(corpus)
    kinds, grouped = set(ids.kind), by_report(corpus) if ids.report else {}
    for report in ids.report:
        counts = kind_counts(corpus, report, grouped[report])
        if kinds and not any(counts.get(kind) for kind in kinds):
            return (
                f"{report} lists no {noun}; it has {counts_text(counts) or 'no items'}"
                f" (see 'trilat items --report {report}')"
            )
    given = [f"--{name}" for name, values in filters._asdict().items() if values and name != "kind"]
    if len(given) > 1:
        return f"no {noun} match {' and '.join(given)} together; drop one to see more"
    return f"no {noun} match"


# ---- commands ---------------------------------------------------------------------------------

EXPLORE, COMPARE, CITE, YOURS = "Explore", "Compare", "Cite and export", "Your corpus"
ITEM_LINES = (
    "In a pipe (tsv), one item a line: id, report, kind, title, summary (with --quotes, "
    "then quotes)."
)


def examples(*lines: str) -> str:
    """An epilog of examples, one a line, never rewrapped."""
    return (
        "\b\n"
        + ("Example:" if len(lines) == 1 else "Examples:")
        + "".join(f"\n  {line}" for line in lines)
    )


@app.command(
    rich_help_panel=EXPLORE,
    epilog=examples("trilat browse", "trilat --corpus mine.yaml browse"),
)
def browse(ctx: typer.Context) -> None:
    """Look around the corpus at a terminal: facets, search, items, compare, cite.

    Choose reports, kinds, actors, roles and themes on the left (any of within a list, all
    of across lists, as the filters of 'trilat items'); the command that lists the same
    items is shown above them. '/' searches as 'trilat search' does, Enter opens an item,
    'v' compares the texts, 'c', 'y' and 'i' copy the citation, the quotes or the id, 'o'
    opens the source, '?' shows every key and 'q' quits. Needs a terminal: in a pipe or a
    script, use 'trilat items' or 'trilat search'.
    """
    from .present import dumb_terminal

    if not (sys.stdin.isatty() and sys.stdout.isatty()) or dumb_terminal():
        raise UsageProblem(
            "browse needs a terminal that can move the cursor (not a pipe, TERM set and not "
            "dumb); elsewhere use 'trilat items' or 'trilat search'"
        )
    from .present.browse import Browse

    root = ctx.find_root()
    source = root.get_parameter_source("corpus")
    typed = root.obj["paths"] if source is not None and source.name == "COMMANDLINE" else []
    Browse(load_corpus(ctx), typed, use_cache=root.obj["cache"]).run()


@app.command(rich_help_panel=EXPLORE, epilog=examples("trilat reports --json | jq '.[].counts'"))
def reports(
    ctx: typer.Context,
    fmt: Format = None,
    as_json: Json = False,
    limit: Limit = None,
    fields: Keys = None,
    header: Header = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    """The source texts, with their items counted by kind.

    In a pipe (tsv), one text a line: id, year, title, authors, publisher, date, items by kind.
    'trilat show REPORT' shows one text in full.
    """
    from .present.codebooks import reports_view

    view = reports_view(load_corpus(ctx))
    output(ctx, view, fmt, as_json, save_svg, save_html, limit, fields=fields, header=header)


def listing(kind: str, noun: str) -> Any:
    """A command that lists the items of one kind, with the usual filters and pictures."""

    def command(
        ctx: typer.Context,
        report: Report = None,
        actor: Actor = None,
        role: Role = None,
        theme: Theme = None,
        fmt: Format = None,
        as_json: Json = False,
        limit: Limit = None,
        quotes: Quotes = False,
        fields: Keys = None,
        header: Header = False,
        save_svg: SaveSvg = None,
        save_html: SaveHtml = None,
    ) -> None:
        from .query import Filters

        filters = Filters.of(kind=[kind], report=report, actor=actor, role=role, theme=theme)
        shown = Shown(fmt, as_json, save_svg, save_html, limit, None, fields, header)
        list_items(ctx, filters, shown, quotes, noun)

    return command


app.command(
    "flashpoints",
    help=f"The flash points in the South Korea-Japan relationship.\n\n{FILTERING}\n\n{ITEM_LINES}",
    epilog=examples("trilat flashpoints --report 2019"),
    rich_help_panel=EXPLORE,
)(listing("flashpoint", "flash points"))

app.command(
    "recommend",
    help="Recommendations, optionally those an actor takes part in.\n\n"
    "--actor matches any role; --role by keeps those the actor is asked to carry out. "
    f"{FILTERING}\n\n{ITEM_LINES}",
    epilog=examples("trilat recommend --actor us --role by", "trilat recommend -a japan,rok"),
    rich_help_panel=EXPLORE,
)(listing("recommendation", "recommendations"))


@app.command(
    help=f"Items of any kind, filtered as you like.\n\n{FILTERING}\n\n{ITEM_LINES}",
    rich_help_panel=EXPLORE,
    epilog=examples(
        "trilat items --kind uncertainty --report 2021",
        "trilat items --actor russia --actor china --theme north-korea",
    ),
)
def items(
    ctx: typer.Context,
    kind: Kind = None,
    report: Report = None,
    actor: Actor = None,
    role: Role = None,
    theme: Theme = None,
    fmt: Format = None,
    as_json: Json = False,
    limit: Limit = None,
    quotes: Quotes = False,
    fields: Keys = None,
    header: Header = False,
    why: Why = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    from .query import Filters

    filters = Filters.of(kind=kind, report=report, actor=actor, role=role, theme=theme)
    shown = Shown(fmt, as_json, save_svg, save_html, limit, None, fields, header)
    list_items(ctx, filters, shown, quotes, why=why)


def picture_width(value: int) -> int:
    """A picture narrower than 40 columns cannot show a theme; wider than 200, not a slide."""
    if not 40 <= value <= 200:
        closest = min(max(value, 40), 200)
        raise typer.BadParameter(f"{value} is not between 40 and 200; try {closest}")
    return value


@app.command(
    rich_help_panel=COMPARE,
    epilog=examples(
        "trilat compare",
        "trilat compare 2019 2021 --theme china",
        "trilat compare --save-svg compare.svg",
    ),
)
def compare(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="REPORT...",
            help="Two or more reports (ids or years); default: the 2019 and the 2021 text.",
        ),
    ] = None,
    theme: Annotated[
        str | None,
        typer.Option(
            "--theme",
            "-t",
            metavar="THEME",
            help="One theme side by side: items, quotes and notes of each text.",
        ),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Every theme with its items and notes, in full.")
    ] = False,
    why: Annotated[
        bool,
        typer.Option(
            "--why",
            help="Beside each item, its evidence for the theme: the words of its quotes that "
            "meet the theme's rule (with --theme, --full, a pipe or a document).",
        ),
    ] = False,
    fmt: Format = None,
    as_json: Json = False,
    header: Header = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
    width: Annotated[
        int,
        typer.Option(
            "--width",
            metavar="COLUMNS",
            help="Columns of the saved picture, 40 to 200.",
            callback=picture_width,
        ),
    ] = 80,
) -> None:
    """Compare texts theme by theme: what changed, at a glance.

    On a terminal: one line per theme, grouped as in both texts, only in the earlier or
    only in the later, with its items counted in each. With three or more texts, a matrix
    in date order with each theme's first and last text and the change between neighbours.
    JSON and pipes keep every item and note; statuses there read continued, new or dropped.

    In a pipe (tsv), one theme a line: theme id, status, item ids of each text, note of each,
    first text, last text, status of each neighbouring pair.
    """
    from .compare import compare as comparison_of
    from .present import choose_format, note
    from .present.comparison import compare_view

    corpus = load_corpus(ctx)
    comparison = comparison_of(corpus, tuple(names or ()), theme)
    for report, count in comparison.suggested:  # a draft's: only accepted codes compare
        message = (
            f"{count} suggested theme{'s' * (count != 1)} of {report} left out, not yet "
            "accepted (trilat draft --accept themes FILE)"
        )
        note(message, choose_format(fmt, as_json, sys.stdout))
    view = compare_view(corpus, comparison, with_quotes=bool(theme), full=full, why=why)
    output(ctx, view, fmt, as_json, save_svg, save_html, width=width, header=header)


@app.command(
    rich_help_panel=EXPLORE,
    epilog=examples("trilat show h19-rec-3", "trilat show hudson-2019", "trilat show 2021 --web"),
)
def show(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="ID|REPORT|THEME|KIND",
            help="An item id (see 'trilat items'), a report id or year, a theme (see 'trilat "
            "themes') or a kind (see 'trilat kinds').",
        ),
    ],
    fmt: Format = None,
    as_json: Json = False,
    web: Web = False,
) -> None:
    """One item, one report, or one theme or kind of the codebook, in full.

    An item: report, kind and number, title, summary (ours), every quote, actors with their
    roles, themes, each code's evidence (the words of its quotes that meet the codebook's
    rule), dated events, and an APA reference to the source text. A report: title, authors,
    date and its note, the report it summarises, summary (ours), its note on each theme
    (ours) and its URL. A theme or kind: its rule, cue words, and each item that carries it
    with its evidence.

    In a pipe (tsv), one field a line: field, value.
    """
    from .present.items import show_view
    from .present.sources import report_view
    from .query import resolve_rule, resolve_source

    corpus = load_corpus(ctx)
    try:
        report_, item = resolve_source(corpus, target)
    except UnknownValue as unknown:
        rule = resolve_rule(corpus, target)
        if rule is None:
            valid = [*unknown.valid, *corpus.themes, *corpus.kinds]
            sections = ("items", "reports", "themes", "kinds")
            raise UnknownValue("item, report, theme or kind", target, valid, *sections) from None
        if web:
            raise UsageProblem(
                f"--web opens the page of a report or an item's report; {rule[1]!r} is a "
                f"{rule[0][:-1]} of the codebook, which has none"
            ) from None
        from .present.codebooks import rule_view

        output(ctx, rule_view(corpus, *rule), fmt, as_json)
        return
    if web:
        open_in_browser([report_.url])
        return
    view = show_view(corpus, item) if item else report_view(corpus, report_)
    output(ctx, view, fmt, as_json)


@app.command(
    help="Full-text search of titles, quotes, summaries and names.\n\n"
    "Whole words in any form, case or accent, in British or American spelling and old or "
    "new romanisation (sanctions finds sanctioned, boycott boycotting, convener convenor, "
    "Pusan Busan); compounds closed, open or hyphenated (cyber attacks finds cyberattacks). "
    'Every word must appear. A quoted "phrase" keeps its words in order; denuclear* is a '
    "prefix. An actor's alias (DPRK, nk, Seoul) also finds its name. When nothing matches, "
    "a word the corpus lacks is replaced by its nearest words; if still nothing, the items "
    "holding most of the words come back (a terminal is told of both). Best "
    "first: hits whose own words match, then those found only through their themes' or "
    "actors' names; a title counts most, then quotes, the summary, names. Each hit shows "
    f"the passage that matched, a quote if it can. {FILTERING}\n\n"
    "In a pipe (tsv), one item a line: id, report, kind, title, summary, match, score (match: "
    "the first passage matched; with --quotes, the quotes come before it).",
    rich_help_panel=EXPLORE,
    epilog=examples(
        'trilat search "north korea" cyber --report 2019', "trilat search dokdo -f md > dokdo.md"
    ),
)
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
    role: Role = None,
    theme: Theme = None,
    kind: Kind = None,
    fmt: Format = None,
    as_json: Json = False,
    limit: Limit = None,
    quotes: Quotes = False,
    fields: Keys = None,
    header: Header = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    from .present.items import search_view
    from .query import Filters
    from .search import search as search_items

    query = " ".join(words)
    filters = Filters.of(kind=kind, report=report, actor=actor, role=role, theme=theme)
    corpus = load_corpus(ctx)
    use_cache = (ctx.find_root().obj or {}).get("cache", True)
    hits = search_items(corpus, words, filters, use_cache=use_cache)
    # Only the hits shown are worked out (their passages, lines and data), not all of them.
    shown = hits[:limit] if limit is not None and limit > 0 else hits
    view = search_view(corpus, shown, query, quotes)
    more = len(hits) - len(shown)
    output(
        ctx, view, fmt, as_json, save_svg, save_html, limit, fields=fields, header=header, more=more
    )
    if hits:
        from .present import choose_format, note

        found = hits[0].found
        notes = [
            f"no '{typed}' in the corpus; searched for "
            + " or ".join(f"'{word}'" for word in used)
            + " instead"
            for typed, used in found.replaced.items()
        ]
        if found.partial:
            notes.append(f"nothing holds all of '{query}'; these hold some, most first")
        for message in notes:  # the same rule as every note: see present.note
            note(message, choose_format(fmt, as_json, sys.stdout))


@app.command(rich_help_panel=EXPLORE, epilog=examples("trilat actors --format md"))
def actors(
    ctx: typer.Context,
    fmt: Format = None,
    as_json: Json = False,
    limit: Limit = None,
    fields: Keys = None,
    header: Header = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    """The actors, their aliases and items per report.

    Any alias works wherever an actor is asked for (--actor ROK, --actor Tokyo).

    In a pipe (tsv), one actor a line: id, name, aliases, then items of each report.
    """
    from .present.codebooks import codebook_view

    view = codebook_view(load_corpus(ctx), "actors")
    output(ctx, view, fmt, as_json, save_svg, save_html, limit, fields=fields, header=header)


@app.command(rich_help_panel=EXPLORE, epilog=examples("trilat themes --save-svg themes.svg"))
def themes(
    ctx: typer.Context,
    fmt: Format = None,
    as_json: Json = False,
    limit: Limit = None,
    fields: Keys = None,
    header: Header = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    """The theme codebook and items per report.

    'trilat show THEME' gives its rule in full, with its cue words, and every item on it
    with its evidence. In a pipe (tsv), one theme a line: id, name, definition, then items
    of each report.
    """
    from .present.codebooks import codebook_view

    view = codebook_view(load_corpus(ctx), "themes")
    output(ctx, view, fmt, as_json, save_svg, save_html, limit, fields=fields, header=header)


@app.command(rich_help_panel=EXPLORE, epilog=examples("trilat kinds", "trilat show recommendation"))
def kinds(
    ctx: typer.Context,
    fmt: Format = None,
    as_json: Json = False,
    limit: Limit = None,
    fields: Keys = None,
    header: Header = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    """The kind codebook: what makes an item a recommendation, a risk, an uncertainty...

    Each kind's written rule and items per report; 'trilat show KIND' gives the rule in full,
    with its cue words, and every item of the kind with its evidence. In a pipe (tsv), one
    kind a line: id, name, rule, then items of each report.
    """
    from .present.codebooks import codebook_view

    view = codebook_view(load_corpus(ctx), "kinds")
    output(ctx, view, fmt, as_json, save_svg, save_html, limit, fields=fields, header=header)


@app.command(
    rich_help_panel=CITE,
    epilog=examples(
        "trilat cite h19-rec-3",
        "trilat cite h19-rec-3 --quote 1 --style chicago",
        "trilat cite h19-rec-3 t21-element-1 --style bibtex > refs.bib",
        "trilat cite h19-rec-5 --style bibtex --bib refs.bib",
        "trilat cite 2019 2021 --style csl-json > refs.json",
    ),
)
def cite(
    ctx: typer.Context,
    targets: Annotated[
        list[str],
        typer.Argument(
            metavar="ID|REPORT...",
            help="Item ids (their quotes, ready to paste, with the citation) or report ids "
            "or years.",
        ),
    ],
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-s",
            metavar="STYLE",
            help="apa, chicago, bibtex, ris, csl-json or csl-yaml.",
            autocompletion=complete_choice(STYLES),
        ),
    ] = "apa",
    quote: Annotated[
        int | None,
        typer.Option("--quote", "-q", metavar="N", help="Only the item's Nth quote (from 1)."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json, yaml or md (italics as *...*). Default: the citation as text.",
            autocompletion=complete_choice(CITE_FORMATS),
        ),
    ] = None,
    as_json: Json = False,
    save_bib: Annotated[
        Path | None,
        typer.Option(
            "--bib",
            metavar="FILE",
            help="Merge the entries into this BibTeX or CSL-JSON file (with --style bibtex or "
            "csl-json): new keys are added, entries already there left alone, and a different "
            "entry under the same key is refused. The quotes are left out.",
        ),
    ] = None,
    web: Web = False,
) -> None:
    """Cite source texts, or items' quotes, ready to paste.

    Styles: APA 7, Chicago 17 (notes and bibliography), BibTeX, RIS and CSL-JSON or
    CSL-YAML (for pandoc, Zotero, Quarto). For an item, its quotes come first, each with its
    paragraph: an in-text citation for APA, "(Hudson Institute, 2019, para. 13).", and a
    note for Chicago ("par. 13"). A quote of 40 words or more (APA) or 100 (Chicago) is a
    block, without quotation marks. Several targets are separated by a blank line.

    BibTeX, RIS and CSL make a bibliography: one entry per report, whatever items you name,
    keyed by the report id (hudson-2019), with the quotes you cite in its annotation.
    BibTeX uses the types and month names classic styles know (@misc, @article, month =
    nov), and keeps the URL raw for biblatex and hyperref.
    """
    from .citation import BIBLIOGRAPHIES, bibliography
    from .citation import cite as citation_of
    from .present.sources import citations_view
    from .query import resolve_choice, resolve_source

    chosen = resolve_choice("style", style, STYLES)
    if save_bib is not None and chosen not in ("bibtex", "csl-json"):
        raise UsageProblem(
            f"--bib merges into a BibTeX or CSL-JSON file, not {chosen}: "
            "add --style bibtex or --style csl-json"
        )
    if fmt is not None and not as_json:
        fmt = resolve_choice("format", fmt, FORMATS)
        if fmt not in CITE_FORMATS:
            raise UsageProblem(
                f"cite prints text to paste, not a {fmt}: use -f {', -f '.join(CITE_FORMATS)}, "
                "or no --format"
            )
    corpus = load_corpus(ctx)
    sources = [resolve_source(corpus, target) for target in targets]
    if web:
        open_in_browser(dict.fromkeys(report_.url for report_, _ in sources))
        return
    markdown = fmt == "md"
    if save_bib is not None:
        merge_bibliography(save_bib, bibliography(sources, chosen, quote, annotate=False))
        return
    if chosen in BIBLIOGRAPHIES:
        citations = bibliography(sources, chosen, quote)
    else:
        citations = [
            citation_of(report_, item, chosen, markdown, quote) for report_, item in sources
        ]
    output(ctx, citations_view(citations, chosen), fmt, as_json)


def merge_bibliography(path: Path, citations: list["Citation"]) -> None:
    """--bib: the entries merged into the user's file, written whole or not at all."""
    from .bibfile import merge_bibtex, merge_csl
    from .corpus.load import shown_path
    from .present.saving import write_atomically
    from .present.view import safe
    from .verify import read_text

    name = shown_path(str(path))
    existing = read_text(str(path), "bibliography") if path.exists() else ""
    if citations[0].style == "bibtex":
        merged = merge_bibtex(existing, [(c.report.id, c.text) for c in citations], name)
    else:
        merged = merge_csl(existing, [c.csl or {} for c in citations], name)
    if merged.added:
        write_atomically(path, merged.text)
    print(
        f"trilat: {safe(name)}: {len(merged.added)} added, {len(merged.present)} already there",
        file=sys.stderr,
    )


def open_in_browser(urls: Iterable[str]) -> None:
    """--web: each URL in the browser, as `gh ... --web` does; where there is none (a server,
    a container), the URL on stdout instead, and exit 0."""
    import webbrowser

    for url in urls:
        if webbrowser.open(url):
            print(f"trilat: opening {url} in your browser", file=sys.stderr)
        else:
            print(url)


@app.command(
    help="The dated events the texts mention, in order.\n\n"
    "Each with its date at its real precision (year, month or day), what happened (ours), and "
    "the items and reports that mention it. An event matches a filter when it, or an item "
    f"that mentions it, does. {FILTERING}\n\n"
    "In a pipe (tsv), one event a line: id, date, precision, what happened, items, reports.",
    rich_help_panel=EXPLORE,
    epilog=examples(
        "trilat timeline --actor south-korea", "trilat timeline --theme history-memory"
    ),
)
def timeline(
    ctx: typer.Context,
    report: Report = None,
    actor: Actor = None,
    theme: Theme = None,
    fmt: Format = None,
    as_json: Json = False,
    limit: Limit = None,
    fields: Keys = None,
    header: Header = False,
    save_svg: SaveSvg = None,
    save_html: SaveHtml = None,
) -> None:
    from .present.events import timeline_view
    from .query import Filters
    from .timeline import timeline as moments

    corpus = load_corpus(ctx)
    filters = Filters.of(report=report, actor=actor, theme=theme)
    view = timeline_view(corpus, moments(corpus, filters))
    output(ctx, view, fmt, as_json, save_svg, save_html, limit, fields=fields, header=header)


def report_and_file(given: str) -> tuple[str, str]:
    """A --source value: the report (id or year) before the first '=', the text's file after."""
    named, _, file = given.partition("=")
    if not (named and file):
        raise UsageProblem(f"--source '{given}' is not REPORT=FILE, e.g. 2021=essay.txt")
    return named, file


@app.command(
    rich_help_panel=YOURS,
    epilog=examples(
        "trilat validate my-reports/ camp-david.yaml",
        "trilat validate camp-david.yaml --source camp-david-2023=camp-david.txt",
        "trilat validate my-reports/ --format json | jq '.problems[]'",
    ),
)
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="PATH...", help="Corpus files or folders of *.yaml files."),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            metavar="REPORT=FILE",
            help="Hold a report (id or year) against the plain text it was taken from: every "
            "quote must stand in FILE word for word, and coverage is reported (repeatable).",
        ),
    ] = None,
    fmt: Annotated[
        str,
        format_option(
            VALIDATE_FORMATS,
            "text (problems on stderr) or json (one object on stdout: ok, problems as records "
            "with file, line, column, code, message and suggestion).",
        ),
    ] = "text",
    as_json: Json = False,
) -> None:
    """Check corpus files without using them.

    The files are checked as they would load beside the bundled corpus, afresh, in one
    pass: every problem is listed on stderr as file:line:column, with what was expected,
    and exit 1 if there is any; else one "ok" line on stdout. Evidence for a code must stand
    in the item's own quotes. A code that shows no evidence though its rule needs some, or
    whose evidence misses the codebook's cue words, is a warning on stderr; the exit stays 0.

    With --source, each quote of the report must stand in the text word for word (only
    whitespace, typographic quotes and dashes may differ; '...' marks an omission), and
    stdout reports how many body sentences of the text some quote takes, listing the rest.
    """
    from .corpus.load import load
    from .present.view import safe
    from .query import resolve_choice

    as_records = as_json or resolve_choice("format", fmt, VALIDATE_FORMATS) == "json"
    paths = paths or []
    if not paths and not source:
        raise UsageProblem("validate needs corpus PATHs, or --source REPORT=FILE, or both")
    texts = [report_and_file(given) for given in source or ()]
    coverage: list[str] = []
    try:
        corpus = load(paths, use_cache=False)  # a check is always afresh, never from a cache
        bare = sum(quote.para is None for item in corpus.items.values() for quote in item.quotes)
        if bare and not texts:
            print(
                f"trilat: note: {bare} quote{'s give' if bare != 1 else ' gives'} no para, so "
                "citations give no paragraph; --source REPORT=FILE names the paragraph of each",
                file=sys.stderr,
            )
        if texts:
            from .present.coverage import coverage_lines
            from .verify import verify

            checked, problems, notes = verify(corpus, paths, texts)
            for note in notes:  # a quote without its paragraph: citations then give none
                print(f"trilat: note: {safe(str(note))}", file=sys.stderr)
            coverage = coverage_lines(checked)
            if not as_records:
                print("\n".join(coverage))
            if problems:
                raise CorpusError(problems)
    except CorpusError as error:
        if not as_records:
            raise
        print_validation(False, error.problems, error.more, coverage)
        raise typer.Exit(1) from None
    from .corpus.lint import code_warnings

    warnings = code_warnings(corpus, paths)
    counts = {name: len(corpus.section(name)) for name in ("reports", "items")}
    if as_records:
        print_validation(True, [], 0, coverage, counts, warnings)
        return
    for problem in warnings:
        print(f"trilat: warning: {safe(str(problem))}", file=sys.stderr)
    from .draft import unfinished

    for line in unfinished(corpus).lines():  # a draft: what a person has still to do
        print(line)
    counted = ", ".join(f"{count} {name}" for name, count in counts.items())
    checked_paths = f"{len(paths)} path{'s' * (len(paths) != 1)} valid; with " if paths else ""
    warned = f" ({len(warnings)} warning{'s' * (len(warnings) != 1)})" if warnings else ""
    print(f"ok: {checked_paths}the bundled corpus: {counted}{warned}")


def print_validation(
    ok: bool,
    problems: "Iterable[Problem]",
    more: int,
    coverage: list[str],
    counts: dict[str, int] | None = None,
    warnings: "Iterable[Problem]" = (),
) -> None:
    """validate's answer as one JSON object on stdout (see README, JSON shapes)."""
    from .present.problems import problem_record
    from .present.text import write_json
    from .present.view import Table, View

    answer = {
        "ok": ok,
        "problems": [problem_record(problem) for problem in problems],
        "more": more,
        "coverage": coverage,
        "counts": counts,
        "warnings": [problem_record(warning) for warning in warnings],
    }
    write_json(View(data=lambda: answer, lines=lambda: Table((), [])), sys.stdout)


DRAFT_FIELDS = ("id", "title", "date", "publisher", "url", "kind")


@app.command(
    rich_help_panel=YOURS,
    epilog=examples(
        "trilat draft statement.txt --id cd-2023 --title 'Joint statement' --date 2023-08-18 "
        "--author 'The White House' --publisher 'The White House' --url https://example.org/cd "
        "-o cd.yaml",
        "trilat draft --accept themes cd.yaml",
    ),
)
def draft(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT|FILE",
            help="A plain UTF-8 text, one paragraph a line ('-': stdin); with --accept, the "
            "drafted corpus file.",
        ),
    ],
    id_: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="The report's id: cd-2023.")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TITLE", help="Its title, as published.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="Its date, 2023, 2023-08 or 2023-08-18 (the year too)."
        ),
    ] = None,
    author: Annotated[
        list[str] | None,
        typer.Option("--author", metavar="NAME", help="An author or byline (repeatable)."),
    ] = None,
    publisher: Annotated[
        str | None, typer.Option("--publisher", metavar="NAME", help="Its publisher.")
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="Where it is published.")
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="FORM",
            help="What it is, for citations: web-page, magazine-article, news-article, "
            "journal-article, report or statement.",
        ),
    ] = "web-page",
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here, not to stdout."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE if it exists (never a corpus file).")
    ] = False,
    accept: Annotated[
        str | None,
        typer.Option(
            "--accept",
            metavar="FAMILY",
            help="Accept every suggested code of one family (actors, themes or kinds) in FILE: "
            "its marker is deleted and FILE rewritten whole (its comments are not kept).",
            autocompletion=complete_choice(("actors", "themes", "kinds")),
        ),
    ] = None,
) -> None:
    """Draft a corpus file from a plain text: cited, with codes suggested.

    Each body paragraph becomes an item, its sentences the quotes (copied exactly, with the
    paragraph's number), so `validate --source` finds every one. A heading (a short line
    with no final full stop) is the verbatim title of the paragraph after it; other titles
    and every summary read "(not written yet: a draft)" until you write them. Actors,
    themes and the kind are suggested from the codebook's names and cue words, each with
    the words that suggested it as evidence and `suggested: true` until you accept it:
    delete the marker, or accept a whole family with --accept.
    """
    from .corpus.load import shown_path
    from .present.saving import write_atomically
    from .present.text import yaml_text

    if accept is not None:
        from .draft import FAMILIES, accepted_data
        from .draft import accept as accepting
        from .query import resolve_choice

        family = resolve_choice("family", accept, FAMILIES)
        data, count = accepting(accepted_data(text), family)
        write_atomically(Path(text).resolve(), yaml_text(data))  # a link's target, the link kept
        print(f"trilat: accepted {count} suggested {family} in {shown_path(text)}", file=sys.stderr)
        return
    from .draft import draft as drafted
    from .draft import left_out, read_text, report_record

    given = dict(zip(DRAFT_FIELDS, (id_, title, date, publisher, url, kind), strict=True))
    record = report_record(given, author or [])
    if out is not None:
        check_output(out, force, ctx.find_root().obj.get("paths", []))
    raw = read_text(text)
    data = drafted(raw, record, load_corpus(ctx))
    for number in left_out(raw, record["authors"]):
        print(
            f"trilat: line {number} of {shown_path(text)} is left out: it ends no sentence "
            "(give it its final full stop to quote it)",
            file=sys.stderr,
        )
    if out is None:
        sys.stdout.write(yaml_text(data))
        return
    write_atomically(out, yaml_text(data))
    print(
        f"trilat: drafted {len(data['items'])} items into {shown_path(out)}; next: trilat "
        f"validate {shown_path(out)} --source {record['id']}={shown_path(text)}",
        file=sys.stderr,
    )


def check_output(out: Path, force: bool, corpus_paths: list[str]) -> None:
    """A draft's output: a new file, or with --force any file trilat may write."""
    from .corpus.load import shown_path
    from .present.saving import check_targets

    if out.exists() and not force:
        raise UsageProblem(f"'{shown_path(out)}' exists; --force replaces it")
    check_targets([out], corpus_paths)


@app.command(rich_help_panel=YOURS, epilog=examples("trilat schema > trilat.schema.json"))
def schema(
    as_json: Annotated[
        bool, typer.Option("--json", help="Accepted as everywhere else: the schema is JSON.")
    ] = False,
) -> None:
    """The JSON Schema of a corpus file, for your editor."""
    import json

    from .corpus.model import corpus_schema

    print(json.dumps(corpus_schema(), indent=2, ensure_ascii=False))


@app.command(
    rich_help_panel=CITE,
    epilog=examples("trilat export --report 2019 > mine.yaml", "trilat export -f md > memo.md"),
)
def export(
    ctx: typer.Context,
    report: Report = None,
    fmt: Annotated[
        str,
        format_option(
            EXPORT_FORMATS,
            "yaml (corpus files that load again), json, csv (one row per item), md (a memo) or "
            "tsv (one item a line: id, report, kind, title, summary).",
        ),
    ] = "yaml",
    as_json: Json = False,
) -> None:
    """The whole corpus, or some reports, in one go.

    YAML and JSON are corpus files that `validate` accepts as they are. With --report, the
    report comes with its items, notes and the events they mention, and refers to actors and
    themes by id: rename its ids and it loads with --corpus as a new report.
    """
    from .present.sources import export_view
    from .query import choices, resolve_choice

    chosen = "json" if as_json else resolve_choice("format", fmt, EXPORT_FORMATS)
    output(ctx, export_view(load_corpus(ctx), choices(report), chosen), chosen)


def command_name(command: CommandInfo) -> str | None:
    """The name Typer gives a command: its own, else its function's name with dashes."""
    if command.name or command.callback is None:
        return command.name
    return get_command_name(command.callback.__name__)


def only_the_command_asked_for(argv: list[str]) -> typer.Typer:
    """The app with just the command named in argv, when one is; else every command as its
    name and help alone (all that the list of commands and completing a name need).

    Typer builds every command's parameters before it runs one, which is a fifth of
    trilat's start-up. Completion looks at the words before the one being completed;
    a word that names no command (a mistake) gets the whole app.
    """
    import copy

    completing = any(name.endswith("_COMPLETE") for name in os.environ)
    words = iter(typed_before_completion() if completing else argv)
    for word in words:
        if word in GLOBAL_VALUED:
            next(words, None)
        elif not word.startswith("-"):
            chosen = [c for c in app.registered_commands if command_name(c) == word]
            if not chosen:
                return app
            lean = copy.copy(app)
            lean.registered_commands = chosen
            return lean
    listed = copy.copy(app)
    listed.registered_commands = [listed_only(command) for command in app.registered_commands]
    return listed


def listed_only(command: CommandInfo) -> CommandInfo:
    """A command as the list of commands shows it: its name, panel and help, no parameters."""
    import copy
    import inspect

    shown = copy.copy(command)
    shown.name = command_name(command)
    shown.help = command.help or inspect.getdoc(command.callback)
    shown.callback = unnamed  # no parameters to build, and never run: no command was named
    return shown


def unnamed() -> None:
    """The callback of a command listed only (see `listed_only`)."""


def typed_before_completion() -> list[str]:
    """The words a shell completes after (bash's COMP_WORDS up to COMP_CWORD; the line
    Typer hands other shells, but its last word when it is still being typed)."""
    if "COMP_WORDS" in os.environ:
        words = os.environ["COMP_WORDS"].split()
        cursor = os.environ.get("COMP_CWORD", "")
        return words[1 : int(cursor)] if cursor.isdigit() else words[1:]
    line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
    words = line.split()
    return words[1:] if line.endswith(" ") else words[1:-1]


def main() -> None:
    """The console-script entry point: a real process, with real pipes and encodings."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        # A reader that closes the pipe early (trilat ... | head -1) ends us quietly.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from .present.encoding import degrade_gracefully

    if sys.stderr is None:  # closed before we started (2>&-): messages go nowhere, not to stdout
        sys.stderr = io.StringIO()
    if sys.stdout is None:  # closed (>&-): writing fails as on a broken device, in one line
        sys.stdout = cast(TextIO, ClosedStream())
    degrade_gracefully(sys.stdout, sys.stderr)
    try:
        only_the_command_asked_for(sys.argv[1:])(prog_name="trilat")
    except SystemExit as done:
        status = done.code
    except OSError as error:  # writing help, the version or a completion script
        status = cannot_write(error)
    try:
        sys.stdout.flush()  # output still buffered fails here, not at interpreter exit
    except OSError as error:
        status = cannot_write(error)
    sys.exit(status)


class ClosedStream(io.TextIOBase):
    """What stands for stdout when the shell closed it: every write fails, as to a device gone."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")


def cannot_write(error: OSError) -> int:
    """A full disk or a broken device under stdout: one line, exit 1, never a traceback."""
    with contextlib.suppress(OSError):  # stderr may be full or gone too
        print(f"trilat: cannot write output: {error.strerror or error}", file=sys.stderr)
    with contextlib.suppress(OSError, ValueError):
        # What is still buffered would fail again at exit; let it go nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1
