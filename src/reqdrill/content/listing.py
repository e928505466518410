"""Readable and JSON views of validated content, for `reqdrill list` and `reqdrill validate`."""

from __future__ import annotations

import msgspec

from reqdrill.content.model import Content


def counts(content: Content) -> dict[str, int]:
    """How many of each kind of item the content holds."""
    return {
        "category": len(content.categories),
        "template question": sum(len(c.templates) for c in content.categories),
        "E6 probe": sum(len(c.e6_probes) for c in content.categories)
        + sum(len(s.e6_probes) for s in content.scenarios),
        "tradeoff": len(content.tradeoffs),
        "level": len(content.levels),
        "drill": len(content.drills),
        "scenario": len(content.scenarios),
    }


def plural(n: int, noun: str) -> str:
    """`1 scenario`, `2 scenarios`; the noun's last word takes the plural."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def counts_line(content: Content) -> str:
    """One line such as `7 categories, 31 template questions, …`."""
    return ", ".join(plural(n, what) for what, n in counts(content).items())


def summary(content: Content) -> str:
    """A readable overview: categories, scenarios with prompts, tradeoffs, drills."""
    lines = ["Categories"]
    for i, c in enumerate(content.categories, 1):
        lines.append(
            f"  {i}. {c.name} [{c.id}]: {plural(len(c.templates), 'template')}, "
            f"{plural(len(c.e6_probes), 'E6 probe')}"
        )
    lines += ["", "Scenarios"]
    for s in content.scenarios:
        lines.append(f"  {s.id}: {s.prompt}")
    lines += ["", "Tradeoffs"]
    for t in content.tradeoffs:
        lines.append(f"  {t.id}: {t.name}")
    lines += ["", "Drills"]
    for d in content.drills:
        limit = f" ({d.time_limit_seconds} s)" if d.time_limit_seconds else ""
        lines.append(f"  {d.number}. {d.name} [{d.id}, {d.kind}]{limit}")
    lines += ["", counts_line(content)]
    return "\n".join(lines)


def to_json(content: Content) -> str:
    """The whole validated content as indented JSON, keys in model order."""
    return msgspec.json.format(msgspec.json.encode(content), indent=2).decode()
