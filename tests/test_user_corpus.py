"""Your own corpus: layered on the bundled one, validated, exported, and never written to."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from trilat_cli.corpus.load import bundled_files, load
from trilat_cli.corpus.model import KIND_PLURALS, KINDS, Corpus

from .conftest import ids
from .corpora import EVIDENCED_REPORT, VALID_REPORT


def test_corpus_option_adds_a_report_every_command_sees(invoke, invoke_json, write) -> None:
    path = str(write("cd.yaml", VALID_REPORT))
    assert "camp-david-2023" in ids(invoke_json("--corpus", path, "reports"))
    assert ids(invoke_json("--corpus", path, "recommend", "--report", "2023")) == [
        "cd23-commitment"
    ]
    data = invoke_json("--corpus", path, "compare", "2021", "camp-david-2023")
    statuses = {row["theme"]: row["status"] for row in data["rows"]}
    assert statuses["defense-coordination"] == "continued" and statuses["climate"] == "dropped"
    assert statuses["north-korea"] == "continued"


def test_env_var_takes_several_paths(invoke, write) -> None:
    first = write("one/cd.yaml", VALID_REPORT)
    second = write(
        "two/more.yaml",
        "themes:\n  - id: space\n    name: Space\n    definition: Cooperation in space.\n",
    )
    env = {"TRILAT_CORPUS": os.pathsep.join([str(first.parent), str(second)])}
    result = invoke("reports", "--json", env=env)
    assert "camp-david-2023" in ids(json.loads(result.stdout))
    themes = json.loads(invoke("themes", "--json", env=env).stdout)
    assert "space" in ids(themes)


def test_folders_are_searched_recursively_for_yaml(write, tmp_path: Path) -> None:
    write("nested/deeper/cd.yml", VALID_REPORT)
    write("nested/readme.txt", "not a corpus file")
    assert "camp-david-2023" in load([tmp_path / "nested"], use_cache=False).reports


def test_validate_a_clean_file_prints_one_line(invoke, write, corpus: Corpus) -> None:
    clean = VALID_REPORT.replace("      - We commit", "      - para: 1\n        text: We commit")
    result = invoke("validate", str(write("cd.yaml", clean)))
    assert result.exit_code == 0
    counts = f"{len(corpus.reports) + 1} reports, {len(corpus.items) + 1} items"
    assert result.stdout == f"ok: 1 path valid; with the bundled corpus: {counts} (7 warnings)\n"
    # the "ok" line is the data: stdout; the warnings about codes without evidence, messages
    assert all(line.startswith("trilat: warning: ") for line in result.stderr.splitlines())


def warnings_in(stderr: str) -> list[str]:
    """The warnings about codes, without the note on quotes that give no paragraph."""
    return [line for line in stderr.splitlines() if line.startswith("trilat: warning: ")]


def test_validate_warns_where_evidence_misses_the_codebooks_cues(invoke, write) -> None:
    """The fixture's quote names no North Korea and no defense: its codes say more than it."""
    path = write("cd.yaml", EVIDENCED_REPORT)
    result = invoke("validate", str(path))
    assert result.exit_code == 0 and result.stdout.endswith("(3 warnings)\n")
    assert warnings_in(result.stderr) == [
        f"trilat: warning: {path}:22:5: the evidence for kind 'recommendation' meets none of "
        "its cue words (should | must | could | can | it seems prudent | good first step | ...)",
        f"trilat: warning: {path}:29:7: the evidence for theme 'north-korea' meets none of its "
        "cue words (North Korea* | Pyongyang* | denuclearization)",
        f"trilat: warning: {path}:30:7: the evidence for theme 'defense-coordination' meets "
        "none of its cue words (intelligence* | defense | deter* | military | coordinat* | "
        "evacuation | ...)",
    ]


def test_validate_warns_where_a_code_shows_no_evidence(invoke, write) -> None:
    path = write("cd.yaml", VALID_REPORT)
    result = invoke("validate", str(path))
    assert result.exit_code == 0 and result.stdout.endswith("(7 warnings)\n")
    assert warnings_in(result.stderr)[:2] == [
        f"trilat: warning: {path}:16:5: kind 'recommendation' shows no evidence: add "
        "kind_evidence, words of the quotes that meet the kind's rule",
        f"trilat: warning: {path}:22:14: actor 'us' (by) shows no evidence: write "
        "us: {role: by, evidence: WORDS}",
    ]
    assert f"{path}:23:14: theme 'north-korea' shows no evidence" in result.stderr


