"""Search quality: precision at 3 and mean reciprocal rank on the labelled query set.

Runs every query of tests/search_queries.py through each candidate engine over the bundled
corpus and prints, per engine, how many queries meet all their labels, P@3 and MRR:

- P@3: of the first three hits, the share that are relevant, out of min(3, relevant
  items); a query with no relevant item scores 1 when nothing comes back, else 0.
- MRR: the mean over queries of 1 / the rank of the first relevant hit (0 if none).

Candidates: SQLite FTS5 with its Porter tokenizer (what trilat ships), the same table fed
Snowball English stems (needs `pip install snowballstemmer`), and the Porter engine with
other column weights (title, quotes, summary, names).

    python bench/search_quality.py [--queries]
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.search_queries import QUERIES, Query

from trilat_cli.corpus.load import load
from trilat_cli.search import PORTER, Engine, fold, search


def snowball() -> Engine | None:
    """Each word replaced by its Snowball stem, padded to the word's length (places kept)."""
    try:
        import snowballstemmer
    except ImportError:
        return None
    stem = functools.cache(snowballstemmer.stemmer("english").stemWord)

    def analyse(text: str) -> str:
        return re.sub(
            r"[^\W_]+", lambda word: stem(word[0].lower()).ljust(len(word[0])), fold(text)
        )

    return Engine("unicode61 remove_diacritics 2", analyse, PORTER.weights)


def scores(query: Query, found: list[str]) -> tuple[bool, float, float]:
    """Whether every label is met, precision at 3 and reciprocal rank."""
    met = (
        (query.exact is None or sorted(found) == sorted(query.exact))
        and (not query.first or found[:1] == [query.first])
        and set(query.top) <= set(found[:3])
        and (not query.pool or set(found[:3]) <= set(query.pool))
        and not set(query.absent) & set(found)
    )
    relevant = query.relevant
    if not relevant:
        return met, float(not found), float(not found)
    precision = len(set(found[:3]) & relevant) / min(3, len(relevant))
    rank = next((n for n, item in enumerate(found, 1) if item in relevant), None)
    return met, precision, 1 / rank if rank else 0.0


def evaluate(name: str, engine: Engine, show: bool) -> None:
    corpus = load(use_cache=False)
    met, precision, reciprocal = 0, 0.0, 0.0
    started = time.perf_counter()
    for query in QUERIES:
        found = [hit.item.id for hit in search(corpus, query.args, engine=engine)]
        ok, p3, rr = scores(query, found)
        met, precision, reciprocal = met + ok, precision + p3, reciprocal + rr
        if show and not ok:
            print(f"    missed {query.label}: {' '.join(found[:3]) or '(nothing)'}")
    elapsed = (time.perf_counter() - started) / len(QUERIES)
    count = len(QUERIES)
    print(
        f"{name:<40} {met:>3}/{count} {precision / count:6.3f} {reciprocal / count:6.3f}"
        f" {elapsed * 1000:7.1f}ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", action="store_true", help="list the queries each misses")
    show = parser.parse_args().queries
    candidates: list[tuple[str, Engine | None]] = [
        ("fts5 porter, weights 16/4/2/1 (shipped)", PORTER),
        ("fts5 + snowball stems, weights 16/4/2/1", snowball()),
    ]
    for weights in ((1.0, 1.0, 1.0, 1.0), (4.0, 2.0, 1.0, 1.0), (8.0, 4.0, 2.0, 1.0)):
        label = "/".join(f"{w:g}" for w in weights)
        candidates.append((f"fts5 porter, weights {label}", PORTER._replace(weights=weights)))
    print(f"{len(QUERIES)} labelled queries over the bundled corpus\n")
    print(f"{'engine':<40} {'met':>6} {'P@3':>6} {'MRR':>6} {'/query':>9}")
    for name, engine in candidates:
        if engine is None:
            print(f"{name:<40} (pip install snowballstemmer to compare)")
            continue
        evaluate(name, engine, show)


if __name__ == "__main__":
    main()
