"""Shell completion: the script trilat prints completes in a real shell, from the corpus."""

from __future__ import annotations

import os
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
