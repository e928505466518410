"""Benchmark the mock interviewer's fact retrieval: fact accuracy, silent questions, speed.

Run: .venv/bin/python benchmarks/interviewer.py [--set FILE ...] [--errors] [--engine NAME] [--cv]

Each set is a YAML list of rows {scenario, question, expect, after?}; the format is documented at
the top of benchmarks/data/interviewer_dev.yaml. Every row is asked in a fresh interview (after
its `after` question, if any), through the same Session the CLI uses. Without --set, the bundled
sets are measured: the two development sets (tuned and fitted against), the held-out set (six
other scenarios) and the second held-out set (all 13 scenarios, written before the second pass at
retrieval), both development data since the fourth pass, and the blind set (summary only).

- fact accuracy: rows expecting a fact, answered first with one of the expected ids;
- silent questions: rows the scenario is silent on, answered with an invitation to assume (and
  no fact); the silent-question rate is how often the interviewer said "not specified" at all;
- off-topic rows (`none`): neither a fact nor an invitation;
- speed: the median and 90th percentile time to answer one question, classification included.

`--cv` measures the intent model alone by cross-validation over its example questions
(`interviewer.asks`), grouped by product: each of 10 folds is classified by a model trained without
its products' questions (questions without a product are one group of their own).

`--engine` swaps the index for a plain BM25 over one field (name, cue words and value together,
without related words), hand-written or from a PyPI library if it is installed (rank-bm25, bm25s), to compare
them on the same tokens; the library's import time is measured in a fresh process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reqdrill.content.load import load_content
from reqdrill.content.model import Content
from reqdrill.content.paths import bundled_root
from reqdrill.content.words import stems
from reqdrill.interview.classify import BASE_STOPWORDS, Classifier
from reqdrill.interview.intent import IntentModel, examples
from reqdrill.interview.retrieval import FactIndex, Hit, Retriever
from reqdrill.interview.session import Session
from reqdrill.interview.terms import Analyzer

DATA = Path(__file__).parent / "data"
DEV = DATA / "interviewer_dev.yaml"
DEV_2 = DATA / "interviewer_dev2.yaml"  # written for the fourth pass before it was run
HELD_OUT = DATA / "interviewer_heldout.yaml"
HELD_OUT_2 = DATA / "interviewer_heldout2.yaml"
BLIND = DATA / "interviewer_blind.yaml"  # written blind, measured once per pass, then committed
BLIND_2 = DATA / "interviewer_blind2.yaml"  # the same, written for the fourth pass, never seen by it
SETS = (DEV, DEV_2, HELD_OUT, HELD_OUT_2, BLIND, BLIND_2)
SET_NAMES = (
    "development",
    "second development",
    "held-out",
    "second held-out",
    "blind (measured once)",
    "second blind (measured once)",
)
SILENT, NONE = "silent", "none"
ENGINES = ("bm25f", "bm25", "rank-bm25", "bm25s")


@dataclass(frozen=True)
class Row:
    """One question of a set and what it expects."""

    scenario: str
    question: str
    expect: tuple[str, ...]
    after: str | None = None

    @property
    def kind(self) -> str:
        return self.expect[0] if self.expect[0] in (SILENT, NONE) else "fact"


@dataclass(frozen=True)
class Outcome:
    """How the interviewer answered one row."""

    row: Row
    facts: tuple[str, ...]
    invited: bool
    answer: str
    seconds: float

    @property
    def right(self) -> bool:
        if self.row.kind == SILENT:
            return self.invited and not self.facts
        if self.row.kind == NONE:
            return not self.invited and not self.facts
        return bool(self.facts) and self.facts[0] in self.row.expect


def load_set(path: Path) -> list[Row]:
    """The rows of a set file."""
    rows = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        expect = item["expect"]
        expect = tuple(expect) if isinstance(expect, list) else (str(expect),)
        rows.append(Row(str(item["scenario"]), str(item["question"]), expect, item.get("after")))
    return rows


def check_rows(content: Content, retriever: Retriever, rows: Sequence[Row]) -> list[str]:
    """Rows naming an unknown scenario or a fact id their scenario does not have."""
    known = {s.id: s for s in content.scenarios}
    problems = []
    for row in rows:
        scenario = known.get(row.scenario)
        if scenario is None:
            problems.append(f"unknown scenario {row.scenario!r}: {row.question}")
            continue
        ids = {f.id for f in retriever.scenario(scenario).facts}
        bad = [e for e in row.expect if e not in ids and row.kind == "fact"]
        if bad:
            problems.append(f"{row.scenario} has no fact {', '.join(bad)}: {row.question}")
    return problems


def run(content: Content, classifier: Classifier, retriever: Retriever, rows: Sequence[Row]) -> list[Outcome]:
    """Ask every row in a fresh interview and time the answer to its question."""
    known = {s.id: s for s in content.scenarios}
    out = []
    for row in rows:
        scenario = known.get(row.scenario)
        if scenario is None:
            out.append(Outcome(row, (), False, "", 0.0))
            continue
        session = Session(content, scenario, classifier, lambda: 0.0, 3600, retriever=retriever)
        if row.after:
            session.ask(row.after)
        start = time.perf_counter()
        turn = session.ask(row.question)
        seconds = time.perf_counter() - start
        out.append(Outcome(row, turn.facts, turn.invited, turn.answer, seconds))
    return out


def summary(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Accuracy per kind of row, the silent-question rate and the time per question."""

    def share(items: list[Outcome], test: Callable[[Outcome], bool]) -> tuple[int, int]:
        return sum(map(test, items)), len(items)

    facts = [o for o in outcomes if o.row.kind == "fact"]
    silent = [o for o in outcomes if o.row.kind == SILENT]
    none = [o for o in outcomes if o.row.kind == NONE]
    ms = sorted(o.seconds * 1000 for o in outcomes)
    return {
        "rows": len(outcomes),
        "fact_accuracy": share(facts, lambda o: o.right),
        "fact_among_answered": share(facts, lambda o: any(f in o.row.expect for f in o.facts)),
        "facts_per_answer": statistics.mean(len(o.facts) for o in facts) if facts else 0.0,
        "false_silence": share(facts, lambda o: o.invited),
        "silent_accuracy": share(silent, lambda o: o.right),
        "silent_rate": share(list(outcomes), lambda o: o.invited),
        "off_topic_accuracy": share(none, lambda o: o.right),
        "overall": share(list(outcomes), lambda o: o.right),
        "median_ms": statistics.median(ms) if ms else 0.0,
        "p90_ms": ms[int(0.9 * (len(ms) - 1))] if ms else 0.0,
    }


