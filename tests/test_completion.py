"""Shell completion: the script trilat prints completes in a real shell, from the corpus."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .corpora import VALID_REPORT

BASH = shutil.which("bash")
SCRIPTS = Path(sys.executable).parent  # where the installed `trilat` is

# What bash does on TAB: load the completion script trilat printed, then call its function
# with the words typed so far; then what it does with the word it inserts: read it back.
TAB = """
eval "$(trilat --show-completion bash)"
COMP_WORDS=(trilat recommend --actor Dem)
COMP_CWORD=3
_trilat_completion trilat
printf '%s\\n' "${#COMPREPLY[@]}" "${COMPREPLY[0]}"
eval "set -- ${COMPREPLY[0]}"
printf '%s\\n' "$#" "$1"
"""


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
@pytest.mark.skipif(not (SCRIPTS / "trilat").exists(), reason="trilat is not installed")
def test_the_printed_bash_script_completes_one_word_from_the_corpus() -> None:
    done = subprocess.run(
        [BASH, "--norc", "--noprofile", "-c", TAB],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PATH": f"{SCRIPTS}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    assert (done.returncode, done.stderr) == (0, "")
    count, inserted, words, read_back = done.stdout.splitlines()
    assert (count, inserted) == ("1", "Democratic\\ People\\'s\\ Republic\\ of\\ Korea")
    assert (words, read_back) == ("1", "Democratic People's Republic of Korea")


def completions(invoke, line: str, env: dict[str, str] | None = None) -> str:
    settings = {"_TRILAT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    result = invoke(env={**settings, **(env or {})})
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


@pytest.mark.parametrize(
    ("line", "expected", "absent"),
    [
        ("trilat recommend --actor Se", "'Seoul  -- South Korea'", "japan"),
        ("trilat recommend --actor ja", "'japan'", "Seoul"),
        ("trilat items --theme cl", "'climate'", "cyber"),
        ("trilat flashpoints --report hud", "'hudson-2019'", "tni-2021"),
        ("trilat compare 20", "'2021'", "hudson-2019"),
        ("trilat show t21-area-c", "'t21-area-climate'", "h19-"),
        ("trilat cite h19-rec-", "'h19-rec-5'", "t21-"),
        ("trilat items --kind fl", "flashpoint", "risk"),
        ("trilat cite 2019 --style b", "bibtex", "chicago"),
    ],
)
def test_option_values_complete_from_the_corpus(
    invoke, line: str, expected: str, absent: str
) -> None:
    out = completions(invoke, line)
    assert expected in out
    assert absent not in out


def test_a_corpus_that_does_not_load_completes_nothing_and_says_nothing(invoke, write) -> None:
    good = str(write("good.yaml", VALID_REPORT))
    assert "cd23-commitment" in completions(invoke, "trilat show cd23-", {"TRILAT_CORPUS": good})
    bad = str(write("bad.yaml", VALID_REPORT.replace("year: 2023", "year: soon")))
    assert "cd23-" not in completions(invoke, "trilat show cd23-", {"TRILAT_CORPUS": bad})


# ---- issue 27: a word each shell reads back as the value ----------------------------------------

DPRK = "Democratic People's Republic of Korea"
TYPED = [  # what is typed after `trilat items --actor `, and the value it must complete to
    ("'Dem", DPRK),
    ('"Dem', DPRK),
    ("Dem", DPRK),
    ("'Republic of", "Republic of Korea"),
    ("us,ja", "us,japan"),
    ("people", "People's Republic of China"),
    ("South\\ K", "South Korea"),
    ("us,j", "us,japan"),  # not also us,JP and us,JPN: bash would cut the word back to `us,`
]


@pytest.mark.slow
@pytest.mark.skipif(not (SCRIPTS / "trilat").exists(), reason="trilat is not installed")
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(("typed", "value"), TYPED[:2] + TYPED[4:6] + TYPED[7:])  # the rest: below
def test_completion_gives_a_word_the_shell_reads_back_as_the_value(
    shell: str, typed: str, value: str
) -> None:
    """In a real interactive shell, where it is installed: TAB, then run what it inserted."""
    from .process import completed_in

    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    path = f"{SCRIPTS}{os.pathsep}{os.environ.get('PATH', '')}"
    words = completed_in(shell, f"trilat items --actor {typed}", path, value[-3:])
    assert words == ["trilat", "items", "--actor", value], words


def bash_replies(invoke, words: list[str]) -> list[str]:
    """What trilat's bash completion puts in COMPREPLY: the script joins COMP_WORDS with
    newlines (its IFS), the last word as typed, opening quote and all."""
    env = {
        "_TRILAT_COMPLETE": "complete_bash",
        "COMP_WORDS": "\n".join(words),
        "COMP_CWORD": str(len(words) - 1),
    }
    result = invoke(env=env)
    assert result.exit_code == 0
    return result.stdout.splitlines()


@pytest.mark.parametrize(("typed", "value"), TYPED)
def test_bash_replies_read_back_under_bashs_quoting_rules(invoke, typed: str, value: str) -> None:
    """Without readline: inside a quote readline replaces what follows it and closes the
    quote, so the reply, between the quote the user opened and the closing one, must read
    back (by POSIX shell rules, as shlex applies them) as the value."""
    (reply,) = bash_replies(invoke, ["trilat", "items", "--actor", typed])
    quote = typed[0] if typed[0] in "'\"" else ""
    assert shlex.split(f"{quote}{reply}{quote}") == [value]


def zsh_values(out: str) -> list[str]:
    """The candidates trilat hands zsh's compadd, as zsh's eval reads them."""
    found = re.search(r"trilat_values=\((.*?)\); trilat_shown", out)
    assert found, out
    return shlex.split(found.group(1))


@pytest.mark.parametrize(("typed", "value"), TYPED)
def test_zsh_and_fish_are_handed_the_values_themselves(invoke, typed: str, value: str) -> None:
    line = f"trilat items --actor {typed}"
    assert value in zsh_values(completions(invoke, line))
    fish = invoke(
        env={
            "_TRILAT_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": line,
        }
    )
    assert value in [entry.split("\t")[0] for entry in fish.stdout.splitlines()]


def test_a_comma_list_completes_its_last_value_and_skips_those_given(invoke) -> None:
    values = zsh_values(completions(invoke, "trilat items --actor japan,"))
    assert "japan,us" in values and "japan,japan" not in values
    assert all(value.startswith("japan,") for value in values)
    themes = zsh_values(completions(invoke, "trilat items --theme china,CL"))
    assert themes == ["china,climate"]
