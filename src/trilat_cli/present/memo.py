"""A Markdown memo of the corpus or one report: items by kind, quotes with footnoted citations."""

from __future__ import annotations

from ..citation import apa, escaped, markdown_escaped, markdown_italic, quoted_passage
from ..corpus.model import KIND_PLURALS, Corpus, Item, Report
from ..query import by_report
from .items import marked_title
from .view import safe


def md(text: str) -> str:
    """Corpus text that Markdown shows literally, on one line."""
    return markdown_escaped(" ".join(safe(text).split()))


def autolink(url: str) -> str:
    """A URL Markdown links as it is: `<` and `>` would end the link, so they are encoded."""
    return "<" + safe(url).replace("<", "%3C").replace(">", "%3E") + ">"


def item_section(corpus: Corpus, item: Item) -> list[str]:
    lines = [f"#### {md(item.label.capitalize())}: {md(marked_title(item))}", ""]
    facts = [f"`{item.id}`"]
    if item.parent:
        facts.append(f"part of `{item.parent}`")
    facts.append(
        "actors: "
        + ", ".join(f"{md(corpus.actors[a].name)} ({c.role})" for a, c in item.actors.items())
    )
    facts.append("themes: " + ", ".join(md(corpus.themes[t].name) for t in item.themes))
    lines += [" \u00b7 ".join(facts), "", f"*Summary (ours):* {md(item.summary)}", ""]
    for quote in item.quotes:
        lines += [f"> {quoted_passage(md(quote.text))}[^{item.report}]", ""]
    return lines


def report_section(corpus: Corpus, report: Report, items: list[Item]) -> list[str]:
    lines = [f"## {md(report.title)}", ""]
    lines += [
        f"{md(', '.join(report.authors))} \u00b7 {md(report.publisher)} \u00b7 {report.date} \u00b7 {autolink(report.url)}",
        "",
    ]
    lines += [f"*Summary (ours):* {md(report.summary)}", ""]
    for kind, plural in KIND_PLURALS.items():
        of_kind = [item for item in items if item.kind == kind]
        if of_kind:
            lines += [f"### {plural.capitalize()}", ""]
            for item in of_kind:
                lines += item_section(corpus, item)
    return lines


def memo(corpus: Corpus, reports: list[Report]) -> str:
    """The memo text; each report's reference is one footnote that all its quotes share."""
    title = reports[0].title if len(reports) == 1 else "US\u2013Japan\u2013South Korea policy texts"
    lines = [
        f"# {md(title)}",
        "",
        "Quotes are the texts' own words; summaries are ours (the editors'), not quotations;"
        " titles are ours unless marked as the text's own heading.",
        "",
    ]
    grouped = by_report(corpus)
    for report in reports:
        lines += report_section(corpus, report, grouped[report.id])
    lines += [f"[^{report.id}]: {apa(escaped(report, md), markdown_italic)}" for report in reports]
    return "\n".join(lines)
