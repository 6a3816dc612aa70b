"""Citations of the source texts in APA 7, Chicago 17 (notes and bibliography), BibTeX, RIS
and CSL-JSON (what pandoc, Zotero and citeproc read).

Rules applied: APA sentence-case titles (from the corpus's `sentence_title`), periodical
names in italics, "(Year, Month Day)" at the precision the source supports, the site name
left out where it is the author; Chicago inverts the first author only, keeps headline
case in quotation marks, and drops a leading "The" from periodical names. An author that
is the publisher is an organisation; any other author is a person, with the family and given
names the corpus gives in `author_names` (else the last printed word is the family name).
A quote is located by its body paragraph: APA 7 (8.28) "para. 4", Chicago 17 "par. 4" (the
abbreviation CMOS 10.43 lists; 14.174 allows paragraph numbers for a text without pages).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from .corpus.fields import UNSAFE, shown
from .corpus.model import Item, Quote, Report, Work
from .errors import QuoteNeedsItem, QuoteOutOfRange

STYLES = ("apa", "chicago", "bibtex", "ris", "csl-json", "csl-yaml")
BIBLIOGRAPHIES = ("bibtex", "ris", "csl-json", "csl-yaml")  # one entry per report
MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]


class Form(NamedTuple):
    """How the citations treat one form of publication (a report's or work's `kind`)."""

    periodical: bool  # cited by the title of the periodical it appeared in
    bibtex: str  # BibTeX entry type, one that classic styles (plain.bst) know
    ris: str  # RIS reference type
    csl: str  # CSL item type
    noun: str  # how a description in brackets names it: "Summary of the report ..."


FORMS_CITED = {
    "web-page": Form(False, "misc", "ELEC", "webpage", "web page"),
    "magazine-article": Form(True, "article", "MGZN", "article-magazine", "article"),
    "news-article": Form(True, "article", "NEWS", "article-newspaper", "article"),
    "journal-article": Form(True, "article", "JOUR", "article-journal", "article"),
    "report": Form(False, "techreport", "RPRT", "report", "report"),
    "statement": Form(False, "misc", "GEN", "document", "statement"),
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


# Every character that can open Markdown syntax, and `&` where it would start an entity.
MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~]|&(?=#?\w+;))")
# What opens a block where a line starts: a list item ("- ", "+ ", "1. ", "2) ") or a setext
# underline ("=").
BLOCK_START = re.compile(r"^(\d{1,9}(?=[.)])|(?=[-+=]))(.)")


def markdown_escaped(text: str, syntax: re.Pattern[str] = MARKDOWN) -> str:
    """Text that Markdown shows literally: no emphasis, code, link, image, raw HTML, entity,
    heading, list, code block, rule or table cell can start in it (CommonMark lets a
    backslash escape each). It is one line: a line break in it could start a block."""
    one_line = " ".join(text.split())
    return BLOCK_START.sub(r"\1\\\2", syntax.sub(r"\\\1", one_line), count=1)


# pandoc's Markdown (which CSL-YAML's values are) reads more: $math$, ^superscript^,
# @citations, and "--" and "..." as a dash and an ellipsis.
PANDOC_MARKDOWN = re.compile(MARKDOWN.pattern.removesuffix(")") + r"|[$^@]|-(?=-)|\.(?=\.\.))")


def pandoc_escaped(text: str) -> str:
    return markdown_escaped(text, PANDOC_MARKDOWN)


def escaped(value: Any, escape: Callable[[str], str]) -> Any:
    """A record (or anything in one) with every string in it escaped."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, tuple):
        items = (escaped(entry, escape) for entry in value)
        return type(value)._make(items) if hasattr(value, "_make") else tuple(items)
    if isinstance(value, Mapping):
        return {key: escaped(entry, escape) for key, entry in value.items()}
    return value


