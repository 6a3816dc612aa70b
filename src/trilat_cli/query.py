"""Questions asked of a corpus: resolve what people type, filter, search, compare.

Plain Python over `Corpus`; every user-typed value is resolved here, and an unknown or
ambiguous one raises a UsageProblem that names the valid choices.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import AmbiguousValue, UnknownValue, UsageProblem
from .model import KINDS, ROLES, Corpus, Event, Item, Report, Theme
from .validate import normalise

DEFAULT_COMPARISON = ("hudson-2019", "tni-2021")
STATUSES = ("continued", "new", "dropped")


def resolve_report(corpus: Corpus, value: str) -> str:
    """A report id from its id or its year."""
    if value in corpus.reports:
        return value
    by_year = [report.id for report in corpus.reports.values() if str(report.year) == value.strip()]
    if len(by_year) > 1:
        raise AmbiguousValue("year", value, by_year)
    if by_year:
        return by_year[0]
    lowered = value.casefold()
    if lowered in corpus.reports:
        return lowered
    years = {str(report.year) for report in corpus.reports.values()}
    raise UnknownValue("report", value, [*corpus.reports, *years], "reports")


def actor_names(corpus: Corpus) -> dict[str, str]:
    """Every name, id and alias of every actor, normalised, to the actor's id."""
    names: dict[str, str] = {}
    for actor in corpus.actors.values():
        for name in (actor.id, actor.name, *actor.aliases):
            names[normalise(name)] = actor.id
    return names


def resolve_actor(corpus: Corpus, value: str) -> str:
    actor = actor_names(corpus).get(normalise(value))
    if actor is None:
        raise UnknownValue("actor", value, corpus.actors, "actors")
    return actor


def resolve_theme(corpus: Corpus, value: str) -> str:
    wanted = normalise(value)
    for theme in corpus.themes.values():
        if wanted in (theme.id, normalise(theme.name)):
            return theme.id
    raise UnknownValue("theme", value, corpus.themes, "themes")


def resolve_choice(what: str, value: str, valid: Iterable[str]) -> str:
    options = list(valid)
    wanted = value.casefold().strip()
    if wanted in options:
        return wanted
    # People type plurals: `--kind flashpoints`, `--kind recommendations`.
    if wanted.endswith("s") and wanted[:-1] in options:
        return wanted[:-1]
    raise UnknownValue(what, value, options)


def resolve_source(corpus: Corpus, value: str) -> tuple[Report, Item | None]:
    """What `cite` names: an item (cite its report, with its quotes) or a report."""
    item = corpus.items.get(value)
    if item is not None:
        return corpus.reports[item.report], item
    try:
        return corpus.reports[resolve_report(corpus, value)], None
    except UnknownValue:
        raise UnknownValue(
            "item or report id", value, [*corpus.items, *corpus.reports], "items"
        ) from None


def resolve_item(corpus: Corpus, value: str) -> Item:
    item = corpus.items.get(value) or corpus.items.get(value.casefold().strip())
    if item is None:
        raise UnknownValue("item id", value, corpus.items, "items")
    return item


@dataclass(frozen=True)
class Filters:
    """What people narrow a listing by, as they typed it."""

    kind: str | None = None
    report: str | None = None
    actor: str | None = None
    role: str | None = None
    theme: str | None = None

    def matcher(self, corpus: Corpus):
        kind = self.kind and resolve_choice("kind", self.kind, KINDS)
        report = self.report and resolve_report(corpus, self.report)
        actor = self.actor and resolve_actor(corpus, self.actor)
        role = self.role and resolve_choice("role", self.role, ROLES)
        theme = self.theme and resolve_theme(corpus, self.theme)
        if role and not actor:
            raise UsageProblem(
                "--role narrows --actor: give an actor too, e.g. --actor us --role by"
            )

        def matches(item: Item) -> bool:
            return (
                (not kind or item.kind == kind)
                and (not report or item.report == report)
                and (not actor or item.takes_part(actor, role or None))
                and (not theme or theme in item.themes)
            )

        return matches


def select(corpus: Corpus, filters: Filters = Filters()) -> list[Item]:
    """Items that pass every filter, in corpus order."""
    matches = filters.matcher(corpus)
    return [item for item in corpus.items.values() if matches(item)]


def kind_counts(corpus: Corpus, report: str) -> dict[str, int]:
    counts = Counter(item.kind for item in corpus.items.values() if item.report == report)
    return {kind: counts[kind] for kind in KINDS if counts[kind]}


def usage(corpus: Corpus, section: str) -> dict[str, dict[str, int]]:
    """For each actor or theme: how many items of each report touch it."""
    counts: dict[str, dict[str, int]] = {
        key: dict.fromkeys(corpus.reports, 0) for key in corpus.section(section)
    }
    for item in corpus.items.values():
        for key in item.actors if section == "actors" else item.themes:
            counts[key][item.report] += 1
    return counts


@dataclass(frozen=True)
class Hit:
    item: Item
    score: int
    terms: tuple[str, ...]


def search(corpus: Corpus, query: str, filters: Filters = Filters()) -> list[Hit]:
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


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    status: str
    items: dict[str, tuple[Item, ...]]
    notes: dict[str, str | None]


@dataclass(frozen=True)
class Comparison:
    reports: tuple[Report, Report]
    rows: tuple[ThemeRow, ...]


def compare(corpus: Corpus, first: str | None = None, second: str | None = None) -> Comparison:
    """Two reports theme by theme. Status reads in time: `new` is only in the later text."""
    if (first is None) != (second is None):
        raise UsageProblem("compare takes two reports or none, e.g. trilat compare 2019 2021")
    ids = (first, second) if first and second else DEFAULT_COMPARISON
    a, b = (corpus.reports[resolve_report(corpus, value)] for value in ids)
    if a.id == b.id:
        raise UsageProblem(f"compare needs two different reports; both name '{a.id}'")
    earlier, later = sorted((a, b), key=lambda report: report.date) if a.date != b.date else (a, b)
    rows = []
    for theme in corpus.themes.values():
        items = {
            report.id: tuple(
                item
                for item in corpus.items.values()
                if item.report == report.id and theme.id in item.themes
            )
            for report in (a, b)
        }
        if not any(items.values()):
            continue
        if items[earlier.id] and items[later.id]:
            status = "continued"
        else:
            status = "new" if items[later.id] else "dropped"
        notes = {report.id: report.notes.get(theme.id) for report in (a, b)}
        rows.append(ThemeRow(theme, status, items, notes))
    return Comparison((a, b), tuple(rows))


@dataclass(frozen=True)
class Moment:
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
