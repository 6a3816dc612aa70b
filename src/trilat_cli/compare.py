"""Two reports compared theme by theme: continued, new or dropped, with items and notes."""

from __future__ import annotations

from typing import NamedTuple

from .corpus.model import Corpus, Item, Report, Theme
from .errors import UsageProblem
from .query import resolve_report

DEFAULT_COMPARISON = ("hudson-2019", "tni-2021")


class ThemeRow(NamedTuple):
    theme: Theme
    status: str
    items: dict[str, tuple[Item, ...]]
    notes: dict[str, str | None]


class Comparison(NamedTuple):
    reports: tuple[Report, Report]
    rows: tuple[ThemeRow, ...]


def compare(corpus: Corpus, first: str | None = None, second: str | None = None) -> Comparison:
    """Two reports theme by theme. Status reads in time: `new` is only in the later text."""
    if (first is None) != (second is None):
        raise UsageProblem("compare takes two reports or none, e.g. trilat compare 2019 2021")
    ids = (first, second) if first and second else DEFAULT_COMPARISON
    a, b = (corpus.reports[resolve_report(corpus, value)] for value in ids)
    if a.id == b.id:
        raise UsageProblem(f"compare needs two different reports; both name '{a.id}'")
    earlier, later = sorted((a, b), key=lambda report: report.date) if a.date != b.date else (a, b)
    rows = []
    for theme in corpus.themes.values():
        items = {
            report.id: tuple(
                item
                for item in corpus.items.values()
                if item.report == report.id and theme.id in item.themes
            )
            for report in (a, b)
        }
        if not any(items.values()):
            continue
        if items[earlier.id] and items[later.id]:
            status = "continued"
        else:
            status = "new" if items[later.id] else "dropped"
        notes = {report.id: report.notes.get(theme.id) for report in (a, b)}
        rows.append(ThemeRow(theme, status, items, notes))
    return Comparison((a, b), tuple(rows))
