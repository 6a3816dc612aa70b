"""The layout the README's "Code layout" table describes is the layout the imports keep.

The table is the one source: its rows are the layers in order, its second column the
modules of each layer, its third the only places a third-party library may be imported.
Every import in every module is checked, lazy ones inside functions and those made only
for type checking included.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "trilat_cli"
README = ROOT / "README.md"
LIBRARIES = {
    "PyYAML": "yaml",
    "PyStemmer": "Stemmer",
    "Rich": "rich",
    "Textual": "textual",
    "Typer": "typer",
}  # as the README names them


class Layout(NamedTuple):
    layers: dict[str, int]  # module path (as the README writes it) to its layer's row
    allowed: dict[str, set[str]]  # third-party top-level name to the modules that may import it


def table_rows(readme: str) -> list[list[str]]:
    section = readme.split("\n## Code layout\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]


def read_layout(readme: str) -> Layout:
    layers: dict[str, int] = {}
    allowed: dict[str, set[str]] = {}
    for row, (_, modules, libraries) in enumerate(table_rows(readme)):
        for module in re.findall(r"`([\w/]+\.py)`", modules):
            assert module not in layers, f"{module} is in two layers"
            layers[module] = row
        for part in libraries.split(";"):
            if part.strip() != "none":
                library, _, where = part.strip().partition(" in ")
                named = re.findall(r"`([\w/]+\.py)`", where)
                allowed.setdefault(LIBRARIES[library], set()).update(named)
    return Layout(layers, allowed)


def module_name(path: str) -> str:
    """`corpus/load.py` -> `trilat_cli.corpus.load`; `present/__init__.py` -> `trilat_cli.present`."""
    parts = ["trilat_cli", *path.removesuffix(".py").split("/")]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, path: str, known: set[str]) -> Iterator[tuple[int, str]]:
    """(line, absolute module) for every import in a module, at any depth, relative ones resolved.

    `from . import cache` imports the module `cache` when there is one; a call to
    `__import__` or `importlib.import_module` is reported as `<dynamic>`: it hides what it
    imports from this check.
    """
    package = module_name(path).split(".")
    if not path.endswith("__init__.py"):
        package = package[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                inner = f"{target}.{alias.name}"
                yield node.lineno, inner if inner in known else target
        elif isinstance(node, ast.Call):
            called = node.func
            name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            if name in ("__import__", "import_module"):
                yield node.lineno, "<dynamic>"


def modules_under(package: Path) -> dict[str, str]:
    """Each module's path as the README writes it, to its source."""
    return {
        path.relative_to(package).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(package.rglob("*.py"))
    }


def violations(package: Path, readme: str) -> list[str]:
    """Every import that breaks the README's table, and every module the table misses."""
    layout = read_layout(readme)
    sources = modules_under(package)
    found = [
        f"{path}: not in the README's Code layout" for path in sources if path not in layout.layers
    ]
    found += [
        f"{path}: in the README's Code layout, but no such module"
        for path in layout.layers
        if path not in sources
    ]
    by_name = {module_name(path): path for path in sources}
    for path, source in sources.items():
        for line, imported in imports(source, path, set(by_name)):
            where = f"{path}:{line}: imports {imported}"
            top = imported.split(".")[0]
            if imported == "<dynamic>":
                found.append(f"{where} (the check cannot see what)")
            elif top == "trilat_cli":
                target = by_name.get(imported)
                if target is None:
                    found.append(f"{where}, which is no module")
                elif layout.layers.get(target, 0) > layout.layers.get(path, len(layout.layers)):
                    found.append(f"{where}, a layer below its own")
            elif top not in sys.stdlib_module_names and path not in layout.allowed.get(top, ()):
                found.append(f"{where}, a third-party library the README does not allow here")
    return found


def cycles(package: Path) -> list[list[str]]:
    """Modules that import each other, directly or through others, lazily or not."""
    sources = modules_under(package)
    by_name = {module_name(path): path for path in sources}
    graph = {
        path: {by_name[name] for _, name in imports(source, path, set(by_name)) if name in by_name}
        for path, source in sources.items()
    }
    found, done = [], set()

    def visit(path: str, trail: list[str]) -> None:
        if path in trail:
            found.append([*trail[trail.index(path) :], path])
            return
        if path in done:
            return
        for imported in sorted(graph[path]):
            visit(imported, [*trail, path])
        done.add(path)

    for path in sorted(graph):
        visit(path, [])
    return found


PRIVATE_HOME = "compat.py"  # the one module that may name a private part of Typer or Rich


def private_names(package: Path) -> list[str]:
    """Every private module or name of Typer's or Rich's that a module names, by import or
    attribute (`typer._click`, `from typer.core import _TyperParameter`, `rich._export_format`),
    lazy ones and those for type checking included; dunders such as `__version__` are public."""
    found = []
    for path, source in modules_under(package).items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                names = [f"{node.value.id}.{node.attr}"]
            else:
                continue
            for name in names:
                top, *rest = name.split(".")
                if top in ("typer", "rich") and any(
                    part.startswith("_") and not part.endswith("__") for part in rest
                ):
                    found.append(f"{path}:{node.lineno}: {name}")
    return found