class Name(NamedTuple):
    given: str
    family: str | None  # None: an organisation
    suffix: str | None = None
    printed: str | None = None  # the name in its natural order, as the source prints it
    particle: str | None = None  # kept with the family name: "van", "de la"

    @classmethod
    def parse(cls, author: str, publisher: str) -> Name:
        if author == publisher or " " not in author.strip():
            return cls(author, None)
        given, family = author.rsplit(" ", 1)
        return cls(given, family)

    @property
    def surname(self) -> str:
        """The family name with its particle, as APA and Chicago sort and print it."""
        return " ".join(filter(None, [self.particle, self.family]))

    def initials(self) -> str:
        return " ".join(f"{part[0]}." for part in self.given.replace(".", " ").split())

    def with_suffix(self, name: str) -> str:
        return f"{name}, {self.suffix}" if self.suffix else name

    def apa(self) -> str:
        if self.family is None:
            return self.given
        return self.with_suffix(", ".join(filter(None, [self.surname, self.initials()])))

    def natural_apa(self) -> str:
        """Initials first, as APA names the author of a work in brackets: "P. M. Cronin"."""
        if self.family is None:
            return self.given
        return self.with_suffix(" ".join(filter(None, [self.initials(), self.surname])))

    def inverted(self) -> str:
        if self.family is None:
            return self.given
        return self.with_suffix(", ".join(filter(None, [self.surname, self.given])))

    def chicago(self) -> str:
        """Inverted, unless the printed name already puts the family name first (Yoon Suk Yeol);
        a particle follows the given names, as CMOS 17 (8.5) inverts "Beethoven, Ludwig van"
        (and Chicago's CSL style, which demotes it)."""
        if self.family and self.printed and self.printed.startswith(f"{self.surname} "):
            return self.printed
        if self.family and self.particle:
            given = " ".join(filter(None, [self.given, self.particle]))
            return self.with_suffix(f"{self.family}, {given}")
        return self.inverted()

    def bibtex(self) -> str:
        """BibTeX's "von Last, Jr, First"; an organisation braced whole, and so is a part that
        holds what BibTeX would split it at (a comma, the word "and")."""
        if self.family is None:
            return f"{{{bibtex_escape(self.given)}}}"
        parts = filter(None, [self.surname, self.suffix, self.given])
        return ", ".join(
            f"{{{part}}}" if BIBTEX_NAME_SPLIT.search(part) else part
            for part in map(bibtex_escape, parts)
        )

    def natural(self) -> str:
        if self.printed or self.family is None:
            return self.printed or self.given
        return f"{self.given} {self.surname}"

    def short(self) -> str:
        return self.surname if self.family else self.given


