"""The corpus model: typed, immutable records whose fields declare their own specs.

The records below are the single description of the corpus format: each field's type is
`Annotated[type, Field(spec, doc)]`, so the validator checks YAML against the specs, the
loader builds the records, and `trilat schema` renders them as JSON Schema. They are
NamedTuples: immutable, typed, and cheap to define at every start-up. (No postponed
annotations here: the field specs must be live objects.)
"""

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Annotated, Any, NamedTuple

from .fields import (
    Boolean,
    Choice,
    Date,
    Either,
    Evidence,
    Field,
    Integer,
    ListOf,
    MapOf,
    Nested,
    Paragraphs,
    Ref,
    Shorthand,
    Slug,
    Text,
    Url,
    field_specs,
    record_schema,
    specs_by_name,
)

FORMS = ("web-page", "magazine-article", "news-article", "journal-article", "report", "statement")
# Each kind of item, in the order a memo lists them, with its name in the plural (a heading).
KIND_PLURALS = {
    "context": "context",
    "risk": "risks",
    "flashpoint": "flash points",
    "objective": "objectives",
    "recommendation": "recommendations",
    "uncertainty": "uncertainties",
    "area": "areas",
}
KINDS = tuple(KIND_PLURALS)
ROLES = ("by", "involves")
PRECISIONS = {4: "year", 7: "month", 10: "day"}
NO_NOTES: Mapping[str, str] = MappingProxyType({})


def normalise(name: str) -> str:
    """The form in which names and aliases are compared: case, dots, spacing ignored."""
    simple = name.casefold().replace(".", "").replace("'", "").replace("\u2019", "")
    return "-".join(simple.replace("_", " ").replace("-", " ").split())


def precision(date: str) -> str:
    """How precise a YYYY[-MM[-DD]] date is: year, month or day."""
    return PRECISIONS[len(date)]


class Actor(NamedTuple):
    id: Annotated[str, Field(Slug(), "Stable id, e.g. south-korea.")]
    name: Annotated[str, Field(Text(), "Display name.")]
    aliases: Annotated[
        tuple[str, ...],
        Field(ListOf(Text()), "Other names people type: codes, abbreviations, capitals."),
    ] = ()
    also_known_as: Annotated[
        tuple[str, ...],
        Field(
            ListOf(Text()),
            "Names searched for it that are not its own (its leaders of the period): they "
            "find its items below those whose words match, and never stand for it in --actor.",
        ),
    ] = ()


INCLUDE_CUES = (
    "Cue words: evidence for this code should hold one of them (a word or phrase, any case, "
    "whole words; a final * stands for any ending: cyber*). None given: any words may do."
)
EXCLUDE_CUES = "Cue words that mark what is coded elsewhere: evidence holding one is suspect."
WITHOUT_EVIDENCE = (
    "Why this rule needs no evidence, if it needs none: then a code may be given without words."
)


class Theme(NamedTuple):
    id: Annotated[str, Field(Slug(), "Stable id, e.g. north-korea.")]
    name: Annotated[str, Field(Text(), "Display name.")]
    definition: Annotated[str, Field(Text(), "One sentence saying what belongs to the theme.")]
    includes: Annotated[
        str | None, Field(Text(), "Boundary rule: what is coded here, with examples.")
    ] = None
    excludes: Annotated[
        str | None, Field(Text(), "Boundary rule: what looks close but is coded elsewhere.")
    ] = None
    also_known_as: Annotated[
        tuple[str, ...], Field(ListOf(Text()), "Other names people search for it by.")
    ] = ()
    include_cues: Annotated[tuple[str, ...], Field(ListOf(Text()), INCLUDE_CUES)] = ()
    exclude_cues: Annotated[tuple[str, ...], Field(ListOf(Text()), EXCLUDE_CUES)] = ()
    without_evidence: Annotated[str | None, Field(Text(), WITHOUT_EVIDENCE)] = None


class Kind(NamedTuple):
    """The written rule for one kind of item: what makes a passage a recommendation, say."""

    id: Annotated[str, Field(Choice(KINDS), "The kind the rule is for.")]
    name: Annotated[str, Field(Text(), "Display name.")]
    definition: Annotated[str, Field(Text(), "The rule: what makes an item this kind.")]
    includes: Annotated[
        str | None, Field(Text(), "Boundary rule: what is coded here, with examples.")
    ] = None
    excludes: Annotated[
        str | None, Field(Text(), "Boundary rule: what looks close but is another kind.")
    ] = None
    include_cues: Annotated[tuple[str, ...], Field(ListOf(Text()), INCLUDE_CUES)] = ()
    exclude_cues: Annotated[tuple[str, ...], Field(ListOf(Text()), EXCLUDE_CUES)] = ()
    without_evidence: Annotated[str | None, Field(Text(), WITHOUT_EVIDENCE)] = None


