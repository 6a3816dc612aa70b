"""The corpus, or one report with what it needs, as a corpus document that loads again as it is."""

from __future__ import annotations

from typing import Any

from .corpus.model import SECTIONS, Corpus, as_data
from .query import resolve_report


def sections(corpus: Corpus, report: str | None = None) -> dict[str, list[Any]]:
    """Records by section: everything, or one report with its items and the events they mention.

    A single report refers to actors and themes by id, so a renamed copy of it loads beside
    the bundled corpus as a new report.
    """
    if report is None:
        return {name: list(corpus.section(name).values()) for name in SECTIONS}
    report_id = resolve_report(corpus, report)
    items = [item for item in corpus.items.values() if item.report == report_id]
    mentioned = {event for item in items for event in item.events}
    return {
        "reports": [corpus.reports[report_id]],
        "events": [event for event in corpus.events.values() if event.id in mentioned],
        "items": items,
    }


def document(corpus: Corpus, report: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Plain data in the corpus file format; fields at their default are left out."""
    return {
        name: [as_data(record, compact=True) for record in records]
        for name, records in sections(corpus, report).items()
        if records
    }
