"""Render a finished interview: the terminal score, a Markdown transcript and a JSON transcript."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from reqdrill.content.model import CATEGORY_IDS
from reqdrill.interview.facts import PROBE, Fact
from reqdrill.interview.session import Report, Session, clock_text

TRANSCRIPT_VERSION = 2
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def _names(session: Session, ids: tuple[str, ...]) -> str:
    return ", ".join(session.content.category(c).name for c in ids) or "none"


def fact_name(fact: Fact) -> str:
    """How a fact is named in a list of what to study: its label, or 'E6 probe: <question>'."""
    return f"E6 probe: {fact.label}" if fact.kind == PROBE else fact.label


def missed_lines(session: Session, report: Report) -> list[tuple[str, str]]:
    """(category name, '; '-joined fact names) for the important facts never asked about."""
    by_id = {f.id: f for f in session.facts}
    return [
        (session.content.category(cid).name, "; ".join(fact_name(by_id[i]) for i in ids))
        for cid, ids in report.missed_important
    ]


def _counts(session: Session) -> tuple[int, int]:
    """Questions asked, and how many of them were unclear or off-topic."""
    questions = [t for t in session.turns if t.kind == "question"]
    return len(questions), sum(t.category == "none" for t in questions)


def _depth(report: Report) -> str:
    found, total = len(report.facts_uncovered), report.facts_total
    return f"{found}/{total} ({found / total:.0%})" if total else "0/0"


def score_text(session: Session) -> str:
    """The end-of-interview score for the terminal."""
    report = session.report()
    n = len(CATEGORY_IDS)
    asked, unclear = _counts(session)
    lines = [
        "=" * 60,
        "INTERVIEW SCORE",
        "=" * 60,
        f"Scenario: {session.scenario.name} [{session.scenario.id}]",
        f"Time: {clock_text(session.elapsed)} of {clock_text(session.time_limit)}"
        + (" (time is up)" if session.ended == "time_up" else ""),
        f"Questions asked: {asked} ({unclear} unclear), hints used: {session.hints}",
        f"Categories covered: {len(report.covered)}/{n} ({report.coverage:.0%})",
        f"Covered: {_names(session, report.covered)}",
        f"Missed: {_names(session, report.missed)}",
        f"Facts uncovered: {_depth(report)}",
        f"Assumptions stated: {len(report.assumptions)}",
        "",
        f"[Feedback]: {report.feedback}",
        "",
        "Depth signals:",
    ]
    for s in report.signals:
        mark = "x" if s.shown else " "
        lines.append(f"  [{mark}] {s.level}: {s.name}" + (f" - {s.evidence}" if s.evidence else ""))
    missed = missed_lines(session, report)
    if missed:
        lines += ["", "Important facts never asked about:"]
        lines += [f"  {name}: {facts}" for name, facts in missed]
    lines += ["", f"Study next: {', '.join(report.study)}", f"Anki search: {report.anki_search}"]
    return "\n".join(lines)


def to_data(session: Session) -> dict[str, Any]:
    """The transcript as plain data; its structure is documented in docs/json.md."""
    report: Report = session.report()
    scenario = session.scenario
    asked, unclear = _counts(session)
    uncovered = set(report.facts_uncovered)
    return {
        "version": TRANSCRIPT_VERSION,
        "scenario": {"id": scenario.id, "name": scenario.name, "prompt": scenario.prompt},
        "time_limit_seconds": session.time_limit,
        "elapsed_seconds": round(session.elapsed, 1),
        "ended": session.ended,
        "turns": [
            {
                "question": t.question,
                "category": t.category,
                "confidence": t.classification.confidence,
                "field": t.classification.field,
                "answer": t.answer,
                "elapsed_seconds": round(t.elapsed, 1),
                "kind": t.kind,
                "facts": list(t.facts),
                "invited": t.invited,
            }
            for t in session.turns
        ],
        "coverage": {
            "covered": list(report.covered),
            "missed": list(report.missed),
            "count": len(report.covered),
            "total": len(CATEGORY_IDS),
            "ratio": round(report.coverage, 3),
        },
        "score": {
            "questions": asked,
            "unclear": unclear,
            "hints": session.hints,
            "level": report.level,
            "feedback": report.feedback,
            "signals": [
                {"id": s.id, "level": s.level, "name": s.name, "shown": s.shown, "evidence": s.evidence}
                for s in report.signals
            ],
            "study": {"categories": list(report.missed), "anki_search": report.anki_search},
            "depth": {
                "uncovered": len(report.facts_uncovered),
                "total": report.facts_total,
                "ratio": round(len(report.facts_uncovered) / report.facts_total, 3)
                if report.facts_total
                else 0.0,
                "missed_important": {cid: list(ids) for cid, ids in report.missed_important},
            },
            "assumptions": [
                {"text": a.text, "category": a.category, "after": a.after} for a in report.assumptions
            ],
        },
        "facts": [
            {
                "id": f.id,
                "kind": f.kind,
                "category": f.category,
                "label": f.label,
                "important": f.important,
                "uncovered": f.id in uncovered,
            }
            for f in session.facts
        ],
    }


def to_json(session: Session) -> str:
    """The transcript as indented JSON."""
    return msgspec.json.format(msgspec.json.encode(to_data(session)), indent=2).decode()


def md(text: str) -> str:
    """Escape text for Markdown: no markup, no HTML, one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(session: Session) -> str:
    """The transcript and score as a Markdown document."""
    report = session.report()
    names = {c.id: c.name for c in session.content.categories}
    out = [
        f"# Mock interview: {md(session.scenario.name)}",
        "",
        f"> {md(session.scenario.prompt)}",
        "",
        f"Scenario `{session.scenario.id}`, "
        f"{clock_text(session.elapsed)} of {clock_text(session.time_limit)}.",
        "",
        "## Transcript",
        "",
    ]
    for i, t in enumerate(session.turns, 1):
        where = md(names.get(t.category, "unclear")) + (", assumption" if t.kind == "assumption" else "")
        out += [f"{i}. **{md(t.question)}** ({clock_text(t.elapsed)}, {where})", "", f"   {md(t.answer)}", ""]
    if not session.turns:
        out += ["No questions were asked.", ""]
    out += [
        "## Score",
        "",
        f"- Categories covered: {len(report.covered)}/{len(CATEGORY_IDS)} ({report.coverage:.0%})",
        f"- Covered: {md(_names(session, report.covered))}",
        f"- Missed: {md(_names(session, report.missed))}",
        f"- Facts uncovered: {_depth(report)}",
        f"- Feedback: {md(report.feedback)}",
        "",
        "### Depth signals",
        "",
    ]
    for s in report.signals:
        evidence = f": {md(s.evidence)}" if s.evidence else ""
        out.append(f"- [{'x' if s.shown else ' '}] {s.level} {md(s.name)}{evidence}")
    if report.assumptions:
        out += ["", "### Assumptions stated", ""]
        out += [f"- {md(a.text)}" for a in report.assumptions]
    missed = missed_lines(session, report)
    if missed:
        out += ["", "### Important facts never asked about", ""]
        out += [f"- {md(name)}: {md(facts)}" for name, facts in missed]
    out += [
        "",
        "## Study next",
        "",
        md(", ".join(report.study)),
        "",
        f"Anki search: `{report.anki_search}`",
        "",
    ]
    return "\n".join(out)
