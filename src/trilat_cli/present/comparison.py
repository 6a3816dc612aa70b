"""The views of a comparison: an overview on one screen, one theme in detail, the full table.

The texts are by different authors, so a person reads what a status is ("only in 2019"),
never a verdict ("dropped"); JSON keeps the status values as its contract.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise, zip_longest
from typing import Any

from ..citation import quoted_passage
from ..compare import Comparison, ThemeRow
from ..corpus.model import Corpus, Item, Report
from ..query import kind_counts
from .codebooks import counts_text, labels
from .items import evidence_text
from .view import Block, Column, Fields, Table, View

READABLE = 44  # the narrowest column in which a side of `--theme` still reads well


def wording(comparison: Comparison) -> dict[str, str]:
    """Each status as it reads on a terminal, in the words of these reports."""
    named = labels(comparison.reports)
    earliest, latest = (named[r.id] for r in (comparison.in_time[0], comparison.in_time[-1]))
    if len(comparison.reports) == 2:
        return {
            "continued": "in both",
            "new": f"only in {latest}",
            "dropped": f"only in {earliest}",
        }
    return {
        "continued": f"in {earliest} and {latest}",
        "new": f"in {latest} but not {earliest}",
        "dropped": f"in {earliest} but not {latest}",
        "interim": f"only in texts between {earliest} and {latest}",
    }


PAIR_SIGNS = {"continued": "=", "new": "+", "dropped": "-", None: ""}
PAIR_LEGEND = "= in both, + only in the later, - only in the earlier of two neighbours"


def summary_line(comparison: Comparison) -> str:
    """The answer to "what changed?" in one line: themes counted by status."""
    words = wording(comparison)
    joint = ", " if len(comparison.reports) == 2 else "; "  # more texts, longer phrases
    tally = joint.join(f"{count} {words[name]}" for name, count in comparison.tally().items())
    count = len(comparison.rows)
    return f"{count} theme{'s' * (count != 1)}: {tally}"


def text_header(corpus: Corpus, reports: tuple[Report, ...]) -> Table:
    columns = (Column("field", "", "id"), *(Column(r.id, r.id) for r in reports))
    facts: dict[str, Callable[[Report], str]] = {
        "Title": lambda r: r.title,
        "Authors": lambda r: ", ".join(r.authors),
        "Publisher": lambda r: r.publisher,
        "Date": lambda r: r.date,
        "Items": lambda r: counts_text(kind_counts(corpus, r.id)),
    }
    rows = [{"field": label, **{r.id: get(r) for r in reports}} for label, get in facts.items()]
    return Table(columns, rows)


def short_header(comparison: Comparison, summary: bool = True) -> Fields:
    """The texts in two lines each: who, when, what kind; then the title. Summary on top."""
    named = labels(comparison.reports)
    return Fields(
        [
            (
                named[r.id],
                f"{', '.join(r.authors)} \u00b7 {r.date} \u00b7 {r.kind.replace('-', ' ')}"
                f" ({r.id})\n{r.title}",
            )
            for r in comparison.in_time
        ],
        title=summary_line(comparison) if summary else None,
    )


def evidence_of(row: ThemeRow) -> dict[str, dict[str, list[str]]]:
    """Each text's items on the theme, each with its evidence for the theme."""
    return {
        rid: {item.id: list(item.themes[row.theme.id].evidence) for item in items}
        for rid, items in row.items.items()
    }


def quotes_of(row: ThemeRow) -> dict[str, list[dict[str, str]]]:
    return {
        rid: [{"item": item.id, "quote": q.text} for item in items for q in item.quotes]
        for rid, items in row.items.items()
    }


def comparison_data(
    corpus: Corpus, comparison: Comparison, with_quotes: bool = False
) -> dict[str, Any]:
    return {
        "reports": [report.id for report in comparison.reports],
        "in_time": [report.id for report in comparison.in_time],
        "tally": comparison.tally(),
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
                "counts": row.counts(),
                "first": row.first,
                "last": row.last,
                "pairs": [pair._asdict() for pair in row.pairs],
                "note_only": list(row.note_only),
                "evidence": evidence_of(row),
                **({"quotes": quotes_of(row)} if with_quotes else {}),
            }
            for row in comparison.rows
        ],
    }


