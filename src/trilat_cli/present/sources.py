"""Views of the sources themselves: a citation to paste, and the corpus exported whole."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..corpus.model import Corpus, Report, as_data, precision
from ..query import kind_counts
from .codebooks import counts_text
from .items import ITEM_COLUMNS, item_row
from .view import Column, Table, View, fields_view, flatten

if TYPE_CHECKING:
    from ..citation import Citation


def citation_data(citation: Citation) -> dict[str, Any]:
    return {
        "report": citation.report.id,
        "item": citation.item.id if citation.item else None,
        "style": citation.style,
        "quotes": [
            {**pasted.quote._asdict(), "pasted": pasted.text, "in_text": pasted.in_text}
            | {"note": pasted.note}
            for pasted in citation.quotes
        ],
        "in_text": citation.in_text,
        "note": citation.note,
        "reference": citation.reference,
        "csl": citation.csl,
        "citation": citation.text,
    }


def citations_text(citations: list[Citation], style: str) -> str:
    """What is pasted: the citations a blank line apart, or one CSL document of them all."""
    from .text import json_text, yaml_text

    if style == "csl-json":
        return json_text([citation.csl for citation in citations])
    if style == "csl-yaml":  # pandoc's form: a `references` list
        return yaml_text({"references": [citation.csl for citation in citations]}).rstrip("\n")
    if style == "ris":  # CRLF ends every line, a blank line between records
        return "\r\n".join(citation.text for citation in citations)
    return "\n\n".join(citation.text for citation in citations)


def citations_view(citations: list[Citation], style: str) -> View:
    """Citations are text to paste; JSON gives an array of one object each."""
    data = [citation_data(citation) for citation in citations]
    lines = Table((Column("citation", "Citation"),), [{"citation": c.text} for c in citations])
    text = citations_text(citations, style)
    prose = style in ("apa", "chicago")  # a bibliography file's lines are kept as they are
    return View(data=lambda: data, lines=lambda: lines, text=text, prose=prose)


def report_view(corpus: Corpus, report: Report) -> View:
    """One report in full: its citation facts, our summary and our note on each theme."""
    from ..citation import chicago, reference

    pairs = [
        ("ID", report.id),
        ("Title (the text's own)", report.title),
        ("Authors", ", ".join(report.authors)),
        ("Publisher", report.publisher),
        ("Date", report.date),
    ]
    if report.date_note:
        pairs.append(("Date note (ours)", report.date_note))
    if report.based_on:
        pairs.append(("Summary of", chicago(report.based_on)))
    pairs.append(("Summary (ours)", report.summary))
    notes = (f"{corpus.themes[theme].name}: {note}" for theme, note in report.notes.items())
    pairs.append(("Theme notes (ours)", "\n".join(notes)))
    pairs += [("Items", counts_text(kind_counts(corpus, report.id))), ("URL", report.url)]
    data = {
        **as_data(report),
        "date_precision": precision(report.date),
        "counts": kind_counts(corpus, report.id),
        "citation": reference(report),
    }
    return fields_view(pairs, data)


def export_view(corpus: Corpus, reports: tuple[str, ...], fmt: str) -> View:
    """The corpus as a corpus document (YAML, JSON), its items as rows (CSV) or a memo (md)."""
    from ..export import document, sections
    from .memo import memo

    chosen = sections(corpus, reports)
    if fmt == "md":
        text = memo(corpus, chosen["reports"])
        return View(data=lambda: None, lines=lambda: Table((), []), text=text)
    return View(
        data=lambda: document(corpus, reports),
        lines=lambda: Table(ITEM_COLUMNS, [item_row(item) for item in chosen["items"]]),
        records=lambda: [flatten(as_data(item)) for item in chosen["items"]],
    )
