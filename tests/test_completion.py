"""Shell completion: the scripts install, and option values complete from the corpus."""

from __future__ import annotations

import pytest


def completions(invoke, line: str) -> str:
    result = invoke(env={"_TRILAT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_a_script(invoke, shell: str) -> None:
    result = invoke("--show-completion", shell)
    assert result.exit_code == 0
    assert "_TRILAT_COMPLETE" in result.stdout


@pytest.mark.parametrize(
    ("line", "expected", "absent"),
    [
        ("trilat recommend --actor Se", '"Seoul":"South Korea"', "japan"),
        ("trilat recommend --actor ja", '"japan":"Japan"', "Seoul"),
        ("trilat items --theme cl", '"climate":"Climate"', "cyber"),
        ("trilat flashpoints --report hud", '"hudson-2019"', "tni-2021"),
        ("trilat compare 20", '"2021"', "hudson-2019"),
        ("trilat show t21-area-c", '"t21-area-climate"', "h19-"),
        ("trilat cite h19-rec-", '"h19-rec-5"', "t21-"),
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
