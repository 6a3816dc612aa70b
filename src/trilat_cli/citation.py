"""Citations of the source texts in APA 7, Chicago 17 (notes and bibliography), BibTeX and RIS.

Rules applied: APA sentence-case titles (from the corpus's `sentence_title`), periodical
names in italics, "(Year, Month Day)" at the precision the source supports, the site name
left out where it is the author; Chicago inverts the first author only, keeps headline
case in quotation marks, and drops a leading "The" from periodical names. An author that
is the publisher is an organisation; any other author is a person, with the family and given
names the corpus gives in `author_names` (else the last printed word is the family name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from .corpus.model import Item, Quote, Report, Work
from .errors import QuoteNeedsItem, QuoteOutOfRange

STYLES = ("apa", "chicago", "bibtex", "ris")
MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]


class Form(NamedTuple):
    """How the citations treat one form of publication (a report's or work's `kind`)."""

    periodical: bool  # cited by the title of the periodical it appeared in
    bibtex: str  # BibTeX entry type
    ris: str  # RIS reference type


FORMS_CITED = {
    "web-page": Form(periodical=False, bibtex="online", ris="ELEC"),
    "magazine-article": Form(periodical=True, bibtex="article", ris="MGZN"),
    "news-article": Form(periodical=True, bibtex="article", ris="NEWS"),
    "journal-article": Form(periodical=True, bibtex="article", ris="JOUR"),
    "report": Form(periodical=False, bibtex="techreport", ris="RPRT"),
    "statement": Form(periodical=False, bibtex="misc", ris="GEN"),
}
PERIODICALS = tuple(form for form, cited in FORMS_CITED.items() if cited.periodical)

CitedWork = Report | Work
Style = Callable[[str], str]


def quoted_passage(text: str) -> str:
    """A passage in double quotation marks, quotation marks inside it made single.

    APA 7 (8.33) and Chicago 17 (13.30): a quotation within a quotation takes single marks.
    """
    inner = text.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
    inner = re.sub(r'"([^"]*)"', "\u2018\\1\u2019", inner)
    return f"\u201c{inner}\u201d"


def plain(text: str) -> str:
    return text


def markdown_italic(text: str) -> str:
    return f"*{text}*"


class Name(NamedTuple):
    given: str
    family: str | None  # None: an organisation
    suffix: str | None = None
    printed: str | None = None  # the name in its natural order, as the source prints it

    @classmethod
    def parse(cls, author: str, publisher: str) -> Name:
        if author == publisher or " " not in author.strip():
            return cls(author, None)
        given, family = author.rsplit(" ", 1)
        return cls(given, family)

    def initials(self) -> str:
        return " ".join(f"{part[0]}." for part in self.given.replace(".", " ").split())

    def with_suffix(self, name: str) -> str:
        return f"{name}, {self.suffix}" if self.suffix else name

    def apa(self) -> str:
        if self.family is None:
            return self.given
        return self.with_suffix(", ".join(filter(None, [self.family, self.initials()])))

    def inverted(self) -> str:
        if self.family is None:
            return self.given
        return self.with_suffix(", ".join(filter(None, [self.family, self.given])))

    def chicago(self) -> str:
        """Inverted, unless the printed name already puts the family name first (Yoon Suk Yeol)."""
        if self.family and self.printed and self.printed.startswith(f"{self.family} "):
            return self.printed
        return self.inverted()

    def bibtex(self) -> str:
        """BibTeX's "Last, Jr, First"; an organisation braced whole."""
        if self.family is None:
            return f"{{{bibtex_escape(self.given)}}}"
        return bibtex_escape(", ".join(filter(None, [self.family, self.suffix, self.given])))

    def natural(self) -> str:
        if self.printed or self.family is None:
            return self.printed or self.given
        return f"{self.given} {self.family}"

    def short(self) -> str:
        return self.family or self.given


def names(source: CitedWork) -> list[Name]:
    """The authors' names: in parts where the corpus gives them, else split at the last word."""
    if source.author_names:
        return [
            Name(person.given or "", person.family, person.suffix, printed)
            for person, printed in zip(source.author_names, source.authors, strict=False)
        ]
    return [Name.parse(author, source.publisher) for author in source.authors]


APA_LISTED = 20  # APA 7 lists up to 20 authors; past that, the first 19, ". . .", the last


def apa_authors(people: list[Name]) -> str:
    parts = [person.apa() for person in people]
    if len(parts) > APA_LISTED:
        return ", ".join(parts[: APA_LISTED - 1]) + ", . . . " + parts[-1]
    return join_names(parts, "&")


