"""Value specifications: what a field of a corpus record may hold.

Each spec checks a plain value parsed from YAML, turns it into its immutable form and
describes itself as JSON Schema, so validation, loading and `trilat schema` share one
definition of the corpus format. (Plain classes, not dataclasses: they are created at
every start-up, and a dataclass costs about a millisecond to create.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, NamedTuple


def whole(pattern: str) -> str:
    """A pattern that matches whole strings only: in Python `$` also matches before a final
    newline, and ECMA regexes have no `\\Z`, but both read "no character follows" alike."""
    return rf"^(?:{pattern})(?![\s\S])"


# Patterns as strings: `re` compiles and caches them on first use, which only validation needs.
# Each is the one source for `validate` (Python's re) and `trilat schema` (JSON Schema's ECMA
# regexes, which jsonschema runs with re.search), so each is written to mean the same in both.
# Blank characters: those of str.isspace(), spelled out because ECMA's \s is another set.
SPACE = r"\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Characters a terminal acts on or hides: C0 controls but tab and newline, DEL and C1 (CSI,
# OSC, ...), then bidi controls (U+202E turns text around) and zero-width characters. Text
# may hold them (the output shows them); an id or a URL, which is followed, may not.
CONTROL = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
HIDDEN = r"\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
UNSAFE = re.compile(f"[{CONTROL}{HIDDEN}]")


def shown(char: str) -> str:
    """How output shows such a character: `\\x1b`, `\\u202e`."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_escaped(text: str) -> str:
    """JSON text holding no such character: json escapes C0 controls only, and DEL, C1, bidi
    and zero-width characters can only sit inside strings, where a \\u escape is the same
    character to a JSON reader."""
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


