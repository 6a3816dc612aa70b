"""Each command's answer as a View: the JSON contract plus what people and pipes see."""

from __future__ import annotations

from typing import Any

from ..citation import Citation, reference
from ..model import Corpus, Item, Report, as_data
from ..query import Comparison, Hit, Moment, kind_counts, usage
from .view import Column, Fields, Table, View, flatten

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
    data = [as_data(item) for item in items]
    return View(
        data=data,
        lines=Table(ITEM_COLUMNS, [item_row(item) for item in items]),
        terminal=[Table(CARD_COLUMNS, [item_card(item) for item in items])],
        records=[flatten(entry) for entry in data],
        empty=empty,
    )


def search_view(hits: list[Hit], query: str) -> View:
    data = [{"score": hit.score, **as_data(hit.item)} for hit in hits]
    score = Column("score", "Score", "number")
    return View(
        data=data,
        lines=Table(
            (score, *ITEM_COLUMNS), [{"score": str(h.score), **item_row(h.item)} for h in hits]
        ),
        terminal=[
            Table(
                (score, *CARD_COLUMNS), [{"score": str(h.score), **item_card(h.item)} for h in hits]
            )
        ],
        records=[flatten(entry) for entry in data],
        highlight=hits[0].terms if hits else (),
        empty=f"nothing matches '{query}'",
    )


def counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {kind}" for kind, count in counts.items())


def reports_view(corpus: Corpus) -> View:
    data = []
    rows = []
    for report in corpus.reports.values():
        counts = kind_counts(corpus, report.id)
        data.append({**as_data(report), "date_precision": report.precision, "counts": counts})
        rows.append(
            {
                "id": report.id,
                "year": str(report.year),
                "title": report.title,
                "authors": ", ".join(report.authors),
                "publisher": report.publisher,
                "date": report.date,
                "counts": counts_text(counts),
            }
        )
    columns = (
        Column("id", "ID", "id"),
        Column("year", "Year", "number"),
        Column("title", "Title"),
        Column("authors", "Authors"),
        Column("publisher", "Publisher"),
        Column("date", "Date", "id"),
        Column("counts", "Items"),
    )
    return View(data=data, lines=Table(columns, rows), records=[flatten(d) for d in data])


def codebook_view(corpus: Corpus, section: str) -> View:
    """Actors or themes, with how many items of each report touch each one."""
    counts = usage(corpus, section)
    describe = (
        (lambda record: ", ".join(record.aliases))
        if section == "actors"
        else (lambda record: record.definition)
    )
    data, rows = [], []
    for record in corpus.section(section).values():
        data.append({**as_data(record), "counts": counts[record.id]})
        rows.append(
            {
                "id": record.id,
                "name": record.name,
                "about": describe(record),
                **{f"count:{report}": str(n) for report, n in counts[record.id].items()},
            }
        )
    bars = tuple(Column(f"count:{report}", report, "bar") for report in corpus.reports)
    about = Column("about", "Aliases" if section == "actors" else "Definition", ratio=2)
    columns = (Column("id", "ID", "id"), Column("name", "Name"), about, *bars)
    card = (Column("card", section.title()[:-1], lead=True), about, *bars)
    cards = [{"card": f"{row['name']}\n{row['id']}", **row} for row in rows]
    return View(
        data=data,
        lines=Table(columns, rows),
        terminal=[Table(card, cards)],
        records=[flatten(d) for d in data],
    )


def actor_roles(corpus: Corpus, item: Item) -> str:
    return ", ".join(f"{corpus.actors[a].name} ({role})" for a, role in item.actors.items())


def show_view(corpus: Corpus, item: Item) -> View:
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
    return View(data=data, lines=lines, document=[Fields(pairs)], records=[flatten(data)])


def text_header(corpus: Corpus, reports: tuple[Report, ...]) -> Table:
    columns = (Column("field", "", "id"), *(Column(r.id, r.id) for r in reports))
    facts = {
        "Title": lambda r: r.title,
        "Authors": lambda r: ", ".join(r.authors),
        "Publisher": lambda r: r.publisher,
        "Date": lambda r: r.date,
        "Items": lambda r: counts_text(kind_counts(corpus, r.id)),
    }
    rows = [{"field": label, **{r.id: get(r) for r in reports}} for label, get in facts.items()]
    return Table(columns, rows)


