"""The view of the timeline: dated events in order, with what mentions them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..corpus.model import Corpus, Event, as_data, precision, record_keys
from .view import Column, Table, View, flatten

if TYPE_CHECKING:
    from ..timeline import Moment


def span(start: str, end: str | None) -> str:
    """A date as precise as it is written (2019-08-02, 2019-11, 1910), or a span of two:
    1910\u20131945, or with spaces round the dash where the dates have hyphens of their own."""
    if not end:
        return start
    dash = " \u2013 " if "-" in start + end else "\u2013"
    return f"{start}{dash}{end}"


def timeline_view(corpus: Corpus, moments: list[Moment]) -> View:
    data = [
        {
            **as_data(moment.event),
            "precision": precision(moment.event.date),
            "items": [item.id for item in moment.items],
            "reports": list(dict.fromkeys(item.report for item in moment.items)),
        }
        for moment in moments
    ]
    rows = [
        {
            "id": entry["id"],
            "date": entry["date"] + (f" to {entry['end']}" if entry["end"] else ""),
            "precision": entry["precision"],
            "label": entry["label"],
            "items": ", ".join(entry["items"]),
            "reports": ", ".join(entry["reports"]),
        }
        for entry in data
    ]
    columns = (
        Column("id", "ID", "id"),
        Column("date", "Date", "id"),
        Column("precision", "Precision", "id"),
        Column("label", "What happened (ours)"),
        Column("items", "Mentioned by"),
        Column("reports", "Reports"),
    )
    # On a terminal: ids one per line, in columns that are never wrapped or cut.
    cards = [
        {
            "date": span(entry["date"], entry["end"]),
            "label": row["label"],
            "items": row["items"].replace(", ", "\n"),
            "reports": row["reports"].replace(", ", "\n"),
        }
        for entry, row in zip(data, rows, strict=True)
    ]
    card = (
        Column("date", "Date", "id"),
        Column("label", "What happened (ours)"),
        Column("items", "Mentioned by", "id"),
        Column("reports", "Report", "id"),
    )
    return View(
        data=lambda: data,
        lines=lambda: Table(columns, rows),
        terminal=lambda: [Table(card, cards)],
        records=lambda: [flatten(entry) for entry in data],
        empty="no dated events match",
        fields=(*record_keys(Event), "precision", "items", "reports"),
    )
