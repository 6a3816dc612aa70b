"""Reading one corpus file safely: bounded size, UTF-8, plain YAML only.

`read` turns the parser's events into plain Python values itself, in one pass, so it can
refuse tags that would construct objects, stop deep nesting, alias bombs and alias
amplification at fixed bounds (nodes and characters counted through aliases) before they
cost anything, and keep dates as the strings people wrote. Whatever that pass does not
handle itself (malformed YAML, a tag or value it refuses, anchors used oddly) is read again
by the composer's path, `compose` then `plain`, whose messages and places stand. Line
numbers are not kept in the data: `load.Locator` finds them in composed nodes when a
problem needs one, so the common, valid case stays lean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from ..errors import Problem
from .limits import MAX_BYTES, MAX_DEPTH, MAX_NODES, MAX_NUMBER, MAX_TEXT

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TAG = "tag:yaml.org,2002:"
_safe = yaml.constructor.SafeConstructor()


def bounded(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A number's conversion, refused (ValueError) past MAX_NUMBER characters or 64 bits:
    a sexagesimal 1:1:1:... costs quadratic time, and a long hexadecimal number becomes an
    integer too large to print."""

    def convert_bounded(node: Any) -> Any:
        if len(node.value) > MAX_NUMBER:
            raise ValueError(node.value)
        value = convert(node)
        if isinstance(value, int) and value.bit_length() > 64:
            raise ValueError(node.value)
        return value

    return convert_bounded


