"""Word stems for the classifier: case, accents, punctuation, plurals and inflections meet."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from reqdrill.content.words import fold, stem, stems, term_parts
from strategies import typed_text


@pytest.mark.parametrize(
    "words",
    [
        ("user", "users", "Users"),
        ("retrain", "retrains", "retrained", "retraining"),
        ("label", "labels", "labelled", "labeled", "labeling", "labelling"),
        ("latency", "latencies"),
        ("bias", "biases"),
        ("anonymise", "anonymize", "anonymised", "anonymized"),
        ("behaviour", "behavior", "behaviours"),
        ("catalogue", "catalog", "catalogs"),
        ("DAU", "DAUs", "daus"),
        ("GPU", "GPUs"),
    ],
)
def test_inflections_share_a_stem(words: tuple[str, ...]) -> None:
    assert len({stems(w) for w in words}) == 1, {w: stems(w) for w in words}


@pytest.mark.parametrize("word", ["qps", "p99", "gdpr", "need", "speed", "feed", "class", "analysis"])
def test_short_words_acronyms_and_non_inflections_are_kept(word: str) -> None:
    assert stem(word) == word


def test_stems_ignore_case_accents_and_punctuation() -> None:
    assert stems("How many DAUs?!") == ("how", "many", "dau")
    assert stems("  ANONYMISÉ… (privacy) ") == stems("anonymise privacy")
    assert fold("Straße PRIVACY İ ı") == fold("STRASSE privacy i I")


def test_term_parts_split_on_plus() -> None:
    assert term_parts("how many + users") == (("how", "many"), ("user",))
    assert term_parts("a b test") == (("a", "b", "test"),)
    assert term_parts("north + ???") == (("north",), ())


@settings(max_examples=300)
@given(text=typed_text)
def test_the_ascii_fast_path_splits_like_the_unicode_rule(text: str) -> None:
    """Words are runs of letters and digits (not underscores), whichever path splits them."""
    assert stems(text) == tuple(map(stem, re.findall(r"[^\W_]+", fold(text))))
