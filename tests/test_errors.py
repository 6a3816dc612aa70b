"""Bad input: exit 2 for usage and 1 for data, a message naming the value, nothing on stdout."""

from __future__ import annotations

import re
import subprocess

import pytest

from trilat_cli.citation import chosen_quotes
from trilat_cli.compare import compare
from trilat_cli.errors import (
    NothingToSearch,
    OneReportCompared,
    QuoteNeedsItem,
    QuoteOutOfRange,
    RoleWithoutActor,
    UnknownValue,
)
from trilat_cli.query import Filters, resolve_source
from trilat_cli.search import parse

from .corpora import VALID_REPORT
from .process import piped, python


@pytest.mark.parametrize(
    ("args", "bad", "suggestion", "valid"),
    [
        (("recommend", "--actor", "japn"), "actor 'japn'", "japan", "south-korea"),
        (
            ("flashpoints", "--report", "hudson-2091"),
            "report 'hudson-2091'",
            "hudson-2019",
            "tni-2021",
        ),
        (("items", "--theme", "cyberr"), "theme 'cyberr'", "cyber", "climate"),
        (("items", "--kind", "flashpont"), "kind 'flashpont'", "flashpoint", "uncertainty"),
        (("flashpoints", "--format", "jsno"), "format 'jsno'", "json", "yaml"),
        (
            ("show", "h19-rec-9"),
            "item, report, theme or kind 'h19-rec-9'",
            "h19-rec-5",
            "'trilat items'",
        ),
        (("recommend", "--actor", "us", "--role", "bye"), "role 'bye'", "by", "involves"),
        (("compare", "2019", "2012"), "report '2012'", "2021", "tni-2021"),
        (("cite", "h19-rec-99"), "item or report id 'h19-rec-99'", "h19-rec-5", "'trilat items'"),
        (("cite", "h19-rec-1", "--style", "apaa"), "style 'apaa'", "apa", "bibtex"),
    ],
)
def test_unknown_values_exit_2_with_a_suggestion(invoke, args, bad, suggestion, valid) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert f"unknown {bad}" in result.stderr
    assert f"did you mean '{suggestion}'?" in result.stderr
    assert valid in result.stderr.split("valid ")[1]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("recommend", "--role", "by"),
            "trilat: --role narrows --actor: give an actor too, e.g. --actor us --role by\n",
        ),
        (
            ("compare", "2019"),
            "trilat: compare takes two reports or more, or none, e.g. trilat compare 2019 2021\n",
        ),
        (
            ("cite", "2019", "--quote", "1"),
            "trilat: --quote picks one of an item's quotes: name an item, not a report\n",
        ),
        (
            ("cite", "h19-rec-5", "--quote", "3"),
            "trilat: h19-rec-5 has 2 quotes: --quote takes 1 to 2\n",
        ),
        (("search", "*"), "trilat: give something to search for, e.g. trilat search cyber\n"),
        (("compare", "2019", "hudson-2019"), "'hudson-2019' is named twice"),
        (("compare", "--width", "20"), "20 is not between 40 and 200; try 40"),
        (("flashpoints", "--json", "--format", "csv"), "--json and --format csv disagree"),
        (
            ("--corpus", "/no/such/file.yaml", "reports"),
            "corpus path '/no/such/file.yaml' does not exist",
        ),
        (("recommend", "--actr", "us"), "No such option: --actr"),
    ],
)
def test_usage_mistakes_exit_2(invoke, args, message) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_an_ambiguous_year_lists_the_ids_to_use(invoke, write) -> None:
    second = (
        VALID_REPORT.replace("year: 2023", "year: 2019")
        .replace('"2023-08-18"', '"2019-08-18"')  # a year is its date's
        .replace("camp-david-2023", "other-2019")
    )
    path = write("other.yaml", second.replace("cd23-commitment", "o19-commitment"))
    result = invoke("--corpus", str(path), "flashpoints", "--report", "2019")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        "year '2019' is ambiguous: it names hudson-2019, other-2019; use one of those ids"
        in result.stderr
    )
    assert invoke("--corpus", str(path), "flashpoints", "--report", "hudson-2019").exit_code == 0


