"""Views of the sources themselves: a citation to paste, and the corpus exported whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..corpus.model import Corpus, as_data
from .items import ITEM_COLUMNS, item_row
from .view import Column, Table, View, flatten

if TYPE_CHECKING:
    from ..citation import Citation


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
    return View(data=lambda: data, lines=lambda: lines, text=citation.text)


def export_view(corpus: Corpus, report: str | None, fmt: str) -> View:
    """The corpus as a corpus document (YAML, JSON), its items as rows (CSV) or a memo (md)."""
    from ..export import document, sections
    from .memo import memo

    chosen = sections(corpus, report)
    if fmt == "md":
        text = memo(corpus, chosen["reports"], chosen["items"])
        return View(data=lambda: None, lines=lambda: Table((), []), text=text)
    return View(
        data=lambda: document(corpus, report),
        lines=lambda: Table(ITEM_COLUMNS, [item_row(item) for item in chosen["items"]]),
        records=lambda: [flatten(as_data(item)) for item in chosen["items"]],
    )
