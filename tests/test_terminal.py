"""What only a real terminal shows: the pager, the --limit note, hyperlinks. Through a pty."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from .process import at_terminal, piped

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
    pytest.mark.slow,
]


@pytest.fixture
def stub_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that records what it was given, and that it was run, in a file."""
    record = tmp_path / "paged.txt"
    script = tmp_path / "stub-pager"
    script.write_text(f'#!/bin/sh\necho "PAGER $*" > "{record}"\ncat >> "{record}"\n')
    script.chmod(0o755)
    return str(script), record


@pytest.mark.parametrize("variable", ["TRILAT_PAGER", "PAGER"])
def test_long_output_goes_through_the_pager_on_a_terminal(stub_pager, variable: str) -> None:
    pager, record = stub_pager
    code, shown = at_terminal("recommend", env={variable: f"{pager} --flag"})
    assert code == 0
    paged = record.read_text(encoding="utf-8")
    assert paged.startswith("PAGER --flag\n")
    assert "h19-rec-1" in paged and "\u256d" in paged  # the framed table, as on the terminal
    assert "h19-rec-1" not in shown


def test_trilat_pager_wins_over_pager(stub_pager, tmp_path: Path) -> None:
    pager, record = stub_pager
    at_terminal("flashpoints", env={"TRILAT_PAGER": pager, "PAGER": str(tmp_path / "none")})
    assert "h19-flash-dokdo" in record.read_text(encoding="utf-8")


@pytest.mark.parametrize("place", ["before", "after"])
def test_no_pager_prints_straight_to_the_terminal(stub_pager, place: str) -> None:
    pager, record = stub_pager
    args = ["--no-pager", "flashpoints"] if place == "before" else ["flashpoints", "--no-pager"]
    code, shown = at_terminal(*args, env={"TRILAT_PAGER": pager})
    assert code == 0 and "h19-flash-dokdo" in shown
    assert not record.exists()


def test_no_pager_in_a_pipe(stub_pager) -> None:
    pager, record = stub_pager
    result = piped("flashpoints", env={"TRILAT_PAGER": pager})
    assert result.returncode == 0 and "h19-flash-dokdo" in result.stdout
    assert not record.exists()


def test_limit_says_how_many_more_on_a_terminal_only(corpus) -> None:
    code, shown = at_terminal("--no-pager", "items", "--limit", "2")
    assert code == 0
    assert f"{len(corpus.items) - 2} more not shown" in shown
    result = piped("items", "--limit", "2")
    assert len(result.stdout.splitlines()) == 2 and result.stderr == ""


def test_json_is_indented_on_a_terminal_and_compact_in_a_pipe() -> None:
    code, shown = at_terminal("--no-pager", "show", "h19-rec-1", "--json")
    assert code == 0 and shown.startswith('{\r\n  "id": "h19-rec-1",\r\n  "report": '), shown
    result = piped("show", "h19-rec-1", "--json")
    assert result.stdout.startswith('{"id":"h19-rec-1","report":'), result.stdout


def test_urls_are_hyperlinks_on_a_terminal_and_never_broken() -> None:
    url = "https://www.hudson.org/foreign-policy/weekend-reads-seoul-s-11th-hour-deal"
    code, shown = at_terminal("--no-pager", "cite", "2019", columns=80)
    assert code == 0 and f"\x1b]8;;{url}\x1b\\{url}\x1b]8;;\x1b\\" in shown
    code, shown = at_terminal("--no-pager", "show", "h19-rec-3", columns=80)
    assert code == 0 and url in shown and "\x1b]8;" in shown


def test_a_dumb_terminal_gets_plain_urls() -> None:
    code, shown = at_terminal("--no-pager", "cite", "2019", env={"TERM": "dumb"})
    assert code == 0 and "\x1b]8;" not in shown and "https://www.hudson.org/" in shown


# ---- a narrow terminal -----------------------------------------------------------------------

ESCAPES = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[A-Za-z]")
WORD = re.compile(r"[\w\u2019'-]+")  # ids, numbers and words, hyphens and apostrophes within
NARROW = ("flashpoints", "compare", "show t21-area-digital", "themes")


@pytest.mark.parametrize("width", [80, 60, 40, 30])
@pytest.mark.parametrize("command", NARROW)
def test_a_narrow_terminal_shows_every_word_whole_within_its_width(
    invoke, command: str, width: int
) -> None:
    """What a wide table shows, a narrow terminal shows too: every id, count and word whole,
    each line within the width. Only a line carrying a URL may be longer: a URL is never broken.
    """
    wide = invoke(*command.split(), "--format", "table", env={"COLUMNS": "250"})
    code, shown = at_terminal("--no-pager", *command.split(), columns=width, env={"NO_COLOR": "1"})
    assert code == 0 and "Traceback" not in shown
    lines = ESCAPES.sub("", shown).replace("\r\n", "\n").splitlines()
    assert [line for line in lines if len(line) > width and "://" not in line] == []
    missing = set(WORD.findall(wide.stdout)) - set(WORD.findall("\n".join(lines)))
    assert not missing, sorted(missing)


