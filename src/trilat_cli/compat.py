"""Every private name of Typer's that trilat uses, in one place, each guarded.

Typer has no public home for the Click it vendors (`typer._click`), for its bash completion
class or for its coercion hook, and trilat needs each of them. No other module names a
private module of Typer's or Rich's (`tests/test_layout.py` holds that; Rich's SVG template
is read from the public signature of `Console.export_svg`). If a Typer release moves one
of these names, `import trilat_cli.cli` still works and trilat degrades as each entry says;
`tests/test_compat.py` holds each entry to the Typer installed, and CI runs those tests
against the newest Typer on the index too, so a release that moves one is seen early.

- `Command`, `Context`, `HelpFormatter`: Click's classes, for type checking only.
- `NoSuchOption`: Click's error for an unknown option. If it moves, a stand-in that is
  never raised takes its place: an unknown option is then still a usage error (exit 2),
  with Click's own, looser "Possible options" instead of trilat's closest ones.
- `ClickException`: the base of Click's own errors (a bad value, no such option, a missing
  argument), whose message trilat passes through its neutraliser. If it moves, a stand-in
  that is never raised takes its place: Click's messages are then shown as Click words them
  (control characters escaped, bidi and zero-width ones not, values not cut short).
- `quote_bash_completion`: bash completion with each value escaped. If Typer's bash class
  or Click's registry moves, bash gets Typer's own completion (values unescaped).
- `runtime_param` (`RuntimeParam` for type checking): Typer's coercion hook, which `typer_shim.py` fills. If it moves, every
  parameter keeps Typer's own coercion (pydantic at start-up: slower, never wrong).
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter
    from typer._click.exceptions import ClickException, NoSuchOption
    from typer._coercion import RuntimeParam
else:
    try:
        from typer._click.exceptions import NoSuchOption
    except ImportError:

        class NoSuchOption(Exception):
            """Stands in for Click's error where Typer no longer has it: never raised."""

    try:
        from typer._click.exceptions import ClickException
    except ImportError:

        class ClickException(Exception):
            """Stands in for Click's base error where Typer no longer has it: never raised."""

            message = ""


# What other modules may import from here (mypy checks re-exports against it); Command,
# Context, HelpFormatter and RuntimeParam exist for type checking only.
__all__ = [
    "ClickException",
    "Command",
    "Context",
    "HelpFormatter",
    "NoSuchOption",
    "RuntimeParam",
    "quote_bash_completion",
    "runtime_param",
]


def quote_bash_completion(word: Callable[[str], str]) -> bool:
    """Register Typer's bash completion with each value passed through `word`.

    bash inserts the words it is given as they are, so a value with a space or a quote
    must be escaped; zsh, fish and PowerShell quote what they insert themselves. Returns
    False, and leaves Typer's own completion, where Typer's internals have moved.
    """
    try:
        from typer._click.shell_completion import add_completion_class
        from typer._completion_classes import BashComplete
    except ImportError:
        return False

    class QuotedBashComplete(BashComplete):
        def format_completion(self, item: Any) -> str:
            return word(item.value)

    add_completion_class(QuotedBashComplete, "bash")
    return True


def runtime_param() -> "type[RuntimeParam] | None":
    """Typer's private coercion hook (`typer._coercion.RuntimeParam`), or None if it moved."""
    try:
        from typer._coercion import RuntimeParam
    except ImportError:
        return None
    return RuntimeParam
