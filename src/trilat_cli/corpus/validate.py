"""Validation of corpus data: each file on its own, then all files together.

Checks return findings (a path inside a file and a message) rather than raising, so a
run reports every problem at once; `load` turns findings into file:line:column.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from ..errors import closest
from .evidence import KeyPath, evidence_places, in_quotes, own_words
from .fields import Choice, Either, ListOf, MapOf, Nested, Spec, describe, field_specs
from .model import SECTIONS, normalise

SINGULAR = {
    "reports": "report",
    "actors": "actor",
    "themes": "theme",
    "events": "event",
    "items": "item",
}


class Finding(NamedTuple):
    """A problem at a path inside a file.

    `hint` is (value, valid names): the closest valid name is looked up only when the
    problem is shown, so ten thousand problems cost no ten thousand fuzzy matches; it goes
    between `message` and `rest`. A `harmless` problem (an unknown key) leaves the record
    sound enough for the checks across files.
    """

    path: KeyPath
    message: str
    hint: tuple[str, Collection[str]] | None = None
    rest: str = ""
    harmless: bool = False

    def text(self) -> str:
        return self.message + (did_you_mean(*self.hint) if self.hint else "") + self.rest


def did_you_mean(value: str, valid: Collection[str]) -> str:
    guess = closest(value, valid)
    return f" (did you mean '{guess}'?)" if guess else ""


def check_document(data: Any) -> Iterator[Finding]:
    """Everything that can be wrong inside one file, whatever the other files hold."""
    if not isinstance(data, Mapping):
        yield Finding((), f"expected a mapping with sections {', '.join(SECTIONS)}")
        return
    for section, records in data.items():
        if section not in SECTIONS:
            yield Finding(
                (section,),
                f"unknown section '{section}'",
                (section, tuple(SECTIONS)),
                f"; expected one of {', '.join(SECTIONS)}",
            )
        elif not isinstance(records, list):
            yield Finding((section,), f"expected a list of {section}")
        else:
            for index, record in enumerate(records):
                yield from check_record(SECTIONS[section], record, (section, index))


def check_record(record: type, data: Any, path: KeyPath) -> Iterator[Finding]:
    if not isinstance(data, Mapping):
        yield Finding(path, f"expected a mapping of {record.__name__.lower()} fields")
        return
    specs = {entry.name: entry for entry in field_specs(record)}  # cached per record type
    for key in data:
        if key not in specs:
            yield Finding(
                (*path, key),
                f"unknown field '{key}'",
                (str(key), tuple(specs)),
                f"; expected one of {', '.join(specs)}",
                harmless=True,
            )
    for name, entry in specs.items():
        if name in data:
            yield from check_value(entry.spec, data[name], (*path, name))
        elif entry.required:
            yield Finding(path, f"missing required field '{name}': {entry.doc}")
    yield from check_author_names(data, path)
    yield from check_year(data, path, specs)
    yield from check_evidence(data, path)


def check_author_names(data: Mapping[str, Any], path: KeyPath) -> list[Finding]:
    """`author_names`, where given, names each of `authors` in parts: one for each."""
    authors, parts = data.get("authors"), data.get("author_names")
    if not (isinstance(authors, list) and isinstance(parts, list)) or len(authors) == len(parts):
        return []
    return [
        Finding(
            (*path, "author_names"),
            f"{len(parts)} author_names for {len(authors)} authors; give one for each author, "
            "in the order of `authors`",
        )
    ]


def check_year(data: Mapping[str, Any], path: KeyPath, specs: Mapping[str, Any]) -> list[Finding]:
    """A record's `year`, where it has one, is the year of its `date` (both sound on their
    own): a report dated 2022 is not a 1999 report. `schema` says the same (year_schema)."""
    year, date = data.get("year"), data.get("date")
    if not ("year" in specs and "date" in specs) or year is None or date is None:
        return []
    if specs["year"].spec.check(year) or specs["date"].spec.check(date) or year == int(date[:4]):
        return []
    return [
        Finding(
            (*path, "year"),
            f"year {describe(year)} is not the year of date {describe(date)}; give "
            f"{int(date[:4])}, the date's",
        )
    ]


def check_evidence(data: Mapping[str, Any], path: KeyPath) -> Iterator[Finding]:
    """Each piece of an item's evidence that does not stand in its own words: its quotes,
    and its title where that is the text's own heading of the point (`title_verbatim`)."""
    quotes = data.get("quotes")
    if not isinstance(quotes, list):
        return
    texts = own_words(data)
    for where, value in evidence_places(data):
        listed = isinstance(value, list)
        for number, words in enumerate(value if listed else [value]):
            if isinstance(words, str) and words.strip() and not in_quotes(words, texts):
                yield Finding(
                    (*path, *where, *((number,) if listed else ())),
                    f"evidence {describe(words)} is not in the item's quotes word for word "
                    "(nor in a title marked verbatim; whole words; '...' joins pieces)",
                )


