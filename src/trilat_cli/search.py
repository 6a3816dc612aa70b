"""Full-text search over items: every word must appear, best matches first."""

from __future__ import annotations

from typing import NamedTuple

from .corpus.model import Corpus, Item
from .errors import UsageProblem
from .query import NO_FILTERS, Filters, select


class Hit(NamedTuple):
    item: Item
    score: int
    terms: tuple[str, ...]


def search(corpus: Corpus, query: str, filters: Filters = NO_FILTERS) -> list[Hit]:
    """Items that contain every word of the query, best matches first.

    Each occurrence of a word counts once in the summary or a quote, twice in an actor or
    theme name and three times in the title; each occurrence of the whole phrase as typed
    counts double again.
    """
    words = tuple(query.casefold().split())
    if not words:
        raise UsageProblem("give something to search for, e.g. trilat search cyber")
    # (term, factor): each word once, and the whole phrase, doubled, when there are several.
    terms = [(word, 1) for word in words] + ([(" ".join(words), 2)] if len(words) > 1 else [])
    actors = {actor.id: actor.name.casefold() for actor in corpus.actors.values()}
    themes = {theme.id: theme.name.casefold() for theme in corpus.themes.values()}
    hits = []
    for item in select(corpus, filters):
        text = "\n".join((item.title, item.summary, *item.quotes)).casefold()
        names = " ".join([*(actors[a] for a in item.actors), *(themes[t] for t in item.themes)])
        if not all(word in text or word in names for word in words):
            continue
        title = item.title.casefold()
        score = sum(
            (text.count(term) + 2 * title.count(term) + 2 * names.count(term)) * factor
            for term, factor in terms
        )
        hits.append(Hit(item, score, words))
    return sorted(hits, key=lambda hit: -hit.score)
