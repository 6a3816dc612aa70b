"""Reports compared theme by theme: which themes continue, appear or disappear, and when.

Only accepted codes count: a theme a program suggested (`suggested: true`, a draft's) is left
out, and counted so that the command can say so. Status reads in time, whatever the order the reports are named in. A theme is present in a
report when the report has an item coded with it; a report's note on a theme without such an
item is flagged (`note_only`), not taken for presence.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

from .corpus.model import Corpus, Item, Report, Theme
from .errors import OneReportCompared, UsageProblem
from .query import resolve_report, resolve_theme

DEFAULT_COMPARISON = ("hudson-2019", "tni-2021")
STATUSES = ("continued", "new", "dropped", "interim")


def status(before: bool, after: bool) -> str | None:
    """`continued` (in both), `new` (only after), `dropped` (only before); None in neither."""
    if before and after:
        return "continued"
    if before or after:
        return "new" if after else "dropped"
    return None


class Pair(NamedTuple):
    """Two reports next to each other in time, and how a theme fares from one to the other."""

    earlier: str
    later: str
    status: str | None


class ThemeRow(NamedTuple):
    theme: Theme
    # Between the earliest and the latest report; `interim` when the theme is in neither
    # of them, only in reports between.
    status: str
    items: dict[str, tuple[Item, ...]]
    notes: dict[str, str | None]
    first: str  # the earliest report with an item on the theme
    last: str  # the latest one
    pairs: tuple[Pair, ...]  # one for each neighbouring pair of reports, in time
    note_only: tuple[str, ...]  # reports with a note on the theme but no item coded with it

    def counts(self) -> dict[str, int]:
        return {report: len(items) for report, items in self.items.items()}


class Comparison(NamedTuple):
    reports: tuple[Report, ...]  # as named
    rows: tuple[ThemeRow, ...]  # in codebook order
    # Theme codes a program suggested and no person has accepted: left out, counted by report.
    suggested: tuple[tuple[str, int], ...] = ()

    @property
    def in_time(self) -> tuple[Report, ...]:
        """The reports by date; reports of the same date keep the order they were named in."""
        return tuple(sorted(self.reports, key=lambda report: report.date))

    def tally(self) -> dict[str, int]:
        """How many themes have each status, in the order of STATUSES, zeros left out."""
        found = [row.status for row in self.rows]
        return {name: found.count(name) for name in STATUSES if name in found}


def chosen_reports(corpus: Corpus, names: tuple[str, ...]) -> tuple[Report, ...]:
    if len(names) == 1:
        raise OneReportCompared(names[0])
    reports = tuple(corpus.reports[resolve_report(corpus, name)] for name in names)
    ids = [report.id for report in reports]
    twice = next((report for report in ids if ids.count(report) > 1), None)
    if twice:
        raise UsageProblem(f"compare needs different reports; '{twice}' is named twice")
    return reports or tuple(corpus.reports[name] for name in DEFAULT_COMPARISON)


def compare(corpus: Corpus, names: tuple[str, ...] = (), theme: str | None = None) -> Comparison:
    """The named reports (by default 2019 and 2021) theme by theme; with `theme`, that one."""
    reports = chosen_reports(corpus, names)
    wanted = resolve_theme(corpus, theme) if theme else None
    in_time = Comparison(reports, ()).in_time
    # Each report's items by theme, in one pass however large the corpus (a pass over a
    # report's items for each theme took 26 s for 3,000 themes and 12,000 items)
    own: dict[str, dict[str, list[Item]]] = {report.id: {} for report in reports}
    for item in corpus.items.values():
        for code in dict.fromkeys(item.themes) if item.report in own else ():
            if coded(item, code):  # a suggestion no person has accepted is left out
                own[item.report].setdefault(code, []).append(item)
    rows = []
    for entry in corpus.themes.values():
        if wanted and entry.id != wanted:
            continue
        items = {report.id: tuple(own[report.id].get(entry.id, ())) for report in reports}
        present = [report.id for report in in_time if items[report.id]]
        if not present:
            continue
        notes = {report.id: report.notes.get(entry.id) for report in reports}
        earliest, latest = in_time[0].id, in_time[-1].id
        pairs = tuple(
            Pair(a.id, b.id, status(bool(items[a.id]), bool(items[b.id])))
            for a, b in pairwise(in_time)
        )
        rows.append(
            ThemeRow(
                theme=entry,
                status=status(earliest in present, latest in present) or "interim",
                items=items,
                notes=notes,
                first=present[0],
                last=present[-1],
                pairs=pairs,
                note_only=tuple(r.id for r in in_time if notes[r.id] and not items[r.id]),
            )
        )
    left_out = dict.fromkeys(own, 0)
    for item in corpus.items.values():
        if item.report in own:
            left_out[item.report] += sum(code.suggested for code in item.themes.values())
    return Comparison(reports, tuple(rows), tuple((r, n) for r, n in left_out.items() if n))


def coded(item: Item, theme: str) -> bool:
    """The item carries the theme, accepted: a suggestion no person has accepted is no code."""
    return theme in item.themes and not item.themes[theme].suggested
