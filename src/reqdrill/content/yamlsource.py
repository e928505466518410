"""Safe YAML → plain Python data, with the line and column of every key and value.

PyYAML's loaders keep the last of duplicate keys, read `yes`/`no`/`on`/`off` as booleans and
expand aliases without bound. This module composes the node tree with the safe C parser and
builds the data itself so that it can reject all three and remember where everything stood.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import Any

import yaml

from reqdrill.errors import ContentError, Problem

MAX_FILE_BYTES = 1024 * 1024
"""Largest content file accepted (1 MiB)."""

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_BOOLS = {"true": True, "false": False}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_constructor = yaml.constructor.SafeConstructor()


class Parsed:
    """One parsed file: its data and where each path's value (and key) begins, 1-based.

    Positions cost memory for every node, and valid files never need them; a file parsed
    without positions keeps `reload`, which re-reads the text when a position is first asked for.
    """

    __slots__ = ("file", "data", "marks", "key_marks", "reload")

    def __init__(self, file: str, data: Any, reload: Callable[[], str] | None = None) -> None:
        self.file = file
        self.data = data
        self.marks: dict[Path_, Mark] = {}
        self.key_marks: dict[Path_, Mark] = {}
        self.reload = reload

    def _locate(self) -> None:
        if self.reload is not None:
            text, self.reload = self.reload(), None
            located = parse(text, self.file)
            self.marks, self.key_marks = located.marks, located.key_marks

    def mark(self, path: Path_) -> Mark:
        """Where a path's value starts, or its nearest ancestor's when it has none."""
        self._locate()
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def key_mark(self, path: Path_) -> Mark:
        """Where a path's key starts, falling back to the value's position."""
        self._locate()
        return self.key_marks.get(path) or self.mark(path)


def format_path(path: Path_) -> str:
    """Render a key path as `a.b[0].c`; the document itself is `(root)`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def _problem(file: str, mark: Mark, path: Path_, message: str) -> Problem:
    return Problem(file, mark[0], mark[1], format_path(path), message)


def _offset_to_mark(data: bytes, offset: int) -> Mark:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def decode(data: bytes, file: str) -> str:
    """Check the size and UTF-8 encoding of a file's bytes and return its text."""
    if len(data) > MAX_FILE_BYTES:
        raise ContentError(
            [
                _problem(
                    file,
                    (1, 1),
                    (),
                    f"file is {len(data):,} bytes; the limit is 1 MiB ({MAX_FILE_BYTES:,} bytes)",
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        mark = _offset_to_mark(data, exc.start)
        raise ContentError(
            [
                _problem(
                    file,
                    mark,
                    (),
                    f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                )
            ]
        ) from None


def parse(text: str, file: str, *, positions: bool = True) -> Parsed:
    """Parse YAML text into plain data; raise ContentError listing every problem.

    Without `positions`, nothing is located: a problem's position is only approximate, so callers
    parse again with positions to report it.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        raise ContentError([_problem(file, where, (), f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", 0)
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        reason = str(exc).split("\n")[0]
        raise ContentError([_problem(file, (line, col), (), f"YAML error: {reason}")]) from None
    parsed = Parsed(file, None)
    if node is None:
        return parsed
    builder = _Builder(parsed, text, positions)
    with contextlib.suppress(_Abort):  # the problems recorded so far are reported below
        parsed.data = builder.build(node, ())
    if builder.problems:
        raise ContentError(builder.problems)
    return parsed


class _Abort(Exception):
    """Stop building: the rest of the document cannot be trusted (an alias was found)."""


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, recording positions."""

    def __init__(self, parsed: Parsed, text: str, positions: bool) -> None:
        self.parsed = parsed
        self.text = text
        self.positions = positions
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, path: Path_, message: str) -> None:
        self.problems.append(_problem(self.parsed.file, _node_mark(node), path, message))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if self.positions:
            self.parsed.marks[path] = _node_mark(node)
        if id(node) in self.seen:  # compose shares one node between an anchor and its aliases
            self.fail_alias(path)
            raise _Abort
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, path, "seq")
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        self.check_tag(node, path, "map")
        return self.mapping(node, path)

    def fail_alias(self, path: Path_) -> None:
        events = yaml.parse(self.text, Loader=_Loader)
        alias = next((e for e in events if isinstance(e, yaml.AliasEvent)), None)
        mark = alias.start_mark if alias else None
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = "YAML anchors and aliases are not supported; write the value out"
        self.problems.append(_problem(self.parsed.file, where, path, message))

    def check_tag(self, node: yaml.Node, path: Path_, expected: str) -> None:
        if node.tag != _TAG + expected:
            self.fail(node, path, f"unsupported YAML tag {node.tag!r}")

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, path, "mapping keys must be plain text")
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == _TAG + "merge":
                self.fail(key_node, path, "YAML merge keys (<<) are not supported; write the keys out")
                continue
            child = (*path, key)
            if key in out:
                first = self.parsed.key_marks.get(child, (0, 0))
                self.fail(
                    key_node, child, f"duplicate key {key!r} (first at line {first[0]}, column {first[1]})"
                )
                continue
            if self.positions:
                self.parsed.key_marks[child] = _node_mark(key_node)
            out[key] = self.build(value_node, child)
        return out

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        tag, value = node.tag, node.value
        if not tag.startswith(_TAG):
            self.fail(node, path, f"unsupported YAML tag {tag!r}")
            return value
        kind = tag[len(_TAG) :]
        # YAML 1.2 semantics: only true/false are booleans, and 1:30 or 2026-01-01 stay text.
        if kind == "str" or kind == "timestamp" or (kind == "int" and _SEXAGESIMAL.match(value)):
            return value
        if kind == "bool":
            return _BOOLS.get(value.lower(), value)
        if kind == "null":
            return None
        if kind in ("int", "float"):
            return _constructor.construct_object(node, deep=True)
        self.fail(node, path, f"unsupported YAML tag {tag!r}")
        return value


def _node_mark(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1