def test_only_the_compatibility_module_names_private_parts_of_typer_or_rich() -> None:
    """`import trilat_cli.cli` names no private module of Typer's or Rich's but through compat.py."""
    found = private_names(PACKAGE)
    elsewhere = [entry for entry in found if not entry.startswith(f"{PRIVATE_HOME}:")]
    assert not elsewhere, "\n".join(elsewhere)
    assert found, f"{PRIVATE_HOME} names no private part: this test no longer looks at anything"


def test_the_private_name_check_sees_every_way_of_naming_one(tmp_path: Path) -> None:
    (tmp_path / "cli.py").write_text(
        "import typer\n"
        "import typer._click\n"
        "from typer._click.exceptions import NoSuchOption\n"
        "from typer.core import _TyperParameter, TyperGroup\n"
        "def f():\n"
        "    from rich._export_format import CONSOLE_SVG_FORMAT\n"
        "    return typer._completion_classes, typer.__version__, typer.Context\n",
        encoding="utf-8",
    )
    assert private_names(tmp_path) == [
        "cli.py:2: typer._click",
        "cli.py:3: typer._click.exceptions.NoSuchOption",
        "cli.py:4: typer.core._TyperParameter",
        "cli.py:6: rich._export_format.CONSOLE_SVG_FORMAT",
        "cli.py:7: typer._completion_classes",
    ]


def test_every_import_keeps_the_layout_the_readme_describes() -> None:
    found = violations(PACKAGE, README.read_text(encoding="utf-8"))
    assert not found, "\n".join(found)


def test_no_two_modules_import_each_other() -> None:
    found = cycles(PACKAGE)
    assert not found, "\n".join(" -> ".join(cycle) for cycle in found)


def test_the_table_names_every_layer_and_library() -> None:
    layout = read_layout(README.read_text(encoding="utf-8"))
    assert len(set(layout.layers.values())) == 5
    assert set(layout.allowed) == set(LIBRARIES.values())


# ---- the check itself catches what it is for ---------------------------------------------

TABLE = """
## Code layout

| layer | modules | third-party |
| --- | --- | --- |
| shared | `errors.py` | none |
| corpus | `corpus/__init__.py`, `corpus/load.py`, `corpus/yamlfile.py` | PyYAML in `corpus/yamlfile.py` |
| presentation | `present/__init__.py`, `present/terminal.py` | Rich in `present/terminal.py` |
| command line | `cli.py` | Typer in `cli.py` |

## Next
"""

BROKEN = {
    "errors.py": "import json\n",
    "corpus/__init__.py": "",
    "corpus/yamlfile.py": "import yaml\n",
    "corpus/load.py": (
        "from typing import TYPE_CHECKING\n"
        "from ..errors import Problem\n"
        "from . import yamlfile\n"
        "if TYPE_CHECKING:\n"
        "    from ..present import terminal\n"  # line 5
        "def load():\n"
        "    import rich.console\n"  # line 7: lazy, and Rich outside terminal.py
        "    from ..cli import app\n"  # line 8
        "    return __import__('yaml')\n"  # line 9
    ),
    "present/__init__.py": "from ..corpus.load import load\n",
    "present/terminal.py": "import rich\nimport requests\n",
    "cli.py": "import typer\nfrom .present import terminal\nfrom .present.gone import x\n",
    "stray.py": "",
}


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    for path, source in BROKEN.items():
        (tmp_path / path).parent.mkdir(exist_ok=True)
        (tmp_path / path).write_text(source, encoding="utf-8")
    return tmp_path


def test_the_check_finds_each_kind_of_broken_rule(broken: Path) -> None:
    assert violations(broken, TABLE) == [
        "stray.py: not in the README's Code layout",
        "cli.py:3: imports trilat_cli.present.gone, which is no module",
        "corpus/load.py:5: imports trilat_cli.present.terminal, a layer below its own",
        "corpus/load.py:7: imports rich.console, a third-party library the README does not allow here",
        "corpus/load.py:8: imports trilat_cli.cli, a layer below its own",
        "corpus/load.py:9: imports <dynamic> (the check cannot see what)",
        "present/terminal.py:2: imports requests, a third-party library the README does not allow here",
    ]


def test_the_check_finds_a_module_the_table_names_that_is_gone(broken: Path) -> None:
    (broken / "cli.py").unlink()
    (broken / "stray.py").unlink()
    assert "cli.py: in the README's Code layout, but no such module" in violations(broken, TABLE)


def test_the_check_finds_modules_importing_each_other(broken: Path) -> None:
    (broken / "corpus" / "yamlfile.py").write_text("def f():\n    from .load import load\n")
    assert ["corpus/load.py", "corpus/yamlfile.py", "corpus/load.py"] in cycles(broken)
