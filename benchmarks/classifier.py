"""Benchmark the question classifier: cross-validated and validation accuracy, confusions, speed.

Run: .venv/bin/python benchmarks/classifier.py [--errors cv|validation|held-out] [--folds 10]

Three sets of labeled questions, none of which the classifier may be judged on while it learns
from them:
- the pool: the vocabulary's `examples` (decks/classifier.yaml) and the old held-out set
  (benchmarks/data/classifier_eval.yaml). Both were looked at while the lexicon was written, so
  the pool is scored only by grouped cross-validation: questions are grouped by the product they
  are about (generic ones by author), and each fold is classified by a classifier built from the
  content *without* that fold's examples and without any other example about the same products.
  The old held-out questions are never training examples, only test questions.
- the frozen validation set (benchmarks/data/classifier_validation.yaml): written before the
  rework, for products that appear nowhere else, and only measured at checkpoints.
- the old held-out set on its own, classified by the full classifier: it was unseen when the first
  classifier was written, but no longer is, so its figure is reported for comparison only.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import yaml

from reqdrill.content.load import load_content
from reqdrill.content.model import Content, Vocabulary
from reqdrill.content.paths import bundled_root
from reqdrill.content.words import stem
from reqdrill.interview.classify import LABELS, NONE, Classifier

DATA = Path(__file__).parent / "data"
EVAL_FILE = DATA / "classifier_eval.yaml"
VALIDATION_FILE = DATA / "classifier_validation.yaml"
BLIND_FILE = DATA / "classifier_blind.yaml"
Example = tuple[str, str]  # (label, question)
Predict = Callable[[str], str]

# Which product a question is about, for grouping cross-validation folds: the first match wins.
# Questions about no named product are grouped by source and position instead.
PRODUCTS = (
    ("telecom", r"churn|carrier|subscriber|\bcall(er)?s?\b|call records|called"),
    ("messaging", r"smart reply|suggested repl|private messages"),
    ("invoices", r"invoice|\bocr\b|accountant|extracted amount"),
    ("reviews", r"fake.review|reviewers? who|genuine reviews|review helpful|review is hidden"),
    ("forum", r"forum|duplicate (question|check)"),
    ("sales", r"\blead|sales team|salesperson|\bcrm\b"),
    ("streaming", r"stream"),
    ("doorbell", r"doorbell|visitor"),
    ("fitness", r"workout|fitness|watch with"),
    ("sizing", r"sizing|size (chart|prediction)|measurements|too small"),
    ("pricing", r"surge|pricing"),
    ("trending", r"trending"),
    ("legal", r"contract|lawyer|clause"),
    ("chatbot", r"chatbot|\bbot\b"),
    ("dating", r"dating|member|second date|sexual"),
    ("news", r"news|article|reader|journalist|headline"),
    ("travel", r"hotel|travel|booking|guest"),
    ("courses", r"course|learner|lesson|enrol"),
    ("games", r"player|matchmak|game|queue"),
    ("support", r"ticket|support"),
    ("lending", r"loan|credit|applicant|repay|lending"),
    ("grocery", r"grocery|substitut|shopper|aisle|store carry"),
    ("voice", r"voice|assistant|speaker|audio|speech|transcri"),
    ("code", r"code|developer|keystroke|repositor"),
    ("email", r"email|spam|inbox|mail"),
    ("translation", r"translat|bleu|language pair"),
    ("photos", r"photo|faces|picture"),
    ("payments", r"fraud|payment|transaction|chargeback|checkout"),
    ("delivery", r"\beta\b|deliver|courier|rider|restaurant|meal|route|dinner|gps|trip"),
    ("jobs", r"job|recruit|hiring|hire"),
    ("music", r"music|song|listen|playlist|artist|track"),
    ("ads", r"\bads?\b|advertis|auction|click-through"),
    ("marketplace", r"seller|listing|marketplace|merchandise|cart"),
    ("keyboard", r"keyboard|autocomplete|typing|handset"),
    ("search", r"search|quer"),
    ("video", r"video|viewer|clip|creator|channel"),
    ("events", r"\bevent"),
    ("moderation", r"post|moderat|harmful|remov"),
)
GENERIC_GROUPS = 7


def load_labeled(path: Path) -> list[Example]:
    """(label, question) pairs from a `label: [questions]` YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples: list[Example] = []
    for label, questions in data.items():
        assert label in LABELS, f"unknown label {label!r} in {path}"
        examples += [(label, q) for q in questions]
    return examples