def test_an_id_longer_than_a_narrow_line_runs_past_it_whole(corpus) -> None:
    """Where even a value under its label cannot hold an id, the id overflows: never split."""
    code, shown = at_terminal("--no-pager", "themes", columns=20, env={"NO_COLOR": "1"})
    lines = ESCAPES.sub("", shown).replace("\r\n", "\n").splitlines()
    longer = {theme for theme in corpus.themes if len(f"  ({theme})") > 20}
    # each beside its theme's name, in parentheses: "(technology-supply-chains)"
    assert code == 0 and longer and {f"  ({theme})" for theme in longer} <= set(lines)
    assert {line for line in lines if len(line) > 20} == {f"  ({theme})" for theme in longer}


# ---- the pager's life: Ctrl-C and an early quit (issue 21, 6) -----------------------------


@pytest.fixture
def long_output(tmp_path: Path) -> list[str]:
    """A command whose output on a terminal is several pipe buffers long (about 370 KB)."""
    from .corpora import big_corpus

    return ["--corpus", str(big_corpus(tmp_path, 600)), "export", "-f", "json"]


def pager_script(tmp_path: Path, body: str) -> str:
    script = tmp_path / "pager"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


def test_ctrl_c_while_writing_to_the_pager_leaves_it_to_the_pager(tmp_path, long_output) -> None:
    """The terminal sends Ctrl-C to the whole foreground job: trilat and the pager. The pager
    decides what it means (less stops reading, and waits for q); trilat must neither die
    and leave the pager reading the terminal, nor stop feeding it."""
    record = tmp_path / "paged.txt"
    pager = pager_script(
        tmp_path,
        f"trap '' INT\nhead -c 100 > '{record}'\nkill -INT 0\ncat >> '{record}'\n"
        f"echo 'pager done' >> '{record}'",
    )
    code, shown = at_terminal(*long_output, env={"TRILAT_PAGER": pager})
    assert (code, shown) == (0, "")
    paged = record.read_text(encoding="utf-8")
    assert paged.endswith('"big-599"\n  ]\n}\npager done\n') or paged.endswith(
        "}\n  ]\n}\npager done\n"
    ), paged[-300:]
    assert '"id": "big-599"' in paged


def test_quitting_the_pager_early_exits_quietly(tmp_path, long_output) -> None:
    record = tmp_path / "paged.txt"
    pager = pager_script(tmp_path, f"head -c 100 > '{record}'")  # q after the first screen
    code, shown = at_terminal(*long_output, env={"TRILAT_PAGER": pager})
    assert (code, shown) == (0, "")
    assert record.read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize(
    ("value", "note"),
    [
        ('less "', "TRILAT_PAGER 'less \"' is not a command (No closing quotation)"),
        ("no-such-pager-x", "cannot run pager 'no-such-pager-x': No such file or directory"),
        ("/", "cannot run pager '/': Permission denied"),
    ],
)
def test_a_pager_that_cannot_run_is_a_note_and_the_output_still_shows(value, note) -> None:
    code, shown = at_terminal("flashpoints", env={"TRILAT_PAGER": value, "NO_COLOR": "1"})
    assert code == 0, shown
    assert f"trilat: {note}; printing straight to the terminal\r\n" in shown
    assert "h19-flash-dokdo" in shown


@pytest.mark.parametrize("value", ["false", "sh -c 'exit 3'"])
def test_a_pager_that_fails_is_a_note_and_the_output_still_shows(value) -> None:
    """PAGER=false left a blank screen and exit 0: the output was lost without a word."""
    code, shown = at_terminal("flashpoints", env={"TRILAT_PAGER": value, "NO_COLOR": "1"})
    assert code == 0, shown
    assert "; printing straight to the terminal\r\n" in shown
    assert "h19-flash-dokdo" in shown


def test_less_named_as_the_pager_always_shows_colours(tmp_path: Path) -> None:
    """LESS=-i (the user's own options, without -R) showed the table's colours as ESC[1m."""
    record = tmp_path / "args.txt"
    less = tmp_path / "less"
    less.write_text(f'#!/bin/sh\necho "$@" > "{record}"\ncat > /dev/null\n')
    less.chmod(0o755)
    code, _ = at_terminal("flashpoints", env={"PAGER": f"{less} -i", "LESS": "-i"})
    assert code == 0 and record.read_text().split() == ["-i", "-R"]


def test_a_search_for_a_typo_names_the_word_it_used_on_a_terminal() -> None:
    code, shown = at_terminal("--no-pager", "search", "Takeshma")
    assert code == 0 and "h19-flash-dokdo" in shown
    assert "no 'Takeshma' in the corpus; searched for 'Takeshima' instead" in shown


def test_a_search_holding_some_words_only_says_so_on_a_terminal() -> None:
    code, shown = at_terminal("--no-pager", "search", "missile", "test")
    assert code == 0 and "h19-rec-4" in shown
    assert "nothing holds all of 'missile test'; these hold some, most first" in shown


def test_a_typo_is_replaced_by_its_nearest_word_only() -> None:
    # "denuclearization" is nearer than "declaration": only the nearest is searched.
    code, shown = at_terminal("--no-pager", "search", "denuclearzation")
    assert code == 0 and "h19-rec-3" in shown
    assert "searched for 'denuclearization' instead" in shown
