"""Views of items: listings, search results and one item in full."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..citation import quoted_passage
from ..corpus.model import Corpus, Item, as_data, record_keys
from .view import Block, Column, Table, View, fields_view, flatten, marked

if TYPE_CHECKING:
    from ..query import Reason
    from ..search import Hit, Match

    Reasons = Callable[[Item], list[Reason]]

ITEM_COLUMNS = (
    Column("id", "ID", "id"),
    Column("report", "Report", "id"),
    Column("kind", "Kind", "id"),
    Column("title", "Title", ratio=2),
    Column("summary", "Summary (ours)", ratio=3),
)
QUOTES = Column("quotes", "Quotes (the text's own words)", ratio=3)
WHY = Column("why", "Why: each code and its evidence (the text's own words)", ratio=2)
HEADING = "the text's own heading"
SUGGESTED = " (suggested)"  # a code a program suggested and no person has accepted


def marked_title(item: Item) -> str:
    """The title as people read it: a heading of the text is marked as the text's."""
    return f"{item.title} ({HEADING})" if item.title_verbatim else f"{item.title} (ours)"


def quotes_text(item: Item) -> str:
    return "\n".join(quoted_passage(quote.text) for quote in item.quotes)


def evidence_text(words: Sequence[str], suggested: bool = False) -> str:
    """Evidence as people read it: each phrase in quotation marks; a suggestion said so."""
    shown = " / ".join(quoted_passage(phrase) for phrase in words) if words else "no evidence"
    return f"{shown} (suggested, not yet accepted)" if suggested else shown


def reasons_text(reasons: Sequence[Reason]) -> str:
    return "; ".join(f"{reason.code}: {evidence_text(reason.evidence)}" for reason in reasons)


def reasons_data(reasons: Sequence[Reason]) -> list[dict[str, Any]]:
    return [{"code": reason.code, "evidence": list(reason.evidence)} for reason in reasons]


def item_row(item: Item, quotes: bool = False) -> dict[str, str]:
    """An item as one record of plain fields, as a pipe reads it."""
    row = {
        "id": item.id,
        "report": item.report,
        "kind": item.label + SUGGESTED * item.kind_suggested,
        "title": item.title,
        "summary": item.summary,
    }
    return row | {"quotes": quotes_text(item)} if quotes else row


CARD_COLUMNS = (
    Column("item", "Item", "id"),
    Column("text", "Title (as marked) and summary (ours)", lead=True),
)
QUOTED_CARD = CARD_COLUMNS[1]._replace(header="Title (as marked), summary (ours) and quotes")


def item_card(item: Item, quotes: bool = False) -> dict[str, str]:
    """An item as two terminal cells: where it comes from, and what it says."""
    lines = [marked_title(item), item.summary, *([quotes_text(item)] if quotes else [])]
    return {"item": f"{item.id}\n{item.report}\n{item.label}", "text": "\n".join(lines)}


def memo_blocks(
    corpus: Corpus, items: list[Item], lead: Sequence[Column] = (), why: Reasons | None = None
) -> tuple[Table, Table]:
    """What -f md gives: each item with its quotes, then the sources they are quoted from.

    `lead` columns (a search score) come after the id; `why`, the evidence after the quotes.
    """
    from ..citation import reference

    columns = (ITEM_COLUMNS[0], *lead, *ITEM_COLUMNS[1:], QUOTES, *([WHY] if why else []))
    rows = [
        item_row(item, quotes=True)
        | {"title": marked_title(item)}
        | ({"why": reasons_text(why(item))} if why else {})
        for item in items
    ]
    reports = dict.fromkeys(item.report for item in items)
    sources = Table(
        (Column("report", "Report", "id"), Column("reference", "Reference")),
        [{"report": rid, "reference": reference(corpus.reports[rid])} for rid in reports],
        title="Sources",
    )
    return Table(columns, rows), sources


def items_view(
    corpus: Corpus,
    items: list[Item],
    empty: str = "no items match",
    quotes: bool = False,
    why: Reasons | None = None,
) -> View:
    """Items listed; with `why`, each with the codes it was chosen by and their evidence."""
    columns = (*ITEM_COLUMNS, *([QUOTES] if quotes else []), *([WHY] if why else []))
    card = (CARD_COLUMNS[0], QUOTED_CARD if quotes else CARD_COLUMNS[1])

    def data(item: Item) -> dict[str, Any]:
        fields: dict[str, Any] = as_data(item)
        return fields | ({"why": reasons_data(why(item))} if why else {})

    def row(item: Item) -> dict[str, str]:
        return item_row(item, quotes) | ({"why": reasons_text(why(item))} if why else {})

    def cell(item: Item) -> dict[str, str]:
        shown = item_card(item, quotes)
        return (
            shown | {"text": f"{shown['text']}\nWhy: {reasons_text(why(item))}"} if why else shown
        )

    return View(
        data=lambda: [data(item) for item in items],
        lines=lambda: Table(columns, [row(item) for item in items]),
        document=lambda: list(memo_blocks(corpus, items, why=why)),
        terminal=lambda: [Table(card, [cell(item) for item in items])],
        records=lambda: [flatten(data(item)) for item in items],
        empty=empty,
        fields=(*record_keys(Item), *(("why",) if why else ())),
    )


