"""Full-text search over items: every word must appear, best matches first."""

from __future__ import annotations

from typing import NamedTuple

from .errors import UsageProblem
from .model import Corpus, Item
from .query import NO_FILTERS, Filters, select


class Hit(NamedTuple):
    item: Item
    score: int
    terms: tuple[str, ...]


def search(corpus: Corpus, query: str, filters: Filters = NO_FILTERS) -> list[Hit]:
    """Items that contain every word of the query, best matches first.

    A title match weighs most, then actor and theme names, then summary and quotes;
    the whole phrase appearing as typed adds a bonus.
    """
    terms = tuple(query.casefold().split())
    if not terms:
        raise UsageProblem("give something to search for, e.g. trilat search cyber")
    phrase = " ".join(terms)
    hits = []
    for item in select(corpus, filters):
        fields = [
            (3, item.title),
            (2, " ".join(corpus.actors[actor].name for actor in item.actors)),
            (2, " ".join(corpus.themes[theme].name for theme in item.themes)),
            (1, item.summary),
            *((1, quote) for quote in item.quotes),
        ]
        texts = [(weight, " ".join(text.casefold().split())) for weight, text in fields]
        if not all(any(term in text for _, text in texts) for term in terms):
            continue
        score = sum(weight * text.count(term) for weight, text in texts for term in terms)
        score += sum(2 * weight for weight, text in texts if len(terms) > 1 and phrase in text)
        hits.append(Hit(item, score, terms))
    return sorted(hits, key=lambda hit: -hit.score)