TEXT = rf"[^{SPACE}]"  # somewhere in the string: not blank
SLUG = whole(r"[a-z0-9][a-z0-9-]*")
URL = whole(rf"https?://[^{SPACE}{CONTROL}{HIDDEN}]+")
DATE = whole(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # the shape; datetime says if real
# The same dates spelled out for JSON Schema: month lengths, and 29 February in leap years.
YEAR = r"(?!0000)[0-9]{4}"
MONTH = r"0[1-9]|1[0-2]"
MONTH_DAY = (
    r"(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31"
)
LEAP_YEAR = r"[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00"
# A body paragraph, or a range of them: 4, or "7-8" (at most six digits each, so that no
# conversion is unbounded).
PARAGRAPH_RANGE = whole(r"([1-9][0-9]{0,5})-([1-9][0-9]{0,5})")
MAX_PARAGRAPH = 999_999
CALENDAR_DATE = whole(rf"{YEAR}(?:-(?:{MONTH}))?|{YEAR}-(?:{MONTH_DAY})|(?:{LEAP_YEAR})-02-29")

Refs = list[tuple[tuple[str | int, ...], str, str]]


def describe(value: Any) -> str:
    """A short, safe rendering of a bad value for an error message."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


class Spec:
    """A kind of value. `check` returns a problem description, or None when the value fits."""

    __slots__ = ()
    expected = "a value"

    def check(self, value: Any) -> str | None:
        return None if self.fits(value) else f"expected {self.expected}, got {describe(value)}"

    def fits(self, value: Any) -> bool:
        raise NotImplementedError

    def freeze(self, value: Any) -> Any:
        return value

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def refs(self, value: Any) -> Refs:
        """(path inside the value, section, id) for every reference the value makes."""
        return []


class Text(Spec):
    __slots__ = ()
    expected = "a non-empty string"

    def fits(self, value: Any) -> bool:
        return isinstance(value, str) and re.search(TEXT, value) is not None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": TEXT}


class Slug(Spec):
    __slots__ = ()
    expected = "an id of lower-case letters, digits and hyphens"

    def fits(self, value: Any) -> bool:
        return isinstance(value, str) and re.match(SLUG, value) is not None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": SLUG}


class Ref(Slug):
    """The id of a record in another section (`actors`, `themes`, `reports`, ...)."""

    __slots__ = ("section",)

    def __init__(self, section: str) -> None:
        self.section = section

    def refs(self, value: Any) -> Refs:
        return [((), self.section, value)]


class Url(Spec):
    __slots__ = ()
    expected = "an http(s) URL"

    def fits(self, value: Any) -> bool:
        return isinstance(value, str) and re.match(URL, value) is not None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": URL}


class Date(Spec):
    """A date as precise as the source allows: YYYY, YYYY-MM or YYYY-MM-DD."""

    __slots__ = ()
    expected = "a date written YYYY, YYYY-MM or YYYY-MM-DD (quoted)"

    def check(self, value: Any) -> str | None:
        import datetime as dt

        match = re.match(DATE, value) if isinstance(value, str) else None
        if match is None:
            return f"expected {self.expected}, got {describe(value)}"
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            return f"{value!r} is not a real date"
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": CALENDAR_DATE}


class Integer(Spec):
    __slots__ = ("maximum", "minimum")
    expected = "a whole number"

    def __init__(self, minimum: int, maximum: int) -> None:
        self.minimum, self.maximum = minimum, maximum

    def check(self, value: Any) -> str | None:
        # 2023.0 is a whole number, as JSON Schema's "integer" has it.
        whole_float = isinstance(value, float) and value.is_integer()
        if not (isinstance(value, int) or whole_float) or isinstance(value, bool):
            return f"expected {self.expected}, got {describe(value)}"
        if self.minimum <= value <= self.maximum:
            return None
        return f"expected a number from {self.minimum} to {self.maximum}, got {value}"

    def freeze(self, value: Any) -> int:
        return int(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


class Paragraphs(Spec):
    """A body paragraph of the source text (a whole number from 1) or a range "N-M", N < M."""

    __slots__ = ()
    expected = 'a paragraph number from 1, or a range such as "7-8"'

    def check(self, value: Any) -> str | None:
        if isinstance(value, str):
            match = re.match(PARAGRAPH_RANGE, value)
            if match is None:
                return f"expected {self.expected}, got {describe(value)}"
            first, last = (int(part) for part in match.groups())
            return None if first < last else f"a range goes up: {value!r} should be {last}-{first}"
        # 4.0 is a whole number, as JSON Schema's "integer" has it.
        number = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        if number and not isinstance(value, bool) and 1 <= value <= MAX_PARAGRAPH:
            return None
        return f"expected {self.expected}, got {describe(value)}"

    def freeze(self, value: Any) -> int | str:
        return value if isinstance(value, str) else int(value)

    def json_schema(self) -> dict[str, Any]:
        return {
            "oneOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_PARAGRAPH},
                {
                    "type": "string",
                    "pattern": PARAGRAPH_RANGE,
                    "description": "N-M with N < M: a rule trilat validate checks, as no"
                    " pattern can compare two numbers.",
                },
            ]
        }


class Boolean(Spec):
    __slots__ = ()
    expected = "true or false"

    def fits(self, value: Any) -> bool:
        return isinstance(value, bool)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Choice(Spec):
    __slots__ = ("options",)

    def __init__(self, options: tuple[str, ...]) -> None:
        self.options = options

    def check(self, value: Any) -> str | None:
        if value in self.options:
            return None
        return f"expected one of {', '.join(self.options)}; got {describe(value)}"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.options)}


class ListOf(Spec):
    __slots__ = ("item", "min_items")

    def __init__(self, item: Spec, min_items: int = 0) -> None:
        self.item, self.min_items = item, min_items

    def check(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return f"expected a list of {self.item.expected}, got {describe(value)}"
        if len(value) < self.min_items:
            return f"expected at least {entries(self.min_items)}"
        return None

    def freeze(self, value: Any) -> tuple[Any, ...]:
        return tuple(self.item.freeze(entry) for entry in value)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema

    def refs(self, value: Any) -> Refs:
        return [
            ((index, *path), section, ref)
            for index, entry in enumerate(value)
            for path, section, ref in self.item.refs(entry)
        ]


class MapOf(Spec):
    """A mapping from ids of another section to values, e.g. actor -> role."""

    __slots__ = ("key", "min_items", "value")

    def __init__(self, key: Ref, value: Spec, min_items: int = 0) -> None:
        self.key, self.value, self.min_items = key, value, min_items

    def check(self, value: Any) -> str | None:
        if not isinstance(value, Mapping):
            return (
                f"expected a mapping of {self.key.section} ids to {self.value.expected}, "
                f"got {describe(value)}"
            )
        if len(value) < self.min_items:
            return f"expected at least {entries(self.min_items)}"
        return None

    def freeze(self, value: Any) -> Mapping[str, Any]:
        return MappingProxyType({key: self.value.freeze(entry) for key, entry in value.items()})

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "propertyNames": self.key.json_schema(),
            "additionalProperties": self.value.json_schema(),
        }
        if self.min_items:
            schema["minProperties"] = self.min_items
        return schema

    def refs(self, value: Any) -> Refs:
        return [((key,), self.key.section, key) for key in value]


class Nested(Spec):
    """A record inside a record (a report's `based_on`), checked field by field."""

    __slots__ = ("record",)
    expected = "a mapping"

    def __init__(self, record: type) -> None:
        self.record = record

    def fits(self, value: Any) -> bool:
        return isinstance(value, Mapping)

    def freeze(self, value: Any) -> Any:
        return build(self.record, value)

    def json_schema(self) -> dict[str, Any]:
        return record_schema(self.record)


class Evidence(Spec):
    """Words of an item's own quotes that meet a rule: a string, or a list of strings.

    Whether they stand in the quotes is a rule across fields, checked with the item.
    """

    __slots__ = ()
    expected = "words of the item's quotes: a non-empty string or a list of them"

    def fits(self, value: Any) -> bool:
        words = value if isinstance(value, list) else [value]
        return bool(words) and all(Text().fits(entry) for entry in words)

    def freeze(self, value: Any) -> tuple[str, ...]:
        return tuple(value) if isinstance(value, list) else (value,)

    def json_schema(self) -> dict[str, Any]:
        text = Text().json_schema()
        return {"anyOf": [text, {"type": "array", "items": text, "minItems": 1}]}


class Either(Spec):
    """A short form or a long one, told apart by shape: a mapping is the long form.

    `lift` turns the short form's frozen value into the long form's, so a record holds one
    type whichever form a person wrote.
    """

    __slots__ = ("lift", "long", "short")

    def __init__(self, short: Spec, long: Spec, lift: Any) -> None:
        self.short, self.long, self.lift = short, long, lift

    def pick(self, value: Any) -> Spec:
        return self.long if isinstance(value, Mapping) else self.short

    def check(self, value: Any) -> str | None:
        return self.pick(value).check(value)

    def freeze(self, value: Any) -> Any:
        spec = self.pick(value)
        frozen = spec.freeze(value)
        return frozen if spec is self.long else self.lift(frozen)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [self.short.json_schema(), self.long.json_schema()]}

    def refs(self, value: Any) -> Refs:
        return self.pick(value).refs(value)


class Shorthand(Nested):
    """A record that may also be written as a bare string standing for one of its fields (a
    quote without its paragraph); the other fields are then None."""

    __slots__ = ("field",)
    expected = "a string or a mapping"

    def __init__(self, record: type, field: str) -> None:
        super().__init__(record)
        self.field = field

    def fits(self, value: Any) -> bool:
        return isinstance(value, Mapping) or Text().fits(value)

    def freeze(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.record(
                **{
                    name: value if name == self.field else None
                    for name in specs_by_name(self.record)
                }
            )
        return build(self.record, value)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [Text().json_schema(), record_schema(self.record)]}


class Field:
    """What a record field may hold, and a line of documentation for the schema."""

    __slots__ = ("doc", "spec")

    def __init__(self, spec: Spec, doc: str) -> None:
        self.spec, self.doc = spec, doc


class FieldSpec(NamedTuple):
    name: str
    spec: Spec
    doc: str
    required: bool


@cache
def field_specs(record: type) -> tuple[FieldSpec, ...]:
    """Each field of a record type with its spec, read once from its annotations."""
    defaults = record._field_defaults  # type: ignore[attr-defined]
    return tuple(
        FieldSpec(
            name,
            annotation.__metadata__[0].spec,
            annotation.__metadata__[0].doc,
            name not in defaults,
        )
        for name, annotation in record.__annotations__.items()
    )


@cache
def specs_by_name(record: type) -> dict[str, Spec]:
    return {entry.name: entry.spec for entry in field_specs(record)}


def build(record: type, data: Mapping[str, Any]) -> Any:
    """A record from validated plain data."""
    specs = specs_by_name(record)
    return record(**{key: specs[key].freeze(value) for key, value in data.items()})


def record_schema(record: type) -> dict[str, Any]:
    """The JSON Schema of one record type."""
    specs = field_specs(record)
    return {
        "type": "object",
        "properties": {
            entry.name: {**entry.spec.json_schema(), "description": entry.doc} for entry in specs
        },
        "required": [entry.name for entry in specs if entry.required],
        "additionalProperties": False,
        **year_schema(specs),
    }


def year_schema(specs: tuple[FieldSpec, ...]) -> dict[str, Any]:
    """A record with a `year` and a `date`: the year is the date's (validate's check_year).
    JSON Schema cannot compare two fields, so each possible year is one branch."""
    year = next((entry.spec for entry in specs if entry.name == "year"), None)
    if not isinstance(year, Integer) or "date" not in {entry.name for entry in specs}:
        return {}
    branches = [
        {"properties": {"year": {"const": number}, "date": {"pattern": f"^{number:04d}"}}}
        for number in range(year.minimum, year.maximum + 1)
    ]
    return {"anyOf": [{"not": {"required": ["year", "date"]}}, *branches]}
