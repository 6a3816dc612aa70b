"""The view of a comparison: a header comparing the texts, then one row per theme."""

from __future__ import annotations

from typing import Any

from ..compare import Comparison
from ..corpus.model import Corpus, Item, Report
from ..query import kind_counts
from .codebooks import counts_text
from .view import Column, Table, View


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
        data=lambda: data,
        lines=lambda: lines,
        document=lambda: [text_header(corpus, comparison.reports), shown],
        empty="no theme in either report",
    )
