"""The dated events the texts mention, in order, with the items that mention them."""

from __future__ import annotations

from typing import NamedTuple

from .corpus.model import Corpus, Event, Item
from .query import NO_FILTERS, Filters


class Moment(NamedTuple):
    event: Event
    items: tuple[Item, ...]


def timeline(corpus: Corpus, filters: Filters = NO_FILTERS) -> list[Moment]:
    """Dated events in order, each with the items that mention it.

    An event passes a filter when it, or an item that mentions it, matches any of the
    filter's values; it must pass every filter given (report, actor, theme).
    """
    ids = filters.resolved(corpus)
    reports, actors, themes = set(ids.report), set(ids.actor), set(ids.theme)
    mentions: dict[str, list[Item]] = {}  # one pass over the items, not one per event
    for item in corpus.items.values():
        for event_id in dict.fromkeys(item.events):
            mentions.setdefault(event_id, []).append(item)
    moments = []
    for event in sorted(corpus.events.values(), key=lambda event: event.date):
        items = tuple(mentions.get(event.id, ()))
        if reports and not any(item.report in reports for item in items):
            continue
        if actors and actors.isdisjoint(
            [*event.actors, *(actor for item in items for actor in item.actors)]
        ):
            continue
        if themes and not any(not themes.isdisjoint(item.themes) for item in items):
            continue
        moments.append(Moment(event, items))
    return moments