def check_value(spec: Spec, value: Any, path: KeyPath) -> Iterator[Finding]:
    if isinstance(spec, Either):
        yield from check_value(spec.pick(value), value, path)
        return
    problem = spec.check(value)
    if problem:
        hint = (
            (value, spec.options) if isinstance(spec, Choice) and isinstance(value, str) else None
        )
        yield Finding(path, problem, hint)
    elif isinstance(spec, ListOf):
        for index, entry in enumerate(value):
            yield from check_value(spec.item, entry, (*path, index))
    elif isinstance(spec, MapOf):
        for key, entry in value.items():
            yield from check_value(spec.key, key, (*path, key))
            yield from check_value(spec.value, entry, (*path, key))
    elif isinstance(spec, Nested) and isinstance(value, Mapping):  # else a Shorthand's string
        yield from check_record(spec.record, value, path)


def sound_part(data: Any, findings: Iterable[Finding]) -> dict[str, list[Any]]:
    """The sections and records of a file that the checks across files can rely on.

    A record with any problem but an unknown key stands as its id alone (so the others keep
    their index, and references to it still resolve); so that one run reports every
    problem, the rest are still checked together.
    """
    sound = {
        section: list(records)
        for section, records in (data.items() if isinstance(data, Mapping) else ())
        if section in SECTIONS and isinstance(records, list)
    }
    for finding in findings:  # every one, even when nothing is sound: the caller counts them
        if finding.harmless or len(finding.path) < 2:
            continue
        section, index = finding.path[0], finding.path[1]
        if isinstance(section, str) and section in sound and isinstance(index, int):
            entry = sound[section][index]
            if not isinstance(entry, Unsound):
                ident = entry.get("id") if isinstance(entry, Mapping) else None
                sound[section][index] = Unsound(ident if isinstance(ident, str) else None)
    return sound


class Unsound(NamedTuple):
    """A record with problems of its own: only its id takes part in the checks across files."""

    id: str | None


class Document(NamedTuple):
    """One corpus file: its sound records (all of them, when it passed its own checks)."""

    name: str
    data: Mapping[str, list[dict[str, Any] | Unsound]]
    raw: bytes


class Placed(NamedTuple):
    """A finding, with the document it was found in."""

    document: Document
    finding: Finding


def records(documents: list[Document]) -> Iterator[tuple[Document, str, int, dict[str, Any]]]:
    for document in documents:
        for section, entries in document.data.items():
            for index, entry in enumerate(entries):
                if not isinstance(entry, Unsound):
                    yield document, section, index, entry


def check_together(
    documents: list[Document], where: Callable[[Document, KeyPath], str]
) -> Iterator[Placed]:
    """Conflicting ids, colliding aliases and references that resolve nowhere.

    A record repeated exactly (an export of the bundled corpus, say) is the same record; the
    same id with different content is a conflict, reported with both places.
    """
    seen: dict[str, dict[str, tuple[Document, KeyPath]]] = {section: {} for section in SECTIONS}
    for document in documents:
        for section, entries in document.data.items():
            for index, entry in enumerate(entries):
                if isinstance(entry, Unsound) and entry.id is not None:
                    seen[section].setdefault(entry.id, (document, (section, index, "id")))
    for document, section, index, entry in records(documents):
        path: KeyPath = (section, index, "id")
        first = seen[section].setdefault(entry["id"], (document, path))
        repeated = first[0] is not document or first[1] != path
        earlier = first[0].data[section][int(first[1][1])]
        if repeated and not isinstance(earlier, Unsound) and earlier != entry:
            yield Placed(
                document,
                Finding(
                    path,
                    f"duplicate {SINGULAR[section]} id '{entry['id']}' with different "
                    f"content; first defined at {where(*first)}",
                ),
            )
    yield from check_aliases(documents, where)
    for document, section, index, entry in records(documents):
        for spec_field in field_specs(SECTIONS[section]):
            if spec_field.name not in entry:
                continue
            for subpath, target, ref in spec_field.spec.refs(entry[spec_field.name]):
                if ref not in seen[target]:
                    yield Placed(
                        document,
                        Finding(
                            (section, index, spec_field.name, *subpath),
                            f"unknown {SINGULAR[target]} '{ref}'",
                            (ref, seen[target].keys()),
                        ),
                    )
        if section == "items" and entry.get("parent") in seen["items"]:
            parent_doc, parent_path = seen["items"][entry["parent"]]
            parent = parent_doc.data["items"][int(parent_path[1])]
            if isinstance(parent, Unsound):
                continue
            if parent["report"] != entry["report"] or parent["id"] == entry["id"]:
                yield Placed(
                    document,
                    Finding(
                        (section, index, "parent"),
                        f"parent '{entry['parent']}' must be another item of report "
                        f"'{entry['report']}'",
                    ),
                )


def check_aliases(
    documents: list[Document], where: Callable[[Document, KeyPath], str]
) -> Iterator[Placed]:
    owners: dict[str, tuple[str, Document, KeyPath]] = {}
    for document, section, index, entry in records(documents):
        if section != "actors":
            continue
        names: list[tuple[KeyPath, Any]] = [(("id",), entry["id"]), (("name",), entry["name"])]
        names += [
            (("aliases", number), alias) for number, alias in enumerate(entry.get("aliases", []))
        ]
        for step, name in names:
            path: KeyPath = (section, index, *step)
            owner = owners.setdefault(normalise(name), (entry["id"], document, path))
            if owner[0] != entry["id"]:
                yield Placed(
                    document,
                    Finding(
                        path,
                        f"alias '{name}' of actor '{entry['id']}' already names actor "
                        f"'{owner[0]}' at {where(owner[1], owner[2])}",
                    ),
                )
