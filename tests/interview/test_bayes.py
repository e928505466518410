"""The naive Bayes model behind the classifier: features and learned evidence."""

from __future__ import annotations

from reqdrill.content.words import stems
from reqdrill.interview.bayes import NaiveBayes, features

STOP = frozenset(stems("how the do we is are what can"))


def test_features_are_stems_pairs_and_the_opening() -> None:
    assert features(stems("How many users?"), STOP) == {"many", "user", "many user", "^how", "^how many"}
    # The opening pair is not counted twice, as a plain pair too.
    assert "how many" not in features(stems("How many users?"), STOP)
    assert "how many" in features(stems("So how many users?"), STOP)


def test_pairs_of_stopwords_and_numbers_are_not_features() -> None:
    feats = features(stems("What is the p99 in 200 ms"), STOP)
    assert "is the" not in feats and "200" not in feats
    assert {"p99", "ms", "the p99", "^what", "^what is"} <= feats
    assert features((), STOP) == set()


def test_evidence_points_to_the_label_a_feature_was_seen_with() -> None:
    model = NaiveBayes(3, [(0, {"gpu", "budget"}), (1, {"latency"}), (2, {"hello"})], alpha=0.1)
    scores, known = model.scores({"gpu", "unknown"})
    assert known == 1
    assert scores[0] > scores[1] == scores[2]
    scores, known = model.scores({"latency"})
    assert scores.index(max(scores)) == 1


def test_unknown_words_give_no_evidence() -> None:
    model = NaiveBayes(2, [(0, {"a"}), (1, {"b"})], alpha=0.1)
    assert model.scores({"zzz"}) == ([0, 0], 0)
    assert NaiveBayes(2, [], alpha=0.1).scores({"a"}) == ([0, 0], 0)


def test_more_examples_mean_more_evidence() -> None:
    model = NaiveBayes(2, [(0, {"peak"}), (0, {"peak"}), (1, {"peak"}), (0, {"x"}), (1, {"y"})], alpha=0.1)
    scores, _ = model.scores({"peak"})
    assert scores[0] > scores[1]


def test_a_label_with_more_text_does_not_lose_on_length() -> None:
    # "peak" is 1 of 2 features of label 1, but 1 of 20 of label 0: it points to label 1.
    docs = [(0, {"peak", "a"}), *((0, {f"w{i}", f"v{i}"}) for i in range(9)), (1, {"peak", "b"})]
    scores, known = NaiveBayes(2, docs, alpha=0.1).scores({"peak"})
    assert known == 1 and scores[1] > scores[0]
