"""The invariant (issue 13, cases 7-9): no string from a corpus or a path controls a terminal.

Every text field of a corpus carries escapes (OSC 0 sets the window title, OSC 52 writes the
clipboard, CSI colours, C1 controls, bidi overrides, zero-width characters, Rich markup), and
every command, in every format, on a pipe and on a pseudo-terminal, must show them as text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trilat_cli.citation import STYLES
from trilat_cli.cli import CITE_FORMATS
from trilat_cli.present import FORMATS

from .corpora import VALID_REPORT
from .process import at_terminal

PAYLOADS = [
    "\x1b]0;PWNED-TITLE\x07",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b[31mRED",
    "\x9b31mC1RED",
    "\x9d0;C1TITLE\x9c",
    "\u202eREVERSED",
    "zero\u200bwidth\u2060joiner\ufeff",
    "\r\x08\x00\x7f",
    "[bold red]MARKUP[/]",
]
# What must never reach a stream raw: controls but tab and newline, DEL, C1, bidi, zero-width.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def poisoned(data: Any, payload: str) -> Any:
    """Every free-text string of a corpus document with the payload inside it (ids, dates and
    URLs may hold no control character: validation refuses them, as tests elsewhere show)."""
    if isinstance(data, dict):
        return {
            key: value
            if key in ("id", "report", "kind", "date", "year", "ordinal", "url")
            else poisoned(value, payload)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [poisoned(entry, payload) for entry in data]
    if isinstance(data, str) and not re.fullmatch(r"[a-z0-9-]+", data):
        return f"{data} {payload} end"
    return data


def hostile_corpus(folder: Path, payload: str) -> Path:
    document = poisoned(yaml.safe_load(VALID_REPORT), payload)
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def commands() -> list[list[str]]:
    found = [
        ["reports"],
        ["items"],
        ["recommend"],
        ["flashpoints"],
        ["actors"],
        ["themes"],
        ["timeline"],
        ["show", "cd23-commitment"],
        ["search", "consult"],
        ["compare", "2019", "camp-david-2023"],
        ["compare", "2019", "camp-david-2023", "--theme", "north-korea"],
    ]
    with_formats = [[*args, "-f", fmt] for args in found for fmt in FORMATS]
    cites = [
        ["cite", target, "--style", style, *fmt]
        for target in ("cd23-commitment", "camp-david-2023")
        for style in STYLES
        for fmt in ([], *(["-f", name] for name in CITE_FORMATS))
    ]
    exports = [["export", "-f", fmt] for fmt in ("yaml", "json", "csv", "md")]
    exports += [["export", "--report", "camp-david-2023", "-f", "md"]]
    return with_formats + cites + exports


COMMANDS = commands()


def assert_clean(stream: str, where: str) -> None:
    found = RAW.search(stream)
    assert found is None, (
        f"{where}: raw {found.group()!r} in {stream[max(0, found.start() - 60) : found.end() + 20]!r}"
    )


# invoke (a CliRunner) and tmp_path_factory hold no state between examples.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@pytest.mark.slow
@given(payload=st.sampled_from(PAYLOADS), args=st.sampled_from(COMMANDS))
def test_no_corpus_text_reaches_a_pipe_raw(invoke, tmp_path_factory, payload, args) -> None:
    path = hostile_corpus(tmp_path_factory.mktemp("hostile"), payload)
    result = invoke("--corpus", str(path), *args)
    assert result.exit_code == 0, (args, result.stderr)
    assert_clean(result.stdout, f"stdout of {args}")
    assert_clean(result.stderr, f"stderr of {args}")


@pytest.mark.slow
def test_every_command_shows_every_payload_as_text(invoke, tmp_path) -> None:
    path = hostile_corpus(tmp_path, " ".join(PAYLOADS))
    for args in COMMANDS:
        result = invoke("--corpus", str(path), *args)
        assert result.exit_code == 0, (args, result.stderr)
        assert_clean(result.stdout + result.stderr, str(args))
    shown = invoke("--corpus", str(path), "show", "cd23-commitment", "-f", "tsv").stdout
    assert "\\x1b]0;PWNED-TITLE\\x07" in shown and "\\u202eREVERSED" in shown
    assert "[bold red]MARKUP[/]" in shown
    data = json.loads(invoke("--corpus", str(path), "show", "cd23-commitment", "--json").stdout)
    assert "\x1b]0;PWNED-TITLE\x07" in data["title"]  # JSON stays lossless
    dumped = invoke("--corpus", str(path), "show", "cd23-commitment", "-f", "yaml").stdout
    assert "\u202eREVERSED" in yaml.safe_load(dumped)["title"]  # so does YAML


# Rich's own styles are CSI "m" sequences and trilat's own hyperlinks OSC 8 ones with a plain URL
# for target; a corpus must send nothing else, and none of its own.
RICH_STYLE = re.compile(r"\x1b\[[0-9;]*m")
OWN_LINK = re.compile(r"\x1b\]8;[^;\x1b]*;(https?://[^\x00-\x20\x7f-\x9f\\]*)?\x1b\\")


@pytest.mark.parametrize(
    "args",
    [
        ["show", "cd23-commitment"],
        ["items", "--report", "camp-david-2023"],
        ["compare", "2019", "camp-david-2023", "--theme", "north-korea"],
        ["reports"],
        ["cite", "cd23-commitment"],
        ["cite", "cd23-commitment", "-f", "md"],
        ["export", "--report", "camp-david-2023", "-f", "md"],
        ["search", "consult", "--json"],
        ["show", "cd23-commitment", "-f", "yaml"],
        ["recommend", "--report", "camp-david-2023", "-f", "csv"],
    ],
)
def test_a_terminal_receives_no_escape_from_the_corpus(tmp_path, args) -> None:
    path = hostile_corpus(tmp_path, " ".join(PAYLOADS))
    _, received = at_terminal(
        "--no-cache", "--corpus", str(path), *args, env={"TRILAT_PAGER": "cat"}
    )
    assert "PWNED-TITLE" in received or "REVERSED" in received, received[:500]
    received = OWN_LINK.sub("", received)
    assert "\x1b]" not in received and "\x1b[31mRED" not in received
    assert_clean(RICH_STYLE.sub("", received).replace("\r\n", "\n"), str(args))


def test_error_messages_show_names_and_paths_as_text(invoke, tmp_path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "\x1b]0;FILE\x07.yaml").write_text("reports: []\n\x1b: 1\n", encoding="utf-8")
    (folder / "b.yaml").write_text(
        'items:\n  - "\\e]0;FIELD\\a": 1\n"\\u202eSECTION": []\n'
        "actors: !<tag:%1B]0;TAG%07> []\nthemes: []\nthemes: []\n",  # URI escapes: a real ESC
        encoding="utf-8",
    )
    (folder / "c.yaml").write_text('"\\e[31mDUP": 1\n"\\e[31mDUP": 2\n', encoding="utf-8")
    result = invoke("--no-cache", "validate", str(folder))
    assert result.exit_code == 1
    assert_clean(result.stdout + result.stderr, "validate")
    assert "\\x1b]0;FILE\\x07.yaml" in result.stderr
    assert "\\x1b[31mDUP" in result.stderr
    assert "YAML tag 'tag:\\x1b]0;TAG\\x07' is not allowed" in result.stderr
