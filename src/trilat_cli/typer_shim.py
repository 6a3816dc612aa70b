"""Plain coercion for the parameter types trilat uses, so that no run imports pydantic.

Typer 0.29 coerces every parameter value through a pydantic TypeAdapter built on first use,
and importing pydantic costs more than Typer itself (about 100 ms on the CI machine).
trilat's parameters are only str, int, Path, bool and lists of them, so each gets a plain
coercer up front, through a private hook of Typer's (named in `compat.py`; pyproject pins the minor release).

The coupling is bounded: the hook is checked for the shape this module was written for, a
parameter with any setting Typer would check (a path that must exist, a range, a parser)
is left alone, and any failure of the shim, found early or late, leaves the parameter to
Typer's own coercion: slower, never wrong and never a traceback. The shim reads every string
as Typer does, where Python would read some otherwise ("5.0" is a whole number, "٣" is not;
a path with a NUL is refused): a property test in tests/test_typer_shim.py holds it to Typer's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin

from typer import BadParameter


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


# A whole number as Typer (pydantic) reads one: ASCII digits, single underscores between them,
# a sign and a fraction of zeros alone ("5.0"), not other scripts' digits (which int() takes);
# around it, Unicode's White_Space, not the separators U+001C-U+001F that str.strip() removes.
SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
WHOLE = re.compile(r"[+-]?[0-9]+(?:_[0-9]+)*(?:\.0+)?")


def whole_number(value: Any) -> int:
    if isinstance(value, int):
        return value
    word = text(value).strip(SPACE)
    if WHOLE.fullmatch(word):
        return int(word.partition(".")[0])
    raise ValueError(f"{text(value)!r} is not a whole number")


def path(value: Any) -> Path:
    """A path as Typer reads one: refused if it cannot be written as UTF-8 or holds a NUL."""
    name = text(value)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{name!r}: not valid UTF-8") from None
    if "\0" in name:
        raise ValueError(f"{name!r}: embedded null byte")  # as trilat words it elsewhere
    return Path(name)


CONVERTERS: dict[Any, Callable[[Any], Any]] = {
    str: text,
    int: whole_number,
    Path: path,
    bool: flag,
}

# The settings under which Typer's coercion of these types comes to the plain one: Typer's
# defaults (a test holds them to Typer's). With them Typer only checks that an existing path
# is readable, which trilat's readers report in their own words; any other value is Typer's.
PLAIN_SETTINGS: dict[str, Any] = {
    "exists": False,
    "file_okay": True,
    "dir_okay": True,
    "readable": True,
    "writable": False,
    "resolve_path": False,
    "allow_dash": False,
    "path_type": None,
    "parser": None,
    "min": None,
    "max": None,
    "clamp": False,
}
# Settings of other Typer releases: plain only when absent or unset.
ABSENT_SETTINGS = ("click_type",)
HOOK_ARGUMENTS = ["self", "value", "param", "ctx"]  # of RuntimeParam.coerce and _coerce_value
HOOK_FIELDS = ["parameter_info", "annotation"]  # RuntimeParam's dataclass fields
MISSING = object()


def hook_fits(runtime_param: type) -> bool:
    """Whether Typer's private RuntimeParam still has the shape PlainCoercion relies on."""
    from dataclasses import fields, is_dataclass
    from inspect import signature

    from typer.core import TyperArgument, TyperOption

    return (
        is_dataclass(runtime_param)
        and [field.name for field in fields(runtime_param)] == HOOK_FIELDS
        and all(
            list(signature(getattr(runtime_param, name)).parameters) == HOOK_ARGUMENTS
            for name in ("coerce", "_coerce_value")
        )
        and all(
            callable(getattr(kind, "get_runtime_param", None))
            for kind in (TyperOption, TyperArgument)
        )
    )


@cache
def plain_coercion() -> type[Any] | None:
    """The RuntimeParam that coerces with a plain function, or None if the hook has changed."""
    try:
        if TYPE_CHECKING:
            from .compat import RuntimeParam
        else:
            from .compat import runtime_param

            RuntimeParam = runtime_param()
        if RuntimeParam is None or not hook_fits(RuntimeParam):
            return None

        class PlainCoercion(RuntimeParam):
            """Typer's coercion contract, fulfilled by a plain function."""

            convert: Callable[[Any], Any]

            def __init__(self, info: Any, annotation: Any, convert: Callable[[Any], Any]) -> None:
                super().__init__(info, annotation)
                object.__setattr__(self, "convert", convert)  # the dataclass is frozen

            def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
                try:
                    if isinstance(value, list | tuple):
                        return [self.convert(entry) for entry in value]
                    return self.convert(value)
                except ValueError as error:
                    raise BadParameter(str(error), ctx=ctx, param=param) from None
                except Exception:  # the shim's own failure: Typer's coercion decides
                    param._runtime_param = None
                    return param.get_runtime_param()._coerce_value(value, param=param, ctx=ctx)

        return PlainCoercion
    except Exception:  # any trouble with the private hook: Typer keeps its own coercion
        return None


def plain_settings(info: Any) -> bool:
    """Whether a parameter asks for nothing Typer would check beyond its type."""
    return all(
        getattr(info, name, MISSING) == value for name, value in PLAIN_SETTINGS.items()
    ) and (all(getattr(info, name, None) is None for name in ABSENT_SETTINGS))


def lighten(params: Iterable[Any]) -> None:
    """Give each simple Typer parameter a plain coercer in place of a pydantic adapter."""
    coercion = plain_coercion()
    if coercion is None:
        return
    for param in params:
        try:
            descriptor = param.type_descriptor
            info = descriptor.parameter_info
            annotation = descriptor.annotation
            inner = get_args(annotation)[0] if get_origin(annotation) is list else annotation
            if (
                vars(param).get("_runtime_param", MISSING) is None
                and descriptor.file_annotation is None
                and plain_settings(info)
                and inner in CONVERTERS
            ):
                param._runtime_param = coercion(info, annotation, CONVERTERS[inner])
        except Exception:  # the parameter keeps Typer's own coercion
            continue
