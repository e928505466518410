"""A hostile content root: markup, template syntax, several scripts, huge strings, a 1 MiB file.

Every text of the small content gets one hostile string appended, so each generator meets all of
them. `MARKERS` are the strings a test looks for, literally, in every artifact.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import msgspec

from contentio import dump_content
from reqdrill.content.load import load_content
from reqdrill.content.model import Content

SMALL = Path(__file__).parent / "data" / "small"
MIB = 1024 * 1024

HOSTILE = (
    "<script>alert('x')</script>",
    "<b>not bold</b>",
    "&amp; stays &amp;",
    "{{c1::not a cloze}}",
    "{{Front}}",
    '<font color="red">plain</font>',
    "<para>para</para>",
    "map<int, int> & more",
    "≤ ≥ – — “ ” é →",
    "مرحبا بالعالم",
    "שלום עולם",
    "日本語のテキスト",
    "Ελληνικά и кириллица",
)
LONG_MARK = ("LONGSTART", "LONGEND")
HUGE_MARK = ("HUGESTART", "HUGEEND")


def _long_text(marks: tuple[str, str], size: int) -> str:
    """About `size` bytes of words between two markers; mostly ASCII so the size is predictable."""
    head = "données 規模 ميزة "
    words = itertools.cycle(["requirement", "latency", "budget", "privacy", "throughput"])
    body = []
    length = len(head.encode())
    while length < size:
        word = next(words)
        body.append(word)
        length += len(word) + 1
    return f"{marks[0]} {head}{' '.join(body)} {marks[1]}"


def _spice(obj: Any, counter: itertools.count) -> Any:  # type: ignore[type-arg]
    """Append a hostile string to every text field of a struct tree, keeping ids and keys."""
    if isinstance(obj, tuple):
        return tuple(_spice(item, counter) for item in obj)
    if not isinstance(obj, msgspec.Struct):
        return obj
    changes = {}
    for name in obj.__struct_fields__:
        value = getattr(obj, name)
        if isinstance(value, str) and name not in {
            "id",
            "key",
            "category",
            "choice",
            "tradeoff",
            "scenario",
            "kind",
            "favors",
            "color",
        }:
            changes[name] = f"{value} {HOSTILE[next(counter) % len(HOSTILE)]}"
        elif isinstance(value, tuple | msgspec.Struct):
            changes[name] = _spice(value, counter)
    return msgspec.structs.replace(obj, **changes)


def hostile_content(huge: int = MIB - 20_000) -> Content:
    """The small content with every text spiced, one 10,000-character field and one of `huge` bytes."""
    content: Content = _spice(load_content(SMALL), itertools.count())
    scenario = content.scenarios[0]
    probes = list(scenario.e6_probes)
    probes[0] = msgspec.structs.replace(probes[0], answer=_long_text(LONG_MARK, 10_000))
    probes[1] = msgspec.structs.replace(probes[1], answer=_long_text(HUGE_MARK, huge))
    return msgspec.structs.replace(
        content, scenarios=(msgspec.structs.replace(scenario, e6_probes=tuple(probes)),)
    )


def write_hostile(root: Path) -> Path:
    """Write the hostile content root; its scenario file is filled to within 1 KiB of the 1 MiB limit."""
    dump_content(hostile_content(), root)
    scenario = next((root / "scenarios").glob("*.yaml"))
    spare = MIB - scenario.stat().st_size
    dump_content(hostile_content(MIB - 20_000 + spare - 1024), root)
    assert MIB - 2048 < scenario.stat().st_size <= MIB, scenario.stat().st_size
    return root
