"""The corpus, or one report with what it needs, as a corpus document that loads again as it is."""

from __future__ import annotations

from typing import Any

from .corpus.model import SECTIONS, Corpus, as_data
from .query import resolve_report


def sections(corpus: Corpus, reports: tuple[str, ...] = ()) -> dict[str, list[Any]]:
    """Records by section: everything, or some reports with their items and the events they
    mention.

    Chosen reports refer to actors and themes by id, so a renamed copy of one loads beside
    the bundled corpus as a new report.
    """
    if not reports:
        return {name: list(corpus.section(name).values()) for name in SECTIONS}
    report_ids = list(dict.fromkeys(resolve_report(corpus, report) for report in reports))
    items = corpus.items_of(*report_ids)
    mentioned = {event for item in items for event in item.events}
    return {
        "reports": [corpus.reports[report_id] for report_id in report_ids],
        "events": [event for event in corpus.events.values() if event.id in mentioned],
        "items": items,
    }


def document(corpus: Corpus, reports: tuple[str, ...] = ()) -> dict[str, list[dict[str, Any]]]:
    """Plain data in the corpus file format; fields at their default are left out."""
    return {
        name: [as_data(record, compact=True) for record in records]
        for name, records in sections(corpus, reports).items()
        if records
    }
