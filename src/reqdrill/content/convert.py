"""Plain data → typed model structs, reporting every mismatch with its position.

msgspec builds the structs and gives the JSON Schema; it stops at the first error, so when it
fails this module walks msgspec's own type description to collect all errors in one pass.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar

import msgspec
import msgspec.inspect as mi

from reqdrill.content.model import ID_PATTERN
from reqdrill.content.yamlsource import Parsed, Path_, format_path
from reqdrill.errors import ContentError, Problem

T = TypeVar("T")

_PATTERN_MESSAGES = {
    ID_PATTERN: "{value!r} is not a valid id: use lower-case letters, digits, '-' and '_', "
    "starting with a letter or digit",
    r"\S": "must not be empty",
    r"^#[0-9A-Fa-f]{6}$": "{value!r} is not a color of the form #RRGGBB",
    r"[^\W_]": "{value!r} has no words to match",
}


def describe(value: Any) -> str:
    """Name a YAML value's kind the way an author would."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value}); put it in quotes if it is text"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _expected(info: mi.Type) -> str:
    if isinstance(info, mi.Metadata):
        return _expected(info.type)
    if isinstance(info, mi.StrType):
        return "text"
    if isinstance(info, mi.IntType):
        return "a whole number"
    if isinstance(info, mi.StructType):
        return "a mapping"
    if isinstance(info, mi.ListType | mi.VarTupleType):
        return "a list"
    if isinstance(info, mi.LiteralType):
        return "one of " + ", ".join(repr(v) for v in info.values)
    if isinstance(info, mi.UnionType):
        return " or ".join(_expected(t) for t in info.types if not isinstance(t, mi.NoneType))
    return str(info)


class _Walker:
    """Collects problems for data checked against a msgspec type description."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.problems: list[Problem] = []

    def fail(self, path: Path_, message: str, *, at_key: bool = False) -> None:
        line, col = self.parsed.key_mark(path) if at_key else self.parsed.mark(path)
        self.problems.append(Problem(self.parsed.file, line, col, format_path(path), message))

    def check(self, value: Any, info: mi.Type, path: Path_) -> None:
        if isinstance(info, mi.Metadata):
            info = info.type
        if isinstance(info, mi.UnionType):
            options = [t for t in info.types if not isinstance(t, mi.NoneType)]
            if value is None and len(options) < len(info.types):
                return
            if len(options) == 1:
                return self.check(value, options[0], path)
        if isinstance(info, mi.StructType):
            return self.struct(value, info, path)
        if isinstance(info, mi.ListType | mi.VarTupleType):
            if not isinstance(value, list):
                return self.fail(path, f"expected a list, got {describe(value)}")
            if info.min_length and len(value) < info.min_length:
                return self.fail(
                    path, f"must list at least {info.min_length} item" + "s" * (info.min_length > 1)
                )
            for i, item in enumerate(value):
                self.check(item, info.item_type, (*path, i))
            return None
        if isinstance(info, mi.StrType):
            return self.string(value, info, path)
        if isinstance(info, mi.IntType):
            if not isinstance(value, int) or isinstance(value, bool):
                return self.fail(path, f"expected a whole number, got {describe(value)}")
            if info.ge is not None and value < info.ge:
                return self.fail(path, f"must be at least {info.ge}, got {value}")
            return None
        if isinstance(info, mi.LiteralType):
            allowed = ", ".join(str(v) for v in info.values)
            if not isinstance(value, str):
                return self.fail(path, f"expected one of: {allowed}, got {describe(value)}")
            if value not in info.values:
                return self.fail(path, f"{value!r} is not one of: {allowed}")
            return None
        try:
            msgspec.convert(value, info.cls if hasattr(info, "cls") else object)
        except msgspec.ValidationError as exc:
            self.fail(path, str(exc))
        return None

    def string(self, value: Any, info: mi.StrType, path: Path_) -> None:
        if not isinstance(value, str):
            return self.fail(path, f"expected text, got {describe(value)}")
        if not value.strip():
            return self.fail(path, "must not be empty")
        if info.max_length is not None and len(value) > info.max_length:
            return self.fail(path, f"is {len(value)} characters long; the limit is {info.max_length}")
        if info.pattern is not None and not re.search(info.pattern, value):
            template = _PATTERN_MESSAGES.get(info.pattern, "{value!r} does not match " + info.pattern)
            return self.fail(path, template.format(value=value))
        return None

    def struct(self, value: Any, info: mi.StructType, path: Path_) -> None:
        if not isinstance(value, dict):
            return self.fail(path, f"expected a mapping, got {describe(value)}")
        names = [f.encode_name for f in info.fields]
        for key in value:
            if key not in names:
                close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else "allowed keys: " + ", ".join(names)
                self.fail((*path, key), f"unknown key {key!r}; {hint}", at_key=True)
        for f in info.fields:
            if f.encode_name in value:
                self.check(value[f.encode_name], f.type, (*path, f.encode_name))
            elif f.required:
                self.fail(path, f"missing required key {f.encode_name!r}")
        return None


def to_model(parsed: Parsed, model: type[T], what: str) -> T:
    """Convert a parsed file's data into `model`, or raise ContentError with every problem."""
    data = parsed.data
    if data is None:
        raise ContentError(
            [Problem(parsed.file, 1, 1, "(root)", f"file is empty; expected a mapping of {what}")]
        )
    if not isinstance(data, dict):
        line, col = parsed.mark(())
        raise ContentError(
            [Problem(parsed.file, line, col, "(root)", f"expected a mapping of {what}, got {describe(data)}")]
        )
    try:
        return msgspec.convert(data, model)
    except msgspec.ValidationError as exc:
        walker = _Walker(parsed)
        walker.check(data, mi.type_info(model), ())
        problems = walker.problems or [Problem(parsed.file, 1, 1, "(root)", str(exc))]
        raise ContentError(problems) from None
