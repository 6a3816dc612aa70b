"""`trilat schema` and `trilat validate` agree: a corpus file passes both or neither.

Every example writes one file for each field of each record type: a valid record whose field
is then given a near miss (a blank string, an impossible date, a trailing newline, a URL with
a space, a wrong type), left out, or joined by a field the record does not have; and one
file that is no corpus at all. The values come from strategies chosen by the field specs, so
a new kind of value needs one here before the test runs at all. Left out is what JSON Schema
cannot say: references to ids that exist nowhere, an `author_names` list whose length
differs from `authors`, a parent from another report, and ids or actor names that another
file already has (each file's own carry its number).
"""

from __future__ import annotations

import json
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from trilat_cli.cli import app
from trilat_cli.corpus.evidence import evidence_places, quote_texts
from trilat_cli.corpus.fields import (
    Boolean,
    Choice,
    Date,
    Either,
    Evidence,
    Integer,
    ListOf,
    MapOf,
    Nested,
    Paragraphs,
    Ref,
    Shorthand,
    Slug,
    Spec,
    Text,
    Url,
    field_specs,
)
from trilat_cli.corpus.load import load
from trilat_cli.corpus.model import SECTIONS

# No shrinking: an example is fifty files, and the message names the one the two disagree on.
# A third of the profile's examples: each one validates fifty files, twice.
AGREEMENT = settings(
    max_examples=max(1, settings().max_examples // 3),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
BY_RUN = 25  # files checked by one run of `trilat validate`: all their problems are listed
BUNDLED = load(use_cache=False)
NOT_A_STRING = st.sampled_from([None, True, 0, 7, 2.5, [], {}])
BLANK = st.text(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000"), min_size=1, max_size=3)
NO_SPACE = st.characters(blacklist_categories=["Cs", "Cc", "Zs", "Zl", "Zp"])
NOT_A_CORPUS = st.sampled_from([[], "Gen", {"colours": []}, {"items": {}}, {"actors": [1]}])
# Kinds are left out: each kind has its one rule in the bundled codebook, so any other record
# of one is a conflict across files, which no schema states.
FIELDS = [
    (section, entry.name)
    for section in SECTIONS
    if section != "kinds"
    for entry in field_specs(SECTIONS[section])
]


@cache
def schema_validator() -> jsonschema.Draft202012Validator:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.stderr
    return jsonschema.Draft202012Validator(json.loads(result.stdout))


def often(usual: st.SearchStrategy[Any], *others: st.SearchStrategy[Any]) -> Any:
    """`usual` half of the time, else one of `others`: a weight st.one_of cannot give."""
    return st.booleans().flatmap(lambda pick: usual if pick else st.one_of(*others))


def strings(valid: st.SearchStrategy[str], *misses: str) -> tuple[Any, Any]:
    """Valid strings, and near misses: a newline after or before, the misses, no string."""
    near = st.one_of(
        valid.map(lambda text: text + "\n"),
        valid.map(lambda text: "\n" + text),
        st.sampled_from(misses) if misses else st.nothing(),
        NOT_A_STRING,
    )
    return valid, near


def texts() -> tuple[Any, Any]:
    # "Gen" starts every valid text: no generated name is an alias of a bundled actor.
    valid = st.text(max_size=8).map("Gen".__add__)
    edges = st.one_of(BLANK, st.just(""), BLANK.map(lambda blank: blank + "\ufeff"))
    return valid, often(edges, NOT_A_STRING)


def slugs() -> tuple[Any, Any]:
    valid = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", max_size=6).map("gen-".__add__)
    return strings(valid, "", "Gen-x", "-gen", "gen x", "gen_x", "g\u00e9n")


def refs(section: str) -> tuple[Any, Any]:
    ids = sorted(BUNDLED.section(section))
    return strings(st.sampled_from(ids), ids[0].upper(), "")


def dates() -> tuple[Any, Any]:
    """Dates at each precision, the calendar's edges (29 February, day 31, year 0) most often."""
    year = st.one_of(st.sampled_from([0, 400, 1900, 2000, 2023, 2024]), st.integers(0, 9999))
    month = st.one_of(st.sampled_from([0, 2, 4, 12, 13]), st.integers(1, 12))
    day = st.one_of(st.sampled_from([0, 28, 29, 30, 31, 32]), st.integers(1, 31))
    parts = st.tuples(year, month, day, st.sampled_from([1, 2, 3, 3, 3]))
    written = parts.map(lambda p: "-".join([f"{p[0]:04d}", f"{p[1]:02d}", f"{p[2]:02d}"][: p[3]]))
    edges = st.sampled_from(
        [f"{year}-02-29" for year in ("0400", "1700", "1800", "1900", "2000", "2023", "2100")]
        + ["2023-02-30", "2023-04-31", "2023-06-30", "2023-12-31", "0000", "0000-01", "2023-00"]
    )
    valid = st.sampled_from(["2019", "2019-11", "2021-03-21", "2024-02-29"])
    misses = ("2023-2-3", "23-01-01", "2023/01/01", "2023-01-01T00:00", "\u0662\u0660\u0662\u0663")
    return valid, often(often(edges, written), strings(written, *misses)[1])


def urls() -> tuple[Any, Any]:
    valid = st.text(NO_SPACE, max_size=6).map("https://example.org/".__add__)
    spaced = st.tuples(valid, BLANK, st.text(NO_SPACE, max_size=2)).map("".join)
    misses = ("https://", "ftp://example.org", "example.org")
    return valid, often(spaced, strings(valid, *misses)[1])


def integers(spec: Integer) -> tuple[Any, Any]:
    valid = st.integers(spec.minimum, spec.maximum)
    edges = st.sampled_from([spec.minimum - 1, spec.maximum + 1, True, None, 1.5])
    return valid, st.one_of(edges, valid.map(float), valid.map(str))


def paragraphs() -> tuple[Any, Any]:
    """A paragraph or a range: whole numbers (floats too, as JSON Schema has them)."""
    number = st.integers(1, 999_999)
    ranges = st.tuples(number, number).filter(lambda p: p[0] < p[1]).map("{0[0]}-{0[1]}".format)
    valid = st.one_of(number, ranges)
    # A range that does not go up ("8-7", "4-4") is refused by validate (test_verify.py) but
    # no JSON Schema pattern can compare two numbers: the schema says so in its description.
    misses = ("4", "04-5", "0-3", "1-1234567", "4 - 5", "4\u20135")
    edges = st.sampled_from([0, 1_000_000, -3, True, 1.5])
    return valid, st.one_of(edges, number.map(float), strings(ranges, *misses)[1])


def choices(spec: Choice) -> tuple[Any, Any]:
    first = spec.options[0]
    return strings(st.sampled_from(spec.options), first.upper(), first + "s", "")


def lists(spec: ListOf) -> tuple[Any, Any]:
    item, near_item = values(spec.item)
    valid = st.lists(item, min_size=spec.min_items, max_size=3)
    one_off = st.tuples(valid, near_item).map(lambda pair: [*pair[0], pair[1]])
    too_few = st.lists(item, max_size=spec.min_items - 1) if spec.min_items else st.nothing()
    return valid, often(one_off, too_few, item, NOT_A_STRING)


def mappings(spec: MapOf) -> tuple[Any, Any]:
    key, near_key = values(spec.key)
    value, near_value = values(spec.value)
    valid = st.dictionaries(key, value, min_size=spec.min_items, max_size=3)
    hashable = near_key.filter(lambda key: not isinstance(key, list | dict))
    entry = st.one_of(st.tuples(hashable, value), st.tuples(key, near_value))
    one_off = st.tuples(valid, entry).map(lambda pair: {**pair[0], pair[1][0]: pair[1][1]})
    too_few = st.just({}) if spec.min_items else st.nothing()
    return valid, often(one_off, too_few, NOT_A_STRING)


def nested(record: type) -> tuple[Any, Any]:
    names = st.sampled_from([entry.name for entry in field_specs(record)])
    return records(record), often(names.flatmap(lambda name: records(record, name)), NOT_A_STRING)


def evidence() -> tuple[Any, Any]:
    valid, near = texts()
    listed = st.lists(valid, min_size=1, max_size=2)
    one_off = st.tuples(listed, near).map(lambda pair: [*pair[0], pair[1]])
    return st.one_of(valid, listed), often(near, one_off, st.just([]))


def either(spec: Either) -> tuple[Any, Any]:
    short, near_short = values(spec.short)
    long, near_long = values(spec.long)
    return st.one_of(short, long), st.one_of(near_short, near_long)


@cache  # building strategies costs more than drawing from them
def values(spec: Spec) -> tuple[Any, Any]:
    """Strategies for a field of this spec: valid values, and near misses."""
    if isinstance(spec, Either):
        return either(spec)
    if isinstance(spec, Evidence):
        return evidence()
    if isinstance(spec, Ref):
        return refs(spec.section)
    if isinstance(spec, Shorthand):  # the record, or a bare text standing for it
        record, bare = nested(spec.record), texts()
        return st.one_of(record[0], bare[0]), st.one_of(record[1], bare[1])
    if isinstance(spec, Nested):
        return nested(spec.record)
    if isinstance(spec, Paragraphs):
        return paragraphs()
    if isinstance(spec, ListOf):
        return lists(spec)
    if isinstance(spec, MapOf):
        return mappings(spec)
    if isinstance(spec, Integer):
        return integers(spec)
    if isinstance(spec, Choice):
        return choices(spec)
    if isinstance(spec, Boolean):
        return st.booleans(), st.sampled_from(["true", "yes", 1, 0, None])
    return {Text: texts, Slug: slugs, Date: dates, Url: urls}[type(spec)]()


@st.composite
def records(draw: st.DrawFn, record: type, changed: str | None = None) -> dict[str, Any]:
    """A valid record of this type; its field `changed` then given a near miss (mostly), left
    out, or joined by a field the record does not have."""
    fields = field_specs(record)
    data = {
        entry.name: draw(values(entry.spec)[0])
        for entry in fields
        if entry.required or entry.name == changed or draw(st.booleans())
    }
    if changed is not None:
        change = draw(st.integers(0, 9))
        if change == 0:
            del data[changed]
        elif change == 1:
            data[draw(st.sampled_from(["colour", "Title", "title ", ""]))] = "Gen"
        else:
            spec = next(entry.spec for entry in fields if entry.name == changed)
            data[changed] = draw(values(spec)[1])
    authors, names = data.get("authors"), data.get("author_names")
    if isinstance(authors, list) and isinstance(names, list) and len(authors) != len(names):
        # one name in parts for each author is a rule across fields: keep the changed one
        if changed == "authors":
            del data["author_names"]
        else:
            data["authors"] = ["Gen"] * len(names)
    parent = data.get("parent")
    if isinstance(parent, str) and parent in BUNDLED.items and "report" in data:
        data["report"] = BUNDLED.items[parent].report  # the parent's report is the item's
    quoted(data)
    return data


def quoted(data: dict[str, Any]) -> None:
    """Evidence stands in the item's own quotes, a rule across fields: each piece of it that
    is sound text becomes the item's first sound quote."""
    quotes = data.get("quotes")
    texts = quote_texts(quotes) if isinstance(quotes, list) else []
    first = next((text for text in texts if Text().fits(text)), None)
    if first is None:
        return
    for path, value in list(evidence_places(data)):
        *steps, last = path
        holder: Any = data
        for step in steps:
            holder = holder[step]
        if isinstance(value, list):
            holder[last] = [first if Text().fits(words) else words for words in value]
        elif Text().fits(value):
            holder[last] = first


@st.composite
def corpus_file(draw: st.DrawFn, number: int, section: str, changed: str) -> dict[str, Any]:
    """File `number`: one record of `section` with its field `changed` changed; its id and
    actor names carry the number, so no two files define the same one."""
    record = draw(records(SECTIONS[section], changed))
    if isinstance(record.get("id"), str):
        record["id"] = record["id"].replace("gen-", f"gen{number}-", 1)
    for key in ("name", "aliases") if section == "actors" else ():
        if key not in record:
            continue
        names = record[key]
        own = [
            f"Gen{number}:{name}" if isinstance(name, str) and name.startswith("Gen") else name
            for name in (names if isinstance(names, list) else [names])
        ]
        record[key] = own if isinstance(names, list) else own[0]
    return {section: [record]}


CORPORA = st.tuples(
    NOT_A_CORPUS,
    *(corpus_file(number, *field) for number, field in enumerate(FIELDS, 1)),
)


def refused_by_validate(files: list[Path]) -> set[Path]:
    """The files `trilat validate` finds a problem in, all checked in one run."""
    result = CliRunner().invoke(app, ["validate", *map(str, files)])
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    assert "more problem" not in result.stderr  # every problem listed, so every file named
    return {path for path in files if f"  {path}:" in result.stderr}


@pytest.mark.slow
@AGREEMENT
@given(corpora=CORPORA)
def test_schema_and_validate_accept_the_same_files(corpora: tuple[Any, ...]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = [Path(folder) / f"file{number}.yaml" for number in range(len(corpora))]
        for path, data in zip(files, corpora, strict=True):
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        # A near-miss actor name (blank-looking, so not numbered) may name another file's
        # actor once normalised, a rule across files no schema states: actors go one by one.
        alone = [
            p
            for p, data in zip(files, corpora, strict=True)
            if isinstance(data, dict) and "actors" in data
        ]
        together = [path for path in files if path not in alone]
        runs = [[path] for path in alone]
        runs += [together[start : start + BY_RUN] for start in range(0, len(together), BY_RUN)]
        refused = set().union(*map(refused_by_validate, runs))
    for path, data in zip(files, corpora, strict=True):
        schema_says = [error.message for error in schema_validator().iter_errors(data)]
        assert (path not in refused) == (not schema_says), (data, schema_says)