def test_validate_lists_every_problem_with_its_place(invoke, write) -> None:
    bad = VALID_REPORT.replace("year: 2023", "year: x").replace("kind: statement", "kind: memo")
    path = write("bad.yaml", bad)
    result = invoke("validate", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    problems = result.stderr.splitlines()[1:]
    assert problems == [
        f"  {path}:3:5: expected a whole number, got 'x'",
        f"  {path}:9:5: expected one of web-page, magazine-article, news-article, journal-article, "
        "report, statement; got 'memo'",
    ]


def test_schema_accepts_every_bundled_file_and_rejects_a_broken_one(invoke, write) -> None:
    schema = json.loads(invoke("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for corpus_file in bundled_files():
        validator.validate(yaml.safe_load(corpus_file.file.read_text(encoding="utf-8")))
    validator.validate(yaml.safe_load(VALID_REPORT))
    for broken in (
        VALID_REPORT.replace("kind: recommendation", "kind: wish"),
        VALID_REPORT.replace("    ordinal: 1\n", "    ordinal: 1\n    colour: red\n"),
        VALID_REPORT.replace("quotes:\n      - We commit", "quotes: []\n      # We commit"),
    ):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(yaml.safe_load(broken))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: The Spirit of Camp David", "title: '   '"),
        ('date: "2023-08-18"', 'date: "2023-02-30"'),
        ('date: "2023-08-18"', 'date: "1900-02-29"'),
        ("url: https://example.org/camp-david", "url: https://example.org/camp david"),
        # a URL is not text: no control character (an OSC 8 link's end) and no bidi override
        ("url: https://example.org/camp-david", 'url: "https://example.org/\\e]8;;\\e\\\\x"'),
        ("url: https://example.org/camp-david", 'url: "https://example.org/\\u202egro.live"'),
        ("id: cd23-commitment", 'id: "cd23-commitment\\n"'),
        ('date: "2023-08-18"', 'date: "2023-08-18\\n"'),
    ],
)
def test_schema_refuses_what_validate_refuses(invoke, write, old: str, new: str) -> None:
    assert old in VALID_REPORT
    broken = VALID_REPORT.replace(old, new)
    assert invoke("validate", str(write("broken.yaml", broken))).exit_code == 1
    schema = json.loads(invoke("schema").stdout)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(broken))


def test_a_whole_number_written_with_a_point_is_a_whole_number(invoke_json, write) -> None:
    """As JSON Schema's "integer" has it, so that the schema and validate agree."""
    text = VALID_REPORT.replace("year: 2023", "year: 2023.0").replace("ordinal: 1", "ordinal: 1.0")
    path = str(write("points.yaml", text))
    (report,) = [
        r for r in invoke_json("--corpus", path, "reports") if r["id"] == "camp-david-2023"
    ]
    (item,) = invoke_json("--corpus", path, "items", "--report", "camp-david-2023")
    assert (report["year"], item["ordinal"]) == (2023, 1)
    assert isinstance(report["year"], int) and isinstance(item["ordinal"], int)


def test_export_yaml_is_accepted_by_validate_and_loads_back_losslessly(
    invoke, corpus: Corpus, tmp_path: Path
) -> None:
    exported = tmp_path / "all.yaml"
    exported.write_text(invoke("export", "--format", "yaml").stdout, encoding="utf-8")
    assert invoke("validate", str(exported)).exit_code == 0
    loaded = load([exported], use_cache=False, bundled=False)
    assert loaded._replace(source="") == corpus._replace(source="")  # other files, same records


def test_export_json_is_the_same_document(invoke) -> None:
    as_yaml = yaml.safe_load(invoke("export").stdout)
    assert json.loads(invoke("export", "-f", "json").stdout) == as_yaml
    assert list(as_yaml) == ["reports", "actors", "themes", "kinds", "events", "items"]


def test_a_renamed_export_of_one_report_loads_as_a_new_report(
    invoke, invoke_json, tmp_path: Path
) -> None:
    text = invoke("export", "--report", "2019").stdout
    document = yaml.safe_load(text)
    assert set(document) == {"reports", "events", "items"}
    assert {e["id"] for e in document["events"]} == {
        "japan-annexation-of-korea",
        "tisa-signed",
        "inf-treaty-ends",
        "cronin-report",
        "gsomia-extended",
        "tokyo-olympics-2020",
    }
    renamed = re.sub(r"\bh19-", "copy-", text.replace("hudson-2019", "copy-2019"))
    path = tmp_path / "copy.yaml"
    renamed = renamed.replace("year: 2019", "year: 2024")  # and the report's date, its year's:
    renamed = re.sub(r"(?m)^  date: 2019-11$", "  date: 2024-11", renamed)
    path.write_text(renamed, encoding="utf-8")
    data = invoke_json("--corpus", str(path), "compare", "hudson-2019", "copy-2019")
    assert {row["status"] for row in data["rows"]} == {"continued"}
    assert len(invoke_json("--corpus", str(path), "flashpoints", "--report", "2024")) == 4


def test_export_csv_has_one_row_per_item(invoke, corpus: Corpus) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("export", "-f", "csv", "-r", "2021").stdout)))
    assert ids(rows) == [i.id for i in corpus.items.values() if i.report == "tni-2021"]