def comparison_data(corpus: Corpus, comparison: Comparison) -> dict[str, Any]:
    return {
        "reports": [report.id for report in comparison.reports],
        "texts": [
            {
                "id": r.id,
                "title": r.title,
                "authors": list(r.authors),
                "date": r.date,
                "counts": kind_counts(corpus, r.id),
            }
            for r in comparison.reports
        ],
        "rows": [
            {
                "theme": row.theme.id,
                "name": row.theme.name,
                "status": row.status,
                "items": {rid: [item.id for item in items] for rid, items in row.items.items()},
                "notes": row.notes,
            }
            for row in comparison.rows
        ],
    }


STATUS_STYLES = (("continued", "green"), ("new", "bold cyan"), ("dropped", "red"))


def side(items: tuple[Item, ...], note: str | None, quotes: bool) -> str:
    lines = []
    for item in items:
        lines.append(f"\u2022 {item.id}: {item.title}")
        if quotes:
            lines += [f"  \u201c{quote}\u201d" for quote in item.quotes]
    if note:
        lines.append(f"Note (ours): {note}")
    return "\n".join(lines) or "\u2014"


def compare_view(corpus: Corpus, comparison: Comparison, with_quotes: bool = False) -> View:
    a, b = (report.id for report in comparison.reports)
    data = comparison_data(corpus, comparison)
    if with_quotes:
        for entry, row in zip(data["rows"], comparison.rows, strict=True):
            entry["quotes"] = {
                rid: [{"item": item.id, "quote": q} for item in items for q in item.quotes]
                for rid, items in row.items.items()
            }
    lines = Table(
        (
            Column("theme", "Theme", "id"),
            Column("status", "Status", "id"),
            Column(f"items:{a}", a),
            Column(f"items:{b}", b),
            Column(f"note:{a}", f"Note {a}"),
            Column(f"note:{b}", f"Note {b}"),
        ),
        [
            {
                "theme": row["theme"],
                "status": row["status"],
                **{f"items:{rid}": ", ".join(ids) for rid, ids in row["items"].items()},
                **{f"note:{rid}": note or "" for rid, note in row["notes"].items()},
            }
            for row in data["rows"]
        ],
    )
    status = Column("status", "Status", "id", palette=STATUS_STYLES)
    shown = Table(
        (Column("theme", "Theme"), status, Column(a, a, ratio=2), Column(b, b, ratio=2)),
        [
            {
                "theme": row.theme.name,
                "status": row.status,
                **{
                    rid: side(items, row.notes[rid], with_quotes)
                    for rid, items in row.items.items()
                },
            }
            for row in comparison.rows
        ],
    )
    return View(
        data=data,
        lines=lines,
        document=[text_header(corpus, comparison.reports), shown],
        empty="no theme in either report",
    )


def timeline_view(corpus: Corpus, moments: list[Moment]) -> View:
    data = [
        {
            **as_data(moment.event),
            "precision": moment.event.precision,
            "items": [item.id for item in moment.items],
            "reports": list(dict.fromkeys(item.report for item in moment.items)),
        }
        for moment in moments
    ]
    rows = [
        {
            "date": entry["date"] + (f" to {entry['end']}" if entry["end"] else ""),
            "precision": entry["precision"],
            "label": entry["label"],
            "items": ", ".join(entry["items"]),
            "reports": ", ".join(entry["reports"]),
        }
        for entry in data
    ]
    columns = (
        Column("date", "Date", "id"),
        Column("precision", "Precision", "id"),
        Column("label", "What happened (ours)"),
        Column("items", "Mentioned by"),
        Column("reports", "Reports"),
    )
    return View(
        data=data,
        lines=Table(columns, rows),
        records=[flatten(entry) for entry in data],
        empty="no dated events match",
    )


def citation_view(citation: Citation) -> View:
    """A citation is text to paste: every format but JSON/YAML shows it as it is."""
    data = {
        "report": citation.report.id,
        "item": citation.item.id if citation.item else None,
        "style": citation.style,
        "quotes": list(citation.item.quotes) if citation.item else [],
        "in_text": citation.in_text or None,
        "citation": citation.text,
    }
    lines = Table((Column("citation", "Citation"),), [{"citation": citation.text}])
    return View(data=data, lines=lines, text=citation.text)


def export_view(corpus: Corpus, report: str | None, fmt: str) -> View:
    """The corpus as a corpus document (YAML, JSON), its items as rows (CSV) or a memo (md)."""
    from ..export import document, sections
    from .memo import memo

    chosen = sections(corpus, report)
    if fmt == "md":
        text = memo(corpus, chosen["reports"], chosen["items"])
        return View(data=None, lines=Table((), []), text=text)
    items = [as_data(item) for item in chosen["items"]]
    return View(
        data=document(corpus, report),
        lines=Table(ITEM_COLUMNS, [item_row(item) for item in chosen["items"]]),
        records=[flatten(item) for item in items],
    )
