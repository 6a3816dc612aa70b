"""The man page, docs/trilat.1, is what the app prints: `trilat --help` and each command's
help, with the README's exit codes and environment variables, in roff.

Regenerate after changing a command or those tables:  .venv/bin/python -m tests.test_manpage
Read it without installing it:  man ./docs/trilat.1
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from trilat_cli import __version__
from trilat_cli.cli import app

from .test_readme import ENV, README

MANPAGE = README.parent / "docs" / "trilat.1"


def help_of(*command: str) -> str:
    """`trilat COMMAND --help` 72 columns wide: indented by man, it fits 80 columns."""
    result = CliRunner().invoke(app, [*command, "--help"], env=ENV, terminal_width=72)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def roff(text: str) -> str:
    """One line of text as roff shows it: backslashes, hyphens and a leading dot kept."""
    line = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + line if line.startswith((".", "'")) else line


def marked(cell: str) -> str:
    """A Markdown table cell in roff: `code` in bold."""
    return re.sub(r"`([^`]*)`", r"\\fB\1\\fR", roff(cell))


def literal(text: str) -> list[str]:
    """Help as the app prints it, line for line: roff neither fills nor adjusts it."""
    return [".nf", *(roff(line.rstrip()) for line in text.strip("\n").splitlines()), ".fi"]


def readme_table(heading: str) -> list[tuple[str, str]]:
    section = README.read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1]
    rows = [line for line in section.split("\n## ", 1)[0].splitlines() if line.startswith("| ")]
    return [tuple(cell.strip() for cell in row.strip("|").split(" | ", 1)) for row in rows[2:]]


def without_usage(help_text: str) -> str:
    """The help after its `Usage:` line, which SYNOPSIS and each heading already give."""
    return help_text.split("\n", 1)[1]


def manpage() -> str:
    top = help_of()
    summary = without_usage(top).strip().splitlines()[0]
    names = [command.name or command.callback.__name__ for command in app.registered_commands]
    lines = [
        f'.TH TRILAT 1 "" "trilat {__version__}" "User Commands"',
        ".SH NAME",
        f"trilat \\- {roff(summary.rstrip('.'))}",
        ".SH SYNOPSIS",
        ".B trilat",
        "[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        *literal(without_usage(top)),
        ".SH COMMANDS",
    ]
    for name in names:
        lines += [f".SS trilat {name}", *literal(help_of(name))]
    for heading, title in (("Exit codes", "EXIT STATUS"), ("Environment variables", "ENVIRONMENT")):
        lines.append(f".SH {title}")
        for key, meaning in readme_table(heading):
            lines += [".TP", marked(key), marked(meaning)]
    lines += [".SH SEE ALSO", "The README of trilat's repository, and trilat COMMAND \\-h."]
    return "\n".join(lines) + "\n"


def test_the_man_page_is_what_the_app_prints() -> None:
    assert MANPAGE.read_text(encoding="utf-8") == manpage(), (
        "docs/trilat.1 is stale: run  .venv/bin/python -m tests.test_manpage"
    )


def test_every_command_and_both_tables_are_in_the_man_page() -> None:
    page = MANPAGE.read_text(encoding="utf-8")
    for command in app.registered_commands:
        assert f".SS trilat {command.name or command.callback.__name__}\n" in page
    assert page.count(".TP\n") == len(readme_table("Exit codes")) + len(
        readme_table("Environment variables")
    )


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
def test_groff_reads_the_man_page_without_a_warning() -> None:
    done = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-z", str(MANPAGE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")


if __name__ == "__main__":
    MANPAGE.parent.mkdir(exist_ok=True)
    MANPAGE.write_text(manpage(), encoding="utf-8")
    print(f"updated {MANPAGE}")