def names(source: CitedWork) -> list[Name]:
    """The authors' names: in parts where the corpus gives them, else split at the last word."""
    if source.author_names:
        return [
            Name(person.given or "", person.family, person.suffix, printed, person.particle)
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


def apa_date(date: str, kind: str) -> str:
    """APA 7 (10.1): a journal article by its year alone, anything else as precise as known."""
    year, month, day = date_parts(date)
    if kind == "journal-article":
        return year
    return ", ".join(filter(None, [year, " ".join(filter(None, [month, day]))]))


def summary_of(based_on: Work, italic: Style) -> str:
    """APA 7 (9.21): what the text is, said in brackets after its title, worded as a review's
    "[Review of the book Title, by Author]" (10.7)."""
    title = based_on.sentence_title or based_on.title
    by = join_names([person.natural_apa() for person in names(based_on)], "&")
    return f"Summary of the {FORMS_CITED[based_on.kind].noun} {italic(title)}, by {by}"


def html_italic(text: str) -> str:
    """Italics as CSL's rich text writes them."""
    return f"<i>{text}</i>"


def apa(source: CitedWork, italic: Style = plain) -> str:
    """An APA 7 reference-list entry; nothing follows the URL (9.34)."""
    author = apa_authors(names(source))
    title = source.sentence_title or source.title
    url = getattr(source, "url", None)
    based_on: Work | None = getattr(source, "based_on", None)
    described = f" [{summary_of(based_on, italic)}]" if based_on else ""
    if source.kind in PERIODICALS:
        parts = [sentence_end(title + described), sentence_end(italic(source.publisher))]
    else:
        parts = [sentence_end(italic(title) + described)]
        if source.publisher not in source.authors:
            parts.append(sentence_end(source.publisher))
    when = f"({apa_date(source.date, source.kind)})."
    return " ".join([sentence_end(author), when, *parts, *filter(None, [url])])


def locator(quote: Quote, style: str) -> str | None:
    """Where a quote stands: "para. 4" or "paras. 7-8" (APA), "par. 4" or "pars. 7-8"
    (Chicago), the range with an en dash; None where the corpus does not say."""
    span = quote.paragraphs()
    if span is None:
        return None
    one, many = ("para.", "paras.") if style == "apa" else ("par.", "pars.")
    first, last = span
    return f"{one} {first}" if first == last else f"{many} {first}\u2013{last}"


def apa_in_text(source: CitedWork, where: str | None = None) -> str:
    """A parenthetical citation: (Author, Year) or, for a quote, (Author, Year, para. 4)."""
    people = names(source)
    if len(people) > 2:
        who = f"{people[0].short()} et al."
    else:
        who = " & ".join(person.short() for person in people)
    return f"({', '.join(filter(None, [who, source.date[:4], where]))})"


FINAL_PERIOD = re.compile(r"(?<!\.)\.(?=[\"\u201d\u2019']?$)")


# A quotation this long or longer is set as a block, without quotation marks: APA 7 (8.27)
# from 40 words, CMOS 17 (13.10) from 100.
BLOCK_WORDS = {"apa": 40, "chicago": 100}


def pasted_quote(quote: str, style: str, markdown: bool, in_text: str | None = None) -> str:
    """A quote as it is pasted, with APA's in-text citation where given. A short one is in
    quotation marks; APA 7 (8.26) puts the sentence's period after the citation, not inside
    the marks, and keeps a question or exclamation mark inside. A long one is a block
    (a block quotation in Markdown), the marks inside it as the text has them; APA puts the
    citation after its final punctuation, with no period of its own (8.27)."""
    if len(quote.split()) >= BLOCK_WORDS[style]:
        block = " ".join(filter(None, [quote, in_text]))
        return f"> {block}" if markdown else block
    if in_text is None:
        return quoted_passage(quote)
    return f"{quoted_passage(FINAL_PERIOD.sub('', quote, count=1))} {in_text}."


def chicago_date(date: str) -> str:
    year, month, day = date_parts(date)
    if day:
        return f"{month} {day}, {year}"
    return " ".join(filter(None, [month, year]))


def periodical(name: str) -> str:
    """Chicago leaves out an initial "The" of a periodical's name."""
    return name.removeprefix("The ")


def quoted(title: str, closing: str) -> str:
    """A title in quotation marks, the closing punctuation inside them as Chicago wants."""
    return quoted_passage(title if title.endswith(("?", "!")) else title + closing)


CHICAGO_LISTED = 10


def chicago(source: CitedWork, italic: Style = plain) -> str:
    """A Chicago 17 bibliography entry; the URL comes last."""
    people = names(source)
    parts = [people[0].chicago(), *(person.natural() for person in people[1:])]
    inverted = parts[0] != people[0].natural()  # "Aum, Daniel, and ..." but "Yoon Suk Yeol and"
    if len(parts) > CHICAGO_LISTED:  # CMOS 17 (14.76): past ten, the first seven and et al.
        author = ", ".join([*parts[:7], "et al."])
    else:
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
    based_on: Work | None = getattr(source, "based_on", None)
    if based_on:
        body.append(summary_sentence(based_on, italic))
    return " ".join([author, *body, *filter(None, [sentence_end(url) if url else None])])


def chicago_note(source: CitedWork, italic: Style = plain, where: str | None = None) -> str:
    """A Chicago 17 full note, as for a footnote to a quotation; the locator before the URL."""
    people = [person.natural() for person in names(source)]
    author = (
        join_names(people, "and", comma_for_two=False) if len(people) < 4 else f"{people[0]} et al."
    )
    url = getattr(source, "url", None)
    title = quoted(source.title, ",")  # the comma goes inside the quotation marks
    if source.kind in PERIODICALS:
        title += f" {italic(periodical(source.publisher))},"
    tail = ", ".join(filter(None, [chicago_date(source.date), where, url]))
    return f"{author}, {title} {tail}."


# LaTeX's own text commands for the characters it reads as syntax. A brace, even escaped as
# \{, counts for BibTeX's brace matching, so braces become commands too: every value stays
# balanced whatever it holds.
LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{char: "\\" + char for char in "&%$#_"},
}
LATEX_SPECIAL = re.compile("|".join([*map(re.escape, LATEX), UNSAFE.pattern]))
# A URL is kept raw (biblatex and hyperref expect it so); the few characters a BibTeX value
# cannot hold are percent-encoded, which names the same address.
URL_UNSAFE = re.compile(r"[{}\\\"]")
# Where BibTeX splits a list of names ("and", in any case) and a name into its parts.
BIBTEX_NAME_SPLIT = re.compile(r",|(?<!\S)and(?!\S)", re.IGNORECASE)
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_escape(text: str) -> str:
    """Text as LaTeX typesets it literally, on one line."""
    return LATEX_SPECIAL.sub(latex_text, " ".join(text.split()))


