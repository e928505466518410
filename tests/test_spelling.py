"""US spelling throughout, as in the source: content, code, docs and what reqdrill prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reqdrill.content.model import Content
from reqdrill.render.drillout import render_sheet
from reqdrill.study.cards import build_cards
from reqdrill.study.drills import generate

ROOT = Path(__file__).resolve().parents[1]
_ISE = (
    "optim|recogn|anonym|personal|penal|summar|serial|random|token|special|quant|priorit|polar|normal|"
    "maxim|minim|general|organ|real|util|categor|memor|visual|standard|custom|final|initial|apolog|"
    "emphas|critic|synchron|character|author|stabil|capital|local|vector|sanit|parameter|monet|digit"
)
BRITISH = re.compile(
    r"\b(favour\w*|\w*labell(ed|ing)|colour\w*|behaviour\w*|honour\w*|"
    r"centre[sd]?|catalogue[s]?|travell\w+|neighbour\w*|grey|analys(e|ed|ing)|licence[s]?|defence|"
    r"practis(e|ed|es|ing)|modell(ed|ing)|cancell(ed|ing)|judgement|programme[s]?|artefact[s]?|"
    r"whilst|(" + _ISE + r")is(e|es|ed|ing|ation|ations|er|ers|able))\b",
    re.IGNORECASE,
)
# Files that must name British forms: the stemmer folds them for candidates who type them, its
# tests feed them in, and the benchmarks' question sets are what candidates might type.
ALLOWED = {
    "src/reqdrill/content/words.py",
    "tests/content/test_words.py",
    "tests/test_spelling.py",
}


def british(text: str) -> list[str]:
    return sorted({m.group(0) for m in BRITISH.finditer(text)})


def test_the_pattern_finds_british_forms_and_spares_us_ones() -> None:
    assert british("Favour the labelled, optimised colour; a grey centre; favourite behaviours") == [
        "Favour",
        "behaviours",
        "centre",
        "colour",
        "favourite",
        "grey",
        "labelled",
        "optimised",
    ]
    assert (
        british("favor the labeled, optimized color; a gray center; analysis of promise and exercise") == []
    )
    assert british("drawCentredString, realistic, emphasis, cancellation, analyst") == []


def repository_files() -> list[Path]:
    import subprocess

    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True
    )
    if listed.returncode:  # not a git checkout (an sdist): every file under the tree
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()]
    else:
        names = listed.stdout.splitlines()
    keep = re.compile(r"\.(py|ya?ml|md|txt|json|toml|lock)$|^\.ci/")
    skip = re.compile(r"^(benchmarks/data/|src/reqdrill/render/pdf/fonts/|\.venv|output/)")
    return [ROOT / n for n in sorted(names) if keep.search(n) and not skip.match(n) and n not in ALLOWED]


def test_no_british_spelling_in_content_code_or_docs() -> None:
    found = {}
    for path in repository_files():
        if path.exists() and (words := british(path.read_text(encoding="utf-8", errors="replace"))):
            found[str(path.relative_to(ROOT))] = words
    assert found == {}


def test_no_british_spelling_in_cards_or_drill_sheets(content: Content) -> None:
    texts = [side for card in build_cards(content) for side in (card.front, card.back, card.context) if side]
    for seed in range(6):
        sheet = generate(content, seed, ("recall", "questions", "classify", "mock", "tradeoff", "deep-dive"))
        texts.append(render_sheet(sheet, "md").decode())
    assert british("\n".join(texts)) == []


@pytest.mark.parametrize("kind", ["cheatsheet", "scenario"])
def test_no_british_spelling_in_pdfs(content: Content, kind: str) -> None:
    from pdftext import page_texts

    if kind == "cheatsheet":
        from reqdrill.render.pdf.cheatsheet import render_cheatsheet

        data = render_cheatsheet(content, "letter")
    else:
        from reqdrill.render.pdf.scenario import render_scenarios

        data = render_scenarios(content, "a4")
    assert british("\n".join(page_texts(data, footer=False))) == []
