"""The labelled query set (tests/search_queries.py), run through the real command line."""

from __future__ import annotations

import pytest

from .search_queries import QUERIES, Query


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.label)
def test_labelled_query(invoke_json, query: Query) -> None:
    found = [hit["id"] for hit in invoke_json("search", *query.args)]
    if query.exact is not None:
        assert sorted(found) == sorted(query.exact)
    if query.first:
        assert found[:1] == [query.first]
    assert set(query.top) <= set(found[:3]), found[:3]
    if query.pool:
        assert set(found[:3]) <= set(query.pool), found[:3]
    assert not set(query.absent) & set(found)


def test_the_set_is_large_enough_and_covers_the_issue() -> None:
    labels = {query.label.casefold() for query in QUERIES}
    assert len(QUERIES) >= 25
    issue = ["war", "us", "xi", '"south korea"', '"korea north"', "gsomia", "denuclearisation"]
    issue += ["apology", "sanctions", "nk", "nippon", "history"]
    assert set(issue) <= labels
