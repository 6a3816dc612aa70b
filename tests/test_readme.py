"""The README tells the truth: its command reference and examples are what the code prints.

Regenerate after changing a command:  .venv/bin/python -m tests.test_readme
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from trilat_cli.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"
CI = README.parent / ".ci" / "run"
BLOCK = re.compile(r"(<!-- (help|output): (.+?) -->\n```[a-z]*\n)(.*?)(```)", re.DOTALL)
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TRILAT_CORPUS": ""}


def printed(command: str) -> str:
    """What `[VAR=value ...] trilat ...` prints to stdout at 80 columns in a pipe."""
    words = shlex.split(command)
    settings = dict(word.split("=", 1) for word in words[: words.index("trilat")])
    args = words[words.index("trilat") + 1 :]
    result = CliRunner().invoke(app, args, env={**ENV, **settings})
    assert result.exit_code == 0, (command, result.stderr)
    return result.stdout


def regenerated(text: str) -> str:
    def fill(match: re.Match[str]) -> str:
        head, kind, command, _old, tail = match.groups()
        body = printed(command + " --help" if kind == "help" else command)
        return head + "\n".join(line.rstrip() for line in body.splitlines()) + "\n" + tail

    return BLOCK.sub(fill, text)


def test_readme_reference_and_examples_match_the_code() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(BLOCK.findall(text)) >= 14
    assert regenerated(text) == text, "README is stale: run  .venv/bin/python -m tests.test_readme"


def test_every_command_is_in_the_reference() -> None:
    text = README.read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"<!-- help: trilat {name} -->" in text, name


def test_ci_runs_the_readme_commands() -> None:
    readme = README.read_text(encoding="utf-8")
    commands = re.findall(r"<!-- (?:install|test) -->\n```sh\n(.+?)\n```", readme)
    assert len(commands) == 2
    ci = CI.read_text(encoding="utf-8").splitlines()
    assert all(command in ci for command in commands), commands


if __name__ == "__main__":
    README.write_text(regenerated(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {README}")
