"""Value specifications: what a field of a corpus record may hold.

Each spec checks a plain value parsed from YAML, turns it into its immutable form and
describes itself as JSON Schema, so validation, loading and `trilat schema` share one
definition of the corpus format.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Spec:
    """A kind of value. `check` returns a problem description, or None when the value fits."""

    expected: str = "a value"

    def check(self, value: Any) -> str | None:
        raise NotImplementedError

    def freeze(self, value: Any) -> Any:
        return value

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def refs(self, value: Any) -> list[tuple[tuple[str | int, ...], str, str]]:
        """(path inside the value, section, id) for every reference the value makes."""
        return []


def describe(value: Any) -> str:
    """A short, safe rendering of a bad value for an error message."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True)
class Text(Spec):
    expected = "a non-empty string"

    def check(self, value: Any) -> str | None:
        if isinstance(value, str) and value.strip():
            return None
        return f"expected {self.expected}, got {describe(value)}"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


@dataclass(frozen=True)
class Slug(Text):
    expected = "an id of lower-case letters, digits and hyphens"

    def check(self, value: Any) -> str | None:
        if isinstance(value, str) and SLUG.match(value):
            return None
        return f"expected {self.expected}, got {describe(value)}"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": SLUG.pattern}


@dataclass(frozen=True)
class Ref(Slug):
    """The id of a record in another section (`actors`, `themes`, `reports`, ...)."""

    section: str = ""

    def refs(self, value: Any) -> list[tuple[tuple[str | int, ...], str, str]]:
        return [((), self.section, value)]


@dataclass(frozen=True)
class Url(Text):
    expected = "an http(s) URL"

    def check(self, value: Any) -> str | None:
        if isinstance(value, str) and re.match(r"^https?://\S+$", value):
            return None
        return f"expected {self.expected}, got {describe(value)}"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


@dataclass(frozen=True)
class Date(Text):
    """A date as precise as the source allows: YYYY, YYYY-MM or YYYY-MM-DD."""

    expected = "a date written YYYY, YYYY-MM or YYYY-MM-DD"

    def check(self, value: Any) -> str | None:
        match = DATE.match(value) if isinstance(value, str) else None
        if match is None:
            return f"expected {self.expected} (quoted), got {describe(value)}"
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            return f"{value!r} is not a real date"
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": DATE.pattern}


@dataclass(frozen=True)
class Integer(Spec):
    minimum: int = 0
    maximum: int = 9999
    expected = "a whole number"

    def check(self, value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            if self.minimum <= value <= self.maximum:
                return None
            return f"expected a number from {self.minimum} to {self.maximum}, got {value}"
        return f"expected {self.expected}, got {describe(value)}"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass(frozen=True)
class Boolean(Spec):
    expected = "true or false"

    def check(self, value: Any) -> str | None:
        return (
            None if isinstance(value, bool) else f"expected {self.expected}, got {describe(value)}"
        )

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Choice(Spec):
    options: tuple[str, ...] = ()

    def check(self, value: Any) -> str | None:
        if value in self.options:
            return None
        return f"expected one of {', '.join(self.options)}; got {describe(value)}"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.options)}


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec = Text()
    min_items: int = 0

    def check(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return f"expected a list of {self.item.expected}, got {describe(value)}"
        if len(value) < self.min_items:
            return f"expected at least {self.min_items} entr{'y' if self.min_items == 1 else 'ies'}"
        return None

    def freeze(self, value: Any) -> tuple[Any, ...]:
        return tuple(self.item.freeze(entry) for entry in value)

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema

    def refs(self, value: Any) -> list[tuple[tuple[str | int, ...], str, str]]:
        return [
            ((index, *path), section, ref)
            for index, entry in enumerate(value)
            for path, section, ref in self.item.refs(entry)
        ]


@dataclass(frozen=True)
class MapOf(Spec):
    """A mapping from ids of another section to values, e.g. actor -> role."""

    key: Ref = Ref()
    value: Spec = Text()
    min_items: int = 0

    def check(self, value: Any) -> str | None:
        if not isinstance(value, Mapping):
            return f"expected a mapping of {self.key.section} ids to {self.value.expected}, got {describe(value)}"
        if len(value) < self.min_items:
            return f"expected at least {self.min_items} entr{'y' if self.min_items == 1 else 'ies'}"
        return None

    def freeze(self, value: Any) -> Mapping[str, Any]:
        return MappingProxyType({key: self.value.freeze(entry) for key, entry in value.items()})

    def json_schema(self) -> dict[str, Any]:
        schema = {
            "type": "object",
            "propertyNames": self.key.json_schema(),
            "additionalProperties": self.value.json_schema(),
        }
        if self.min_items:
            schema["minProperties"] = self.min_items
        return schema

    def refs(self, value: Any) -> list[tuple[tuple[str | int, ...], str, str]]:
        return [((key,), self.key.section, key) for key in value]


@dataclass(frozen=True)
class Nested(Spec):
    """A record inside a record (a report's `based_on`), checked field by field."""

    record: type = object
    expected = "a mapping"

    def check(self, value: Any) -> str | None:
        return None if isinstance(value, Mapping) else f"expected a mapping, got {describe(value)}"

    def freeze(self, value: Any) -> Any:
        from .model import build

        return build(self.record, value)

    def json_schema(self) -> dict[str, Any]:
        from .model import record_schema

        return record_schema(self.record)
