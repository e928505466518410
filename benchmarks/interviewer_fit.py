"""Fit how the interviewer combines words, intent and coverage, and when it calls a scenario silent, by
leave-one-scenario-out cross-validation over the development sets.

Run: .venv/bin/python benchmarks/interviewer_fit.py [--quick] [--set FILE ...]

In two stages over grids of `interview.find.Weights`, starting from a fixed prior: first how facts are
ranked (the weight of the intent, of coverage, of word pairs, of generic and product words, of what a
probe's own question asks, and of a word found nowhere), then the silence rule (its thresholds and the
out-of-scope test and when the intent model alone answers), each chosen by the rows answered right; a
change must win by MARGIN rows. The rows are both development sets' (interviewer_dev.yaml and
interviewer_dev2.yaml, all 13 scenarios) unless --set names others. For each scenario, both stages are
fitted on the other scenarios and the rows of the one left out are answered with the result: that is
the cross-validated figure. The weights fitted on all rows are printed last, against the shipped
defaults. The held-out sets are not fitted on.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from interviewer import DEV, DEV_2, SILENT, Row, load_set

from reqdrill.content.load import load_content
from reqdrill.content.model import Content
from reqdrill.content.paths import bundled_root
from reqdrill.interview.answer import Answerer
from reqdrill.interview.classify import BASE_STOPWORDS, Classification, Classifier
from reqdrill.interview.find import Finder, Weights
from reqdrill.interview.retrieval import Retriever

RANKING = {
    "intent": (0.05, 0.1, 0.2, 0.35, 0.5),
    "intent_floor": (1e-6, 0.01, 0.05),
    "cover": (0.0, 0.25, 0.5, 1.0),
    "unknown": (0.5, 1.0, 2.0),
    "pairs": (0.0, 1.0),
    "probe_text": (0.0, 0.5),
    "neutral": (0.25, 0.5, 1.0),
}
SILENCE = {
    "silent_below": (0.2, 0.3, 0.4, 0.5),
    "sure_relief": (0.5, 0.75, 0.9, 1.0),
    "beyond_silent_below": (0.4, 0.5, 0.6),
    "out_of_scope_over": (0.25, 0.5, 1.0, 2.0, float("inf")),
    "out_of_scope_answered": (0.5, 0.75, 1.01),
    "intent_alone": (0.7, 0.85, 1.01),
}
QUICK_RANKING = {"intent": (0.1, 0.2, 0.35), "cover": (0.25, 0.5)}
QUICK_SILENCE = {
    "silent_below": (0.2, 0.25, 0.3),
    "sure_relief": (0.0, 0.25, 0.5),
    "beyond_silent_below": (0.5,),
    "out_of_scope_over": (1.0, float("inf")),
    "out_of_scope_answered": (0.75,),
}


class Bench:
    """Answers the development set's rows under any weights, reusing each scenario's finder."""

    def __init__(self, content: Content, rows: Sequence[Row]) -> None:
        self.content = content
        self.rows = rows
        self.classifier = Classifier.from_content(content)
        self.retriever = Retriever.from_content(content, BASE_STOPWORDS.split())
        self.finders = {s.id: Finder(content, s, self.retriever) for s in content.scenarios}
        self._classified: dict[str, Classification] = {}
        self._results: dict[Weights, tuple[bool, ...]] = {}

    def classify(self, line: str) -> Classification:
        found = self._classified.get(line)
        if found is None:
            found = self._classified[line] = self.classifier.classify(line)
        return found

    def results(self, weights: Weights) -> tuple[bool, ...]:
        """Whether each row is answered right under these weights."""
        found = self._results.get(weights)
        if found is None:
            found = self._results[weights] = tuple(self._right(row, weights) for row in self.rows)
        return found

    def _right(self, row: Row, weights: Weights) -> bool:
        scenario = self.content.scenario(row.scenario)
        finder = self.finders[row.scenario]
        finder.weights = weights
        answerer = Answerer(self.content, scenario, self.retriever, shared=finder)
        if row.after:
            answerer.reply(row.after, self.classify(row.after))
        reply = answerer.reply(row.question, self.classify(row.question))
        if row.kind == SILENT:
            return reply.invited and not reply.facts
        if row.kind == "fact":
            return bool(reply.facts) and reply.facts[0] in row.expect
        return not reply.invited and not reply.facts


def grid(base: Weights, axes: dict[str, tuple[float, ...]]) -> list[Weights]:
    """Every combination of the axes' values, on top of `base`."""
    names = list(axes)
    return [
        dataclasses.replace(base, **dict(zip(names, v, strict=True)))
        for v in itertools.product(*axes.values())
    ]


