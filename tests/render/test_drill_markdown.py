"""Markdown drill sheets: golden files, GitHub-safe escaping of hostile content, the answer-key section."""

from __future__ import annotations

import html.parser
import os
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import assume, given, settings

from reqdrill.content.model import Content
from reqdrill.render.drill_markdown import SheetRenderer, render
from reqdrill.render.markdown import escape, inline
from reqdrill.study.drills import generate, generate_batch
from strategies import contents, drill_kinds, drill_seeds, scenarios_needed

GOLDEN = Path(__file__).parents[1] / "data" / "golden"
# Two fixed seeds on the bundled content: the default mixed session, and every kind at once.
GOLDENS = {
    "drill-2024-mixed.md": (2024, ()),
    "drill-7-all-kinds.md": (7, ("recall", "questions", "classify", "mock", "tradeoff", "deep-dive")),
}
ALLOWED_TAGS = {"h1", "h2", "h3", "p", "ol", "ul", "li", "strong", "code", "blockquote", "hr", "a"}


def to_html(markdown: bytes) -> str:
    """GitHub's own Markdown renderer, with raw HTML let through so any unescaped tag would show."""
    extensions = ["table", "strikethrough", "autolink", "tasklist"]
    return cmarkgfm.markdown_to_html_with_extensions(
        markdown.decode(), options=Options.CMARK_OPT_UNSAFE, extensions=extensions
    )


class _Parsed(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markdown: bytes) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(to_html(markdown))
    return parsed


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_golden_sheets(content: Content, name: str) -> None:
    """Regenerate with REQDRILL_UPDATE_GOLDEN=1 after a deliberate change, then read the diff."""
    seed, kinds = GOLDENS[name]
    data = render(generate(content, seed, kinds))
    path = GOLDEN / name
    if os.environ.get("REQDRILL_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data.decode() == path.read_text(encoding="utf-8")


@settings(max_examples=15)
@given(contents(), drill_kinds(), drill_seeds)
def test_hostile_content_renders_as_exactly_its_text(
    content: Content, kinds: tuple[str, ...], seed: int
) -> None:
    assume(scenarios_needed(kinds) <= len(content.scenarios))
    sheet = generate(content, seed, kinds)
    parsed = parse(render(sheet))
    assert set(parsed.tags) <= ALLOWED_TAGS, set(parsed.tags) - ALLOWED_TAGS
    assert parsed.tags.count("hr") == 1  # only the rule before the answer key: no blank became a rule
    text = "".join(parsed.text)
    for e in sheet.exercises:
        strings = [e.title, e.instructions] + [i.prompt for i in e.items]
        strings += [a.text for a in e.answers] + [n.text for a in e.answers for n in a.notes]
        strings += [c for i in e.items for b in i.blanks for c in (b.label, *b.choices)]
        if e.scenario is not None:
            strings += [e.scenario.prompt, e.scenario.name]
        for s in strings:
            assert s.strip() in text, s


@settings(max_examples=10)
@given(contents(), drill_seeds)
def test_without_answers_there_is_no_key(content: Content, seed: int) -> None:
    data = render(generate(content, seed), answers=False)
    assert b"Answer key" not in data
    assert "hr" not in parse(data).tags


def test_answer_key_comes_after_every_exercise_and_lists_them_in_order(content: Content) -> None:
    sheet = generate(content, 5, ("recall", "questions", "classify", "mock", "tradeoff", "deep-dive"))
    text = render(sheet).decode()
    sheet_part, key_part = text.split("\n## Answer key (seed 5)\n")
    assert [line for line in sheet_part.splitlines() if line.startswith("## ")] == [
        f"## {e.number}. {e.title} ({e.time_limit_seconds // 60}:{e.time_limit_seconds % 60:02d})"
        for e in sheet.exercises
    ]
    titles = [line for line in key_part.splitlines() if line.startswith("### ")]
    assert [t.split(":")[0] for t in titles] == [f"### {e.number}. {e.title}" for e in sheet.exercises]
    for e in sheet.exercises:
        assert all(escape(a.text) in key_part for a in e.answers)


def test_sheet_shows_seed_timer_and_blanks(content: Content) -> None:
    text = render(generate(content, 42, ("mock",))).decode()
    assert text.startswith("# Drill sheet 42\n\n**Seed** 42 · **Drills** mock · **Time** about 5 min\n")
    assert "Regenerate: `reqdrill drill --seed 42 --kind mock`" in text
    assert "⏱ Target 5:00 · Start ________________ · Stop ________________" in text
    assert "- Labeled: ☐ Yes  ☐ No  ☐ Partial" in text
    # a field with two rules: the second continues the list entry as a paragraph of its own
    assert "- Primary goal: ____________________________________\n\n  \\____________" in text
    assert "- Users: ____________________________________\n- DAU: " in text


def test_a_batch_renderer_gives_the_same_bytes_as_one_sheet_at_a_time(content: Content) -> None:
    sheets = generate_batch(content, 1, 40)
    renderer = SheetRenderer()
    assert [renderer.render(s) for s in sheets] == [render(s) for s in sheets]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        (
            "a ~x~ $5 @me #1 | *b* _i_ `c` [l](u) &amp;",
            "a \\~x\\~ \\$5 \\@me \\#1 \\| \\*b\\* \\_i\\_ \\`c\\` \\[l\\](u) \\&amp;",
        ),
        ("two\nlines", "two lines"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("- x", "\\- x"), ("+ x", "\\+ x"), ("12. x", "12\\. x"), ("3) x", "3\\) x"), ("= x", "\\= x")],
)
def test_inline_escapes_markers_that_would_open_a_block(text: str, expected: str) -> None:
    assert inline(text) == expected