def test_export_markdown_is_a_memo_with_footnoted_quotes(invoke, corpus: Corpus) -> None:
    memo = invoke("export", "--format", "md").stdout
    quotes = [q for item in corpus.items.values() for q in item.quotes]
    assert memo.count("[^hudson-2019]") + memo.count("[^tni-2021]") == len(quotes) + 2
    assert "\n[^tni-2021]: Aum, D., & Silverberg, E. (2021, March 21)." in memo
    assert "### Flash points" in memo and "#### Recommendation 3: Refocus trilateral" in memo
    assert memo.count("\n> \u201c") == len(quotes)


def test_the_memo_has_a_section_for_every_kind_of_item(invoke, write) -> None:
    """A kind the memo had no heading for would drop its items from the memo silently."""
    report = yaml.safe_load(VALID_REPORT)
    template = report["items"][0]
    report["items"] = [{**template, "id": f"cd23-{kind}", "kind": kind} for kind in KINDS]
    path = write("kinds.yaml", yaml.safe_dump(report))
    memo = invoke("--corpus", str(path), "export", "-f", "md", "-r", "camp-david-2023").stdout
    headings = [line for line in memo.splitlines() if line.startswith("### ")]
    assert headings == [f"### {plural.capitalize()}" for plural in KIND_PLURALS.values()]
    assert len(set(headings)) == len(KINDS)
    for kind in KINDS:
        assert f"`cd23-{kind}`" in memo


BAD_INPUTS = {
    "malformed YAML": ("reports: [\n  - id: x\n", b"", "malformed YAML", 1),
    "not UTF-8": (None, "themes:\n  - id: caf\xe9\n".encode("latin-1"), "not UTF-8", 1),
    "empty file": ("", b"", "file is empty", 1),
    "wrong type": (
        VALID_REPORT.replace("year: 2023", "year: [2023]"),
        b"",
        "expected a whole number",
        1,
    ),
    "missing field": (
        VALID_REPORT.replace("    kind: statement\n", ""),
        b"",
        "missing required field 'kind'",
        1,
    ),
    "unknown field": (
        VALID_REPORT.replace("kind: statement", "kind: statement\n    pages: 3"),
        b"",
        "unknown field 'pages'",
        1,
    ),
    "unknown reference": (
        VALID_REPORT.replace("themes: [north-korea", "themes: [klingons"),
        b"",
        "unknown theme 'klingons'",
        1,
    ),
    "duplicate against bundled": (
        VALID_REPORT.replace("id: cd23-commitment", "id: t21-element-1"),
        b"",
        "duplicate item id 't21-element-1'",
        1,
    ),
    "python tag": ("actors: !!python/object/new:os.system [ls]\n", b"", "is not allowed", 1),
    "alias bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        b"",
        "aliases expanding",
        1,
    ),
    "oversized": (None, b"#" * (4 * 1024 * 1024 + 1), "at most 4,194,304 bytes", 1),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
@pytest.mark.parametrize("command", [("validate",), ("reports",)])
def test_each_bad_input_gives_a_placed_message_and_no_traceback(
    invoke, tmp_path: Path, case, command
) -> None:
    text, raw, message, code = BAD_INPUTS[case]
    path = tmp_path / "input.yaml"
    if text is None:
        path.write_bytes(raw)
    else:
        path.write_text(text, encoding="utf-8")
    args = (
        ("validate", str(path)) if command == ("validate",) else ("--corpus", str(path), "reports")
    )
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (code, "")
    placed = [line for line in result.stderr.splitlines() if line.startswith(f"  {path}")]
    assert placed and message in result.stderr
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr


def test_a_folder_without_yaml_is_a_data_error(invoke, tmp_path: Path) -> None:
    result = invoke("--corpus", str(tmp_path), "reports")
    assert result.exit_code == 1
    assert f"  {tmp_path}: folder holds no *.yaml or *.yml files" in result.stderr


COMMANDS = [
    ("reports",),
    ("flashpoints",),
    ("recommend", "--actor", "us"),
    ("items", "--kind", "risk"),
    ("compare", "2019", "camp-david-2023"),
    ("compare", "--theme", "china"),
    ("show", "cd23-commitment"),
    ("search", "consult"),
    ("actors",),
    ("themes",),
    ("cite", "cd23-commitment"),
    ("timeline",),
    ("export",),
    ("export", "-f", "md"),
    ("validate", "{path}"),
    ("schema",),
]


def test_no_command_writes_to_user_files(invoke, write, tmp_path: Path) -> None:
    path = write("corpus/cd.yaml", VALID_REPORT)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file()}
    for command in COMMANDS:
        args = [arg.replace("{path}", str(path)) for arg in command]
        for fmt in (
            ((), ("--json",)) if command[0] not in ("export", "schema", "validate") else ((),)
        ):
            result = invoke("--corpus", str(path.parent), *args, *fmt)
            assert result.exit_code == 0, (command, result.stderr)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before
