"""Measure a deck as Anki renders it: answer length, labeled facts, questions asked at once, fronts.

Run `.venv/bin/python tests/cardstats.py` to print the figures of the bundled content's deck
(built into a temporary directory and imported with Anki's own backend), or add the path of an
.apkg to measure that package (`tests/data/previous-deck/reqdrill.apkg` is the deck before cards
were split). The tests in tests/anki/test_cardstats.py use the same functions.

The answer of a card is what it asks the learner to recall: a basic card's Back, a cloze card's
revealed blank. The Context field (the why, the source, the related question), shown smaller under
the answer, is not part of it.
"""

from __future__ import annotations

import html
import re
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

_STYLE = re.compile(r"<style>.*?</style>", re.S)
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>|</div>|</li>", re.I)
_BACK = re.compile(r'<div class="back">(.*?)</div>(?=<div class="(?:figure|context)"|</div>$)', re.S)
_CLOZE = re.compile(r'<span class="cloze"[^>]*>(.*?)</span>', re.S)
# A labeled fact: a line that opens with a short label and a colon ("Peak QPS: ~1.2K/sec").
_LABELED = re.compile(r"^\s*[^\s:][^:\n]{0,40}:\s+\S", re.M)
# A question: text ending in "?" before a blank, a closing quote or the end.
_QUESTION = re.compile(r"[^?\s][^?]*?\?+(?=\s|[”\"’)]|$)")


def text_of(rendered: str) -> str:
    """What a reader sees of rendered card HTML: no CSS, no tags, entities decoded, breaks kept."""
    rendered = _BREAK.sub("\n", _STYLE.sub("", rendered))
    return html.unescape(_TAG.sub("", rendered)).strip()


def answer_of(answer_html: str) -> str:
    """The part of a rendered answer that the learner had to recall (not the front, not the context)."""
    body = _STYLE.sub("", answer_html)
    blanks = _CLOZE.findall(body)
    if blanks:
        return "\n".join(text_of(b) for b in blanks)
    match = _BACK.search(body)
    if match is None:
        raise ValueError(f"no answer found in {body[:300]!r}")
    return text_of(match.group(1))


def words(text: str) -> int:
    """Words in a text, split on white space."""
    return len(text.split())


def labeled_facts(text: str) -> int:
    """Lines that open with `Label:`: the figures a multi-fact back asks for together."""
    return len(_LABELED.findall(text))


def questions(text: str) -> int:
    """Questions in a text: each run of text that ends in a question mark."""
    return len(_QUESTION.findall(text))


def items(text: str) -> int:
    """Items an answer asks for: its lines, or its questions if there are more of those."""
    return max(len([line for line in text.splitlines() if line.strip()]), questions(text))


@dataclass(frozen=True)
class Rendered:
    """One card as Anki renders it: the front as read, and the answer to recall."""

    front: str
    answer: str


@dataclass(frozen=True)
class Figures:
    """The deck's measures."""

    cards: int
    median_words: float
    p90_words: float
    multi_fact: int
    """Answers holding 3 or more labeled facts."""
    question_sets: int
    """Answers asking for 3 or more questions at once."""
    sets: int
    """Answers of 3 or more items (lines or questions): a set to recall at once."""
    duplicate_fronts: int
    """Cards whose front is the same as another card's."""

    def lines(self) -> list[str]:
        """The figures, one per line."""
        return [
            f"cards: {self.cards}",
            f"answer words: median {self.median_words:g}, 90th percentile {self.p90_words:g}",
            f"answers with 3+ labeled facts: {self.multi_fact}",
            f"answers asking for 3+ questions at once: {self.question_sets}",
            f"answers that are a set of 3+ items (lines or questions): {self.sets}",
            f"cards sharing their front with another card: {self.duplicate_fronts}",
        ]


def percentile(values: Sequence[int], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return float(ordered[int(rank) - 1])


def measure(cards: Iterable[Rendered]) -> Figures:
    """The figures of a list of rendered cards."""
    cards = list(cards)
    counts = [words(c.answer) for c in cards]
    fronts = Counter(c.front for c in cards)
    return Figures(
        cards=len(cards),
        median_words=statistics.median(counts) if counts else 0.0,
        p90_words=percentile(counts, 90) if counts else 0.0,
        multi_fact=sum(labeled_facts(c.answer) >= 3 for c in cards),
        question_sets=sum(questions(c.answer) >= 3 for c in cards),
        sets=sum(items(c.answer) >= 3 for c in cards),
        duplicate_fronts=sum(n for n in fronts.values() if n > 1),
    )


def render_collection(col: object) -> list[Rendered]:
    """Every card of an Anki collection, rendered by Anki itself."""
    from anki.collection import Collection

    assert isinstance(col, Collection)
    out = []
    for cid in sorted(col.find_cards("")):
        card = col.get_card(cid)
        out.append(Rendered(text_of(card.question()), answer_of(card.answer())))
    return out


def import_into(col: object, package: Path) -> object:
    """Import an .apkg with Anki's importer; returns its log."""
    from anki.collection import Collection, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageOptions

    assert isinstance(col, Collection)
    request = ImportAnkiPackageRequest(
        package_path=str(package.resolve()), options=ImportAnkiPackageOptions()
    )
    return col.import_anki_package(request).log


def package_figures(package: Path) -> Figures:
    """Import a package into a scratch collection and measure it."""
    from anki.collection import Collection

    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            import_into(col, package)
            return measure(render_collection(col))
        finally:
            col.close()


def bundled_figures() -> Figures:
    """Build the bundled content's deck in a scratch directory and measure it."""
    from reqdrill.anki.deck import build_anki
    from reqdrill.content.load import load_content
    from reqdrill.content.paths import bundled_root

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "content").mkdir()
        build_anki(load_content(bundled_root()), work / "content", work / "deck.apkg")
        return package_figures(work / "deck.apkg")


if __name__ == "__main__":
    figures = package_figures(Path(sys.argv[1])) if len(sys.argv) > 1 else bundled_figures()
    sys.stdout.write("\n".join(figures.lines()) + "\n")
