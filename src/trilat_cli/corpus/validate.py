"""Validation of corpus data: each file on its own, then all files together.

Checks return findings (a path inside a file and a message) rather than raising, so a
run reports every problem at once; `loader` turns findings into file:line:column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from ..errors import closest
from .fields import ListOf, MapOf, Nested, Spec, field_specs
from .model import SECTIONS, normalise

KeyPath = tuple[str | int, ...]
SINGULAR = {
    "reports": "report",
    "actors": "actor",
    "themes": "theme",
    "events": "event",
    "items": "item",
}


class Finding(NamedTuple):
    path: KeyPath
    message: str


def did_you_mean(value: str, valid: Mapping[str, Any] | list[str]) -> str:
    guess = closest(value, valid)
    return f" (did you mean '{guess}'?)" if guess else ""


def check_document(data: Any) -> list[Finding]:
    """Everything that can be wrong inside one file, whatever the other files hold."""
    if not isinstance(data, Mapping):
        return [Finding((), f"expected a mapping with sections {', '.join(SECTIONS)}")]
    findings: list[Finding] = []
    for section, records in data.items():
        if section not in SECTIONS:
            findings.append(
                Finding(
                    (section,),
                    f"unknown section '{section}'{did_you_mean(section, list(SECTIONS))}; "
                    f"expected one of {', '.join(SECTIONS)}",
                )
            )
        elif not isinstance(records, list):
            findings.append(Finding((section,), f"expected a list of {section}"))
        else:
            for index, record in enumerate(records):
                findings += check_record(SECTIONS[section], record, (section, index))
    return findings


def check_record(record: type, data: Any, path: KeyPath) -> list[Finding]:
    if not isinstance(data, Mapping):
        return [Finding(path, f"expected a mapping of {record.__name__.lower()} fields")]
    specs = {entry.name: entry for entry in field_specs(record)}  # cached per record type
    findings = [
        Finding(
            (*path, key),
            f"unknown field '{key}'{did_you_mean(key, list(specs))}; "
            f"expected one of {', '.join(specs)}",
        )
        for key in data
        if key not in specs
    ]
    for name, entry in specs.items():
        if name in data:
            findings += check_value(entry.spec, data[name], (*path, name))
        elif entry.required:
            findings.append(Finding(path, f"missing required field '{name}': {entry.doc}"))
    return findings + check_author_names(data, path)


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


def check_value(spec: Spec, value: Any, path: KeyPath) -> list[Finding]:
    problem = spec.check(value)
    if problem:
        return [Finding(path, problem)]
    if isinstance(spec, ListOf):
        return [
            finding
            for index, entry in enumerate(value)
            for finding in check_value(spec.item, entry, (*path, index))
        ]
    if isinstance(spec, MapOf):
        return [
            finding
            for key, entry in value.items()
            for finding in check_value(spec.key, key, (*path, key))
            + check_value(spec.value, entry, (*path, key))
        ]
    if isinstance(spec, Nested):
        return check_record(spec.record, value, path)
    return []


class Document(NamedTuple):
    """One corpus file that passed its own checks."""

    name: str
    data: Mapping[str, list[dict[str, Any]]]
    raw: bytes


class Placed(NamedTuple):
    """A finding, with the document it was found in."""

    document: Document
    finding: Finding


def records(documents: list[Document]) -> Iterator[tuple[Document, str, int, dict[str, Any]]]:
    for document in documents:
        for section, entries in document.data.items():
            for index, entry in enumerate(entries):
                yield document, section, index, entry


def check_together(
    documents: list[Document], where: Callable[[Document, KeyPath], str]
) -> list[Placed]:
    """Conflicting ids, colliding aliases and references that resolve nowhere.

    A record repeated exactly (an export of the bundled corpus, say) is the same record; the
    same id with different content is a conflict, reported with both places.
    """
    placed: list[Placed] = []
    seen: dict[str, dict[str, tuple[Document, KeyPath]]] = {section: {} for section in SECTIONS}
    for document, section, index, entry in records(documents):
        path: KeyPath = (section, index, "id")
        first = seen[section].setdefault(entry["id"], (document, path))
        repeated = first[0] is not document or first[1] != path
        if repeated and first[0].data[section][first[1][1]] != entry:
            placed.append(
                Placed(
                    document,
                    Finding(
                        path,
                        f"duplicate {SINGULAR[section]} id '{entry['id']}' with different "
                        f"content; first defined at {where(*first)}",
                    ),
                )
            )
    placed += check_aliases(documents, where)
    for document, section, index, entry in records(documents):
        for spec_field in field_specs(SECTIONS[section]):
            if spec_field.name not in entry:
                continue
            for subpath, target, ref in spec_field.spec.refs(entry[spec_field.name]):
                if ref not in seen[target]:
                    placed.append(
                        Placed(
                            document,
                            Finding(
                                (section, index, spec_field.name, *subpath),
                                f"unknown {SINGULAR[target]} '{ref}'"
                                f"{did_you_mean(ref, list(seen[target]))}",
                            ),
                        )
                    )
        if section == "items" and entry.get("parent") in seen["items"]:
            parent_doc, parent_path = seen["items"][entry["parent"]]
            parent = parent_doc.data["items"][parent_path[1]]
            if parent["report"] != entry["report"] or parent["id"] == entry["id"]:
                placed.append(
                    Placed(
                        document,
                        Finding(
                            (section, index, "parent"),
                            f"parent '{entry['parent']}' must be another item of report "
                            f"'{entry['report']}'",
                        ),
                    )
                )
    return placed


def check_aliases(
    documents: list[Document], where: Callable[[Document, KeyPath], str]
) -> list[Placed]:
    owners: dict[str, tuple[str, Document, KeyPath]] = {}
    placed = []
    for document, section, index, entry in records(documents):
        if section != "actors":
            continue
        names = [("id", entry["id"]), ("name", entry["name"])]
        names += [
            (("aliases", number), alias) for number, alias in enumerate(entry.get("aliases", []))
        ]
        for step, name in names:
            path: KeyPath = (section, index, *(step if isinstance(step, tuple) else (step,)))
            owner = owners.setdefault(normalise(name), (entry["id"], document, path))
            if owner[0] != entry["id"]:
                placed.append(
                    Placed(
                        document,
                        Finding(
                            path,
                            f"alias '{name}' of actor '{entry['id']}' already names actor "
                            f"'{owner[0]}' at {where(owner[1], owner[2])}",
                        ),
                    )
                )
    return placed