EVIDENCE = "Words of the item's own quotes that meet the rule: a string or a list of strings."
SUGGESTED = "True while a program suggested the code and no person has accepted it."


class ActorCode(NamedTuple):
    """An actor on an item: its role, and the words that show it."""

    role: Annotated[
        str, Field(Choice(ROLES), "by (asked to act, or acts) or involves (concerned).")
    ]
    evidence: Annotated[tuple[str, ...], Field(Evidence(), EVIDENCE)] = ()
    suggested: Annotated[bool, Field(Boolean(), SUGGESTED)] = False


class ThemeCode(NamedTuple):
    """A theme on an item: the words that meet its rule."""

    evidence: Annotated[tuple[str, ...], Field(Evidence(), EVIDENCE)] = ()
    suggested: Annotated[bool, Field(Boolean(), SUGGESTED)] = False


def lift_role(role: str) -> ActorCode:
    return ActorCode(role)


def lift_themes(ids: tuple[str, ...]) -> Mapping[str, ThemeCode]:
    return MappingProxyType(dict.fromkeys(ids, ThemeCode()))


ACTORS = MapOf(Ref("actors"), Either(Choice(ROLES), Nested(ActorCode), lift_role))
THEMES = Either(
    ListOf(Ref("themes"), min_items=1),
    # Empty ({}) only in the long form: a draft whose passage meets no theme's cue words.
    MapOf(Ref("themes"), Either(Evidence(), Nested(ThemeCode), ThemeCode)),
    lift_themes,
)


class Event(NamedTuple):
    id: Annotated[str, Field(Slug(), "Stable id.")]
    date: Annotated[str, Field(Date(), "When it happened, as precise as the sources allow.")]
    label: Annotated[str, Field(Text(), "What happened (ours, not a quote).")]
    end: Annotated[
        str | None, Field(Date(), "Last year/month/day of an event that spans time.")
    ] = None
    note: Annotated[str | None, Field(Text(), "A remark on the date or the sources' wording.")] = (
        None
    )
    actors: Annotated[tuple[str, ...], Field(ListOf(Ref("actors")), "Actors it concerns.")] = ()
    also_known_as: Annotated[
        tuple[str, ...],
        Field(ListOf(Text()), "Other names people search for it by (GSOMIA, TISA)."),
    ] = ()


class Person(NamedTuple):
    """An author's name in parts, as CSL-JSON has them, so citations need not guess."""

    family: Annotated[str, Field(Text(), "Family name: Aum, Yoon, King.")]
    given: Annotated[str | None, Field(Text(), "Given names: Daniel, Suk Yeol, Martin Luther.")] = (
        None
    )
    suffix: Annotated[str | None, Field(Text(), "A suffix after the name: Jr., III.")] = None
    particle: Annotated[
        str | None,
        Field(
            Text(),
            "A particle kept with the family name (CSL's non-dropping-particle): van, de la.",
        ),
    ] = None


AUTHOR_NAMES = (
    "Each author of `authors`, in order, as family and given names (and suffix), for citations; "
    "without it, a person's last printed word is taken as the family name."
)


class Work(NamedTuple):
    """A publication that a text summarises or cites."""

    title: Annotated[str, Field(Text(), "Title of the publication.")]
    authors: Annotated[tuple[str, ...], Field(ListOf(Text(), min_items=1), "Authors, as printed.")]
    publisher: Annotated[str, Field(Text(), "Publisher.")]
    date: Annotated[str, Field(Date(), "Publication date.")]
    sentence_title: Annotated[str | None, Field(Text(), "The title in sentence case, for APA.")] = (
        None
    )
    kind: Annotated[str, Field(Choice(FORMS), "What kind of publication it is.")] = "report"
    author_names: Annotated[tuple[Person, ...], Field(ListOf(Nested(Person)), AUTHOR_NAMES)] = ()


