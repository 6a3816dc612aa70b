"""Reading one corpus file safely: bounded size, UTF-8, plain YAML only.

The parse turns YAML nodes into plain Python values itself, so it can refuse tags that
would construct objects, stop alias bombs after a fixed number of nodes, and keep dates
as the strings people wrote. Line numbers are not kept in the data: `load.Locator` finds
them in the composed nodes when a problem needs one, so the common, valid case stays lean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from ..errors import Problem
from .limits import MAX_BYTES, MAX_DEPTH, MAX_NODES

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TAG = "tag:yaml.org,2002:"
_safe = yaml.constructor.SafeConstructor()
CONSTRUCTORS: dict[str, Callable[[Any], Any]] = {
    f"{TAG}str": lambda node: node.value,
    f"{TAG}timestamp": lambda node: node.value,
    f"{TAG}int": _safe.construct_yaml_int,
    f"{TAG}float": _safe.construct_yaml_float,
    f"{TAG}bool": _safe.construct_yaml_bool,
    f"{TAG}null": lambda node: None,
}
COLLECTIONS = {f"{TAG}map", f"{TAG}seq"}


class YamlProblem(Exception):
    def __init__(self, message: str, node_or_mark: Any = None) -> None:
        super().__init__(message)
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        self.line = mark.line + 1 if mark is not None else 0
        self.column = mark.column + 1 if mark is not None else 0

    def at(self, file: str) -> Problem:
        return Problem(file, self.line, self.column, str(self))


def decode(raw: bytes) -> str:
    """The text of a file, or a YamlProblem saying why it is not a corpus file."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(
            f"file is {len(raw):,} bytes; corpus files may be at most {MAX_BYTES:,} bytes"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise YamlProblem(
            f"not UTF-8 text (byte {raw[error.start]:#04x} at offset {error.start}); "
            "save the file as UTF-8"
        ) from None
    if not text.strip():
        raise YamlProblem("file is empty; expected a mapping with reports, items, ...")
    return text


OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
NODE = (yaml.ScalarEvent, yaml.AliasEvent)


def check_shape(loader: Any) -> None:
    """Refuse deep nesting and too many nodes from the event stream, before composing.

    libyaml's composer recurses in C once per level: thousands of `[` can overflow the
    stack (a segmentation fault) before any depth check on composed nodes could run. And
    composing costs ten times what reading the events does: a file of 400,000 tiny nodes
    is refused here in a fraction of the time it would take to compose.
    """
    depth = nodes = 0
    while (event := loader.get_event()) is not None:
        if isinstance(event, OPEN):
            depth += 1
            nodes += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", event)
        elif isinstance(event, CLOSE):
            depth -= 1
        elif isinstance(event, NODE):
            nodes += 1
        if nodes > MAX_NODES:
            raise YamlProblem(f"more than {MAX_NODES:,} YAML nodes (keys included); refused", event)


def compose(text: str) -> yaml.Node | None:
    scanner = Loader(text)
    try:
        check_shape(scanner)
    except yaml.YAMLError:
        pass  # composing reports malformed YAML with its place
    finally:
        scanner.dispose()
    loader = Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        message = " ".join(filter(None, [error.context, error.problem]))
        raise YamlProblem(f"malformed YAML: {message}", error.problem_mark) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"malformed YAML: {error}") from None
    except RecursionError:
        raise YamlProblem(f"malformed YAML: nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()


def plain(root: yaml.Node | None) -> Any:
    """Plain Python data (dicts, lists, str, int, float, bool, None) from `compose(text)`."""
    budget = [MAX_NODES]

    def convert(node: yaml.Node, depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise YamlProblem(
                f"more than {MAX_NODES:,} YAML nodes (aliases expanding?); refused", node
            )
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", node)
        if node.tag not in CONSTRUCTORS and node.tag not in COLLECTIONS:
            raise YamlProblem(
                f"YAML tag '{node.tag}' is not allowed: corpus files hold plain data only", node
            )
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            lines: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlProblem("mapping keys must be plain strings", key_node)
                key = str(key_node.value)
                if key in result:
                    raise YamlProblem(
                        f"duplicate key '{key}' (first at line {lines[key]})", key_node
                    )
                lines[key] = key_node.start_mark.line + 1
                result[key] = convert(value_node, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [convert(child, depth + 1) for child in node.value]
        try:
            return CONSTRUCTORS[node.tag](node)
        except (ValueError, KeyError, IndexError, yaml.YAMLError):
            # PyYAML's own constructors fail on `!!bool maybe` (KeyError), `!!int ""` and
            # `!!float _` (IndexError): a value that does not fit its tag is a data error.
            raise YamlProblem(
                f"cannot read {node.value!r} as {node.tag[len(TAG) :]}", node
            ) from None

    return None if root is None else convert(root, 0)


def pairs(node: yaml.MappingNode) -> dict[Any, tuple[yaml.Node, yaml.Node]]:
    """A mapping node's key and value nodes by key, for finding where a problem is."""
    found: dict[Any, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        found.setdefault(getattr(key, "value", None), (key, value))
    return found