def load_held_out(path: Path = EVAL_FILE) -> list[Example]:
    """The old held-out set."""
    return load_labeled(path)


def tuning_examples(content: Content) -> list[Example]:
    """The vocabulary's examples: the classifier's training questions."""
    vocabulary = content.classifier or Vocabulary()
    return [(cues.category, q) for cues in vocabulary.categories for q in cues.examples]


def group_of(source: str, position: int, question: str) -> str:
    """The cross-validation group of a question: its product, else its source and a slice."""
    for name, pattern in PRODUCTS:
        if re.search(pattern, question, re.IGNORECASE):
            return name
    return f"{source}:{position % GENERIC_GROUPS}"


def folds(pool: list[tuple[str, Example]], k: int) -> list[list[tuple[str, Example]]]:
    """Split (source, example) pairs into k folds of whole groups, largest groups first, evenly."""
    groups: dict[str, list[tuple[str, Example]]] = {}
    for i, (source, example) in enumerate(pool):
        groups.setdefault(group_of(source, i, example[1]), []).append((source, example))
    out: list[list[tuple[str, Example]]] = [[] for _ in range(k)]
    for name in sorted(groups, key=lambda g: (-len(groups[g]), g)):
        min(out, key=len).extend(groups[name])
    return out


def with_examples(content: Content, keep: Callable[[str, str], bool]) -> Content:
    """The content with only the vocabulary examples `keep(label, question)` accepts."""
    vocabulary = content.classifier or Vocabulary()
    categories = tuple(
        msgspec.structs.replace(c, examples=tuple(q for q in c.examples if keep(c.category, q)))
        for c in vocabulary.categories
    )
    return msgspec.structs.replace(
        content, classifier=msgspec.structs.replace(vocabulary, categories=categories)
    )


def cross_validated(content: Content, held_out: list[Example], k: int = 10) -> list[tuple[str, Example, str]]:
    """(source, example, predicted label) for every pool question, each predicted by a classifier
    built without its fold's groups."""
    pool = [("examples", e) for e in tuning_examples(content)] + [("held_out", e) for e in held_out]
    out = []
    for fold in folds(pool, k):
        test = frozenset(e for _, e in fold)
        classifier = Classifier.from_content(
            with_examples(content, lambda label, q, t=test: (label, q) not in t)
        )
        out += [(source, e, classifier.classify(e[1]).category) for source, e in fold]
    return out


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


def accuracy(predict: Predict, examples: list[Example]) -> float:
    """The share of examples whose predicted label is right."""
    return sum(predict(q) == label for label, q in examples) / len(examples)


def share_right(rows: list[tuple[str, Example, str]]) -> float:
    """The share of (source, example, prediction) rows predicted right."""
    return sum(e[0] == p for _, e, p in rows) / len(rows) if rows else float("nan")


