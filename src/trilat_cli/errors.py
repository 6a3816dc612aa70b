"""Domain errors. The CLI turns each into a message on stderr and an exit code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a corpus file, at a place a person can open in an editor."""

    file: str
    line: int = 0
    column: int = 0
    message: str = ""

    def __str__(self) -> str:
        where = self.file + (f":{self.line}:{self.column}" if self.line else "")
        return f"{where}: {self.message}"


class TrilatError(Exception):
    """Anything trilat reports to its user instead of a traceback."""

    exit_code = 1


class CorpusError(TrilatError):
    """The corpus files have problems: every one of them is listed."""

    def __init__(
        self, problems: Iterable[Problem], more: int = 0, counted_all: bool = True
    ) -> None:
        self.problems = sorted(set(problems))
        self.more = more  # problems found but not listed
        self.counted_all = counted_all  # False when checking stopped at a ceiling
        count = len(self.problems) + more
        at_least = "" if counted_all else "at least "
        super().__init__(f"{at_least}{count:,} problem{'s' if count != 1 else ''} in the corpus")


class UsageProblem(TrilatError):
    """The user asked for something that does not exist; exit 2 like any usage error."""

    exit_code = 2


def shortened(text: str, limit: int = 200) -> str:
    """A value for a message: a 100,000-character value is cut in the middle, not echoed whole."""
    return text if len(text) <= limit else f"{text[: limit * 3 // 5]}...{text[-limit * 3 // 10 :]}"


def closest(value: str, valid: Iterable[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(value.lower(), list(valid), n=1, cutoff=0.5)
    return matches[0] if matches else None


class UnknownValue(UsageProblem):
    """An unknown actor, report, theme, kind, format or id, with the closest valid one.

    Up to LISTED valid values are listed. Past that, when they are `sections` of the corpus
    (where they can be looked up), only their number: `listed_all` is False.
    """

    LISTED = 30

    def __init__(self, what: str, value: str, valid: Iterable[str], *sections: str) -> None:
        self.what, self.value, self.valid = what, value, sorted(set(valid))
        self.sections = sections
        self.suggestion = closest(value, self.valid)
        self.listed_all = len(self.valid) <= self.LISTED or not sections
        hint = f"; did you mean '{self.suggestion}'?" if self.suggestion else ""
        if self.listed_all:
            known = f"valid {what}s: {', '.join(self.valid)}"
        else:
            known = f"{len(self.valid)} valid {what}s"
        super().__init__(f"unknown {what} '{shortened(value)}'{hint}\n{known}")


class AmbiguousValue(UsageProblem):
    """A year or alias that names more than one record."""

    def __init__(self, what: str, value: str, candidates: Iterable[str]) -> None:
        self.candidates = sorted(candidates)
        super().__init__(
            f"{what} '{shortened(value)}' is ambiguous: it names {', '.join(self.candidates)}; use one of those ids"
        )


class RoleWithoutActor(UsageProblem):
    """Roles asked for without an actor: a role only says how an actor takes part in an item."""

    def __init__(self, roles: Iterable[str]) -> None:
        self.roles = tuple(roles)
        super().__init__("a role narrows an actor: name an actor too")


class QuoteNeedsItem(UsageProblem):
    """A quote picked by number from a report: only items have quotes."""

    def __init__(self, number: int) -> None:
        self.number = number
        super().__init__(f"quote {number} of a report: only an item's quotes are numbered")


class QuoteOutOfRange(UsageProblem):
    """A quote number past the end of an item's quotes."""

    def __init__(self, item: str, number: int, count: int) -> None:
        self.item, self.number, self.count = item, number, count
        self.has = f"{item} has {count} quote{'s' * (count != 1)}"
        super().__init__(f"{self.has}, so none numbered {number}")


class OneReportCompared(UsageProblem):
    """A comparison of one report: it takes two or more, or none for the default pair."""

    def __init__(self, report: str) -> None:
        self.report = report
        super().__init__(f"a comparison takes two reports or more, or none; '{report}' is one")


class NothingToSearch(UsageProblem):
    """A query with no word in it, only punctuation or the engine's own syntax."""

    def __init__(self) -> None:
        super().__init__("nothing to search for: the query has no word in it")