def match_text(match: Match) -> str:
    """A matched passage as shown on its own: quotes in quotation marks, names labelled."""
    if match.field == "quotes":
        return quoted_passage(match.text)
    return match.text if match.field in ("title", "summary") else f"{match.field}: {match.text}"


def why(hit: Hit, quotes: bool) -> str:
    """The card text of a hit: title (as marked) and summary, then the quote or name that
    matched, then (with --quotes) every quote."""
    item, matches = hit.item, hit.matches
    fields = {match.field: match for match in reversed(matches)}
    title, summary = fields.get("title"), fields.get("summary")
    lines = [  # every part through marked(), matched or not: the corpus's own marks are none
        (marked(title.text, title.marks) if title else marked(item.title, ()))
        + marked_title(item)[len(item.title) :],
        marked(summary.text, summary.marks) if summary else marked(item.summary, ()),
    ]
    best = matches[0] if matches else None
    if best and best.field not in ("title", "summary"):
        shown = match_text(best)
        shift = len(shown) - len(best.text) - (best.field == "quotes")
        lines.append(marked(shown, [(a + shift, b + shift) for a, b in best.marks]))
    return "\n".join([*lines, *([marked(quotes_text(item), ())] if quotes else [])])


def search_view(
    corpus: Corpus,
    hits: list[Hit],
    query: str,
    quotes: bool = False,
) -> View:
    score = Column("score", "Score", "number")
    passage = Column("match", "Matched (first passage)", ratio=3)
    items = [hit.item for hit in hits]
    columns = (*ITEM_COLUMNS, *([QUOTES] if quotes else []), passage, score)
    text = (QUOTED_CARD if quotes else CARD_COLUMNS[1])._replace(marked=True)
    card = (CARD_COLUMNS[0], text, score)

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
        return {**item_row(hit.item, quotes), "match": first, "score": str(hit.score)}

    def document() -> list[Block]:
        listing, sources = memo_blocks(corpus, items, (score,))
        scored = [
            row | {"score": str(hit.score)} for row, hit in zip(listing.rows, hits, strict=True)
        ]
        return [listing._replace(rows=scored), sources]

    return View(
        data=data,
        lines=lambda: Table(columns, [line(hit) for hit in hits]),
        document=document,
        terminal=lambda: [
            Table(
                card,
                [
                    {**item_card(h.item), "text": why(h, quotes), "score": str(h.score)}
                    for h in hits
                ],
            )
        ],
        records=lambda: [flatten(entry) for entry in data()],
        empty=f"nothing matches '{query}'",
        fields=("score", *record_keys(Item), "matches"),
    )


def actor_roles(corpus: Corpus, item: Item) -> str:
    return ", ".join(
        f"{corpus.actors[a].name} ({code.role}{', suggested' * code.suggested})"
        for a, code in item.actors.items()
    )


def code_evidence(item: Item) -> list[tuple[str, str]]:
    """Each code of an item with the words of its quotes that meet the code's rule."""
    pairs = [(f"Why kind {item.kind}", evidence_text(item.kind_evidence, item.kind_suggested))]
    pairs += [
        (f"Why {actor} ({code.role})", evidence_text(code.evidence, code.suggested))
        for actor, code in item.actors.items()
    ]
    pairs += [
        (f"Why theme {theme}", evidence_text(code.evidence, code.suggested))
        for theme, code in item.themes.items()
    ]
    return pairs


def show_view(corpus: Corpus, item: Item) -> View:
    from ..citation import reference

    report = corpus.reports[item.report]
    cite = reference(report)
    pairs = [
        ("ID", item.id),
        ("Report", f"{report.id}: {report.title} ({report.date})"),
        ("Kind", item.label + SUGGESTED * item.kind_suggested),
        ("Heading (the text's own)" if item.title_verbatim else "Title (ours)", item.title),
    ]
    if item.parent:
        pairs.append(("Part of", f"{item.parent}: {corpus.items[item.parent].title}"))
    pairs += [
        ("Summary (ours)", item.summary),
        *(
            (
                f"Quote {n}" + (f" (para. {quote.para})" if quote.para else ""),
                quoted_passage(quote.text),
            )
            for n, quote in enumerate(item.quotes, 1)
        ),
        ("Actors", actor_roles(corpus, item)),
        (
            "Themes",
            ", ".join(
                corpus.themes[t].name + " (suggested)" * code.suggested
                for t, code in item.themes.items()
            ),
        ),
        *code_evidence(item),
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
    return fields_view(pairs, data)
