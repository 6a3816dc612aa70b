"""Resolving what people type, and the listings: items by filter, counts by report.

Plain Python over `Corpus`; every user-typed value is resolved here, and an unknown or
ambiguous one raises a UsageProblem that names the valid choices. Search, comparison and
the timeline, which build on these, have modules of their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain
from typing import NamedTuple

from .corpus.model import KIND_PLURALS, KINDS, ROLES, Corpus, Item, Report, normalise
from .errors import AmbiguousValue, RoleWithoutActor, UnknownValue


def report_years(corpus: Corpus) -> dict[str, list[str]]:
    """Each year, as typed, to the ids of its reports."""
    years: dict[str, list[str]] = {}
    for report in corpus.reports.values():
        years.setdefault(str(report.year), []).append(report.id)
    return years


def resolve_report(corpus: Corpus, value: str, years: dict[str, list[str]] | None = None) -> str:
    """A report id from its id or its year (`years`: report_years(), made once for many)."""
    if value in corpus.reports:
        return value
    by_year = (report_years(corpus) if years is None else years).get(value.strip(), [])
    if len(by_year) > 1:
        raise AmbiguousValue("year", value, by_year)
    if by_year:
        return by_year[0]
    lowered = value.casefold()
    if lowered in corpus.reports:
        return lowered
    every_year = {str(report.year) for report in corpus.reports.values()}
    raise UnknownValue("report", value, [*corpus.reports, *every_year], "reports")


def actor_names(corpus: Corpus) -> dict[str, str]:
    """Every name, id and alias of every actor, normalised, to the actor's id."""
    names: dict[str, str] = {}
    for actor in corpus.actors.values():
        for name in (actor.id, actor.name, *actor.aliases):
            names[normalise(name)] = actor.id
    return names


def resolve_actor(corpus: Corpus, value: str, names: dict[str, str] | None = None) -> str:
    """An actor id from any name, code or alias (`names`: actor_names(), made once for many)."""
    names = actor_names(corpus) if names is None else names
    actor = names.get(normalise(value))
    if actor is None:
        # "Korea" is a word of two actors' names: say so rather than guess one.
        words = normalise(value).split("-")
        sharing = {
            owner for name, owner in names.items() if words == name.split("-")[-len(words) :]
        }
        if len(sharing) > 1 and words != [""]:
            raise AmbiguousValue("actor", value, sharing)
        raise UnknownValue("actor", value, corpus.actors, "actors")
    return actor


def theme_names(corpus: Corpus) -> dict[str, str]:
    """Each theme's id and normalised name to its id; the first theme in order wins a name."""
    names: dict[str, str] = {}
    for theme in corpus.themes.values():
        names.setdefault(theme.id, theme.id)
        names.setdefault(normalise(theme.name), theme.id)
    return names


def resolve_theme(corpus: Corpus, value: str, names: dict[str, str] | None = None) -> str:
    """A theme id from its id or name (`names`: theme_names(), made once for many)."""
    theme = (theme_names(corpus) if names is None else names).get(normalise(value))
    if theme is None:
        raise UnknownValue("theme", value, corpus.themes, "themes")
    return theme


def resolve_choice(what: str, value: str, valid: Iterable[str]) -> str:
    options = list(valid)
    wanted = value.casefold().strip()
    if wanted in options:
        return wanted
    raise UnknownValue(what, value, options)


def resolve_kind(value: str) -> str:
    """A kind by its name or its plural, as the memo heads it: `flash points`, `uncertainties`."""
    wanted = "".join(value.casefold().replace("-", " ").split())
    for kind, plural in KIND_PLURALS.items():
        if wanted in (kind, plural.replace(" ", ""), f"{kind}s"):
            return kind
    raise UnknownValue("kind", value, KINDS)


def resolve_source(corpus: Corpus, value: str) -> tuple[Report, Item | None]:
    """What `cite` names: an item (cite its report, with its quotes) or a report."""
    item = corpus.items.get(value)
    if item is not None:
        return corpus.reports[item.report], item
    try:
        return corpus.reports[resolve_report(corpus, value)], None
    except UnknownValue:
        raise UnknownValue(
            "item or report id", value, [*corpus.items, *corpus.reports], "items", "reports"
        ) from None


def choices(values: Iterable[str] | None) -> tuple[str, ...]:
    """What a repeatable option holds: each value, and each part of a comma list, once."""
    parts = (part.strip() for value in values or () for part in value.split(","))
    return tuple(dict.fromkeys(part for part in parts if part))


