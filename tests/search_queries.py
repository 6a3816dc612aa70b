"""The labelled search query set: what analysts type, and what they must get back.

Each query is the list of command-line arguments an analyst gives `trilat search` (an
argument with a space in it is what the shell passes for a quoted phrase). For each:

- `first`: the item that must come first (None when several are equally right);
- `top`: items that must all be in the first three;
- `pool`: when given, the first three must all come from it (for broad queries);
- `absent`: items that must not come back at all;
- `exact`: when given, the whole set of items that must come back (empty: nothing).

The relevant items for precision at 3 and mean reciprocal rank (bench/search_quality.py)
are `first`, `top` and `pool`. The tests (tests/test_search_queries.py) check every list.
"""

from __future__ import annotations

from typing import NamedTuple

NORTH_KOREA_TITLES = ("h19-risk-1", "h19-rec-3", "h19-rec-4")
US_IN_QUOTES = (
    "t21-emerging",
    "h19-risk-2",
    "h19-rec-2",
    "h19-rec-3",
    "h19-flash-threats",
    "t21-context-trilateral",
    "t21-objective-1",
    "t21-element-1",
    "t21-element-2",
    "t21-context-start",
)
NO_US = (
    "h19-context-gsomia",
    "h19-risk-1",
    "h19-risk-3",
    "h19-flash-trade",
    "h19-flash-history",
    "h19-flash-dokdo",
    "t21-uncertainty-2",
)


class Query(NamedTuple):
    args: tuple[str, ...]
    first: str | None = None
    top: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    exact: tuple[str, ...] | None = None
    pool: tuple[str, ...] = ()

    @property
    def relevant(self) -> frozenset[str]:
        return frozenset(((self.first,) if self.first else ()) + self.top + self.pool)

    @property
    def label(self) -> str:
        return " ".join(f'"{arg}"' if " " in arg else arg for arg in self.args)


QUERIES = (
    # The examples: fragments of words must not match.
    Query(
        ("war",),
        first="h19-risk-3",
        absent=("h19-context-gsomia", "h19-risk-2", "h19-rec-3", "t21-element-2", "t21-element-3"),
    ),
    Query(("US",), pool=US_IN_QUOTES, absent=NO_US),
    Query(("Xi",), first="t21-uncertainty-3", exact=("t21-uncertainty-3",)),
    # Phrases: in order, and not across two names.
    Query(
        ("south korea",),
        top=("t21-standfirst", "t21-uncertainty-2", "h19-flash-dokdo"),
        absent=("t21-uncertainty-3",),
    ),
    Query(("korea north",), exact=()),
    Query(("north korea",), top=NORTH_KOREA_TITLES, absent=("t21-area-climate", "t21-area-cyber")),
    Query(("north korea", "cyber"), first="h19-rec-4", absent=("t21-area-cyber",)),
    # Names people use: ids, aliases, other names.
    Query(("gsomia",), first="h19-context-gsomia", exact=("h19-context-gsomia",)),
    Query(("nk",), top=NORTH_KOREA_TITLES, absent=("t21-area-climate", "t21-uncertainty-3")),
    Query(("DPRK",), top=NORTH_KOREA_TITLES, absent=("t21-area-climate",)),
    Query(("Nippon",), top=("t21-standfirst", "h19-rec-5"), absent=("t21-uncertainty-3",)),
    # Seoul also finds "South Korea", so the texts' many South Korea passages compete with it.
    Query(("Seoul",), top=("h19-context-gsomia",), absent=("t21-uncertainty-3",)),
    Query(("TISA",), first="h19-rec-4"),
    Query(("liancourt rocks",), first="h19-flash-dokdo", exact=("h19-flash-dokdo",)),
    Query(("INF",), first="h19-rec-3"),
    Query(("General Security of Military Information Agreement",), first="h19-context-gsomia"),
    Query(("tokyo 2020",), first="h19-rec-4"),
    Query(("h19-rec-3",), first="h19-rec-3"),
    # Stems and spellings.
    Query(("denuclearisation",), first="h19-rec-3"),
    Query(("denuclear*",), first="h19-rec-3"),
    Query(("apology",), first="h19-flash-history"),
    Query(("apologise",), first="h19-flash-history"),
    Query(("sanctions",), first="h19-rec-2"),
    Query(("defence",), first="h19-rec-3"),
    Query(("history",), first="t21-element-2", top=("h19-flash-history",)),
    Query(("pandemic",), first="t21-area-health"),
    Query(("rare earths",), first="t21-area-supplies"),
    Query(("export", "controls"), top=("h19-flash-trade", "h19-rec-2")),
    # Everyday topics: the item titled for it first.
    Query(("cyber",), top=("t21-area-cyber", "h19-rec-4")),
    Query(("dokdo",), first="h19-flash-dokdo"),
    Query(("takeshima",), first="h19-flash-dokdo"),
    # Porter (and Snowball) stem "boycotting" to "boycot" but "boycott" to itself, so the
    # flash point is found through its theme's other name, beside the other trade items.
    Query(("boycott",), top=("h19-flash-trade",)),
    Query(("coronavirus",), first="t21-uncertainty-3"),
    Query(("climate change",), first="t21-area-climate"),
    Query(("burden-sharing",), first="h19-rec-1"),
    Query(("America First",), first="t21-uncertainty-1"),
    Query(("China",), first="t21-objective-2"),
    Query(("Russia",), first="h19-flash-threats"),
    Query(("scapegoat",), first="t21-uncertainty-2", exact=("t21-uncertainty-2",)),
    Query(("divide and rule",), first="h19-risk-1"),
    Query(("intelligence sharing",), first="h19-context-gsomia"),
    # Moved from the held-out set after its first run revealed what they needed (the
    # judgments are the independent reader's; bench/README.md tells the history).
    # Two words typed apart, written as one in the text ("cyberattacks").
    Query(("cyber", "attacks"), top=("t21-area-cyber",)),
    # A typo whose nearest word is one, not three ("declaration" is near too).
    Query(("denuclearzation",), first="h19-rec-3"),
    # Nothing holds every word: those holding some, most first.
    Query(("missile", "test"), top=("h19-rec-4", "t21-uncertainty-2")),
    Query(("Xi", "Jinping"), first="t21-uncertainty-3"),
    Query(("sanctions", "evasion"), top=("h19-rec-2",)),
    # A leader the text does not name, through the event named for his slogan.
    Query(("Trump",), first="t21-uncertainty-1"),
)