def test_a_broken_user_corpus_exits_1_naming_file_and_line(invoke, write) -> None:
    path = write(
        "broken.yaml", VALID_REPORT.replace("us: by", "mars: by").replace("year: 2023", "year: x")
    )
    result = invoke("--corpus", str(path), "reports")
    assert (result.exit_code, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    # Both in one pass: the bad year in the file, and the unknown actor across files.
    assert lines[0] == "trilat: 2 problems in the corpus"
    assert lines[1].startswith(f"  {path}:3:5: expected a whole number")
    assert lines[2].startswith(f"  {path}:22:14: unknown actor 'mars'")
    assert "Traceback" not in result.stderr


FAILING_STDOUT = """
import io, sys
import typer

ERRORS = {
    "runtime": lambda: RuntimeError("disk on fire"),
    "typerish": lambda: type("TyperishError", (Exception,), {"__module__": "typerish"})("not ours"),
    "typer": lambda: typer.BadParameter("not that one"),
}

error = ERRORS[sys.argv[1]]

class Failing(io.TextIOWrapper):
    def write(self, text):
        raise error()

sys.stdout = Failing(io.BytesIO(), encoding="utf-8")
sys.argv = ["trilat", *sys.argv[2:]]
from trilat_cli.cli import main
main()
"""


def failing_stdout(tmp_path, error: str) -> subprocess.CompletedProcess:
    """`trilat flashpoints --json` in a process whose stdout raises `error` when written to."""
    return piped(
        error,
        "flashpoints",
        "--json",
        program=python(FAILING_STDOUT),
        env={"TRILAT_CACHE_DIR": str(tmp_path)},
    )


def test_unexpected_errors_are_one_line_exit_1(tmp_path) -> None:
    """An error nobody foresaw (here, from the output stream itself): one line, never a traceback."""
    done = failing_stdout(tmp_path, "runtime")
    assert (done.returncode, done.stderr) == (
        1,
        "trilat: unexpected error: RuntimeError: disk on fire\n",
    )


def test_typer_errors_are_known_by_class_not_by_module_name(tmp_path) -> None:
    """Typer's usage errors keep Typer's wording; anything else, whatever its module, is ours."""
    done = failing_stdout(tmp_path, "typerish")
    assert (done.returncode, done.stderr) == (
        1,
        "trilat: unexpected error: TyperishError: not ours\n",
    )
    done = failing_stdout(tmp_path, "typer")
    assert done.returncode == 2 and "Invalid value: not that one" in done.stderr


@pytest.mark.parametrize(
    ("mistake", "error", "facts"),
    [
        (lambda c: Filters.of(role=["by"]).matcher(c), RoleWithoutActor, {"roles": ("by",)}),
        (lambda c: chosen_quotes(None, 1), QuoteNeedsItem, {"number": 1}),
        (
            lambda c: chosen_quotes(c.items["h19-rec-5"], 3),
            QuoteOutOfRange,
            {"item": "h19-rec-5", "number": 3, "count": 2},
        ),
        (lambda c: compare(c, ("2019",)), OneReportCompared, {"report": "2019"}),
        (lambda c: parse(["*", '""']), NothingToSearch, {}),
        (
            lambda c: resolve_source(c, "h19-rec-99"),
            UnknownValue,
            {"sections": ("items", "reports")},
        ),
    ],
    ids=["role", "quote-of-report", "quote-number", "compare-one", "search-nothing", "unknown"],
)
def test_domain_errors_carry_facts_not_command_line_words(corpus, mistake, error, facts) -> None:
    """The command line words these (--role, trilat search ...); the domain only says what."""
    with pytest.raises(error) as raised:
        mistake(corpus)
    assert {name: getattr(raised.value, name) for name in facts} == facts
    assert raised.value.exit_code == 2
    assert not re.search(r"--|\btrilat\b", str(raised.value)), raised.value