def pct(pair: tuple[int, int]) -> str:
    right, n = pair
    return f"{right / n:.1%} ({right}/{n})" if n else "n/a"


def report_lines(name: str, s: dict[str, Any]) -> list[str]:
    """The figures of one set, as text."""
    return [
        f"{name}: {s['rows']} rows",
        f"  fact accuracy (first fact answered is expected): {pct(s['fact_accuracy'])}",
        f"    expected fact among those answered: {pct(s['fact_among_answered'])}, "
        f"{s['facts_per_answer']:.2f} facts per answer",
        f"    fact questions wrongly called silent: {pct(s['false_silence'])}",
        f"  silent questions answered with an invitation to assume: {pct(s['silent_accuracy'])}",
        f"  silent-question rate (invitations among all questions): {pct(s['silent_rate'])}",
        f"  off-topic and gibberish given nothing: {pct(s['off_topic_accuracy'])}",
        f"  all rows right: {pct(s['overall'])}",
        f"  time per question: median {s['median_ms']:.2f} ms, 90th percentile {s['p90_ms']:.2f} ms",
    ]


# ---------------------------------------------------------------- other BM25 engines, for comparison


class PlainIndex:
    """BM25 over one field (cue words and value together), hand-written or from a library."""

    def __init__(self, docs: list[list[str]], engine: str) -> None:
        self.docs = [set(d) for d in docs]
        self.fields: list[list[Counter[str]]] = []
        self.engine = engine
        if engine == "bm25":
            self.own = FactIndex([(doc,) for doc in docs], weights=(1.0,))
        elif engine == "rank-bm25":
            from rank_bm25 import BM25Okapi

            self.lib: Any = BM25Okapi(docs)
        else:
            import bm25s

            self.lib = bm25s.BM25()
            self.lib.index(docs, show_progress=False)

    def search(self, terms: Sequence[Any]) -> list[Hit]:
        # The question's own words only: these engines know nothing of related words.
        query = list(dict.fromkeys(t[1] if isinstance(t, tuple) else t for t in terms))
        if self.engine == "bm25":
            return self.own.search(query)
        scores = self.lib.get_scores(query)
        hits = [
            Hit(i, float(scores[i]), dict.fromkeys((t for t in query if t in doc), 1.0))
            for i, doc in enumerate(self.docs)
            if doc & set(query)
        ]
        hits.sort(key=lambda h: (-h.score, h.index))
        return hits


def use_engine(retriever: Retriever, content: Content, engine: str) -> None:
    """Replace every scenario's index with `engine` (bm25f: keep the built-in two-field index)."""
    if engine == "bm25f":
        return
    for scenario in content.scenarios:
        book = retriever.scenario(scenario)
        docs = [[t for counts in fields for t in counts.elements()] for fields in book.index.fields]
        plain = PlainIndex(docs, engine)
        plain.fields = book.index.fields  # which field a word is in, for the off-topic check
        object.__setattr__(book, "index", plain)


def import_ms(module: str, runs: int = 5) -> float:
    """Milliseconds a fresh interpreter takes to import `module`, beyond starting at all."""

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    base = statistics.median(once("pass") for _ in range(runs))
    return max(0.0, statistics.median(once(f"import {module}") for _ in range(runs)) - base) * 1000


