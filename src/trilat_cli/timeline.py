"""The dated events the texts mention, in order, with the items that mention them."""

from __future__ import annotations

from typing import NamedTuple

from .corpus.model import Corpus, Event, Item
from .query import resolve_actor, resolve_report


class Moment(NamedTuple):
    event: Event
    items: tuple[Item, ...]


def timeline(corpus: Corpus, report: str | None = None, actor: str | None = None) -> list[Moment]:
    """Dated events in order, each with the items that mention it."""
    report_id = report and resolve_report(corpus, report)
    actor_id = actor and resolve_actor(corpus, actor)
    moments = []
    for event in sorted(corpus.events.values(), key=lambda event: event.date):
        items = tuple(item for item in corpus.items.values() if event.id in item.events)
        if report_id and not any(item.report == report_id for item in items):
            continue
        if (
            actor_id
            and actor_id not in event.actors
            and not any(actor_id in item.actors for item in items)
        ):
            continue
        moments.append(Moment(event, items))
    return moments
