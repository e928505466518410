"""Every performance figure of reqdrill, each as a ratio to a baseline measured in the same run.

Run from the repository root, in the project's virtual environment:

    .venv/bin/python benchmarks/run.py [--quick] [--only NAME ...]

The machine is shared and noisy, so nothing here is an absolute time: every figure is the
median of interleaved runs of the command and its baseline, and the ratio is what counts.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
PYTHON = sys.executable
REQDRILL = str(Path(PYTHON).parent / "reqdrill")


@dataclass(frozen=True)
class Figure:
    """One measured figure against its target."""

    name: str
    value: float
    unit: str
    target: str
    ok: bool
    detail: str = ""

    def line(self) -> str:
        mark = "ok  " if self.ok else "MISS"
        return f"{mark} {self.name:<58} {self.value:>9.2f}{self.unit:<4} target {self.target:<10} {self.detail}"


def timed(cmd: Sequence[str], cwd: Path = ROOT) -> float:
    """Wall time of one process run, in seconds."""
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def interleaved(a: Callable[[], float], b: Callable[[], float], runs: int) -> tuple[float, float]:
    """Medians of `a` and `b`, run alternately so that load changes hit both alike."""
    xs, ys = [], []
    for _ in range(runs):
        xs.append(a())
        ys.append(b())
    return statistics.median(xs), statistics.median(ys)


def ratio_figure(name: str, cmd: Sequence[str], baseline: Sequence[str], limit: float, runs: int) -> Figure:
    """A cold-process figure: median time of `cmd` over median time of `baseline`."""
    subject, base = interleaved(lambda: timed(cmd), lambda: timed(baseline), runs)
    return Figure(name, subject / base, "×", f"≤ {limit:.1f}×", subject / base <= limit,
                  f"({subject * 1000:.0f} ms vs {base * 1000:.0f} ms, median of {runs})")


def startup(runs: int) -> list[Figure]:
    """Cold `--help` and `validate` against importing what they must import anyway."""
    return [
        ratio_figure("cold `reqdrill --help` / `import click`", [REQDRILL, "--help"],
                     [PYTHON, "-c", "import click"], 2.0, runs),
        ratio_figure("cold `reqdrill validate` / `import click, yaml`", [REQDRILL, "validate"],
                     [PYTHON, "-c", "import click, yaml"], 3.0, runs),
    ]


def classifier(runs: int) -> list[Figure]:
    """Classifier throughput (questions per second, best of a few passes) and its accuracy."""
    import classifier as bench

    results = [bench.figures() for _ in range(max(1, runs // 5))]
    rate = max(r["questions_per_second"]["warm"] for r in results)
    held_out = results[0]["accuracy"]["held_out"] * 100
    return [
        Figure("classifier throughput", rate, " q/s", "≥ 20,000", rate >= 20_000),
        Figure("classifier accuracy on held-out questions", held_out, " %", "≥ 90 %", held_out >= 90),
    ]


SECTIONS: dict[str, Callable[[int], list[Figure]]] = {
    "startup": startup,
    "classifier": classifier,
}


def main(argv: list[str] | None = None) -> int:
    """Run the selected sections and print one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for a smoke test)")
    parser.add_argument("--only", nargs="*", choices=sorted(SECTIONS), help="sections to run")
    args = parser.parse_args(argv)
    if not shutil.which(REQDRILL):
        parser.error(f"{REQDRILL} not found: run with the project's virtual environment")
    runs = 3 if args.quick else 11
    print(f"reqdrill benchmarks on {platform.node()} ({platform.machine()}, Python {platform.python_version()})")
    figures: list[Figure] = []
    for name in args.only or SECTIONS:
        for figure in SECTIONS[name](runs):
            print(figure.line(), flush=True)
            figures.append(figure)
    missed = [f.name for f in figures if not f.ok]
    print(f"{len(figures) - len(missed)}/{len(figures)} figures meet their targets")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
