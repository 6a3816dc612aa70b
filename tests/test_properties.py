"""Property-based tests: whatever corpus or arguments people throw at it, no traceback."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from trilat_cli.cli import app
from trilat_cli.corpus.load import load
from trilat_cli.corpus.model import KINDS, ROLES
from trilat_cli.export import document

from .corpora import VALID_REPORT

pytestmark = pytest.mark.slow

BASE = yaml.safe_load(VALID_REPORT)


def run(args: list[str], corpus_text: str | None = None):
    with tempfile.TemporaryDirectory() as folder:
        env = {"COLUMNS": "80", "TRILAT_CACHE_DIR": str(Path(folder) / "cache")}
        if corpus_text is not None:
            path = Path(folder) / "user.yaml"
            path.write_text(corpus_text, encoding="utf-8")
            args = ["--corpus", str(path), *args]
        return CliRunner().invoke(app, args, env=env)


def assert_handled(result) -> None:
    """Exit 0, 1 or 2 with a message, never an exception escaping or an 'unexpected error'."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10_000),
    st.text(max_size=12),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@st.composite
def mutated(draw) -> dict[str, Any]:
    """The valid user report with a few fields deleted, replaced by junk, or added."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        section = draw(st.sampled_from(["reports", "items"]))
        record = data[section][0]
        key = draw(st.sampled_from(sorted(record)))
        action = draw(st.sampled_from(["delete", "replace", "add"]))
        if action == "delete":
            record.pop(key, None)
        elif action == "replace":
            record[key] = draw(junk)
        else:
            record[draw(st.text(min_size=1, max_size=8))] = draw(junk)
    return data


@given(
    data=mutated(),
    command=st.sampled_from([["reports"], ["flashpoints"], ["compare"], ["validate"]]),
)
def test_mutated_corpora_never_produce_a_traceback(data, command) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    if command == ["validate"]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "user.yaml"
            path.write_text(text, encoding="utf-8")
            assert_handled(CliRunner().invoke(app, ["validate", str(path)]))
    else:
        assert_handled(run(command, text))


@given(text=st.text(max_size=300))
def test_arbitrary_text_as_a_corpus_file_is_handled(text: str) -> None:
    assert_handled(run(["reports"], text))


TOKENS = [
    "reports",
    "flashpoints",
    "recommend",
    "items",
    "compare",
    "show",
    "search",
    "actors",
    "themes",
    "cite",
    "timeline",
    "export",
    "schema",
    "--actor",
    "--report",
    "--theme",
    "--kind",
    "--role",
    "--format",
    "--json",
    "-f",
    "json",
    "table",
    "md",
    "csv",
    "yaml",
    "tsv",
    "us",
    "ROK",
    "2019",
    "2021",
    "hudson-2019",
    "h19-rec-1",
    "cyber",
    "china",
    "by",
    "involves",
    "--style",
    "bibtex",
    "-h",
    "--version",
    "--",
    "[bold]",
    "\x1b[31m",
]


@given(args=st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=6))
def test_random_arguments_never_produce_a_traceback(args: list[str]) -> None:
    assert_handled(run(args))


text_value = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=40
).filter(str.strip)
slug = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)


@st.composite
def valid_corpus(draw) -> dict[str, Any]:
    """A small, valid user corpus that builds on the bundled actors and themes."""
    report_id = "r-" + draw(slug)
    items = []
    for index, item_slug in enumerate(draw(st.lists(slug, min_size=1, max_size=4, unique=True))):
        item = {
            "id": f"{report_id}-{item_slug}",
            "report": report_id,
            "kind": draw(st.sampled_from(KINDS)),
            "title": draw(text_value),
            "summary": draw(text_value),
            "quotes": draw(st.lists(text_value, min_size=1, max_size=3)),
            "actors": draw(
                st.dictionaries(
                    st.sampled_from(["us", "japan", "china"]), st.sampled_from(ROLES), min_size=1
                )
            ),
            "themes": draw(
                st.lists(
                    st.sampled_from(["cyber", "china", "climate"]),
                    min_size=1,
                    max_size=2,
                    unique=True,
                )
            ),
        }
        if draw(st.booleans()):
            item["ordinal"] = index + 1
        items.append(item)
    report = {
        "id": report_id,
        "year": 2020,  # the date's year, as a report's must be
        "title": draw(text_value),
        "publisher": draw(text_value),
        "authors": draw(st.lists(text_value, min_size=1, max_size=3)),
        "date": draw(st.sampled_from(["2020", "2020-02", "2020-02-29"])),
        "url": "https://example.org/x",
        "kind": "report",
        "summary": draw(text_value),
    }
    return {"reports": [report], "items": items}


@given(data=valid_corpus())
def test_valid_corpora_round_trip_through_export(data) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "user.yaml"
        source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        corpus = load([source], use_cache=False)
        report = data["reports"][0]["id"]
        again = Path(folder) / "again.yaml"
        again.write_text(
            yaml.safe_dump(document(corpus, (report,)), allow_unicode=True), encoding="utf-8"
        )
        reloaded = load([again], use_cache=False)
        assert reloaded.reports[report] == corpus.reports[report]
        assert [i for i in reloaded.items.values() if i.report == report] == [
            i for i in corpus.items.values() if i.report == report
        ]


@given(
    year=st.integers(1800, 2200),
    date=st.tuples(st.integers(1800, 2200), st.sampled_from(["", "-03", "-12-31"])),
    same=st.booleans(),
)
def test_a_report_year_is_its_date_year_for_validate_and_schema(year, date, same) -> None:
    """Issue 25: a report whose year and date disagree is refused, by `validate` and by the
    JSON Schema alike; one whose year is the date's passes both."""
    import json

    import jsonschema

    date = (year, date[1]) if same else date
    data = copy.deepcopy(BASE)
    data["reports"][0] |= {"year": year, "date": f"{date[0]:04d}{date[1]}"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "user.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        result = CliRunner().invoke(app, ["validate", str(path)])
    schema = json.loads(CliRunner().invoke(app, ["schema"]).stdout)
    schema_ok = jsonschema.Draft202012Validator(schema).is_valid(data)
    agree = year == date[0]
    assert (result.exit_code == 0) == agree, result.stderr
    assert schema_ok == agree
    if not agree:
        assert f"year {year} is not the year of date" in result.stderr
