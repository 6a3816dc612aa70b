"""The view of the timeline: dated events in order, with what mentions them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..corpus.model import Corpus, as_data, precision
from .view import Column, Table, View, flatten

if TYPE_CHECKING:
    from ..timeline import Moment


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
            "date": f"{row['date']}\n{row['precision']}",
            "label": row["label"],
            "items": row["items"].replace(", ", "\n"),
            "reports": row["reports"].replace(", ", "\n"),
        }
        for row in rows
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
    )
