"""The corpus model: typed, immutable records whose fields declare their own specs.

The dataclasses below are the single description of the corpus format: the validator
checks YAML against their field specs, the loader builds them, and `trilat schema`
renders them as JSON Schema.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields
from types import MappingProxyType
from typing import Any

from .specs import (
    Boolean,
    Choice,
    Date,
    Integer,
    ListOf,
    MapOf,
    Nested,
    Ref,
    Slug,
    Spec,
    Text,
    Url,
)

FORMS = (
    "web-page",
    "magazine-article",
    "news-article",
    "journal-article",
    "report",
    "statement",
)
KINDS = ("context", "risk", "flashpoint", "objective", "recommendation", "uncertainty", "area")
ROLES = ("by", "involves")
PRECISIONS = {4: "year", 7: "month", 10: "day"}


def spec(kind: Spec, doc: str, default: Any = MISSING) -> Any:
    """A dataclass field that carries its value spec and a line of documentation."""
    metadata = {"spec": kind, "doc": doc}
    if isinstance(default, Mapping):
        return field(default_factory=lambda: MappingProxyType(dict(default)), metadata=metadata)
    return field(default=default, metadata=metadata)


def precision(date: str) -> str:
    """How precise a YYYY[-MM[-DD]] date is: year, month or day."""
    return PRECISIONS[len(date)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    id: str = spec(Slug(), "Stable id, e.g. south-korea.")
    name: str = spec(Text(), "Display name.")
    aliases: tuple[str, ...] = spec(
        ListOf(Text()), "Other names people type: codes, abbreviations, capitals.", ()
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Theme:
    id: str = spec(Slug(), "Stable id, e.g. north-korea.")
    name: str = spec(Text(), "Display name.")
    definition: str = spec(Text(), "One sentence saying what belongs to the theme.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: str = spec(Slug(), "Stable id.")
    date: str = spec(Date(), "When it happened, as precise as the sources allow.")
    label: str = spec(Text(), "What happened (ours, not a quote).")
    end: str | None = spec(Date(), "Last year/month/day of an event that spans time.", None)
    note: str | None = spec(Text(), "A remark on the date or the sources' wording.", None)
    actors: tuple[str, ...] = spec(ListOf(Ref(section="actors")), "Actors it concerns.", ())

    @property
    def precision(self) -> str:
        return precision(self.date)


@dataclass(frozen=True, slots=True, kw_only=True)
class Work:
    """A publication that a text summarises or cites."""

    title: str = spec(Text(), "Title of the publication.")
    sentence_title: str | None = spec(Text(), "The title in sentence case, for APA.", None)
    authors: tuple[str, ...] = spec(ListOf(Text(), min_items=1), "Authors, as printed.")
    publisher: str = spec(Text(), "Publisher.")
    date: str = spec(Date(), "Publication date.")
    kind: str = spec(Choice(options=FORMS), "What kind of publication it is.", "report")


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    id: str = spec(Slug(), "Short stable id, e.g. hudson-2019.")
    year: int = spec(Integer(minimum=1800, maximum=2200), "Year of publication; also an alias.")
    title: str = spec(Text(), "Title as published.")
    sentence_title: str | None = spec(Text(), "The title in sentence case, for APA.", None)
    publisher: str = spec(Text(), "Publisher.")
    authors: tuple[str, ...] = spec(ListOf(Text(), min_items=1), "Authors or corporate byline.")
    date: str = spec(Date(), "Publication date, as precise as known.")
    url: str = spec(Url(), "Where the text is published.")
    kind: str = spec(Choice(options=FORMS), "What kind of publication it is (for citations).")
    summary: str = spec(Text(), "A summary paragraph (ours, not a quote).")
    date_note: str | None = spec(Text(), "How the date or the text was established.", None)
    based_on: Work | None = spec(Nested(record=Work), "The publication this text summarises.", None)
    notes: Mapping[str, str] = spec(
        MapOf(key=Ref(section="themes"), value=Text()),
        "Theme id -> how this text treats the theme (ours, not a quote).",
        {},
    )

    @property
    def precision(self) -> str:
        return precision(self.date)


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    id: str = spec(Slug(), "Stable, readable id, e.g. h19-rec-3.")
    report: str = spec(Ref(section="reports"), "The report the item comes from.")
    kind: str = spec(Choice(options=KINDS), "What the item is.")
    title: str = spec(Text(), "A short title.")
    summary: str = spec(Text(), "What the item says (ours, not a quote).")
    quotes: tuple[str, ...] = spec(
        ListOf(Text(), min_items=1), "Passages copied word for word from the text."
    )
    actors: Mapping[str, str] = spec(
        MapOf(key=Ref(section="actors"), value=Choice(options=ROLES), min_items=1),
        "Actor id -> role: by (asked to act, or acts) or involves (concerned).",
    )
    themes: tuple[str, ...] = spec(
        ListOf(Ref(section="themes"), min_items=1), "Theme ids from the codebook."
    )
    ordinal: int | None = spec(Integer(minimum=1, maximum=999), "Its number in the text.", None)
    title_verbatim: bool = spec(Boolean(), "True when the title is the text's own heading.", False)
    parent: str | None = spec(Ref(section="items"), "The item this one is part of.", None)
    events: tuple[str, ...] = spec(
        ListOf(Ref(section="events")), "Dated events the item mentions.", ()
    )

    def takes_part(self, actor: str, role: str | None = None) -> bool:
        return actor in self.actors and role in (None, self.actors[actor])

    @property
    def label(self) -> str:
        """How the text would name it: 'recommendation 3', or the kind alone."""
        return f"{self.kind} {self.ordinal}" if self.ordinal else self.kind


SECTIONS: dict[str, type] = {
    "reports": Report,
    "actors": Actor,
    "themes": Theme,
    "events": Event,
    "items": Item,
}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    spec: Spec
    doc: str
    required: bool


def field_specs(record: type) -> Iterator[FieldSpec]:
    for entry in fields(record):
        yield FieldSpec(
            entry.name,
            entry.metadata["spec"],
            entry.metadata["doc"],
            entry.default is MISSING and entry.default_factory is MISSING,
        )


def is_default(entry: Any, value: Any) -> bool:
    if entry.default is not MISSING:
        return value == entry.default
    return entry.default_factory is not MISSING and value == entry.default_factory()


def as_data(value: Any, compact: bool = False) -> Any:
    """A record (or anything inside one) as plain JSON-ready data, fields in declared order.

    `compact` leaves out fields that hold their default, as a person writes a corpus file.
    """
    if hasattr(value, "__dataclass_fields__"):
        return {
            entry.name: as_data(getattr(value, entry.name), compact)
            for entry in fields(value)
            if not (compact and is_default(entry, getattr(value, entry.name)))
        }
    if isinstance(value, Mapping):
        return {key: as_data(entry, compact) for key, entry in value.items()}
    if isinstance(value, tuple | list):
        return [as_data(entry, compact) for entry in value]
    return value


def build(record: type, data: Mapping[str, Any]) -> Any:
    """A record from validated plain data."""
    specs = {entry.name: entry.spec for entry in field_specs(record)}
    return record(**{key: specs[key].freeze(value) for key, value in data.items()})


def record_schema(record: type) -> dict[str, Any]:
    """The JSON Schema of one record type."""
    specs = list(field_specs(record))
    properties = {}
    for entry in specs:
        properties[entry.name] = {**entry.spec.json_schema(), "description": entry.doc}
    return {
        "type": "object",
        "properties": properties,
        "required": [entry.name for entry in specs if entry.required],
        "additionalProperties": False,
    }


def corpus_schema() -> dict[str, Any]:
    """The JSON Schema of one corpus file: any of the five sections, each a list of records."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "trilat corpus file",
        "description": "Reports, actors, themes, events and items; see `trilat schema` and the README.",
        "type": "object",
        "properties": {
            section: {"type": "array", "items": record_schema(record)}
            for section, record in SECTIONS.items()
        },
        "additionalProperties": False,
    }


@dataclass(frozen=True)
class Corpus:
    """Every record, by section and id, in the order the files give them."""

    reports: Mapping[str, Report]
    actors: Mapping[str, Actor]
    themes: Mapping[str, Theme]
    events: Mapping[str, Event]
    items: Mapping[str, Item]

    def section(self, name: str) -> Mapping[str, Any]:
        return getattr(self, name)
