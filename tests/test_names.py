"""Authors' names in parts (CSL-JSON's family, given, suffix), so citations need not guess."""

from __future__ import annotations

from .corpora import VALID_REPORT

NAMED = VALID_REPORT.replace(
    "    authors: [The White House]\n",
    "    authors: [Yoon Suk Yeol, Martin Luther King Jr.]\n"
    "    author_names:\n"
    "      - {family: Yoon, given: Suk Yeol}\n"
    "      - {family: King, given: Martin Luther, suffix: Jr.}\n",
)


def cite(invoke, path: str, style: str) -> str:
    result = invoke("--corpus", path, "cite", "camp-david-2023", "--style", style)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_names_in_parts_cite_right_in_every_style(invoke, write) -> None:
    path = str(write("named.yaml", NAMED))
    assert cite(invoke, path, "apa").startswith(
        "Yoon, S. Y., & King, M. L., Jr. (2023, August 18)."
    )
    assert cite(invoke, path, "chicago").startswith("Yoon Suk Yeol and Martin Luther King Jr. ")
    assert "author = {Yoon, Suk Yeol and King, Jr., Martin Luther}" in cite(invoke, path, "bibtex")
    ris = cite(invoke, path, "ris")
    assert "AU  - Yoon, Suk Yeol\nAU  - King, Martin Luther, Jr.\n" in ris


def test_without_parts_the_last_word_is_the_family_name(invoke, write) -> None:
    path = str(write("plain.yaml", NAMED.split("    author_names:")[0] + NAMED.split("Jr.}\n")[1]))
    assert cite(invoke, path, "apa").startswith("Yeol, Y. S., & Jr., M. L. K.")


def test_apa_lists_the_first_19_authors_then_the_last(invoke, write) -> None:
    people = [f"Person{n} Family{n}" for n in range(1, 22)]
    many = VALID_REPORT.replace("[The White House]", "[" + ", ".join(people) + "]")
    entry = cite(invoke, str(write("many.yaml", many)), "apa")
    assert "Family19, P., . . . Family21, P. (2023" in entry
    assert "Family20" not in entry and "&" not in entry.split("(2023")[0]


def test_one_part_for_each_author(invoke, write) -> None:
    path = write("short.yaml", NAMED.replace("      - {family: Yoon, given: Suk Yeol}\n", ""))
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:7:5: 1 author_names for 2 authors; give one for each author" in result.stderr