def figures(sets: Sequence[Path], engine: str = "bm25f") -> dict[str, Any]:
    """Every figure, as plain data: per set, and the build times."""
    content = load_content(Path(os.environ.get("REQDRILL_CONTENT") or bundled_root()))
    start = time.perf_counter()
    classifier = Classifier.from_content(content)
    classifier_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    retriever = Retriever.from_content(content, BASE_STOPWORDS.split())
    retriever_ms = (time.perf_counter() - start) * 1000
    use_engine(retriever, content, engine)
    out: dict[str, Any] = {"classifier_ms": classifier_ms, "retriever_ms": retriever_ms, "sets": {}}
    for path in sets:
        rows = load_set(path)
        outcomes = run(content, classifier, retriever, rows)
        out["sets"][path.name] = {
            "summary": summary(outcomes),
            "problems": check_rows(content, retriever, rows),
            "errors": [o for o in outcomes if not o.right],
        }
    return out


# ---------------------------------------------------------------- the intent model alone

# A requirements field and the tradeoff that is its other face: confusing them costs little, since a
# benchmark row about one usually accepts the other.
TWINS = {
    "tradeoff.latency-vs-accuracy": "performance.accuracy_vs_latency",
    "tradeoff.cloud-vs-on-device": "constraints.deployment",
    "tradeoff.real-time-vs-batch": "performance.real_time",
    "tradeoff.manual-vs-natural-labels": "data.labeled",
}


def cross_validate(content: Content, folds: int = 10, seed: int = 0) -> dict[str, Any]:
    """Grouped cross-validation of the intent model over the content's example questions."""
    import math
    import random

    found = examples(content)
    section = content.interviewer
    assert section is not None
    analyzer = Analyzer(section, BASE_STOPWORDS.split())
    stopwords = frozenset(s for word in BASE_STOPWORDS.split() for s in stems(word))
    products = sorted({e.product for e in found})
    random.Random(seed).shuffle(products)
    fold = {p: i % folds for i, p in enumerate(products)}
    top1 = top3 = twins = loss = 0.0
    per: dict[str, list[int]] = {}
    for k in range(folds):
        model = IntentModel(content, stopwords, analyzer, [e for e in found if fold[e.product] != k])
        for e in (e for e in found if fold[e.product] == k):
            posterior = model.posterior(e.text)
            ranked = sorted(posterior, key=lambda c: -posterior[c])
            top1 += ranked[0] == e.intent
            top3 += e.intent in ranked[:3]
            twins += TWINS.get(ranked[0], ranked[0]) == TWINS.get(e.intent, e.intent)
            loss -= math.log(max(posterior[e.intent], 1e-12))
            per.setdefault(e.intent, [0, 0])[0] += ranked[0] == e.intent
            per[e.intent][1] += 1
    n = len(found)
    return {
        "examples": n,
        "products": len(products),
        "intents": len(per),
        "top1": top1 / n,
        "top3": top3 / n,
        "twins": twins / n,
        "log_loss": loss / n,
        "per_intent": {i: (right / total) for i, (right, total) in per.items()},
    }


def cv_lines(cv: dict[str, Any]) -> list[str]:
    """The cross-validation figures, as text."""
    worst = sorted(cv["per_intent"].items(), key=lambda kv: kv[1])[:5]
    return [
        f"intent model, 10-fold cross-validation grouped by product: {cv['examples']} example questions, "
        f"{cv['products']} products, {cv['intents']} intents",
        f"  top-1 accuracy {cv['top1']:.1%}, top-3 {cv['top3']:.1%}, "
        f"top-1 with a field and its tradeoff as one {cv['twins']:.1%}, log loss {cv['log_loss']:.3f}",
        "  weakest intents: " + ", ".join(f"{i} {a:.0%}" for i, a in worst),
    ]


def main(argv: list[str] | None = None) -> int:
    """Print the figures of each set; --errors lists the rows answered wrong."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", dest="sets", type=Path, action="append", help="a set file (repeatable)")
    parser.add_argument("--errors", action="store_true", help="list the rows answered wrong")
    parser.add_argument("--engine", choices=ENGINES, default="bm25f", help="the index to measure")
    parser.add_argument("--cv", action="store_true", help="cross-validate the intent model on its examples")
    args = parser.parse_args(argv)
    if args.cv:
        content = load_content(Path(os.environ.get("REQDRILL_CONTENT") or bundled_root()))
        print("\n".join(cv_lines(cross_validate(content))))
        return 0
    f = figures(args.sets or list(SETS), args.engine)
    print(
        f"engine {args.engine}; building the classifier {f['classifier_ms']:.0f} ms, "
        f"the fact retriever (13 scenarios' indexes and word weights) {f['retriever_ms']:.0f} ms"
    )
    if args.engine in ("rank-bm25", "bm25s"):
        module = args.engine.replace("-", "_")
        print(f"importing {module} in a fresh interpreter: {import_ms(module):.0f} ms")
    for name, data in f["sets"].items():
        print("\n".join(report_lines(name, data["summary"])))
        for problem in data["problems"]:
            print(f"  warning: {problem}")
        if args.errors:
            for o in data["errors"]:
                got = ", ".join(o.facts) or ("invited" if o.invited else "nothing")
                print(f"  - {o.row.scenario}: {o.row.question!r}: got {got}, want {' | '.join(o.row.expect)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
