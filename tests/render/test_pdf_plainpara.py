"""Plain paragraphs built without reportlab's parser are the parser's paragraphs; markup is unchanged."""

from __future__ import annotations

import string
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pdftext import draw_alone
from reqdrill.render.pdf import fonts
from reqdrill.render.pdf.common import markup, style
from reqdrill.render.pdf.plainpara import make, paragraph, plain_frags
from strategies import HOSTILE, texts, typed_text

# Content as it reaches a paragraph: line breaks, runs of spaces, markup characters, any script.
_pieces = st.sampled_from(["\n", "\n\n", " ", "  ", "\t", "&", "<", ">", "&amp;", "<br/>", "“x”", "é"])
content_text = st.one_of(texts, typed_text, st.lists(_pieces | typed_text, max_size=12).map("".join))
styles = st.sampled_from([style(12.0), style(7.0), style(9.5, bold=True), style(8, color="#4D4D4D")])


def _frags(p: object) -> list[list[tuple[str, object]]]:
    return [list(f.__dict__.items()) for f in p.frags]  # type: ignore[attr-defined]


def _sharing(p: object) -> list[tuple[bool, bool]]:
    """Which fragments share the first fragment's lists, as the parser's copies do."""
    frags = p.frags  # type: ignore[attr-defined]
    return [(f.link is frags[0].link, f.us_lines is frags[0].us_lines) for f in frags]


@settings(max_examples=300, deadline=None)
@given(content_text, styles)
def test_plain_markup_gives_the_parsers_fragments(text: str, st_: object) -> None:
    from reportlab.platypus import Paragraph

    marked = markup(text, st_.fontName)  # type: ignore[attr-defined]
    ours, theirs = paragraph(marked, st_), Paragraph(marked, st_)  # type: ignore[arg-type]
    assert ours.text == theirs.text
    assert _frags(ours) == _frags(theirs)
    assert _sharing(ours) == _sharing(theirs)
    if ours.frags:
        # each paragraph has lists of its own, as a parsed one has
        assert ours.frags[0].link is not paragraph(marked, st_).frags[0].link  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(content_text, styles, st.floats(min_value=40, max_value=500))
def test_a_plain_paragraph_breaks_and_draws_byte_for_byte_like_the_parsed_one(
    text: str, st_: object, width: float
) -> None:
    from reportlab.platypus import Paragraph

    marked = markup(text * 3, st_.fontName)  # type: ignore[attr-defined]
    ours, theirs = paragraph(marked, st_), Paragraph(marked, st_)  # type: ignore[arg-type]
    assert ours.wrap(width, 2_000) == theirs.wrap(width, 2_000)
    assert draw_alone(ours, width, 2_000) == draw_alone(theirs, width, 2_000)
    assert [len(part.frags) for part in ours.split(width, 30)] == [
        len(part.frags) for part in theirs.split(width, 30)
    ]


@pytest.mark.parametrize(
    "marked", ["<b>bold</b>", '<font name="ReqdrillCJK">字</font>', "a &nbsp; b", "x &#160;", "<br />"]
)
def test_other_markup_goes_to_the_parser(marked: str) -> None:
    from reportlab.platypus import Paragraph

    assert plain_frags(marked, style(9.5)) is None
    assert _frags(paragraph(marked, style(9.5))) == _frags(Paragraph(marked, style(9.5)))


def test_a_paragraph_subclass_is_made_as_itself() -> None:
    from reqdrill.render.pdf.drillflow import Para

    made = make(Para, "one<br/>two &amp; three", style(9.5))
    assert type(made) is Para and [f.text for f in made.frags] == ["one", "", "two ", "&", " three"]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(content_text, st.sampled_from(HOSTILE), st.text(string.printable + "“”…é→שלום字\u200f\u0661"))
)
def test_the_markup_shortcut_for_text_in_the_base_font_changes_nothing(text: str) -> None:
    for base in (fonts.REGULAR, fonts.BOLD):
        fast = markup(text, base)
        with mock.patch.object(fonts, "_plain_char", lambda ch, name: False):  # the long way
            assert markup(text, base) == fast


def test_table_cells_break_their_lines_once_and_draw_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table wraps its cells to measure them and again to draw them; a made paragraph re-uses."""
    from reportlab.platypus import Paragraph, Table

    from reqdrill.render.pdf.common import PdfMeta, build_story

    texts = ["Label:", "a value long enough to wrap over several lines " * 4, "x &amp; y<br/>z"]

    def story(make_para: object) -> list[object]:
        rows = [[make_para(f"{t} {i}", style(9.5)) for t in texts] for i in range(3)]  # type: ignore[operator]
        return [Table([row], colWidths=[60, 200, 90]) for row in rows]

    meta = PdfMeta("t", "s", "l")
    theirs = build_story(story(Paragraph), meta, "letter")  # type: ignore[arg-type]
    calls: list[int] = []
    original = Paragraph.breakLines
    monkeypatch.setattr(Paragraph, "breakLines", lambda self, w: calls.append(1) or original(self, w))
    cells = story(paragraph)
    assert build_story(cells, meta, "letter") == theirs  # type: ignore[arg-type]
    # plain one-fragment cells are broken once; the cell of several fragments twice, as before
    assert len(calls) == 3 * (2 + 2)


# Text that reportlab's line breaking treats specially: hyphens, soft hyphens, no-break and
# zero-width spaces, long words, right-to-left letters.
_tricky = st.lists(
    st.sampled_from(
        [
            "a",
            "é",
            " ",
            "  ",
            "-",
            "\u2010",
            "\u2011",
            "\xad",
            "\xa0",
            "\u200b",
            "W" * 30,
            "supercalifragilistic",
            "שלום",
            "“x”",
        ]
    ),
    min_size=1,
    max_size=20,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_tricky | content_text, styles, st.sampled_from([10.0, 20.0, 40.0, 60.0, 100.0, 400.0]))
def test_only_one_plain_fragment_reuses_its_line_breaks(text: str, st_: object, width: float) -> None:
    """reportlab breaks one fragment the same way every time, so reusing its breaks changes nothing."""
    from reportlab.platypus import Paragraph

    from reqdrill.render.pdf.plainpara import Para

    made = paragraph(markup(text, st_.fontName), st_)  # type: ignore[attr-defined, arg-type]
    plain = plain_frags(made.text, st_) is not None  # type: ignore[arg-type]
    assert (type(made) is Para) == (plain and len(made.frags) == 1)
    if type(made) is Para:
        fresh = Paragraph(made.text, st_, frags=plain_frags(made.text, st_))  # type: ignore[arg-type]
        fresh.wrap(width, 2_000)
        # broken twice, and once then reused
        assert draw_alone(fresh, width, 2_000) == draw_alone(made, width, 2_000)
