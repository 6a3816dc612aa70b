"""The compatibility module: each private name of Typer's that trilat uses, held to the Typer
installed, and what trilat does when a release moves it (`src/trilat_cli/compat.py`).

CI runs this file and `test_typer_shim.py` against the newest Typer and Rich on the index
too (allowed to fail), so a release that moves one of these names is seen before users see it.
"""

from __future__ import annotations

import re
from inspect import signature

import pytest
from rich.console import Console
from typer.core import TyperGroup

from trilat_cli import compat
from trilat_cli.cli import TrilatGroup
from trilat_cli.present.terminal import FONTS, svg_format

from .process import piped, python

KOREA = "Democratic People's Republic of Korea"
BASH_TAB = {  # what bash's completion function sends on TAB after `trilat items --actor Dem`
    "_TRILAT_COMPLETE": "complete_bash",
    "COMP_WORDS": "trilat items --actor Dem",
    "COMP_CWORD": "3",
}


# ---- each private name is where compat.py looks, and does what trilat relies on -----------


def test_an_unknown_option_is_clicks_error_and_trilat_suggests_the_closest(invoke) -> None:
    from typer._click.exceptions import NoSuchOption

    assert compat.NoSuchOption is NoSuchOption
    result = invoke("items", "--corpse", "x.yaml")
    assert result.exit_code == 2
    assert "No such option: --corpse" in result.stderr and "--corpus" in result.stderr
    assert "--actor" not in result.stderr  # Click's own, looser suggestions are replaced


def test_clicks_own_errors_are_clicks_and_trilat_neutralises_them(invoke) -> None:
    from typer._click.exceptions import ClickException

    assert compat.ClickException is ClickException
    result = invoke("show", "h19-rec-1", "\u202eevil")
    assert result.exit_code == 2 and "(\\u202eevil)" in result.stderr
    assert "\u202e" not in result.stderr


def test_bash_completion_is_typers_with_each_value_escaped(invoke) -> None:
    # trilat's group overrides a private hook of Click's to register its bash class first.
    assert callable(TyperGroup._main_shell_completion)
    assert "_main_shell_completion" in vars(TrilatGroup)
    result = invoke(env=BASH_TAB)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [re.sub(r"([ '])", r"\\\1", KOREA)]


def test_the_coercion_hook_is_typers_runtime_param() -> None:
    from typer._coercion import RuntimeParam

    assert compat.runtime_param() is RuntimeParam


def test_the_svg_template_is_richs_documented_default_without_its_web_fonts() -> None:
    template = signature(Console.export_svg).parameters["code_format"].default
    assert "@font-face {{" in template and "font-family: Fira Code, monospace;" in template
    ours = svg_format()
    assert "@font-face" not in ours and "https://" not in ours and FONTS in ours
    assert "{matrix}" in ours and "{lines}" in ours  # still a template Rich can fill


# ---- when a Typer release moves one, trilat still starts and degrades as compat.py says ----

# Runs trilat where `from MODULE import NAME` fails, as after a release that moved NAME:
# Typer keeps the names it bound already, and imports the module's other names as before.
MOVED = """
import importlib, sys, types
module, name = sys.argv[1].split(":")
real = importlib.import_module(module)
sys.modules[module] = types.ModuleType(module)
vars(sys.modules[module]).update({k: v for k, v in vars(real).items() if k != name})
sys.argv = ["trilat", *sys.argv[2:]]
from trilat_cli.cli import main
main()
"""


def moved(name: str, *args: str, env: dict[str, str] | None = None):
    result = piped(name, *args, program=python(MOVED), env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_without_clicks_error_an_unknown_option_is_still_a_usage_error() -> None:
    result = moved("typer._click.exceptions:NoSuchOption", "items", "--corpse", "x.yaml")
    assert result.returncode == 2 and "No such option: --corpse" in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "typer._completion_classes:BashComplete",
        "typer._click.shell_completion:add_completion_class",
    ],
)
def test_without_typers_bash_class_bash_gets_typers_own_completion(name: str) -> None:
    result = moved(name, env=BASH_TAB)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [KOREA]  # unescaped: bash splits it, but it runs


def test_without_the_coercion_hook_every_parameter_keeps_typers_coercion() -> None:
    result = moved(
        "typer._coercion:RuntimeParam", "recommend", "--actor", "us", "--limit", "1", "--json"
    )
    assert result.returncode == 0 and '"id":"h19-rec-1"' in result.stdout
