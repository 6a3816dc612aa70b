"""A bounded fuzz test (issue 13, done-when): real options, mutated corpora, hostile values.

Argument vectors come from the real commands' options (save paths included); corpora are
the valid user report mutated with tags, control characters, deep nesting and breakage.
Whatever the mix: no traceback, no "unexpected error", a documented exit code (0, 1 or 2),
no control character or bidi override reaching stdout or stderr, no user file changed.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trilat_cli.cli import app

from .corpora import VALID_REPORT
from .test_neutral import RAW

pytestmark = pytest.mark.slow

MUTATIONS = [
    lambda t: t,
    lambda t: t.replace("title: Commitment to consult", 'title: "\\e]0;T\\a\\e[31m\\u202e"'),
    lambda t: t.replace("year: 2023", "year: !!python/object:os.system x"),
    lambda t: t.replace("year: 2023", "year: !!bool maybe"),
    lambda t: t.replace("ordinal: 1", 'ordinal: !!int ""'),
    lambda t: t.replace("ordinal: 1", "ordinal: !!float _"),
    lambda t: t + "deep: " + "[" * 5000 + "\n",
    lambda t: t + "deep: " + "[" * 70 + "]" * 70 + "\n",
    lambda t: t.replace("    kind: recommendation\n", "    kind: recomendation\n    kind: x\n"),
    lambda t: t.replace("    ordinal: 1", '    "\\e[31mfield": 1'),
    lambda t: t.replace("items:", '"\\u202eitems":'),
    lambda t: t.replace("items:", "items: !<tag:%1B]0;x%07> "),
    lambda t: t[: len(t) // 2],
    lambda t: t.replace("us: by", "mars: by").replace('date: "2023-08-18"', 'date: "2023-02-30"'),
    lambda t: "\x1b[31m" + t,
    lambda t: t.replace("id: cd23-commitment", "id: h19-rec-1"),
    lambda t: "- " * 3000 + "x\n",
    lambda t: "a: &a [1, 2]\nb: [*a, *a, *a]\n",
]

VALUES = [
    "",
    " ",
    "us",
    "2019",
    "2021",
    "camp-david-2023",
    "north-korea",
    "json",
    "table",
    "md",
    "tsv",
    "csv",
    "yaml",
    "by",
    "apa",
    "bibtex",
    "h19-rec-1",
    "cd23-commitment",
    "\x1b]0;x\x07",
    "\u202eevil",
    "[bold]x[/]",
    "x" * 300,
]
SAVES = [
    "{tmp}/out.svg",
    "{corpus}",
    "{tmp}",
    "",
    "-",
    "{tmp}/missing/x.html",
    "/proc/x.svg",
    "a\x00b",
]


def command_names() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def options_of(name: str) -> list[tuple[str, bool]]:
    """(option, is_flag) for every option of a command, read from the real command."""
    group = typer.main.get_command(app)
    command = group.commands[name]  # type: ignore[attr-defined]
    return [
        (param.opts[0], param.is_flag)
        for param in command.params
        if param.param_type_name == "option" and param.opts[0] not in ("--help",)
    ]


@st.composite
def argv(draw, corpus: str, tmp: str) -> list[str]:
    name = draw(st.sampled_from(command_names()))
    args = [name]
    if name in ("show", "cite"):
        args.append(draw(st.sampled_from(["cd23-commitment", "h19-rec-1", "camp-david-2023", "x"])))
    if name == "search":
        args.append(draw(st.sampled_from(["consult", "cyber", "\x1b[31m"])))
    if name == "validate":
        args.append(corpus)
    if name == "compare":
        args += draw(st.sampled_from([[], ["2019", "camp-david-2023"], ["2019"]]))
    options = options_of(name)
    chosen = draw(st.lists(st.sampled_from(options), max_size=3)) if options else []
    for option, is_flag in chosen:
        if is_flag:
            args.append(option)
        elif option.startswith("--save"):
            args += [option, draw(st.sampled_from(SAVES)).format(tmp=tmp, corpus=corpus)]
        else:
            args += [option, draw(st.sampled_from(VALUES))]
    return args


# invoke (a CliRunner) and tmp_path_factory hold no state between examples.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), mutation=st.sampled_from(MUTATIONS), cached=st.booleans())
def test_fuzz_never_crashes_nor_leaks_escapes_nor_writes_user_files(
    invoke, tmp_path_factory, data, mutation, cached
) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    corpus = tmp / "mine.yaml"
    corpus.write_text(mutation(VALID_REPORT.lstrip()), encoding="utf-8")
    before = hashlib.sha256(corpus.read_bytes()).hexdigest()
    args = data.draw(argv(str(corpus), str(tmp)))
    with contextlib.chdir(tmp):  # a regression that saves to '-' or '' lands in tmp, not here
        result = invoke(*(() if cached else ("--no-cache",)), "--corpus", str(corpus), *args)
    shown = f"{args!r}\n{result.stderr[:800]}"
    assert result.exit_code in (0, 1, 2), shown
    assert result.exception is None or isinstance(result.exception, SystemExit), shown
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr, shown
    assert RAW.search(result.stdout) is None, shown
    assert RAW.search(result.stderr) is None, shown
    assert hashlib.sha256(corpus.read_bytes()).hexdigest() == before, shown
    assert (
        sorted(p.name for p in Path(tmp).iterdir() if p.name not in ("mine.yaml", "out.svg")) == []
    ), shown