# Neutral hues: red and green would read as loss and gain, a verdict the texts do not make.
STATUS_STYLES = {"continued": "bold", "new": "cyan", "dropped": "magenta", "interim": "blue"}


def palette(comparison: Comparison) -> tuple[tuple[str, str], ...]:
    words = wording(comparison)
    return tuple((words[name], style) for name, style in STATUS_STYLES.items() if name in words)


def entry(item: Item, quotes: bool, why: str | None = None) -> str:
    """An item as a bullet, its quotes indented under it (a terminal keeps the indents); with
    `why`, a theme, its evidence for the theme first."""
    lines = [f"\u2022 {item.id}: {item.title}"]
    if why:
        code = item.themes[why]
        lines.append(f"    why: {evidence_text(code.evidence, code.suggested)}")
    return "\n".join(lines + [f"    {quoted_passage(q.text)}" for q in item.quotes if quotes])


def side(items: tuple[Item, ...], note: str | None, quotes: bool, why: str | None = None) -> str:
    """A text's items on a theme (with `why`, the theme: each item's evidence for it)."""
    lines = [entry(item, quotes, why) for item in items]
    if note:
        lines.append(f"Note (ours): {note}")
    return "\n".join(lines) or "\u2014"


def theme_name(row: ThemeRow, named: dict[str, str]) -> str:
    """The theme's name, with the reports that note it without coding an item to it."""
    if not row.note_only:
        return row.theme.name
    return f"{row.theme.name} (note only: {', '.join(named[r] for r in row.note_only)})"


def in_blocks(comparison: Comparison) -> list[ThemeRow]:
    """Themes in blocks: by status for two texts, else by the texts they are first and last in."""
    if len(comparison.reports) == 2:
        order = list(STATUS_STYLES)
        return sorted(comparison.rows, key=lambda row: order.index(row.status))
    position = {report.id: index for index, report in enumerate(comparison.in_time)}
    return sorted(comparison.rows, key=lambda row: (position[row.first], -position[row.last]))


def overview(comparison: Comparison) -> Table:
    """One line per theme with its items counted in each text, in blocks named once."""
    named = labels(comparison.reports)
    words = wording(comparison)
    in_time = comparison.in_time
    rows = [
        {
            "status": words[row.status],
            "seen": "\u2013".join(dict.fromkeys((named[row.first], named[row.last]))),
            "theme": theme_name(row, named),
            **{f"count:{rid}": str(count) for rid, count in row.counts().items()},
            **{f"pair:{p.later}": PAIR_SIGNS[p.status] for p in row.pairs},
        }
        for row in in_blocks(comparison)
    ]
    theme = Column("theme", "Theme")
    if len(in_time) == 2:
        status = Column("status", "", "id", palette=palette(comparison))
        bars = tuple(Column(f"count:{r.id}", named[r.id], "bar") for r in in_time)
        return Table((status, theme, *bars), rows, group="status")
    counts = [Column(f"count:{in_time[0].id}", named[in_time[0].id], "number")]
    for report in in_time[1:]:  # the change from the previous text sits between the counts
        counts += [
            Column(f"pair:{report.id}", "", "id"),
            Column(f"count:{report.id}", named[report.id], "number"),
        ]
    seen = Column("seen", "Seen in", "id")
    return Table((seen, theme, *counts), rows, title=PAIR_LEGEND, group="seen")


def full_table(comparison: Comparison, with_quotes: bool, why: bool = False) -> Table:
    """Every theme with its items (and quotes, evidence) and each text's note, side by side."""
    words = wording(comparison)
    named = labels(comparison.reports)
    status = Column("status", "Status", "id", palette=palette(comparison))
    sides = tuple(Column(r.id, named[r.id], ratio=2) for r in comparison.in_time)
    rows = [
        {
            "theme": theme_name(row, named),
            "status": words[row.status],
            **{
                rid: side(items, row.notes[rid], with_quotes, row.theme.id if why else None)
                for rid, items in row.items.items()
            },
        }
        for row in comparison.rows
    ]
    return Table((Column("theme", "Theme"), status, *sides), rows)


