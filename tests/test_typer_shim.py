"""The Typer shim: used where it is safe, out of the way where Typer checks more, and never fatal.

The shim leans on a private hook of Typer 0.29 (`typer._coercion.RuntimeParam` and the
`_runtime_param` of each parameter). These tests fail when that hook changes shape, so a
Typer upgrade that would quietly bring pydantic back on every run shows up here.
"""

import dataclasses
import inspect
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from typer._coercion import RuntimeParam, resolve_type_descriptor
from typer.core import TyperOption, _TyperParameter
from typer.models import ParameterInfo
from typer.testing import CliRunner

from trilat_cli import typer_shim
from trilat_cli.cli import TrilatGroup

from .conftest import ids


@pytest.fixture(autouse=True)
def fresh_hook() -> Iterator[None]:
    """The shim decides once per process whether the hook fits; each test decides afresh."""
    clear = typer_shim.plain_coercion.cache_clear  # the real one, even if a test swaps it
    clear()
    yield
    clear()


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Every parameter trilat hands the shim during a run, by name."""
    seen: dict[str, Any] = {}
    real = typer_shim.lighten

    def spy(params: Any) -> None:
        params = list(params)
        seen.update((param.name, param) for param in params)
        real(params)

    monkeypatch.setattr(typer_shim, "lighten", spy)
    return seen


US_ONE = ("recommend", "--actor", "us", "--limit", "1", "--json")


def us_one_works(invoke: Callable[..., Any]) -> None:
    result = invoke(*US_ONE)
    assert result.exit_code == 0, result.stderr
    assert ids(json.loads(result.stdout)) == ["h19-rec-1"]


# ---- the hook has the shape the shim relies on ---------------------------------------------


def test_the_private_hook_has_the_shape_the_shim_relies_on() -> None:
    fields = [field.name for field in dataclasses.fields(RuntimeParam)]
    assert fields == ["parameter_info", "annotation"]
    for method in (RuntimeParam.coerce, RuntimeParam._coerce_value):
        assert list(inspect.signature(method).parameters) == ["self", "value", "param", "ctx"]
    descriptor = resolve_type_descriptor(str, ParameterInfo())
    option = TyperOption(param_decls=["--x"], type_descriptor=descriptor)
    assert vars(option)["_runtime_param"] is None
    sentinel = object()
    option._runtime_param = sentinel
    assert _TyperParameter.get_runtime_param(option) is sentinel
    assert typer_shim.plain_coercion() is not None


def test_plain_settings_are_typers_defaults() -> None:
    defaults = inspect.signature(ParameterInfo.__init__).parameters
    assert {name: defaults[name].default for name in typer_shim.PLAIN_SETTINGS} == (
        typer_shim.PLAIN_SETTINGS
    )
    for name in typer_shim.ABSENT_SETTINGS:
        assert name not in defaults or defaults[name].default is None


def test_a_trilat_command_is_coerced_without_pydantic(invoke, handed, monkeypatch) -> None:
    calls: list[Any] = []

    def counted(value: Any) -> int:
        calls.append(value)
        return typer_shim.whole_number(value)

    monkeypatch.setitem(typer_shim.CONVERTERS, int, counted)
    us_one_works(invoke)
    plain = typer_shim.plain_coercion()
    for name in ("corpus", "no_cache", "actor", "limit", "as_json", "save_svg"):
        assert type(handed[name]._runtime_param) is plain, name
    assert calls == ["1"]  # Typer asked the shim, not pydantic, for --limit's value


# ---- a parameter with settings Typer checks is left to Typer --------------------------------


def app_with(annotation: Any, **settings: Any) -> typer.Typer:
    """A two-command app on trilat's group, with one option carrying `settings`."""
    app = typer.Typer(cls=TrilatGroup, rich_markup_mode=None, pretty_exceptions_enable=False)

    @app.command()
    def take(value: Annotated[annotation, typer.Option("--value", **settings)]) -> None:
        print(type(value).__name__, value)

    @app.command()
    def other() -> None:
        """A second command, so that `take` is a subcommand of trilat's group."""

    return app


NON_DEFAULT = [
    (Path, "exists", True),
    (Path, "file_okay", False),
    (Path, "dir_okay", False),
    (Path, "readable", False),
    (Path, "writable", True),
    (Path, "resolve_path", True),
    (Path, "allow_dash", True),
    (Path, "path_type", str),
    (Path, "parser", Path),
    (int, "min", 1),
    (int, "max", 9),
    (int, "clamp", True),
]


def test_every_plain_setting_is_tried() -> None:
    assert {name for _, name, _ in NON_DEFAULT} == set(typer_shim.PLAIN_SETTINGS)


@pytest.mark.parametrize(("annotation", "name", "value"), NON_DEFAULT)
def test_a_setting_typer_checks_keeps_typers_coercion(annotation, name, value) -> None:
    plain = typer.main.get_command(app_with(annotation)).commands["take"].params[0]
    checked = typer.main.get_command(app_with(annotation, **{name: value}))
    param = checked.commands["take"].params[0]
    typer_shim.lighten([plain, param])
    assert type(plain._runtime_param) is typer_shim.plain_coercion()
    assert param._runtime_param is None