class Report(NamedTuple):
    id: Annotated[str, Field(Slug(), "Short stable id, e.g. hudson-2019.")]
    year: Annotated[int, Field(Integer(1800, 2200), "Year of publication; also an alias.")]
    title: Annotated[str, Field(Text(), "Title as published.")]
    publisher: Annotated[str, Field(Text(), "Publisher.")]
    authors: Annotated[
        tuple[str, ...], Field(ListOf(Text(), min_items=1), "Authors or corporate byline.")
    ]
    date: Annotated[str, Field(Date(), "Publication date, as precise as known.")]
    url: Annotated[str, Field(Url(), "Where the text is published.")]
    kind: Annotated[str, Field(Choice(FORMS), "What kind of publication it is (for citations).")]
    summary: Annotated[str, Field(Text(), "A summary paragraph (ours, not a quote).")]
    sentence_title: Annotated[str | None, Field(Text(), "The title in sentence case, for APA.")] = (
        None
    )
    date_note: Annotated[str | None, Field(Text(), "How the date or the text was established.")] = (
        None
    )
    based_on: Annotated[
        Work | None, Field(Nested(Work), "The publication this text summarises.")
    ] = None
    notes: Annotated[
        Mapping[str, str],
        Field(
            MapOf(Ref("themes"), Text()),
            "Theme id -> how this text treats the theme (ours, not a quote).",
        ),
    ] = NO_NOTES
    author_names: Annotated[tuple[Person, ...], Field(ListOf(Nested(Person)), AUTHOR_NAMES)] = ()


class Quote(NamedTuple):
    """Words copied from the text, with the body paragraph (or range) they stand in."""

    para: Annotated[
        int | str | None,
        Field(
            Paragraphs(),
            'The body paragraph of the text the words stand in, counted from 1 (README "How '
            'the corpus is organised"); "7-8" for words that span paragraphs.',
        ),
    ]
    text: Annotated[str, Field(Text(), "The words, as the text has them.")]

    def paragraphs(self) -> tuple[int, int] | None:
        """The first and last paragraph, or None where the corpus does not say."""
        if self.para is None:
            return None
        first, _, last = str(self.para).partition("-")
        return int(first), int(last or first)


class Item(NamedTuple):
    id: Annotated[str, Field(Slug(), "Stable, readable id, e.g. h19-rec-3.")]
    report: Annotated[str, Field(Ref("reports"), "The report the item comes from.")]
    kind: Annotated[str, Field(Choice(KINDS), "What the item is.")]
    title: Annotated[str, Field(Text(), "A short title.")]
    summary: Annotated[str, Field(Text(), "What the item says (ours, not a quote).")]
    quotes: Annotated[
        tuple[Quote, ...],
        Field(
            ListOf(Shorthand(Quote, "text"), min_items=1),
            "Passages copied word for word from the text, each with its paragraph "
            "(`{para: 4, text: ...}`); a bare string is a quote whose paragraph is not given.",
        ),
    ]
    actors: Annotated[
        Mapping[str, ActorCode],
        Field(
            ACTORS,
            "Actor id -> role (by: asked to act, or acts; involves: concerned), or -> "
            "{role, evidence}: the words of the quotes that name it. Empty ({}) when the "
            "quotes name no state.",
        ),
    ]
    themes: Annotated[
        Mapping[str, ThemeCode],
        Field(
            THEMES,
            "Theme ids from the codebook, or theme id -> evidence: the words of the quotes "
            "that meet the theme's rule (or -> {evidence, suggested}).",
        ),
    ]
    ordinal: Annotated[int | None, Field(Integer(1, 999), "Its number in the text.")] = None
    title_verbatim: Annotated[
        bool, Field(Boolean(), "True when the title is the text's own heading.")
    ] = False
    parent: Annotated[str | None, Field(Ref("items"), "The item this one is part of.")] = None
    events: Annotated[
        tuple[str, ...], Field(ListOf(Ref("events")), "Dated events the item mentions.")
    ] = ()
    also_known_as: Annotated[
        tuple[str, ...], Field(ListOf(Text()), "Other names people search for it by.")
    ] = ()
    kind_evidence: Annotated[
        tuple[str, ...],
        Field(Evidence(), "Words of the item's quotes that meet the kind's rule in the codebook."),
    ] = ()
    kind_suggested: Annotated[bool, Field(Boolean(), SUGGESTED)] = False

    def takes_part(self, actor: str, role: str | None = None) -> bool:
        return actor in self.actors and role in (None, self.actors[actor].role)

    @property
    def label(self) -> str:
        """How the text would name it: 'recommendation 3', or the kind alone."""
        return f"{self.kind} {self.ordinal}" if self.ordinal else self.kind


SECTIONS: dict[str, type] = {
    "reports": Report,
    "actors": Actor,
    "themes": Theme,
    "kinds": Kind,
    "events": Event,
    "items": Item,
}


def is_record(value: Any) -> bool:
    return isinstance(value, tuple) and hasattr(type(value), "_field_defaults")