def detail(comparison: Comparison, why: bool = False) -> Table:
    """One theme, a column per text and a cell per item, the notes last; where the terminal
    is too narrow for the texts side by side, one text after the other."""
    words = wording(comparison)
    named = labels(comparison.reports)
    ids = [r.id for r in comparison.in_time]
    sides = tuple(Column(rid, named[rid]) for rid in ids)
    rows = []
    for row in comparison.rows:
        for items in zip_longest(*(row.items[rid] for rid in ids)):
            rows.append(
                {
                    rid: entry(item, True, row.theme.id if why else None) if item else ""
                    for rid, item in zip(ids, items, strict=True)
                }
            )
        rows.append(
            {rid: f"Note (ours): {row.notes[rid]}" if row.notes[rid] else "" for rid in ids}
        )
    title = "; ".join(f"{row.theme.name}: {words[row.status]}" for row in comparison.rows)
    width = READABLE * len(sides) + 3 * len(sides)
    return Table(sides, rows, title=title, min_width=width, by_column=True)


def pipe_lines(comparison: Comparison, with_quotes: bool, why: bool = False) -> Table:
    """One line per theme: theme, status, items and note of each report, then the trend;
    with `why`, each report's items with their evidence for the theme."""
    ids = [report.id for report in comparison.reports]
    in_time = comparison.in_time
    columns = (
        Column("theme", "theme", "id"),
        Column("status", "status", "id"),
        *(Column(f"items:{rid}", f"items:{rid}") for rid in ids),
        *(Column(f"note:{rid}", f"note:{rid}") for rid in ids),
        Column("first", "first", "id"),
        Column("last", "last", "id"),
        *(Column(f"pair:{a.id}:{b.id}", f"{a.id}->{b.id}", "id") for a, b in pairwise(in_time)),
        *((Column(f"quotes:{rid}", f"quotes:{rid}") for rid in ids) if with_quotes else ()),
        *((Column(f"why:{rid}", f"why:{rid}") for rid in ids) if why else ()),
    )
    rows = []
    for row in comparison.rows:
        quotes = quotes_of(row) if with_quotes else {}
        rows.append(
            {
                "theme": row.theme.id,
                "status": row.status,
                **{
                    f"items:{rid}": ", ".join(i.id for i in items)
                    for rid, items in row.items.items()
                },
                **{f"note:{rid}": note or "" for rid, note in row.notes.items()},
                "first": row.first,
                "last": row.last,
                **{f"pair:{p.earlier}:{p.later}": p.status or "" for p in row.pairs},
                **{
                    f"quotes:{rid}": "\n".join(
                        f"{q['item']}: {quoted_passage(q['quote'])}" for q in qs
                    )
                    for rid, qs in quotes.items()
                },
                **{
                    f"why:{rid}": "; ".join(
                        f"{item}: {evidence_text(words)}" for item, words in found.items()
                    )
                    for rid, found in (evidence_of(row) if why else {}).items()
                },
            }
        )
    return Table(columns, rows)


def compare_view(
    corpus: Corpus,
    comparison: Comparison,
    with_quotes: bool = False,
    full: bool = False,
    why: bool = False,
) -> View:
    """Pipes and documents get everything; a terminal gets the overview, one theme or all.
    `why` puts each item's evidence for the theme beside it (JSON always has it)."""

    def terminal() -> list[Block]:
        if with_quotes:
            return [short_header(comparison, summary=False), detail(comparison, why)]
        if full:
            return [text_header(corpus, comparison.in_time), full_table(comparison, False, why)]
        return [short_header(comparison), overview(comparison)]

    return View(
        data=lambda: comparison_data(corpus, comparison, with_quotes),
        lines=lambda: pipe_lines(comparison, with_quotes, why),
        document=lambda: [
            text_header(corpus, comparison.in_time),
            full_table(comparison, with_quotes, why),
        ],
        terminal=terminal,
        empty="no item on this theme in these reports" if with_quotes else "no theme",
    )
