"""Embedded fonts, fallback runs, right-to-left order and escaping of content text for paragraph markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pdftext import missing, squash
from reqdrill.render.pdf.common import PdfMeta, build_story, para, styles
from reqdrill.render.pdf.fonts import BOLD, CJK, REGULAR, coverage, markup, runs, unsupported, visual_order
from strategies import HOSTILE, texts


def test_required_typography_is_in_the_main_font() -> None:
    assert all(ord(ch) in coverage(REGULAR) for ch in "≤ ≥ – — “ ” é →")
    assert all(ord(ch) in coverage(BOLD) for ch in "≤ ≥ – — “ ” é →")


def test_markup_escapes_markup_characters() -> None:
    assert (
        markup('<b>x</b> & <font color="red">&amp;')
        == '&lt;b&gt;x&lt;/b&gt; &amp; &lt;font color="red"&gt;&amp;amp;'
    )


def test_markup_keeps_line_breaks() -> None:
    assert markup("a\nb") == "a<br/>b"


def test_cjk_runs_switch_to_the_fallback_font() -> None:
    assert runs("ab日本c") == [(REGULAR, "ab"), (CJK, "日本"), (REGULAR, "c")]
    assert markup("ab日本") == f'ab<font name="{CJK}">日本</font>'


def test_characters_no_font_has_become_visible_code_points() -> None:
    assert unsupported("a\U0001f980b\U0001f600") == {"\U0001f980", "\U0001f600"}
    assert "[U+1F980]" in markup("a\U0001f980b")
    assert "\U0001f980" not in markup("a\U0001f980b")


def test_right_to_left_runs_are_put_in_visual_order() -> None:
    assert visual_order("abc שלום עולם def") == "abc םלוע\u00a0םולש def"  # kept on one line
    assert visual_order("عام 2024 نعم") == "معن\u00a02024\u00a0ماع"
    assert visual_order("(שלום)") == "(םולש)"
    assert visual_order("plain") == "plain"
    long = "שלום " * 20
    assert visual_order(long) == long.strip()[::-1] + " "  # too long to keep on one line


@given(st.lists(texts, min_size=1, max_size=5))
def test_every_run_is_drawn_by_a_font_that_has_its_glyphs(items: list[str]) -> None:
    for text in items:
        for name, run in runs(text):
            if name is not None:
                assert all(ord(ch) in coverage(name) or ch in "\n\t" for ch in run), (name, run)


def test_hostile_text_comes_back_from_extraction() -> None:
    story = [para(text, styles().body) for text in HOSTILE]
    pdf = build_story(story, PdfMeta("t", "s", "test"), "letter")
    assert missing(pdf, HOSTILE) == []
    assert squash("<b>bold</b>") in squash("".join(HOSTILE))


@given(st.text(st.characters(max_codepoint=0x3000)) | st.text("\t\n\r\x0b\x7f ~a"))
def test_simple_text_is_printable_ascii_and_line_breaks(text: str) -> None:
    from reqdrill.render.pdf.fonts import _simple

    assert _simple(text) == all(" " <= ch <= "~" or ch in "\n\t" for ch in text)