CONSTRUCTORS: dict[str, Callable[[Any], Any]] = {
    f"{TAG}str": lambda node: node.value,
    f"{TAG}timestamp": lambda node: node.value,
    f"{TAG}int": bounded(_safe.construct_yaml_int),
    f"{TAG}float": bounded(_safe.construct_yaml_float),
    f"{TAG}bool": _safe.construct_yaml_bool,
    f"{TAG}null": lambda node: None,
}
COLLECTIONS = {f"{TAG}map", f"{TAG}seq"}
PLAIN_TEXT = {f"{TAG}str", f"{TAG}timestamp"}  # kept as written


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
    budget = [MAX_NODES, MAX_TEXT]

    def convert(node: yaml.Node, depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise YamlProblem(ALIAS_NODES, node)
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
        budget[1] -= len(node.value)
        if budget[1] < 0:
            raise YamlProblem(ALIAS_TEXT, node)
        try:
            return CONSTRUCTORS[node.tag](node)
        except (ValueError, KeyError, IndexError, yaml.YAMLError):
            # PyYAML's own constructors fail on `!!bool maybe` (KeyError), `!!int ""` and
            # `!!float _` (IndexError): a value that does not fit its tag is a data error.
            raise YamlProblem(
                f"cannot read {short(node.value)} as {node.tag[len(TAG) :]}", node
            ) from None

    return None if root is None else convert(root, 0)


def short(value: str) -> str:
    """A value for a message: its start and its length when it is long."""
    return repr(value) if len(value) <= 40 else f"{value[:30]!r}... ({len(value):,} characters)"


ALIAS_NODES = f"more than {MAX_NODES:,} YAML nodes (aliases expanding?); refused"
ALIAS_TEXT = f"aliases expand the text to more than {MAX_TEXT:,} characters; refused"


class Unusual(Exception):
    """What `Reader` leaves to the composer's path, whose messages it keeps."""


def read(text: str) -> Any:
    """Plain Python data from a file's text, every limit checked in one pass of its events."""
    try:
        return Reader(text).document()
    except Unusual:
        return plain(compose(text))


class Reader:
    """Plain data straight from the parser's events: no nodes composed, one pass.

    Every event counts towards MAX_NODES, as `check_shape` counts them, and every scalar's
    length towards MAX_TEXT; an alias counts the nodes and characters of what it repeats,
    and is refused at its own place when it crosses either bound.
    """

    def __init__(self, text: str) -> None:
        self.loader = Loader(text)
        self.nodes = self.chars = 0
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, its nodes, its characters
        self.open: set[str] = set()  # anchors of collections still being read

    def document(self) -> Any:
        get = self.loader.get_event
        try:
            get()  # the stream's start
            if isinstance(get(), yaml.StreamEndEvent):
                return None  # comments only: as the composer gives
            value = self.value(get(), 0)
            get()  # the document's end
            if not isinstance(get(), yaml.StreamEndEvent):
                raise Unusual  # a second document: the composer words it
            return value
        except yaml.YAMLError:
            raise Unusual from None
        finally:
            self.loader.dispose()

    def count(self, event: Any, nodes: int, chars: int) -> None:
        self.nodes += nodes
        self.chars += chars
        if self.nodes > MAX_NODES:
            aliased = isinstance(event, yaml.AliasEvent)
            raise YamlProblem(
                ALIAS_NODES
                if aliased
                else f"more than {MAX_NODES:,} YAML nodes (keys included); refused",
                event,
            )
        if self.chars > MAX_TEXT:
            raise YamlProblem(ALIAS_TEXT, event)

    def value(self, event: Any, depth: int) -> Any:
        kind = type(event)
        if kind is yaml.AliasEvent:
            return self.alias(event, depth)
        anchor = event.anchor
        if anchor is not None and (anchor in self.anchors or anchor in self.open):
            raise Unusual  # a duplicate anchor: the composer words it
        nodes, chars = self.nodes, self.chars
        if kind is yaml.ScalarEvent:
            self.count(event, 1, len(event.value))
            result = self.scalar(event)
        else:
            self.count(event, 1, 0)
            if depth >= MAX_DEPTH:
                raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", event)
            tag = event.tag
            if (
                tag is not None
                and tag != "!"
                and tag not in CONSTRUCTORS
                and tag not in COLLECTIONS
            ):
                raise Unusual  # a tag refused: as the composer's path words it
            if anchor is not None:
                self.open.add(anchor)
            result = self.mapping(depth) if kind is yaml.MappingStartEvent else self.sequence(depth)
            self.open.discard(anchor or "")
        if anchor is not None:
            self.anchors[anchor] = (result, self.nodes - nodes, self.chars - chars)
        return result

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag in PLAIN_TEXT:
            return event.value
        if tag == f"{TAG}null":
            return None
        try:
            return CONSTRUCTORS[tag](yaml.ScalarNode(tag, event.value))
        except (ValueError, KeyError, IndexError, yaml.YAMLError):
            raise Unusual from None  # refused: as the composer's path words it

    def mapping(self, depth: int) -> dict[str, Any]:
        get = self.loader.get_event
        result: dict[str, Any] = {}
        while (event := get()).__class__ is not yaml.MappingEndEvent:
            if event.__class__ is not yaml.ScalarEvent or event.anchor is not None:
                raise Unusual  # a key that is not a plain string, or anchored
            self.count(event, 1, len(event.value))
            if event.value in result:
                raise Unusual  # a duplicate key: as the composer's path words it
            result[event.value] = self.value(get(), depth + 1)
        return result

    def sequence(self, depth: int) -> list[Any]:
        get = self.loader.get_event
        result = []
        while (event := get()).__class__ is not yaml.SequenceEndEvent:
            result.append(self.value(event, depth + 1))
        return result

    def alias(self, event: Any, depth: int) -> Any:
        if event.anchor not in self.anchors:
            raise Unusual  # undefined, or inside what it names: the composer words it
        value, nodes, chars = self.anchors[event.anchor]
        self.count(event, nodes, chars)
        return fresh(value, depth, event)


def fresh(value: Any, depth: int, alias: Any) -> Any:
    """A copy of what an alias repeats (as the composer's path builds each use afresh)."""
    if isinstance(value, dict | list):
        if depth >= MAX_DEPTH:
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", alias)
        if isinstance(value, dict):
            return {key: fresh(entry, depth + 1, alias) for key, entry in value.items()}
        return [fresh(entry, depth + 1, alias) for entry in value]
    return value


def pairs(node: yaml.MappingNode) -> dict[Any, tuple[yaml.Node, yaml.Node]]:
    """A mapping node's key and value nodes by key, for finding where a problem is."""
    found: dict[Any, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        found.setdefault(getattr(key, "value", None), (key, value))
    return found
