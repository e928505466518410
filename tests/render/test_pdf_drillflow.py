"""Drill-sheet flowables: the light keep-together lays out like reportlab's; paragraphs re-break as needed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pdftext import draw_alone
from reqdrill.content.model import Content
from reqdrill.render.pdf.drills import render
from reqdrill.study.drills import generate
from strategies import note_labels, note_texts

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


# ---------------------------------------------------------------- notes set as plain text


def text_operators(flowable: object, width: float) -> list[str]:
    """The text-drawing operators a flowable writes (fonts, strings, moves, word spacing)."""
    import re

    data = draw_alone(flowable, width).decode("latin-1")
    stream = data[data.index("BT") : data.rindex("ET")]
    pattern = r"\((?:\\.|[^\\)])*\) Tj|/\S+ [\d.]+ Tf|T\*|-?[\d.]+ Tw|(?:-?[\d.]+ ){6}Tm|-?[\d.]+ -?[\d.]+ Td"
    ops = re.findall(pattern, stream)
    # a font set again before anything is drawn in it changes nothing
    pairs = zip(ops, [*ops[1:], ""], strict=True)
    return [op for op, after in pairs if not (op.endswith("Tf") and after.endswith("Tf"))]


def _pair(label: str, text: str, indent: float) -> tuple[object, object]:
    from reportlab.platypus import Paragraph

    from reqdrill.render.pdf.common import markup
    from reqdrill.render.pdf.drillflow import note_paragraph
    from reqdrill.render.pdf.drills import note_style

    base = note_style(indent)
    # the note as drills.note_flowables writes its markup
    marked = f"\u2022 <b>{markup(label, base.fontName)}:</b> {markup(text, base.fontName)}"
    return note_paragraph(label, text, base), Paragraph(marked, base)


@settings(max_examples=150, deadline=None)
@given(note_labels, note_texts, st.floats(min_value=120, max_value=560), st.sampled_from([0.0, 28.0, 201.7]))
def test_a_plain_note_breaks_and_draws_exactly_like_its_markup(
    label: str, text: str, width: float, indent: float
) -> None:
    note, markup = _pair(label, text, indent)
    if note is None:  # markup characters: the note is set from its markup, as before
        assert any(c in text for c in "&<>")
        return
    assert note.wrap(width, 10_000) == markup.wrap(width, 10_000)  # type: ignore[attr-defined]
    if note._rd_note is not None:  # type: ignore[attr-defined]
        plain = [" ".join(words) for _, words in note.blPara.lines]  # type: ignore[attr-defined]
        marked = ["".join(w.text for w in line.words).strip() for line in markup.blPara.lines]  # type: ignore[attr-defined]
        assert marked == [f"\u2022 {label}: {plain[0]}", *plain[1:]]
    assert text_operators(note, width) == text_operators(markup, width)


@pytest.mark.parametrize("height", [12.0, 40.0, 95.0])
def test_a_plain_note_split_over_pages_matches_its_markup(height: float) -> None:
    text = " ".join(f"word{i % 7}" * (1 + i % 3) for i in range(120))
    note, markup = _pair("E6 probe", text, 28.0)
    assert note is not None and note._rd_note is not None  # type: ignore[attr-defined]
    note.wrap(300, 10_000)  # type: ignore[attr-defined]
    markup.wrap(300, 10_000)  # type: ignore[attr-defined]
    ours, theirs = note.split(300, height), markup.split(300, height)  # type: ignore[attr-defined]
    assert len(ours) == len(theirs) == 2
    assert [text_operators(p, 300) for p in ours] == [text_operators(p, 300) for p in theirs]


def test_a_note_whose_first_line_would_be_squeezed_is_set_from_its_markup() -> None:
    from reqdrill.render.pdf.fonts import string_width

    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    note, markup = _pair("Why", text, 0.0)
    assert note is not None
    # a width at which the first line fits only by narrowing its spaces
    full = string_width("\u2022 ", "ReqdrillSans", 8.5) + string_width("Why:", "ReqdrillSans-Bold", 8.5)
    full += string_width(" " + text, "ReqdrillSans", 8.5)
    note.wrap(full - 0.5, 10_000)  # type: ignore[attr-defined]
    assert note._rd_note is None  # type: ignore[attr-defined]
    assert text_operators(note, full - 0.5) == text_operators(markup, full - 0.5)


@settings(max_examples=300, deadline=None)
@given(
    note_labels,
    note_texts,
    st.sampled_from([1, 1, 2, 3, 5, 8]),
    # around 0: the line just fits; -0.3 to -0.1: the first word fits only if the prefix's spaces shrink
    st.floats(min_value=-1.0, max_value=1.0) | st.floats(min_value=-0.3, max_value=-0.1),
)
def test_a_plain_note_ends_its_first_line_where_its_markup_does(
    label: str, text: str, words: int, offset: float
) -> None:
    """Widths at which the first line just fits, or fits only by narrowing its spaces (reportlab
    lets each space shrink by 5 %), are where a plain layout could differ from the markup."""
    from reqdrill.render.pdf.fonts import BOLD, REGULAR, string_width

    note, markup = _pair(label, text, 0.0)
    if note is None:
        return
    size = 8.5
    head = string_width("\u2022 ", REGULAR, size) + string_width(f"{label}:", BOLD, size)
    first = " " + " ".join(text.split()[:words])
    width = head + string_width(first, "ReqdrillSans", size) + offset
    assert note.wrap(width, 10_000) == markup.wrap(width, 10_000)  # type: ignore[attr-defined]
    assert text_operators(note, width) == text_operators(markup, width)
