"""The printable progress report: real charts, the figures, byte-identical for the same data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pdftext import reader  # type: ignore[import-not-found]
from reqdrill.content.model import Content
from reqdrill.practice.history import History
from reqdrill.practice.progress import compute
from reqdrill.practice.records import drill_record, interview_record
from reqdrill.render.pdf.progress import render, story

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_the_report_draws_charts_of_every_figure(tmp_path: Path, content: Content) -> None:
    sessions = []
    for i in range(6):
        stamp = f"2026-11-{i + 1:02d}T10:00:00.000+00:00"
        sid = f"00000000-0000-4000-8000-{i:012d}"
        if i % 3 == 0:
            covered = ["scale", "data"][: i % 2 + 1]
            signals = [{"id": "numbers", "level": "E6", "shown": True}]
            coverage = {"covered": covered, "count": len(covered)}
            t = {"scenario": {"id": "video-streaming"}, "coverage": coverage, "score": {"signals": signals}}
            sessions.append(interview_record(t, sid, stamp, stamp))
        else:
            kind = "recall" if i % 3 == 1 else "questions"
            data = {"kind": kind, "score": 0.5, "rating": 2, "elapsed_seconds": 20.0 + i, "answers": [],
                    "details": {"in_order": False}}  # fmt: skip
            sessions.append(drill_record(data, sid, stamp, stamp))
    with History.open(tmp_path / "h.sqlite3", write=True) as h:
        h.add(sessions)
        data = compute(h, NOW)
    names = {c.id: c.name for c in content.categories}
    from reportlab.graphics.shapes import Drawing

    assert sum(isinstance(f, Drawing) for f in story(data, names, 500)) == 5
    pdf = render(data, names)
    assert pdf == render(data, names)
    text = "".join(page.extract_text() for page in reader(pdf).pages)
    for title in (
        "Practice progress",
        "Coverage in your last",
        "Categories covered per interview",
        "Category recall time",
        "Question-generation hit rate",
        "Depth signals in your last",
        "Privacy/Ethics",
    ):
        assert title in text


def test_an_empty_history_gives_a_one_page_report(tmp_path: Path, content: Content) -> None:
    with History.open(tmp_path / "none.sqlite3") as h:
        data = compute(h, NOW)
    text = "".join(p.extract_text() for p in reader(render(data, {}, paper="a4")).pages)
    assert "Nothing practiced yet." in text
