"""Where `reqdrill build` spends its time: each artifact timed alone, then the top functions.

    .venv/bin/python benchmarks/profile_build.py [--top N]

Runs the bundled content's build in this process with one worker, so every producer's time is
its own, then profiles the same build with cProfile and prints the most expensive functions.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from pathlib import Path

from reqdrill.build.artifacts import plan
from reqdrill.build.plan import BuildContext, BuildOptions
from reqdrill.build.runner import run_build
from reqdrill.content.load import load_content
from reqdrill.content.paths import bundled_root


def per_artifact() -> list[tuple[str, float]]:
    """Seconds each artifact takes to produce, in plan order (one process, one worker)."""
    start = time.perf_counter()
    content = load_content(bundled_root())
    times = [("load content (cache hit)", time.perf_counter() - start)]
    ctx = BuildContext(content, bundled_root(), BuildOptions(seed=1))
    artifacts = plan(ctx)
    last = [time.perf_counter()]

    def done(built: object) -> None:
        now = time.perf_counter()
        times.append((built.artifact.path, now - last[0]))  # type: ignore[attr-defined]
        last[0] = now

    with tempfile.TemporaryDirectory() as out:
        run_build(ctx, artifacts, Path(out), done, workers=1)
    return times


def profile(top: int) -> str:
    """cProfile of a whole one-worker build, sorted by cumulative time."""
    ctx = BuildContext(load_content(bundled_root()), bundled_root(), BuildOptions(seed=1))
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as out:
        profiler.runcall(run_build, ctx, plan(ctx), Path(out), workers=1)
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(top)
    return stream.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    times = per_artifact()
    total = sum(t for _, t in times)
    groups: dict[str, float] = {}
    for name, seconds in times:
        key = "drills/*.pdf" if name.startswith("drills/drill-") and name.endswith(".pdf") else name
        key = "drills/*.md" if name.startswith("drills/drill-") and name.endswith(".md") else key
        groups[key] = groups.get(key, 0.0) + seconds
    print(f"one-worker build of the bundled content: {total:.2f} s")
    for name, seconds in sorted(groups.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<40} {seconds:6.2f} s  {seconds / total:5.1%}")
    print(profile(args.top))


if __name__ == "__main__":
    main()