class Filters(NamedTuple):
    """What people narrow a listing by, as they typed it.

    Several values of one filter mean any of them; several filters mean all of them.
    """

    kind: tuple[str, ...] = ()
    report: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    role: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()

    @classmethod
    def of(cls, **typed: Iterable[str] | None) -> Filters:
        """Filters from option values as Typer gives them: lists, comma lists or None."""
        return cls(**{name: choices(values) for name, values in typed.items()})

    def resolved(self, corpus: Corpus) -> Filters:
        """The filters as ids, each lookup table made once: linear in the values given."""
        years, actors, themes = report_years(corpus), actor_names(corpus), theme_names(corpus)
        return Filters(
            tuple({resolve_kind(kind): None for kind in self.kind}),
            tuple({resolve_report(corpus, report, years): None for report in self.report}),
            tuple({resolve_actor(corpus, actor, actors): None for actor in self.actor}),
            tuple({resolve_choice("role", role, ROLES): None for role in self.role}),
            tuple({resolve_theme(corpus, theme, themes): None for theme in self.theme}),
        )

    def matcher(self, corpus: Corpus) -> Callable[[Item], bool]:
        ids = self.resolved(corpus)
        kinds, reports, actors = set(ids.kind), set(ids.report), set(ids.actor)
        roles, themes = set(ids.role), set(ids.theme)
        if roles and not actors:
            raise RoleWithoutActor(self.role)

        def matches(item: Item) -> bool:
            return (
                (not kinds or item.kind in kinds)
                and (not reports or item.report in reports)
                and (
                    not actors  # the item's few actors looked up, not every actor asked for
                    or any(
                        actor in actors and (not roles or code.role in roles)
                        for actor, code in item.actors.items()
                    )
                )
                and (not themes or not themes.isdisjoint(item.themes))
            )

        return matches

    def reasons(self, corpus: Corpus) -> Callable[[Item], list[Reason]]:
        """Why an item passes: each theme and actor asked for that it carries, with the
        evidence; the kind's too when a kind is asked for, or when nothing else is."""
        actors = [resolve_actor(corpus, actor) for actor in self.actor]
        themes = [resolve_theme(corpus, theme) for theme in self.theme]

        def why(item: Item) -> list[Reason]:
            found = [
                Reason(f"theme {theme}", item.themes[theme].evidence)
                for theme in dict.fromkeys(themes)
                if theme in item.themes
            ]
            found += [
                Reason(f"{actor} ({item.actors[actor].role})", item.actors[actor].evidence)
                for actor in dict.fromkeys(actors)
                if actor in item.actors
            ]
            if self.kind or not found:
                found.insert(0, Reason(f"kind {item.kind}", item.kind_evidence))
            return found

        return why


class Reason(NamedTuple):
    """A code an item carries, and the words of its quotes that meet the code's rule."""

    code: str
    evidence: tuple[str, ...]


NO_FILTERS = Filters()


def select(corpus: Corpus, filters: Filters = NO_FILTERS) -> list[Item]:
    """Items that pass every filter, in corpus order."""
    matches = filters.matcher(corpus)
    return [item for item in corpus.items.values() if matches(item)]


def by_report(corpus: Corpus) -> dict[str, list[Item]]:
    """Each report's items in corpus order, in one pass: for a view of every report (asking
    items_of() for each of 20,000 reports took 70 s)."""
    grouped: dict[str, list[Item]] = {report: [] for report in corpus.reports}
    for item in corpus.items.values():
        grouped[item.report].append(item)
    return grouped


def kind_counts(corpus: Corpus, report: str, items: Iterable[Item] | None = None) -> dict[str, int]:
    """A report's items by kind; `items`: the report's, where by_report() has them."""
    counts = Counter(item.kind for item in (corpus.items_of(report) if items is None else items))
    return {kind: counts[kind] for kind in KINDS if counts[kind]}


def usage(corpus: Corpus, section: str) -> dict[str, dict[str, int]]:
    """For each actor, theme or kind: how many items of each report carry it."""
    counts: dict[str, dict[str, int]] = {
        key: dict.fromkeys(corpus.reports, 0) for key in corpus.section(section)
    }
    for item in corpus.items.values():
        for key in codes(item, section):
            counts[key][item.report] += 1
    return counts


def codes(item: Item, section: str) -> Iterable[str]:
    """The ids of an item's codes from one codebook: its actors, its themes or its kind."""
    if section == "kinds":
        return (item.kind,)
    return item.actors if section == "actors" else item.themes


def resolve_rule(corpus: Corpus, value: str) -> tuple[str, str] | None:
    """A theme or a kind of the codebook, as (section, id), from its id, name or plural."""
    try:
        return "themes", resolve_theme(corpus, value)
    except UnknownValue:
        pass
    try:
        return "kinds", resolve_kind(value)
    except UnknownValue:
        return None


def facet_counts(
    corpus: Corpus, filters: Filters, among: Iterable[Item] | None = None
) -> dict[str, Counter[str]]:
    """For each filter, how many items each of its values keeps, the other filters applied.

    A value's count leaves out its own filter's other values, which widen rather than
    narrow (any of them): it is how many items choosing that value adds or keeps, as a
    faceted search counts. `among` narrows the items first (a search's hits). A role
    counts the items in which an actor chosen (any actor, when none is) has that role.
    """
    pool = list(corpus.items.values() if among is None else among)
    actors = {resolve_actor(corpus, actor) for actor in filters.actor}
    roles = {resolve_choice("role", role, ROLES) for role in filters.role}
    values: dict[str, Callable[[Item], Iterable[str]]] = {
        "kind": lambda item: (item.kind,),
        "report": lambda item: (item.report,),
        "actor": (lambda item: [a for a, code in item.actors.items() if code.role in roles])
        if roles
        else lambda item: item.actors,  # its keys
        "role": (lambda item: {code.role for a, code in item.actors.items() if a in actors})
        if actors
        else lambda item: {code.role for code in item.actors.values()},
        "theme": lambda item: item.themes,
    }
    kept: dict[Filters, list[Item]] = {}  # facets with no value chosen share one pass
    counts: dict[str, Counter[str]] = {}
    for facet in Filters._fields:
        others = filters._replace(**{facet: ()})
        if not others.actor:  # the role narrows the actors: without them it has nothing to
            others = others._replace(role=())  # narrow (and is counted as said above)
        if others not in kept:
            matches = others.matcher(corpus)
            kept[others] = [item for item in pool if matches(item)]
        counts[facet] = Counter(chain.from_iterable(map(values[facet], kept[others])))
    return counts
