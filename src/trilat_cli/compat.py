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
- `shell_completion`: bash completion with each value quoted as the user began the word,
  and zsh completion handed every candidate single-quoted and unfiltered. If Typer's
  classes or Click's registry move, each shell gets Typer's own completion (bash: values
  unescaped; zsh: filtered by case, apostrophes lost).
- `complete_with`: a parameter's candidates from trilat's own function, unfiltered. Typer's
  `autocompletion` filters candidates by a case-sensitive prefix; if Click's attribute moves,
  the parameter completes nothing (files, in zsh and bash).
- `CompletionItem`, `Parameter`: Click's classes, for type checking only.
- `runtime_param` (`RuntimeParam` for type checking): Typer's coercion hook, which `typer_shim.py` fills. If it moves, every
  parameter keeps Typer's own coercion (pydantic at start-up: slower, never wrong).
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter
    from typer._click.core import Parameter
    from typer._click.exceptions import ClickException, NoSuchOption
    from typer._click.shell_completion import CompletionItem
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
    "CompletionItem",
    "Context",
    "HelpFormatter",
    "NoSuchOption",
    "Parameter",
    "RuntimeParam",
    "complete_with",
    "runtime_param",
    "shell_completion",
]


def shell_completion(bash_reply: Callable[[str, str], str], zsh_reply: Callable[..., str]) -> bool:
    """Register trilat's bash and zsh completion in place of Typer's.

    bash inserts the words it is given as they are: `bash_reply(value, word)` quotes each
    value for the word as typed (opening quote and all; Typer's script joins COMP_WORDS with
    newlines). Typer's zsh reply drops apostrophes and lets zsh filter by case:
    `zsh_reply([(value, help), ...])` gives the line zsh evaluates instead. fish and
    PowerShell quote what they insert themselves. Returns False, and leaves Typer's own
    completion, where Typer's internals have moved.
    """
    import os

    try:
        from typer._click.shell_completion import add_completion_class
        from typer._completion_classes import BashComplete, ZshComplete
    except ImportError:
        return False

    class QuotedBashComplete(BashComplete):
        word = ""

        def get_completion_args(self) -> tuple[list[str], str]:
            words = os.environ.get("COMP_WORDS", "").split("\n")
            cword = int(os.environ.get("COMP_CWORD", "0"))
            self.word = words[cword] if cword < len(words) else ""
            return super().get_completion_args()

        def format_completion(self, item: Any) -> str:
            return bash_reply(item.value, self.word)

    class UnfilteredZshComplete(ZshComplete):
        def complete(self) -> str:
            args, incomplete = self.get_completion_args()
            items = self.get_completions(args, incomplete)
            return zsh_reply([(item.value, item.help or "") for item in items])

    add_completion_class(QuotedBashComplete, "bash")
    add_completion_class(UnfilteredZshComplete, "zsh")
    return True


def complete_with(param: Any, candidates: Callable[[Any, str], list[tuple[str, str]]]) -> None:
    """Complete `param` with `candidates(ctx, incomplete)`, (value, help) pairs, as they are:
    Typer's `autocompletion` would keep only those that start with what was typed, in its
    case, which drops `People's Republic of China` for `people`."""
    try:
        from typer._click.shell_completion import CompletionItem
    except ImportError:
        return

    def complete(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
        return [CompletionItem(value, help=text) for value, text in candidates(ctx, incomplete)]

    if hasattr(param, "_custom_shell_complete"):
        param._custom_shell_complete = complete


def runtime_param() -> "type[RuntimeParam] | None":
    """Typer's private coercion hook (`typer._coercion.RuntimeParam`), or None if it moved."""
    try:
        from typer._coercion import RuntimeParam
    except ImportError:
        return None
    return RuntimeParam