def date_parts(date: str) -> tuple[str, str | None, str | None]:
    year, *rest = date.split("-")
    month = MONTHS[int(rest[0]) - 1] if rest else None
    day = str(int(rest[1])) if len(rest) > 1 else None
    return year, month, day


def sentence_end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def join_names(parts: list[str], last: str, comma_for_two: bool = True) -> str:
    """'A', 'A, & B' (or 'A and B' in running text), 'A, B, & C'."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2 and not comma_for_two:
        return f"{parts[0]} {last} {parts[1]}"
    return ", ".join(parts[:-1]) + f", {last} " + parts[-1]


def apa_date(date: str) -> str:
    year, month, day = date_parts(date)
    return ", ".join(filter(None, [year, " ".join(filter(None, [month, day]))]))


def apa(source: CitedWork, italic: Style = plain) -> str:
    """An APA 7 reference-list entry."""
    author = apa_authors(names(source))
    title = source.sentence_title or source.title
    url = getattr(source, "url", None)
    if source.kind in PERIODICALS:
        parts = [sentence_end(title), sentence_end(italic(source.publisher))]
    else:
        parts = [sentence_end(italic(title))]
        if source.publisher not in source.authors:
            parts.append(sentence_end(source.publisher))
    entry = " ".join(
        [sentence_end(author), f"({apa_date(source.date)}).", *parts, *filter(None, [url])]
    )
    based_on = getattr(source, "based_on", None)
    return entry + (f" Summary of: {apa(based_on, italic)}" if based_on else "")


def apa_in_text(source: CitedWork) -> str:
    people = names(source)
    year = source.date[:4]
    if len(people) > 2:
        return f"({people[0].short()} et al., {year})"
    return f"({' & '.join(person.short() for person in people)}, {year})"


def chicago_date(date: str) -> str:
    year, month, day = date_parts(date)
    if day:
        return f"{month} {day}, {year}"
    return " ".join(filter(None, [month, year]))


def periodical(name: str) -> str:
    return name.removeprefix("The ")


def quoted(title: str, closing: str) -> str:
    """A title in quotation marks, the closing punctuation inside them as Chicago wants."""
    return quoted_passage(title if title.endswith(("?", "!")) else title + closing)


def chicago(source: CitedWork, italic: Style = plain) -> str:
    """A Chicago 17 bibliography entry."""
    people = names(source)
    parts = [people[0].chicago(), *(person.natural() for person in people[1:])]
    inverted = parts[0] != people[0].natural()  # "Aum, Daniel, and ..." but "Yoon Suk Yeol and"
    author = sentence_end(join_names(parts, "and", comma_for_two=inverted))
    url = getattr(source, "url", None)
    when = chicago_date(source.date)
    if source.kind in PERIODICALS:
        body = [quoted(source.title, "."), f"{italic(periodical(source.publisher))}, {when}."]
    elif source.kind == "report":
        body = [sentence_end(italic(source.title)), f"{source.publisher}, {when}."]
    else:
        site = "" if source.publisher in source.authors else f"{source.publisher}, "
        body = [quoted(source.title, "."), f"{site}{when}."]
    entry = " ".join([author, *body, *filter(None, [sentence_end(url) if url else None])])
    based_on = getattr(source, "based_on", None)
    if based_on:
        summarised = ", ".join(person.natural() for person in names(based_on))
        entry += (
            f" Summary of {summarised}, {italic(based_on.title)} "
            f"({based_on.publisher}, {chicago_date(based_on.date)})."
        )
    return entry


def chicago_note(source: CitedWork, italic: Style = plain) -> str:
    """A Chicago 17 full note, as for a footnote to a quotation."""
    people = [person.natural() for person in names(source)]
    author = (
        join_names(people, "and", comma_for_two=False) if len(people) < 4 else f"{people[0]} et al."
    )
    url = getattr(source, "url", None)
    when = chicago_date(source.date)
    title = quoted(source.title, ",")  # the comma goes inside the quotation marks
    if source.kind in PERIODICALS:
        title += f" {italic(periodical(source.publisher))},"
    return f"{author}, {title} {when}" + (f", {url}." if url else ".")


def bibtex_escape(text: str) -> str:
    for char in "\\{}&%$#_":
        text = text.replace(char, "\\" + char)
    return text


def bibtex(report: Report, quotes: tuple[Quote, ...] = ()) -> str:
    """A BibTeX (biblatex-friendly) entry keyed by the report id."""
    year, month, day = date_parts(report.date)
    authors = " and ".join(name.bibtex() for name in names(report))
    fields = [("author", authors), ("title", f"{{{bibtex_escape(report.title)}}}")]
    if report.kind in PERIODICALS:
        fields.append(("journal", bibtex_escape(report.publisher)))
    elif report.kind == "report":
        fields.append(("institution", bibtex_escape(report.publisher)))
    else:
        fields.append(("organization", bibtex_escape(report.publisher)))
    fields += [("date", report.date), ("year", year)]
    if month:
        fields.append(("month", str(MONTHS.index(month) + 1)))
    if day:
        fields.append(("day", day))
    fields.append(("url", report.url))
    if report.based_on:
        fields.append(("note", bibtex_escape("Summary of: " + chicago(report.based_on))))
    if quotes:
        fields.append(("annote", bibtex_escape(" ".join(quoted_passage(q.text) for q in quotes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{FORMS_CITED[report.kind].bibtex}{{{report.id},\n{body}\n}}"


def ris(report: Report, quotes: tuple[Quote, ...] = ()) -> str:
    """An RIS record (TAG, two spaces, hyphen, space, value; ER closes it)."""
    year, month, day = date_parts(report.date)
    month_number = f"{MONTHS.index(month) + 1:02d}" if month else ""
    lines = [("TY", FORMS_CITED[report.kind].ris)]
    lines += [("AU", name.inverted()) for name in names(report)]
    lines.append(("TI", report.title))
    lines.append(("T2" if report.kind in PERIODICALS else "PB", report.publisher))
    lines += [("PY", year), ("DA", f"{year}/{month_number}/{f'{int(day):02d}' if day else ''}/")]
    lines.append(("UR", report.url))
    if report.based_on:
        lines.append(("N1", "Summary of: " + chicago(report.based_on)))
    lines += [("N1", quoted_passage(quote.text)) for quote in quotes]
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines)


def reference(report: Report) -> str:
    """The one-line citation shown with every item: APA, in plain text."""
    return apa(report)


class Citation(NamedTuple):
    report: Report
    item: Item | None
    style: str
    text: str
    in_text: str
    quotes: tuple[Quote, ...] = ()


def chosen_quotes(item: Item | None, number: int | None) -> tuple[Quote, ...]:
    """An item's quotes, or only its `number`th (from 1); a report has none."""
    if item is None:
        if number is not None:
            raise QuoteNeedsItem(number)
        return ()
    if number is None:
        return item.quotes
    if not 1 <= number <= len(item.quotes):
        raise QuoteOutOfRange(item.id, number, len(item.quotes))
    return (item.quotes[number - 1],)


