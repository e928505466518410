"""How much room to write in: handwriting rules per requirements field and per drill exercise.

The rules: an exercise gets at least one handwriting rule for every RULE_SECONDS seconds of its
time, shared among its write-in answers; a requirements field gets one rule when most bundled
answers to it are short (at most SHORT_ANSWER characters, such as `100M` or `< 200ms`), two
otherwise. Printed pages then give the rules the room their page leaves (see render/pdf/pagefill).
"""

from __future__ import annotations

import math
import statistics

from reqdrill.content.model import Chosen, Content, section_of

RULE_SECONDS = 20
SHORT_ANSWER = 45  # about 3 mm a handwritten character on a 135 mm rule
LONG_RULES = 2


def rules_for(seconds: int, answers: int) -> int:
    """Rules for each of `answers` write-in answers sharing `seconds` of writing (at least one)."""
    return max(1, math.ceil(seconds / RULE_SECONDS / max(answers, 1)))


def _text(value: object) -> str:
    if isinstance(value, Chosen):
        return value.detail
    return "; ".join(value) if isinstance(value, tuple) else str(value)


def field_rules(content: Content) -> dict[tuple[str, str], int]:
    """(category id, field key) → handwriting rules for each write-in field of the template."""
    out: dict[tuple[str, str], int] = {}
    for section in content.requirements_template.sections:
        for field in section.fields:
            if field.choices:
                continue
            values = [getattr(section_of(s, section.category), field.key) for s in content.scenarios]
            lengths = [len(_text(v)) for v in values]
            short = statistics.median(lengths) <= SHORT_ANSWER if lengths else False
            out[(section.category, field.key)] = 1 if short else LONG_RULES
    return out


def top_up(rules: list[int], seconds: int) -> list[int]:
    """Rules per answer, given one more each in turn (longest first) until `seconds` are covered."""
    need = math.ceil(seconds / RULE_SECONDS)
    out = list(rules)
    order = sorted(range(len(out)), key=lambda i: -out[i])
    while out and sum(out) < need:
        for i in order:
            if sum(out) >= need:
                break
            out[i] += 1
    return out