PRIOR = Weights(
    intent=0.2,
    intent_floor=1e-6,
    cover=0.25,
    probe_text=0.5,
    pairs=1.0,
    neutral=1.0,
    unknown=1.0,
    silent_below=0.25,
    sure_relief=0.5,
    beyond_silent_below=0.5,
    out_of_scope_over=1.0,
    out_of_scope_answered=0.75,
    intent_alone=1.01,
)
"""Where the search starts, before any row is seen: each weight in the middle of its range, the
silence thresholds of the second pass."""
MARGIN = 3
"""Rows a candidate must answer right beyond the one it would replace: among a grid of thousands,
one that wins by a row or two wins by chance (the selection noise that leave-one-scenario-out
measures), so the shipped defaults stand unless something is clearly better."""


def best(bench: Bench, candidates: Iterable[Weights], keep: Sequence[int], incumbent: Weights) -> Weights:
    """The candidate answering most of the rows `keep` right, if it beats `incumbent` by MARGIN rows
    (ties: more fact rows right, then the first)."""

    def key(w: Weights) -> tuple[int, int]:
        results = bench.results(w)
        return (
            sum(results[i] for i in keep),
            sum(results[i] for i in keep if bench.rows[i].kind == "fact"),
        )

    out, top = incumbent, key(incumbent)
    bar = (top[0] + MARGIN, 0)
    for w in candidates:
        k = key(w)
        if k >= bar and k > top:
            out, top = w, k
    return out


def fit(
    bench: Bench,
    keep: Sequence[int],
    ranking: dict[str, tuple[float, ...]],
    silence: dict[str, tuple[float, ...]],
) -> Weights:
    """Both stages, fitted on the rows `keep`."""
    ranked = best(bench, grid(PRIOR, ranking), keep, PRIOR)
    return best(bench, grid(ranked, silence), keep, ranked)


def tally(bench: Bench, results: Sequence[bool], keep: Sequence[int]) -> str:
    """Fact accuracy, fact rows called silent is not known here: right rows per kind."""
    kinds: dict[str, list[bool]] = {}
    for i in keep:
        kinds.setdefault(bench.rows[i].kind, []).append(results[i])
    return ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(kinds.items()))


def changed(w: Weights) -> str:
    """The fields that differ from the shipped defaults."""
    default = Weights()
    diff = [
        f"{f.name}={getattr(w, f.name)}"
        for f in dataclasses.fields(w)
        if getattr(w, f.name) != getattr(default, f.name)
    ]
    return ", ".join(diff) or "the shipped defaults"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small grids, for a smoke run")
    parser.add_argument(
        "--set",
        dest="sets",
        type=Path,
        action="append",
        help="a set to fit on (repeatable; default: dev and dev2)",
    )
    args = parser.parse_args(argv)
    ranking, silence = (QUICK_RANKING, QUICK_SILENCE) if args.quick else (RANKING, SILENCE)
    content = load_content(bundled_root())
    bench = Bench(content, [row for path in args.sets or (DEV, DEV_2) for row in load_set(path)])
    scenarios = sorted({r.scenario for r in bench.rows})
    every = range(len(bench.rows))
    crossed = [False] * len(bench.rows)
    for held in scenarios:
        train = [i for i in every if bench.rows[i].scenario != held]
        test = [i for i in every if bench.rows[i].scenario == held]
        w = fit(bench, train, ranking, silence)
        results = bench.results(w)
        for i in test:
            crossed[i] = results[i]
        print(f"without {held}: {changed(w)}; on {held}: {tally(bench, results, test)}")
    print(f"leave-one-scenario-out: {tally(bench, crossed, every)}")
    shipped = bench.results(Weights())
    print(f"shipped defaults on the whole set: {tally(bench, shipped, every)}")
    final = fit(bench, list(every), ranking, silence)
    print(f"fitted on the whole set: {changed(final)}; {tally(bench, bench.results(final), every)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
