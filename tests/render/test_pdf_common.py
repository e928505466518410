"""The shared PDF machinery: paper sizes, metadata, footers, bookmarks, long text, determinism."""

from __future__ import annotations

import pytest
from reportlab.platypus import PageBreak

from pdftext import PAPER_POINTS, page_sizes, page_texts, reader, squash
from reqdrill import __version__
from reqdrill.errors import SelectionError
from reqdrill.render.pdf.common import (
    Bookmark,
    PdfMeta,
    build_pages,
    build_story,
    frame_size,
    page_size,
    para,
    paras,
    styles,
    tint,
)

META = PdfMeta("Title ≤ 日本", "Subject “x”", "test")


def _doc(paper: str = "letter") -> bytes:
    body = styles().body
    story = [
        Bookmark("one", "First ≤ <b>"),
        para("one", body),
        PageBreak(),
        Bookmark("two", "שלום"),
        para("two", body),
    ]
    return build_story(story, META, paper)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_page_size_matches_paper(paper: str) -> None:
    assert set(page_sizes(_doc(paper))) == {PAPER_POINTS[paper]}


def test_unknown_paper_is_a_selection_error() -> None:
    with pytest.raises(SelectionError, match="unknown paper size 'legal'; choose one of: letter, a4"):
        page_size("legal")


def test_frame_fits_inside_home_printer_margins() -> None:
    for paper in ("letter", "a4"):
        width, height = frame_size(paper)
        page_w, page_h = page_size(paper)
        assert page_w - width >= 2 * 0.5 * 72
        assert page_h - height >= 2 * 0.5 * 72


def test_metadata_title_subject_creator() -> None:
    meta = reader(_doc()).metadata
    assert meta.title == "Title ≤ 日本"
    assert meta.subject == "Subject “x”"
    assert meta["/Creator"] == f"reqdrill {__version__}"


def test_footer_says_page_x_of_y() -> None:
    texts = [squash(t) for t in page_texts(_doc())]
    assert "page1of2" in texts[0]
    assert "page2of2" in texts[1]


def test_bookmarks_become_outline_entries() -> None:
    pdf = reader(_doc())
    outline = pdf.outline
    assert [entry.title for entry in outline] == ["First ≤ <b>", "שלום"]
    assert [pdf.get_destination_page_number(entry) for entry in outline] == [0, 1]


def test_same_input_same_bytes() -> None:
    assert _doc() == _doc()


def test_long_text_flows_over_pages_without_loss() -> None:
    words = " ".join(f"w{i}" for i in range(12000))
    pdf = build_story(paras(words, styles().body), META, "a4")
    assert len(page_sizes(pdf)) > 1
    text = squash("".join(page_texts(pdf)))
    assert all(f"w{i}" in text for i in (0, 5000, 11999))
    assert len(paras(words, styles().body)) > 1


def test_a_word_longer_than_the_line_wraps_inside_the_frame() -> None:
    pdf = build_story([para("x" * 10000, styles().body)], META, "letter")
    assert squash("".join(page_texts(pdf))).count("x") >= 10000


def test_build_pages_draws_footers_and_metadata() -> None:
    def draw(canvas: object) -> None:
        for _ in range(3):
            canvas.drawString(100, 400, "hello")  # type: ignore[attr-defined]
            canvas.showPage()  # type: ignore[attr-defined]

    pdf = build_pages(draw, META, "a4", duplex="long-edge")
    texts = [squash(t) for t in page_texts(pdf)]
    assert "page3of3" in texts[2]
    assert reader(pdf).trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipLongEdge"


@pytest.mark.parametrize("color", ["#000000", "#1A237E", "#BBDEFB", "#FF0000"])
def test_tint_keeps_black_text_readable_in_grayscale(color: str) -> None:
    c = tint(color)
    assert 0.299 * c.red + 0.587 * c.green + 0.114 * c.blue >= 0.72


def test_same_bytes_in_a_fresh_process() -> None:
    import subprocess
    import sys

    from strategies import HOSTILE

    probe = (
        "import sys\nfrom reqdrill.render.pdf.common import PdfMeta, build_story, para, styles\n"
        f"texts = {HOSTILE!r}\n"
        "pdf = build_story([para(t, styles().body) for t in texts], PdfMeta('t', 's', 'l'), 'a4')\n"
        "sys.stdout.buffer.write(pdf)\n"
    )
    fresh = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True).stdout
    here = build_story([para(t, styles().body) for t in HOSTILE], PdfMeta("t", "s", "l"), "a4")
    assert fresh == here
