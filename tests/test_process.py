"""The installed `trilat` as a real process with piped stdout: what only a process shows."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest
import yaml

from trilat_cli.corpus.load import load

from .corpora import VALID_REPORT
from .process import SCRIPT, piped, python, spawn

pytestmark = [
    pytest.mark.skipif(SCRIPT is None, reason="the trilat console script is not installed"),
    pytest.mark.slow,
]

run = partial(piped, program=SCRIPT)  # the installed script, as a user runs it


US_RECOMMENDATIONS = sum(
    item.kind == "recommendation" and "us" in item.actors
    for item in load(use_cache=False).items.values()
)


def test_piped_output_is_one_record_per_line_without_escapes() -> None:
    result = run("recommend", "--actor", "us")
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == US_RECOMMENDATIONS and all(line.count("\t") == 4 for line in lines)
    assert "\x1b" not in result.stdout


def test_csv_lines_end_in_a_newline_alone() -> None:
    # Bytes: CliRunner and text-mode pipes would both hide a carriage return.
    out = run("flashpoints", "--format", "csv", text=False).stdout
    assert b"\r" not in out and out.count(b"\n") == 5


def test_json_from_a_process_parses() -> None:
    result = run("recommend", "--actor", "japan", "--json")
    records = json.loads(result.stdout)
    assert all("japan" in record["actors"] for record in records)


def test_module_entry_point_runs_the_same_program() -> None:
    result = piped("flashpoints", "--format", "json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 4


def test_a_reader_closing_the_pipe_early_ends_it_quietly(tmp_path: Path) -> None:
    # Enough output to fill the pipe several times over: the writer must meet a closed pipe.
    from .corpora import big_corpus

    corpus = big_corpus(tmp_path, 3000)
    process = spawn(
        "--corpus",
        str(corpus),
        "items",
        env={"TRILAT_CACHE_DIR": str(tmp_path / "cache")},
        program=SCRIPT,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert first.startswith(b"h19-")
    assert stderr == ""


def test_an_ascii_only_stream_degrades_instead_of_crashing() -> None:
    result = run("show", "h19-rec-1", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert 'Back off "burden-sharing" rhetoric' in result.stdout
    as_json = run("show", "h19-rec-1", "--json", env={"PYTHONIOENCODING": "ascii"})
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["title"] == "Back off \u201cburden-sharing\u201d rhetoric"
    table = run("compare", "--format", "table", env={"PYTHONIOENCODING": "ascii"})
    assert table.returncode == 0 and table.stdout.isascii()


@pytest.mark.parametrize(
    ("item", "written", "shown"),
    [
        (
            "h19-context-report",
            "help \u2013 and not hinder \u2013 this",
            "help - and not hinder - this",
        ),
        ("t21-element-2", "June\u2014possibly the site", "June--possibly the site"),
    ],
)
def test_an_ascii_only_stream_writes_dashes_as_hyphens(item: str, written: str, shown: str) -> None:
    assert written in run("show", item).stdout
    result = run("show", item, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and shown in result.stdout


def test_yaml_on_an_ascii_only_stream_escapes_rather_than_loses_characters() -> None:
    result = run("show", "h19-rec-1", "-f", "yaml", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and result.stdout.isascii()
    assert yaml.safe_load(result.stdout)["title"] == "Back off \u201cburden-sharing\u201d rhetoric"


def test_an_ascii_only_stream_writes_other_characters_as_question_marks(write) -> None:
    report = VALID_REPORT.replace("Commitment to consult", "Commitment to consult (\ud611\uc758)")
    path = str(write("cd.yaml", report))
    result = run("--corpus", path, "show", "cd23-commitment", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and "Commitment to consult (??)" in result.stdout


LEAN_RUN = """
import sys
sys.argv = ["trilat", *sys.argv[1:]]
from trilat_cli.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"pydantic", "yaml", "rich", "textual"})
print(",".join(heavy), file=sys.stderr)
"""


def test_a_warm_json_run_imports_no_pydantic_yaml_rich_or_textual(tmp_path: Path) -> None:
    args = ("recommend", "--actor", "us", "--format", "json")
    env = {"TRILAT_CACHE_DIR": str(tmp_path)}
    assert piped(*args, env=env, program=python(LEAN_RUN)).returncode == 0  # fills the cache
    warm = piped(*args, env=env, program=python(LEAN_RUN))
    assert len(json.loads(warm.stdout)) == US_RECOMMENDATIONS
    assert warm.stderr.strip() == ""


def test_warm_flashpoints_in_json_imports_neither_textual_nor_rich(tmp_path: Path) -> None:
    """Textual is for `browse` alone (issue 26): the everyday command does without it."""
    args = ("flashpoints", "--format", "json")
    env = {"TRILAT_CACHE_DIR": str(tmp_path)}
    assert piped(*args, env=env, program=python(LEAN_RUN)).returncode == 0  # fills the cache
    warm = piped(*args, env=env, program=python(LEAN_RUN))
    assert len(json.loads(warm.stdout)) == 4
    assert warm.stderr.strip() == ""


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--help"], {}),
        ([], {}),
        ([], {"_TRILAT_COMPLETE": "complete_bash", "COMP_WORDS": "trilat ", "COMP_CWORD": "1"}),
        ([], {"_TRILAT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "trilat fl"}),
        ([], {"_TRILAT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "trilat -c x.yaml "}),
    ],
)
def test_the_list_of_commands_a_process_builds_lazily_is_the_whole_apps(args, env) -> None:
    """A process builds no command's parameters to list the commands; the list is the same."""
    whole = piped(
        *args, env=env, program=python("from trilat_cli.cli import app; app(prog_name='trilat')")
    )
    lazy = run(*args, env=env)
    assert (lazy.returncode, lazy.stdout, lazy.stderr) == (
        whole.returncode,
        whole.stdout,
        whole.stderr,
    )
    assert "flashpoints" in lazy.stdout
