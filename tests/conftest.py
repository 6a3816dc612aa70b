"""Shared fixtures: the real app through CliRunner at a fixed width, and corpus-writing helpers."""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from trilat_cli.cli import app
from trilat_cli.corpus.load import load
from trilat_cli.corpus.model import Corpus

SEEDS_ENV = "TRILAT_SEEDS"
REPO = Path(__file__).resolve().parent.parent

# Hypothesis profiles, chosen by TRILAT_HYPOTHESIS (default: `ci` where CI is set, else `dev`).
# Each example runs the whole app, whose time varies with the machine's load: no deadline.
# A test that costs more per example takes a share of `max_examples`, never a number of its own.
settings.register_profile("dev", max_examples=20, deadline=None)  # the quick loop
settings.register_profile("ci", max_examples=60, deadline=None, print_blob=True)  # .ci/run
settings.register_profile("thorough", max_examples=1000, deadline=None)  # by hand, minutes
settings.load_profile(
    os.environ.get("TRILAT_HYPOTHESIS") or ("ci" if os.environ.get("CI") else "dev")
)


def app_commands() -> list[str]:
    """Every command the app runs, as Typer builds it: a list no test can fall behind."""
    import typer.main

    return sorted(typer.main.get_group(app).commands)


def ids(records: list[dict]) -> list[str]:
    """The ids of JSON records, in order: what most assertions on a listing compare."""
    return [record["id"] for record in records]


def seeds_dir() -> Path:
    return Path(os.environ.get(SEEDS_ENV) or REPO.parent / "shared" / "seeds")


def source_texts(names: Iterable[str]) -> Path:
    """The folder holding the source texts `names`, or a skip that says where to get them."""
    folder = seeds_dir()
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        pytest.skip(
            f"word-for-word checks skipped: {', '.join(missing)} not in {folder}. The two source"
            " texts are not in the repository: they are the seeds folder beside the checkout"
            f" (../shared/seeds, with SOURCES.md); set {SEEDS_ENV} to wherever yours are."
        )
    return folder


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own cache folder and no corpus or colour settings from the caller."""
    monkeypatch.setenv("TRILAT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    for name in ("TRILAT_CORPUS", "NO_COLOR", "FORCE_COLOR", "TRILAT_DEBUG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load(use_cache=False)


Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    """Run `trilat ARGS...` in-process at 100 columns; stdout and stderr stay apart."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env={"COLUMNS": "100", **(env or {})})

    return run


@pytest.fixture
def invoke_json(invoke: Invoke):
    """Run a command with --json, check it succeeded, and return the parsed JSON."""

    def run(*args: str):
        result = invoke(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a (dedented) corpus file into a temporary folder and return its path."""

    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write_file
