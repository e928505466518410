"""Safe YAML parsing: YAML 1.2 scalars, positions of keys and values, and what is refused."""

from __future__ import annotations

import pytest

from reqdrill.content.yamlsource import decode, format_path, parse
from reqdrill.errors import ContentError


def test_only_true_and_false_are_booleans() -> None:
    data = parse("a: yes\nb: No\nc: on\nd: true\ne: FALSE\n", "f.yaml").data
    assert data == {"a": "yes", "b": "No", "c": "on", "d": True, "e": False}


def test_times_and_dates_stay_text() -> None:
    assert parse("a: 1:30\nb: 2026-01-01\nc: 12\nd: 1.5\ne: ~\n", "f.yaml").data == {
        "a": "1:30",
        "b": "2026-01-01",
        "c": 12,
        "d": 1.5,
        "e": None,
    }


def test_positions_of_values_and_keys_are_one_based() -> None:
    parsed = parse("top:\n  - name: x\n    list: [a, b]\n", "f.yaml")
    assert parsed.marks[("top", 0, "name")] == (2, 11)
    assert parsed.key_marks[("top", 0, "list")] == (3, 5)
    assert parsed.marks[("top", 0, "list", 1)] == (3, 15)
    assert parsed.mark(("top", 0, "missing", 3)) == (2, 5)


def test_byte_order_mark_is_accepted() -> None:
    assert decode("\ufeffa: 1\n".encode(), "f.yaml") == "a: 1\n"


def test_invalid_utf8_is_located_by_line_and_column() -> None:
    with pytest.raises(ContentError) as info:
        decode(b"a: 1\nb: caf\xe9\n", "f.yaml")
    assert str(info.value) == "f.yaml:2:7: (root): file is not valid UTF-8 (byte 0xe9 at offset 11)"


def test_duplicate_keys_are_all_reported() -> None:
    with pytest.raises(ContentError) as info:
        parse("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "f.yaml")
    assert [str(p) for p in info.value.problems] == [
        "f.yaml:4:3: b.c: duplicate key 'c' (first at line 3, column 3)",
        "f.yaml:5:1: a: duplicate key 'a' (first at line 1, column 1)",
    ]


def test_anchor_without_alias_is_harmless() -> None:
    assert parse("a: &x 1\n", "f.yaml").data == {"a": 1}


def test_empty_document_is_none() -> None:
    assert parse("# only a comment\n", "f.yaml").data is None


@pytest.mark.parametrize(
    "path,text", [((), "(root)"), (("a",), "a"), (("a", 0, "b"), "a[0].b"), ((0, "x"), "[0].x")]
)
def test_format_path(path: tuple, text: str) -> None:
    assert format_path(path) == text