@pytest.mark.parametrize(
    ("annotation", "settings", "given", "exit_code", "expected"),
    [
        (Path, {"exists": True}, "missing", 2, "'missing' does not exist"),
        (Path, {"file_okay": False}, "a-file", 2, "'a-file' is a file"),
        (Path, {"dir_okay": False}, "a-folder", 2, "'a-folder' is a directory"),
        (Path, {"resolve_path": True}, "a-folder/../a-file", 0, "PosixPath /"),
        (Path, {"path_type": str}, "a-file", 0, "str a-file"),
        (Path, {"parser": lambda text: Path(text.upper())}, "a-file", 0, "A-FILE"),
        (int, {"min": 1}, "0", 2, "greater than or equal to 1"),
        (int, {"max": 5}, "9", 2, "less than or equal to 5"),
    ],
)
def test_a_future_option_keeps_typers_checks(
    tmp_path, monkeypatch, annotation, settings, given, exit_code, expected
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").touch()
    (tmp_path / "a-folder").mkdir()
    result = CliRunner().invoke(app_with(annotation, **settings), ["take", "--value", given])
    assert result.exit_code == exit_code, result.output
    assert expected in result.output


# ---- any failure of the shim leaves Typer's own coercion -----------------------------------


@dataclasses.dataclass(frozen=True)
class ExtraField(RuntimeParam):
    strict: bool = False


class ExtraArgument(RuntimeParam):
    def _coerce_value(self, value: Any, param: Any, ctx: Any, strict: bool = False) -> Any:
        return value


class RenamedArgument(RuntimeParam):
    def coerce(self, value: Any, parameter: Any, ctx: Any) -> Any:
        return value


class Sealed(RuntimeParam):
    def __init_subclass__(cls, **kwargs: Any) -> None:
        raise TypeError("RuntimeParam cannot be subclassed")


class Unbuildable:
    """A coercer whose construction fails, as a RuntimeParam with other fields would."""

    def __init__(self, *args: Any) -> None:
        raise TypeError("__init__() takes 3 positional arguments but 4 were given")


def typers_own(param: Any) -> bool:
    return type(param._runtime_param).__name__ == "AdapterRuntimeParam"


@pytest.mark.parametrize("shape", [ExtraField, ExtraArgument, RenamedArgument, Sealed, None])
def test_a_hook_of_another_shape_leaves_typers_coercion(invoke, handed, monkeypatch, shape) -> None:
    if shape is None:  # a release without the class
        monkeypatch.delattr("typer._coercion.RuntimeParam")
    else:
        monkeypatch.setattr("typer._coercion.RuntimeParam", shape)
    assert typer_shim.plain_coercion() is None
    us_one_works(invoke)
    assert typers_own(handed["limit"]) and typers_own(handed["actor"])


def test_a_coercer_that_cannot_be_built_leaves_typers(invoke, handed, monkeypatch) -> None:
    monkeypatch.setattr(typer_shim, "plain_coercion", lambda: Unbuildable)
    us_one_works(invoke)
    assert typers_own(handed["limit"]) and typers_own(handed["actor"])


def test_a_converter_that_fails_hands_the_value_to_typer(invoke, handed, monkeypatch) -> None:
    def broken(value: Any) -> int:
        raise TypeError(f"cannot take {value!r}")

    monkeypatch.setitem(typer_shim.CONVERTERS, int, broken)
    us_one_works(invoke)
    assert typers_own(handed["limit"])
    assert type(handed["actor"]._runtime_param) is typer_shim.plain_coercion()


def test_a_parameter_without_the_hook_is_left_alone() -> None:
    param = typer.main.get_command(app_with(Path)).commands["take"].params[0]
    del param._runtime_param
    typer_shim.lighten([param])
    assert "_runtime_param" not in vars(param)


# ---- the shim reads every string as Typer does ---------------------------------------------

NUMBERLIKE = st.from_regex(
    r"\s?[+-]?[0-9\u0663\uff11_]{0,4}(\.[0-9]{0,2})?[eE_,]?\s?", fullmatch=True
)
BOOLEANLIKE = st.sampled_from(sorted(typer_shim.TRUE | typer_shim.FALSE)).map(
    lambda word: f" {word.upper()}\t"
)


@pytest.mark.parametrize("annotation", [int, bool, str, Path])
@given(value=st.one_of(st.text(), NUMBERLIKE, BOOLEANLIKE))
def test_the_shim_coerces_every_string_as_typer_does(annotation, value: str) -> None:
    """Same value, or both refuse it (each in its own words): the shim is only faster.

    Where the two read a string differently the shim follows Typer, so that trilat means
    the same whether or not the shim is in use: "5.0" is 5 (pydantic takes a fraction of
    zeros), Arabic-Indic or full-width digits are not numbers (Python's int() would take them), a path that
    holds a NUL or a lone surrogate is refused. "" as a bool is False for both.
    """
    param = typer.main.get_command(app_with(annotation)).commands["take"].params[0]
    typers = param.get_runtime_param()
    assert typers_own(param)
    try:
        expected: Any = typers._coerce_value(value, param=param, ctx=None)
    except typer.BadParameter:
        expected = typer.BadParameter
    try:
        shims: Any = typer_shim.CONVERTERS[annotation](value)
    except ValueError:
        shims = typer.BadParameter
    assert (type(shims), shims) == (type(expected), expected)