def latex_text(match: re.Match[str]) -> str:
    """A character LaTeX reads as syntax, as its text command; one that output shows as
    `\\u200b` (a zero-width or control character), as that text, its backslash typeset."""
    char = match.group()
    return LATEX.get(char) or LATEX["\\"] + shown(char)[1:]


def bibtex_url(url: str) -> str:
    return URL_UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", url)


def bibtex(report: Report, quotes: tuple[Quote, ...] = ()) -> str:
    """A BibTeX entry keyed by the report id, of a type and with a month macro that classic
    styles know; `date` and `url` are there for biblatex."""
    year, month, _ = date_parts(report.date)
    authors = " and ".join(name.bibtex() for name in names(report))
    fields = [("author", f"{{{authors}}}"), ("title", f"{{{{{bibtex_escape(report.title)}}}}}")]
    publisher = f"{{{bibtex_escape(report.publisher)}}}"
    if report.kind in PERIODICALS:
        fields.append(("journal", publisher))
    elif report.kind == "report":
        fields.append(("institution", publisher))
    else:
        fields.append(("howpublished", publisher))
    fields += [("date", f"{{{report.date}}}"), ("year", f"{{{year}}}")]
    if month:
        fields.append(("month", BIBTEX_MONTHS[MONTHS.index(month)]))
    fields.append(("url", f"{{{bibtex_url(report.url)}}}"))
    if report.based_on:
        fields.append(("note", f"{{{bibtex_escape(summary_sentence(report.based_on))}}}"))
    if quotes:
        annote = " ".join(quoted_passage(q.text) for q in quotes)
        fields.append(("annote", f"{{{bibtex_escape(annote)}}}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{FORMS_CITED[report.kind].bibtex}{{{report.id},\n{body}\n}}"


def summary_sentence(based_on: Work, italic: Style = plain) -> str:
    """The work a text summarises, as Chicago's entry and every note name it."""
    summarised = ", ".join(person.natural() for person in names(based_on))
    return (
        f"Summary of {summarised}, {italic(based_on.title)} "
        f"({based_on.publisher}, {chicago_date(based_on.date)})."
    )


def ris_value(text: str) -> str:
    """An RIS value is one line: any line break in it would start a new tag, or a record."""
    return " ".join(text.split())


def ris(report: Report, quotes: tuple[Quote, ...] = ()) -> str:
    """An RIS record: TAG, two spaces, hyphen, space, value; ER closes it; lines end in CRLF
    (the RIS specification)."""
    year, month, day = date_parts(report.date)
    month_number = f"{MONTHS.index(month) + 1:02d}" if month else ""
    lines = [("TY", FORMS_CITED[report.kind].ris)]
    lines += [("AU", name.inverted()) for name in names(report)]
    lines.append(("TI", report.title))
    lines.append(("T2" if report.kind in PERIODICALS else "PB", report.publisher))
    lines += [("PY", year), ("DA", f"{year}/{month_number}/{f'{int(day):02d}' if day else ''}/")]
    lines.append(("UR", report.url))
    if report.based_on:
        lines.append(("N1", summary_sentence(report.based_on)))
    lines += [("N1", quoted_passage(quote.text)) for quote in quotes]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {ris_value(value)}\r\n" for tag, value in lines)


def csl_name(name: Name, text: Style = plain) -> dict[str, str]:
    if name.family is None:
        return {"literal": text(name.given)}
    parts = {"family": name.family, "given": name.given, "suffix": name.suffix}
    parts["non-dropping-particle"] = name.particle
    return {key: text(value) for key, value in parts.items() if value}


def csl(
    source: CitedWork, quotes: tuple[Quote, ...] = (), markdown: bool = False
) -> dict[str, Any]:
    """A CSL-JSON item. Titles in sentence case, as CSL expects them: a style can make title
    case of sentence case, never the reverse. With `markdown`, the item as CSL-YAML gives it
    to pandoc, which reads each text value as Markdown: escaped, italics as *...*."""
    text, italic = (pandoc_escaped, markdown_italic) if markdown else (plain, html_italic)
    year, month, day = date_parts(source.date)
    parts = [int(year), *([MONTHS.index(month) + 1] if month else []), *([int(day)] if day else [])]
    item: dict[str, Any] = {
        "id": getattr(source, "id", None),
        "type": FORMS_CITED[source.kind].csl,
        "title": text(source.sentence_title or source.title),
        "author": [csl_name(name, text) for name in names(source)],
        "issued": {"date-parts": [parts]},
    }
    if source.kind in PERIODICALS:
        item["container-title"] = text(source.publisher)
    elif source.publisher not in source.authors:
        item["publisher"] = text(source.publisher)
    url = getattr(source, "url", None)
    if url:
        item["URL"] = url
    based_on: Work | None = getattr(source, "based_on", None)
    if based_on:  # APA's bracketed description is the genre, which styles print after the title
        item["genre"] = summary_of(escaped(based_on, text), italic)
    if quotes:
        item["annote"] = text(" ".join(quoted_passage(q.text) for q in quotes))
    return {key: value for key, value in item.items() if value is not None}


def reference(report: Report) -> str:
    """The one-line citation shown with every item: APA, in plain text."""
    return apa(report)


class Pasted(NamedTuple):
    """One quote as it is pasted: with APA's in-text citation, or followed by Chicago's note."""

    quote: Quote
    text: str
    in_text: str | None = None  # APA, with the quote's locator
    note: str | None = None  # Chicago, with the quote's locator


class Citation(NamedTuple):
    report: Report
    item: Item | None
    style: str
    text: str  # everything, ready to paste
    reference: str  # the reference-list or bibliography entry alone
    quotes: tuple[Pasted, ...] = ()
    in_text: str | None = None  # APA, without a locator
    note: str | None = None  # Chicago, without a locator
    csl: Mapping[str, Any] | None = None  # the CSL item, for CSL-JSON and CSL-YAML


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

    BibTeX, RIS and CSL are a bibliography of several targets instead: see `bibliography`.
    In Markdown, every string from the corpus is escaped, then titles set in italics.
    """
    quotes = chosen_quotes(item, number)
    italic, source = plain, report
    if markdown:
        italic, source = markdown_italic, escaped(report, markdown_escaped)
    shown = [escaped(quote, markdown_escaped) if markdown else quote for quote in quotes]
    if style == "apa":
        pasted = [
            Pasted(quote, pasted_quote(words.text, style, markdown, where), in_text=where)
            for quote, words in zip(quotes, shown, strict=True)
            for where in [apa_in_text(source, locator(quote, style))]
        ]
        entry = apa(source, italic)
        text = "\n\n".join([*(p.text for p in pasted), entry])
        return Citation(report, item, style, text, entry, tuple(pasted), apa_in_text(source))
    pasted = [
        Pasted(
            quote,
            pasted_quote(words.text, style, markdown),
            note=chicago_note(source, italic, locator(quote, style)),
        )
        for quote, words in zip(quotes, shown, strict=True)
    ]
    entry = chicago(source, italic)
    blocks = [block for p in pasted for block in (p.text, f"Note: {p.note}")]
    text = "\n\n".join([*blocks, entry])
    note = chicago_note(source, italic)
    return Citation(report, item, style, text, entry, tuple(pasted), note=note)


def bibliography(
    sources: Iterable[tuple[Report, Item | None]],
    style: str,
    number: int | None = None,
    annotate: bool = True,
) -> list[Citation]:
    """One BibTeX, RIS or CSL entry per report, whatever items name it, with all their quotes
    (in its annotation, unless not `annotate`: an entry merged into a bibliography file is
    the same entry whatever is quoted from it)."""
    by_report: dict[str, tuple[Report, list[Item]]] = {}
    for report, item in sources:
        entry = by_report.setdefault(report.id, (report, []))
        if item is not None and item not in entry[1]:
            entry[1].append(item)
    citations = []
    for report, items in by_report.values():
        quotes = tuple(q for item in items for q in chosen_quotes(item, number))
        noted = quotes if annotate else ()
        item_csl = csl(report, noted, style == "csl-yaml") if style.startswith("csl") else None
        if style == "bibtex":
            text = bibtex(report, noted)
        elif style == "ris":
            text = ris(report, noted)
        else:
            import json

            text = json.dumps(item_csl, ensure_ascii=False, indent=2)
        cited = tuple(Pasted(quote, quote.text) for quote in quotes)
        only = items[0] if len(items) == 1 else None
        citations.append(Citation(report, only, style, text, text, cited, csl=item_csl))
    return citations
