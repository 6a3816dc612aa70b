"""Views of the codebooks: reports, actors, themes and kinds, with items counted per report,
and one theme's or kind's rule with the evidence of every item that carries it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..corpus.evidence import CUE_JOIN
from ..corpus.model import (
    SECTIONS,
    Corpus,
    Item,
    Kind,
    Report,
    Theme,
    as_data,
    precision,
    record_keys,
)
from ..query import by_report, codes, kind_counts, usage
from .view import Column, Table, View, fields_view, flatten


def labels(reports: Sequence[Report]) -> dict[str, str]:
    """What a person calls each report here: its year, unless two of them share it."""
    years = [report.year for report in reports]
    return {r.id: str(r.year) if years.count(r.year) == 1 else r.id for r in reports}


def counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {kind}" for kind, count in counts.items())


def reports_view(corpus: Corpus) -> View:
    data = []
    rows = []
    grouped = by_report(corpus)
    for report in corpus.reports.values():
        counts = kind_counts(corpus, report.id, grouped[report.id])
        data.append({**as_data(report), "date_precision": precision(report.date), "counts": counts})
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
    cards = [
        {
            "report": f"{row['id']}\n{row['date']}",
            "text": f"{row['title']}\n{row['authors']} \u00b7 {row['publisher']}",
            "counts": row["counts"].replace(", ", "\n"),
        }
        for row in rows
    ]
    card = (
        Column("report", "Report", "id"),
        Column("text", "Title, authors and publisher", lead=True),
        Column("counts", "Items", "id"),
    )
    return View(
        data=lambda: data,
        lines=lambda: Table(columns, rows),
        terminal=lambda: [Table(card, cards)],
        records=lambda: [flatten(d) for d in data],
        fields=(*record_keys(Report), "date_precision", "counts"),
    )


def codebook_view(corpus: Corpus, section: str) -> View:
    """Actors, themes or kinds, with how many items of each report carry each one."""
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
    # On a terminal the id sits beside the name, not in a column of its own: an id column
    # as wide as the longest id would take the room the definitions need at 80 columns.
    text = Column("text", f"Name (id) and {about.header.lower()}", lead=True)
    named = labels(list(corpus.reports.values()))
    card = (text, *(bar._replace(header=named[bar.header]) for bar in bars))
    cards = [{**row, "text": f"{row['name']} ({row['id']})\n{row['about']}"} for row in rows]
    return View(
        data=lambda: data,
        lines=lambda: Table(columns, rows),
        terminal=lambda: [Table(card, cards)],
        records=lambda: [flatten(d) for d in data],
        fields=(*record_keys(SECTIONS[section]), "counts"),
    )


def rule_view(corpus: Corpus, section: str, rule_id: str) -> View:
    """One theme or kind: its rule in full, and every item that carries it with the words
    of its quotes that meet the rule."""
    from .items import evidence_text

    rule: Theme | Kind = corpus.section(section)[rule_id]
    items = [item for item in corpus.items.values() if rule_id in codes(item, section)]

    def evidence(item: Item) -> tuple[tuple[str, ...], bool]:
        if section == "kinds":
            return item.kind_evidence, item.kind_suggested
        code = item.themes[rule_id]
        return code.evidence, code.suggested

    pairs = [
        ("ID", rule.id),
        ("Name", rule.name),
        ("Rule", rule.definition),
        *((("Includes", rule.includes),) if rule.includes else ()),
        *((("Excludes", rule.excludes),) if rule.excludes else ()),
        ("Cue words", CUE_JOIN.join(rule.include_cues) or "none: any words that meet the rule"),
        *((("Not", CUE_JOIN.join(rule.exclude_cues)),) if rule.exclude_cues else ()),
        *((("Without evidence", rule.without_evidence),) if rule.without_evidence else ()),
        *((f"{item.id} ({item.report})", evidence_text(*evidence(item))) for item in items),
    ]
    data: dict[str, Any] = {
        **as_data(rule),
        "section": section,
        "items": [
            {
                "id": item.id,
                "report": item.report,
                "evidence": list(evidence(item)[0]),
                "suggested": evidence(item)[1],
            }
            for item in items
        ],
    }
    return fields_view(pairs, data)