@cache
def data_plan(record: type) -> tuple[tuple[str, Any], ...]:
    """For each field of a record type: its name, and how its value becomes plain data."""
    plan: list[tuple[str, Any]] = []
    for entry in field_specs(record):
        if entry.spec is ACTORS:
            plan.append((entry.name, lambda codes: {key: code.role for key, code in codes.items()}))
        elif entry.spec is THEMES or isinstance(entry.spec, Evidence):
            plan.append((entry.name, list))
        elif isinstance(entry.spec, ListOf) and isinstance(entry.spec.item, Nested):
            plan.append((entry.name, lambda value: [as_data(record) for record in value]))
        elif isinstance(entry.spec, ListOf):
            plan.append((entry.name, list))
        elif isinstance(entry.spec, MapOf):
            plan.append((entry.name, dict))
        elif isinstance(entry.spec, Nested):
            plan.append((entry.name, lambda value: None if value is None else as_data(value)))
        else:
            plan.append((entry.name, None))
    return tuple(plan)


def record_keys(record: type) -> tuple[str, ...]:
    """The keys of a record's plain data, in order: what JSON and CSV give for it (an item's
    evidence and suggestions after its fields)."""
    keys = tuple(name for name, _ in data_plan(record))
    return (*keys, "evidence", "suggested") if record is Item else keys


def as_data(value: Any, compact: bool = False) -> Any:
    """A record (or anything inside one) as plain JSON-ready data, fields in declared order.

    `compact` leaves out fields that hold their default and writes each code in its shortest
    form, as a person writes a corpus file, and a quote whose paragraph is unknown as the
    bare string it was.
    """
    if compact and isinstance(value, Quote) and value.para is None:
        return value.text
    if is_record(value):
        record: type = type(value)  # typed: mypy finds type[Any] unhashable for the cache
        if not compact:
            data = {
                name: entry if plain is None else plain(entry)
                for (name, plain), entry in zip(data_plan(record), value, strict=True)
            }
            return data | evidence_data(value) if isinstance(value, Item) else data
        defaults = record._field_defaults  # type: ignore[attr-defined]
        specs = specs_by_name(record)
        return {
            name: written(specs[name], entry)
            for name, entry in zip(value._fields, value, strict=True)
            if not (name in defaults and entry == defaults[name])
        }
    if isinstance(value, Mapping):
        return {key: as_data(entry, compact) for key, entry in value.items()}
    if isinstance(value, tuple | list):
        return [as_data(entry, compact) for entry in value]
    return value


def written(spec: Any, value: Any) -> Any:
    """A field's value as a person writes it: evidence of one phrase as a string, a code
    without evidence in the short form, themes without any evidence as a list."""
    if isinstance(spec, Evidence):
        return value[0] if len(value) == 1 else list(value)
    if spec is ACTORS:
        return {key: written_code(code) for key, code in value.items()}
    if spec is THEMES:
        if not any(code.evidence or code.suggested for code in value.values()):
            return list(value)
        return {key: written_code(code) for key, code in value.items()}
    return as_data(value, compact=True)


def written_code(code: ActorCode | ThemeCode) -> Any:
    if not code.suggested and isinstance(code, ActorCode) and not code.evidence:
        return code.role
    if not code.suggested and isinstance(code, ThemeCode) and code.evidence:
        return written(Evidence(), code.evidence)
    return as_data(code, compact=True)


def evidence_data(item: Item) -> dict[str, Any]:
    """What JSON adds to an item: the words behind each actor and theme, and which of them a
    program suggested and no person has accepted yet (the kind's are fields of their own)."""
    return {
        "evidence": {
            "actors": {key: list(code.evidence) for key, code in item.actors.items()},
            "themes": {key: list(code.evidence) for key, code in item.themes.items()},
        },
        "suggested": {
            "actors": [key for key, code in item.actors.items() if code.suggested],
            "themes": [key for key, code in item.themes.items() if code.suggested],
        },
    }


def corpus_schema() -> dict[str, Any]:
    """The JSON Schema of one corpus file: any of the sections, each a list of records."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "trilat corpus file",
        "description": "Reports, actors, themes, kinds, events and items; see `trilat schema` and the README.",
        "type": "object",
        "properties": {
            section: {"type": "array", "items": record_schema(record)}
            for section, record in SECTIONS.items()
        },
        "additionalProperties": False,
    }


class Corpus(NamedTuple):
    """Every record, by section and id, in the order the files give them."""

    reports: Mapping[str, Report]
    actors: Mapping[str, Actor]
    themes: Mapping[str, Theme]
    kinds: Mapping[str, Kind]
    events: Mapping[str, Event]
    items: Mapping[str, Item]
    # What the corpus was loaded from: a hash of its files' bytes and of the code that read
    # them ("" when unknown). Whatever is built from the corpus may be cached under it.
    source: str = ""

    def section(self, name: str) -> Mapping[str, Any]:
        records: Mapping[str, Any] = getattr(self, name)
        return records

    def items_of(self, *reports: str) -> list[Item]:
        """The items of these reports, in corpus order."""
        return [item for item in self.items.values() if item.report in reports]
