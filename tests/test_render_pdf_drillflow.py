"""Drill-sheet flowables: the light keep-together lays out like reportlab's; paragraphs re-break as needed."""

from __future__ import annotations

import pytest

from reqdrill.drills import generate
from reqdrill.model import Content
from reqdrill.render.pdf.drills import render

ALL_KINDS = ("recall", "questions", "classify", "mock", "tradeoff", "deep-dive")


def test_light_keep_together_lays_out_exactly_like_reportlabs(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.platypus import KeepTogether

    from reqdrill.render.pdf import drills

    sheets = [generate(content, 7, ALL_KINDS), generate(content, 2)]
    ours = [render(s, paper="a4") for s in sheets]
    monkeypatch.setattr(drills, "Keep", KeepTogether)
    assert [render(s, paper="a4") for s in sheets] == ours


def test_a_kept_paragraph_breaks_its_lines_again_for_a_new_width_or_after_a_failed_split() -> None:
    from reportlab.platypus import Paragraph

    from reqdrill.render.pdf.common import style
    from reqdrill.render.pdf.drillflow import Para

    text = "word " * 60
    para = Para(text, style(9.5))
    plain = Paragraph(text, style(9.5))
    assert para.wrap(300, 1000) == plain.wrap(300, 1000)
    assert para.wrap(300, 1000) == plain.wrap(300, 1000)  # reused
    assert para.wrap(150, 1000) == plain.wrap(150, 1000)  # a new width: broken again
    assert para.split(150, 5) == []  # no room for a line: reportlab drops the breaks
    assert para.wrap(150, 1000) == plain.wrap(150, 1000)
    assert len(para.blPara.lines) == len(plain.blPara.lines)

