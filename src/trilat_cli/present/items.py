"""Views of items: listings, search results and one item in full."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..corpus.model import Corpus, Item, as_data
from .view import Column, Fields, Table, View, flatten, marked

if TYPE_CHECKING:
    from ..search import Hit, Match

ITEM_COLUMNS = (
    Column("id", "ID", "id"),
    Column("report", "Report", "id"),
    Column("label", "Kind", "id"),
    Column("title", "Title", ratio=2),
    Column("summary", "Summary (ours)", ratio=3),
)


def item_row(item: Item) -> dict[str, str]:
    return {
        "id": item.id,
        "report": item.report,
        "label": item.label,
        "title": item.title,
        "summary": item.summary,
    }


CARD_COLUMNS = (
    Column("item", "Item", "id"),
    Column("text", "Title and summary (ours)", lead=True),
)


def item_card(item: Item) -> dict[str, str]:
    """An item as two terminal cells: where it comes from, and what it says."""
    return {
        "item": f"{item.id}\n{item.report}\n{item.label}",
        "text": f"{item.title}\n{item.summary}",
    }


def items_view(items: list[Item], empty: str = "no items match") -> View:
    return View(
        data=lambda: [as_data(item) for item in items],
        lines=lambda: Table(ITEM_COLUMNS, [item_row(item) for item in items]),
        terminal=lambda: [Table(CARD_COLUMNS, [item_card(item) for item in items])],
        records=lambda: [flatten(as_data(item)) for item in items],
        empty=empty,
    )


def match_text(match: Match) -> str:
    """A matched passage as shown on its own: quotes in quotation marks, names labelled."""
    if match.field == "quotes":
        return f"\u201c{match.text}\u201d"
    return match.text if match.field in ("title", "summary") else f"{match.field}: {match.text}"


def why(hit: Hit) -> str:
    """The card text of a hit: title and summary, then the quote or name that matched."""
    matches = hit.matches
    fields = {match.field: match for match in reversed(matches)}
    lines = [
        marked(fields[name].text, fields[name].marks) if name in fields else value
        for name, value in (("title", hit.item.title), ("summary", hit.item.summary))
    ]
    best = matches[0] if matches else None
    if best and best.field not in ("title", "summary"):
        shown = match_text(best)
        shift = len(shown) - len(best.text) - (best.field == "quotes")
        lines.append(marked(shown, [(a + shift, b + shift) for a, b in best.marks]))
    return "\n".join(lines)


def search_view(hits: list[Hit], query: str, suggestions: Sequence[str] = ()) -> View:
    score = Column("score", "Score", "number")
    passage = Column("match", "Matched (first passage)", ratio=3)

    def data() -> list[dict[str, Any]]:
        return [
            {
                "score": hit.score,
                **as_data(hit.item),
                "matches": [{"field": m.field, "snippet": m.text} for m in hit.matches],
            }
            for hit in hits
        ]

    def line(hit: Hit) -> dict[str, str]:
        first = next(map(match_text, hit.matches), "")
        return {**item_row(hit.item), "match": first, "score": str(hit.score)}

    hint = "; did you mean " + " or ".join(f"'{w}'" for w in suggestions) + "?"
    return View(
        data=data,
        lines=lambda: Table((*ITEM_COLUMNS, passage, score), [line(hit) for hit in hits]),
        terminal=lambda: [
            Table(
                (*CARD_COLUMNS, score),
                [{**item_card(h.item), "text": why(h), "score": str(h.score)} for h in hits],
            )
        ],
        records=lambda: [flatten(entry) for entry in data()],
        empty=f"nothing matches '{query}'" + (hint if suggestions else ""),
    )


def actor_roles(corpus: Corpus, item: Item) -> str:
    return ", ".join(f"{corpus.actors[a].name} ({role})" for a, role in item.actors.items())


def show_view(corpus: Corpus, item: Item) -> View:
    from ..citation import reference

    report = corpus.reports[item.report]
    cite = reference(report)
    title = item.title + (" (the text's own heading)" if item.title_verbatim else "")
    pairs = [
        ("ID", item.id),
        ("Report", f"{report.id}: {report.title} ({report.date})"),
        ("Kind", item.label),
        ("Title", title),
    ]
    if item.parent:
        pairs.append(("Part of", f"{item.parent}: {corpus.items[item.parent].title}"))
    pairs += [
        ("Summary (ours)", item.summary),
        *((f"Quote {n}", f"\u201c{quote}\u201d") for n, quote in enumerate(item.quotes, 1)),
        ("Actors", actor_roles(corpus, item)),
        ("Themes", ", ".join(corpus.themes[t].name for t in item.themes)),
    ]
    if item.events:
        pairs.append(
            (
                "Events",
                "; ".join(f"{corpus.events[e].date} {corpus.events[e].label}" for e in item.events),
            )
        )
    pairs.append(("Source", cite))
    data = {**as_data(item), "citation": cite}
    lines = Table(
        (Column("field", "Field", "id"), Column("value", "Value")),
        [{"field": label, "value": value} for label, value in pairs],
    )
    return View(
        data=lambda: data,
        lines=lambda: lines,
        document=lambda: [Fields(pairs)],
        records=lambda: [flatten(data)],
    )
