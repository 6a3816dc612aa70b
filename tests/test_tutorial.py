"""docs/tutorial.md tells the truth: its five commands, run in order in a fresh folder with
the tutorial's statement, print what the tutorial shows.

Regenerate after changing a command:  .venv/bin/python -m tests.test_tutorial
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

from trilat_cli.cli import app

DOCS = Path(__file__).resolve().parent.parent / "docs"
TUTORIAL = DOCS / "tutorial.md"
BLOCK = re.compile(r"(<!-- tutorial -->\n```console\n)\$ (.+?)\n(.*?)(```)", re.DOTALL)
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TRILAT_CORPUS": ""}


@contextmanager
def statement_folder() -> Iterator[None]:
    """A fresh folder holding the tutorial's text, as the current folder."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(DOCS / "jeju-statement.txt", folder)
        os.chdir(folder)
        try:
            yield
        finally:
            os.chdir(before)


def printed(command: str) -> str:
    """What the command prints, stdout then stderr, as the tutorial shows it."""
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(app, args, env=ENV)
    assert result.exit_code == 0, (command, result.stderr)
    return result.stdout + result.stderr


def regenerated(text: str) -> str:
    with statement_folder():
        return BLOCK.sub(
            lambda match: (
                f"{match[1]}$ {match[2]}\n"
                + "".join(f"{line.rstrip()}\n" for line in printed(match[2]).splitlines())
                + match[4]
            ),
            text,
        )


def test_the_tutorial_runs_in_five_commands_as_it_shows() -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    commands = [match[2] for match in BLOCK.finditer(text)]
    assert len(commands) == 5 and commands[-1].startswith("trilat --corpus jeju.yaml compare")
    assert regenerated(text) == text


def test_the_statement_is_about_300_words() -> None:
    assert 250 <= len((DOCS / "jeju-statement.txt").read_text(encoding="utf-8").split()) <= 350


if __name__ == "__main__":
    TUTORIAL.write_text(regenerated(TUTORIAL.read_text(encoding="utf-8")), encoding="utf-8")