def confusion(pairs: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Counts of predicted labels per true label, from (true, predicted) pairs."""
    matrix = {t: dict.fromkeys(LABELS, 0) for t in LABELS}
    for label, predicted in pairs:
        matrix[label][predicted] += 1
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


def build_seconds(content: Content, runs: int = 20) -> float:
    """The fastest of several builds of the classifier, with a cold stem cache each time."""
    best = float("inf")
    for _ in range(runs):
        stem.cache_clear()
        t = time.perf_counter()
        Classifier.from_content(content)
        best = min(best, time.perf_counter() - t)
    return best


def content_root() -> Path:
    """The content to benchmark: $REQDRILL_CONTENT, or the bundled content."""
    return Path(os.environ.get("REQDRILL_CONTENT") or bundled_root())


def figures(seconds: float = 1.0, k: int = 10) -> dict[str, Any]:
    """Every figure the benchmark reports, as plain data."""
    content = load_content(content_root())
    classifier = Classifier.from_content(content)
    predict: Predict = lambda q: classifier.classify(q).category  # noqa: E731
    tune, held, valid = tuning_examples(content), load_held_out(), load_labeled(VALIDATION_FILE)
    blind = load_labeled(BLIND_FILE)
    rows = cross_validated(content, held, k)
    questions = [q for _, q in tune + held + valid]
    return {
        "examples": {
            "tune": len(tune),
            "held_out": len(held),
            "validation": len(valid),
            "blind": len(blind),
            "folds": k,
        },
        "accuracy": {
            "cross_validated": share_right(rows),
            "cross_validated_examples": share_right([r for r in rows if r[0] == "examples"]),
            "cross_validated_held_out": share_right([r for r in rows if r[0] == "held_out"]),
            "blind": accuracy(predict, blind),
            "validation": accuracy(predict, valid),
            "held_out": accuracy(predict, held),
            "tune": accuracy(predict, tune),
            "baseline_validation": accuracy(baseline, valid),
            "baseline_blind": accuracy(baseline, blind),
            "baseline_pool": accuracy(baseline, tune + held),
        },
        "confusion_cross_validated": confusion([(e[0], p) for _, e, p in rows]),
        "confusion_validation": confusion([(label, predict(q)) for label, q in valid]),
        "confusion_blind": confusion([(label, predict(q)) for label, q in blind]),
        "errors": {
            "cv": [(e[0], p, e[1]) for _, e, p in rows if e[0] != p],
            "validation": [(label, predict(q), q) for label, q in valid if predict(q) != label],
            "blind": [(label, predict(q), q) for label, q in blind if predict(q) != label],
            "held-out": [(label, predict(q), q) for label, q in held if predict(q) != label],
        },
        "build_seconds": build_seconds(content),
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
    """Print the classifier figures; `--errors` lists one set's mistakes."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--errors", choices=["cv", "validation", "held-out", "blind"], help="list one set's mistakes"
    )
    parser.add_argument("--seconds", type=float, default=1.0, help="time per throughput measurement")
    parser.add_argument("--folds", type=int, default=10, help="cross-validation folds")
    args = parser.parse_args(argv)
    f = figures(args.seconds, args.folds)
    n, acc, qps = f["examples"], f["accuracy"], f["questions_per_second"]
    pool = n["tune"] + n["held_out"]
    lines = [
        f"questions: {n['tune']} examples + {n['held_out']} old held-out = {pool} pool; "
        f"{n['validation']} validation",
        f"accuracy, {n['folds']}-fold cross-validated by product group ({pool}): "
        f"{acc['cross_validated']:.1%}  (examples {acc['cross_validated_examples']:.1%}, "
        f"old held-out {acc['cross_validated_held_out']:.1%})",
        f"accuracy, blind set ({n['blind']}, written without seeing the classifier, measured once "
        f"before it was committed: 95.5%): {acc['blind']:.1%}  "
        f"(source keyword rules: {acc['baseline_blind']:.1%})",
        f"accuracy, frozen validation set ({n['validation']}): {acc['validation']:.1%}"
        f"  (source keyword rules: {acc['baseline_validation']:.1%})",
        f"accuracy, old held-out set ({n['held_out']}), full classifier: {acc['held_out']:.1%}"
        "  (no longer unseen: looked at while the lexicon was written)",
        f"accuracy, training examples: {acc['tune']:.1%}"
        f"  (source keyword rules on the pool: {acc['baseline_pool']:.1%})",
        "confusion matrix, cross-validated pool:",
        format_matrix(f["confusion_cross_validated"]),
        "confusion matrix, blind set:",
        format_matrix(f["confusion_blind"]),
        "confusion matrix, validation set:",
        format_matrix(f["confusion_validation"]),
        f"throughput: {qps['warm']:,.0f} questions/s warm, "
        f"{qps['cold']:,.0f} questions/s with a cold stem cache",
        f"building the classifier: {f['build_seconds'] * 1000:.1f} ms (fastest of 20, cold stem cache)",
    ]
    print("\n".join(lines))
    if args.errors:
        for label, got, q in f["errors"][args.errors]:
            print(f"  {label} -> {got}: {q}")


if __name__ == "__main__":
    main()
