"""The view of the timeline: dated events in order, with what mentions them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Corpus, as_data
from .view import Column, Table, View, flatten

if TYPE_CHECKING:
    from ..timeline import Moment


def timeline_view(corpus: Corpus, moments: list[Moment]) -> View:
    data = [
        {
            **as_data(moment.event),
            "precision": moment.event.precision,
            "items": [item.id for item in moment.items],
            "reports": list(dict.fromkeys(item.report for item in moment.items)),
        }
        for moment in moments
    ]
    rows = [
        {
            "date": entry["date"] + (f" to {entry['end']}" if entry["end"] else ""),
            "precision": entry["precision"],
            "label": entry["label"],
            "items": ", ".join(entry["items"]),
            "reports": ", ".join(entry["reports"]),
        }
        for entry in data
    ]
    columns = (
        Column("date", "Date", "id"),
        Column("precision", "Precision", "id"),
        Column("label", "What happened (ours)"),
        Column("items", "Mentioned by"),
        Column("reports", "Reports"),
    )
    return View(
        data=lambda: data,
        lines=lambda: Table(columns, rows),
        records=lambda: [flatten(entry) for entry in data],
        empty="no dated events match",
    )
