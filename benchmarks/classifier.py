"""Benchmark the question classifier: held-out accuracy, confusion matrix and throughput.

Run: .venv/bin/python benchmarks/classifier.py [--errors tune]
Two halves: the tuning half is the `examples` of the content's classifier vocabulary
(decks/classifier.yaml), which the vocabulary was written and adjusted against; the held-out
half is benchmarks/data/classifier_eval.yaml, written afterwards and only ever reported.
The tuning half is also scored by 5-fold cross-validation: the classifier learns words from
the examples, so each fold is classified by a classifier built without it.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

import msgspec
import yaml

from reqdrill.classify import LABELS, NONE, Classifier
from reqdrill.load import load_content
from reqdrill.model import Content, Vocabulary
from reqdrill.paths import bundled_root
from reqdrill.words import stem

EVAL_FILE = Path(__file__).parent / "data" / "classifier_eval.yaml"
Example = tuple[str, str]  # (label, question)


def load_held_out(path: Path = EVAL_FILE) -> list[Example]:
    """The held-out half: (label, question) pairs."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples: list[Example] = []
    for label, questions in data.items():
        assert label in LABELS, f"unknown label {label!r} in {path}"
        examples += [(label, q) for q in questions]
    return examples


def tuning_examples(content: Content) -> list[Example]:
    """The tuning half: the vocabulary's examples."""
    vocabulary = content.classifier or Vocabulary()
    return [(cues.category, q) for cues in vocabulary.categories for q in cues.examples]


def without_examples(content: Content, fold: int, folds: int) -> Content:
    """The content with every `folds`-th example of each category (from `fold`) removed."""
    vocabulary = content.classifier or Vocabulary()
    categories = tuple(
        msgspec.structs.replace(c, examples=tuple(q for i, q in enumerate(c.examples) if i % folds != fold))
        for c in vocabulary.categories
    )
    return msgspec.structs.replace(
        content, classifier=msgspec.structs.replace(vocabulary, categories=categories)
    )


def cross_validated(content: Content, folds: int = 5) -> float:
    """Accuracy on the tuning examples, each classified by a classifier that did not learn from it."""
    vocabulary = content.classifier or Vocabulary()
    right = total = 0
    for fold in range(folds):
        classifier = Classifier.from_content(without_examples(content, fold, folds))
        for cues in vocabulary.categories:
            for q in cues.examples[fold::folds]:
                right += classifier.classify(q).category == cues.category
                total += 1
    return right / total if total else float("nan")


def baseline(question: str) -> str:
    """The source's MockInterviewer rules, in its order: the keyword matching to beat."""
    q = question.lower()
    rules = [
        ("business_objective", ("business", "objective", "goal")),
        ("features_supported", ("feature", "action", "user")),
        ("data", ("data", "label")),
        ("scale", ("scale", "users", "traffic")),
        ("performance", ("latency", "performance", "speed")),
        ("privacy_ethics", ("privacy", "ethic", "bias")),
        ("constraints", ("constrain", "compute", "device")),
    ]
    return next((cid for cid, words in rules if any(w in q for w in words)), NONE)


def accuracy(predict: Any, examples: list[Example]) -> float:
    """The share of examples whose predicted label is right."""
    return sum(predict(q) == label for label, q in examples) / len(examples)


def confusion(predict: Any, examples: list[Example]) -> dict[str, dict[str, int]]:
    """Counts of predicted labels per true label."""
    matrix = {t: dict.fromkeys(LABELS, 0) for t in LABELS}
    for label, q in examples:
        matrix[label][predict(q)] += 1
    return matrix


def throughput(classifier: Classifier, questions: list[str], *, cold: bool, seconds: float = 1.0) -> float:
    """Questions classified per second in the fastest pass over `questions` within `seconds`
    (the fastest pass is the least disturbed by other work on a shared machine); `cold` clears
    the stem cache before every pass."""
    best, start = float("inf"), time.perf_counter()
    while time.perf_counter() - start < seconds:
        if cold:
            stem.cache_clear()
        t = time.perf_counter()
        for q in questions:
            classifier.classify(q)
        best = min(best, time.perf_counter() - t)
    return len(questions) / best


def content_root() -> Path:
    """The content to benchmark: $REQDRILL_CONTENT, or the bundled content."""
    return Path(os.environ.get("REQDRILL_CONTENT") or bundled_root())


def figures(seconds: float = 1.0) -> dict[str, Any]:
    """Every figure the benchmark reports, as plain data."""
    content = load_content(content_root())
    start = time.perf_counter()
    classifier = Classifier.from_content(content)
    build = time.perf_counter() - start
    tune, held = tuning_examples(content), load_held_out()
    predict = lambda q: classifier.classify(q).category  # noqa: E731
    questions = [q for _, q in tune + held]
    return {
        "examples": {"tune": len(tune), "held_out": len(held)},
        "accuracy": {
            "tune": accuracy(predict, tune),
            "tune_cross_validated": cross_validated(content),
            "held_out": accuracy(predict, held),
            "baseline_held_out": accuracy(baseline, held),
        },
        "confusion_held_out": confusion(predict, held),
        "build_seconds": build,
        "questions_per_second": {
            "warm": throughput(classifier, questions, cold=False, seconds=seconds),
            "cold": throughput(classifier, questions, cold=True, seconds=seconds),
        },
    }


def format_matrix(matrix: dict[str, dict[str, int]]) -> str:
    """The confusion matrix as a text table: rows are true labels, columns predictions."""
    short = {label: label[:6] for label in LABELS}
    lines = ["true \\ predicted".ljust(20) + "".join(short[p].rjust(8) for p in LABELS)]
    for t in LABELS:
        lines.append(t.ljust(20) + "".join(str(matrix[t][p]).rjust(8) for p in LABELS))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Print the classifier figures; `--errors tune` lists the tuning half's mistakes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--errors", choices=["tune", "held-out"], help="list the misclassified questions of one half"
    )
    parser.add_argument("--seconds", type=float, default=1.0, help="time per throughput measurement")
    args = parser.parse_args(argv)
    f = figures(args.seconds)
    acc = f["accuracy"]
    print(f"examples: {f['examples']['tune']} tuning, {f['examples']['held_out']} held out")
    print(
        f"accuracy, tuning half:   {acc['tune']:.1%} ({acc['tune_cross_validated']:.1%} 5-fold cross-validated)"
    )
    print(
        f"accuracy, held-out half: {acc['held_out']:.1%}  (source keyword rules: {acc['baseline_held_out']:.1%})"
    )
    print("confusion matrix, held-out half:")
    print(format_matrix(f["confusion_held_out"]))
    qps = f["questions_per_second"]
    print(
        f"throughput: {qps['warm']:,.0f} questions/s warm, {qps['cold']:,.0f} questions/s with a cold stem cache"
    )
    print(f"building the classifier: {f['build_seconds'] * 1000:.1f} ms")
    if args.errors:
        content = load_content(content_root())
        classifier = Classifier.from_content(content)
        for label, q in tuning_examples(content) if args.errors == "tune" else load_held_out():
            got = classifier.classify(q)
            if got.category != label:
                print(f"  {label} -> {got.category} ({got.confidence}): {q}")


if __name__ == "__main__":
    main()
