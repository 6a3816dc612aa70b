"""Plain coercion for the parameter types trilat uses, so that no run imports pydantic.

Typer 0.29 coerces every parameter value through a pydantic TypeAdapter built on first use,
and importing pydantic costs more than Typer itself (about 100 ms on the CI machine).
trilat's parameters are only str, int, Path, bool and lists of them, so each gets a plain
coercer up front. Any other type, or a Typer release
without this hook, keeps Typer's own coercion: slower, never wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, get_args, get_origin

from typer import BadParameter

try:
    from typer._coercion import RuntimeParam
except ImportError:  # pragma: no cover - a Typer release without the hook
    RuntimeParam = None  # type: ignore[assignment,misc]


def text(value: Any) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


TRUE = {"1", "true", "t", "yes", "y", "on"}
FALSE = {"0", "false", "f", "no", "n", "off", ""}


def flag(value: Any) -> bool:
    """A boolean as Typer reads one from an environment variable or a default."""
    if isinstance(value, bool):
        return value
    word = text(value).strip().lower()
    if word in TRUE | FALSE:
        return word in TRUE
    raise ValueError(f"{value!r} is not a valid boolean")


def whole_number(value: Any) -> int:
    if isinstance(value, int):
        return value
    try:
        return int(text(value).strip())
    except ValueError:
        raise ValueError(f"{text(value)!r} is not a whole number") from None


CONVERTERS: dict[Any, Callable[[Any], Any]] = {
    str: text,
    int: whole_number,
    Path: lambda value: Path(text(value)),
    bool: flag,
}


if RuntimeParam is not None:

    class PlainCoercion(RuntimeParam):
        """Typer's coercion contract, fulfilled by a plain function."""

        convert: Callable[[Any], Any]

        def __init__(self, info: Any, annotation: Any, convert: Callable[[Any], Any]) -> None:
            super().__init__(info, annotation)
            object.__setattr__(self, "convert", convert)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if isinstance(value, list | tuple):
                    return [self.convert(entry) for entry in value]
                return self.convert(value)
            except ValueError as error:
                raise BadParameter(str(error), ctx=ctx, param=param) from None


def lighten(params: Iterable[Any]) -> None:
    """Give each simple Typer parameter a plain coercer in place of a pydantic adapter."""
    if RuntimeParam is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or not hasattr(param, "_runtime_param") or descriptor.file_annotation:
            continue
        info = descriptor.parameter_info
        if any(
            getattr(info, flag, None) for flag in ("exists", "resolve_path", "path_type", "parser")
        ):
            continue
        annotation = descriptor.annotation
        inner = get_args(annotation)[0] if get_origin(annotation) is list else annotation
        if inner in CONVERTERS:
            param._runtime_param = PlainCoercion(info, annotation, CONVERTERS[inner])