def cite(
    report: Report, item: Item | None, style: str, markdown: bool, number: int | None
) -> Citation:
    """A report's APA or Chicago citation; for an item, its quotes ready to paste above it.

    BibTeX and RIS are a bibliography of several targets instead: see `bibliography`.
    """
    italic = markdown_italic if markdown else plain
    quotes = chosen_quotes(item, number)
    in_text = apa_in_text(report) if style == "apa" else ""
    if style == "apa":
        pasted = [f"{quoted_passage(quote.text)} {in_text}" for quote in quotes]
        text = "\n\n".join([*pasted, apa(report, italic)])
    else:
        pasted = [quoted_passage(quote.text) for quote in quotes]
        note = [f"Note: {chicago_note(report, italic)}"] if quotes else []
        text = "\n\n".join([*pasted, *note, chicago(report, italic)])
    return Citation(report, item, style, text, in_text, quotes)


def bibliography(
    sources: Iterable[tuple[Report, Item | None]], style: str, number: int | None = None
) -> list[Citation]:
    """One BibTeX or RIS entry per report, whatever items name it, with all their quotes."""
    by_report: dict[str, tuple[Report, list[Item]]] = {}
    for report, item in sources:
        entry = by_report.setdefault(report.id, (report, []))
        if item is not None and item not in entry[1]:
            entry[1].append(item)
    citations = []
    for report, items in by_report.values():
        quotes = tuple(q for item in items for q in chosen_quotes(item, number))
        text = bibtex(report, quotes) if style == "bibtex" else ris(report, quotes)
        citations.append(
            Citation(report, items[0] if len(items) == 1 else None, style, text, "", quotes)
        )
    return citations
