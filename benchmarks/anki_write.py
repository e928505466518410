"""Benchmark the Anki writer against raw genanki on synthetic content, and check how it scales.

    .venv/bin/python benchmarks/anki_write.py                # 2,000 scenarios, ratio to genanki
    .venv/bin/python benchmarks/anki_write.py --scale 2000 20000   # time and peak memory per size

Synthetic content repeats the bundled scenarios under new ids. "reqdrill" is everything after
loading: cards, escaping, digests, the lock (read and written) and the .apkg; "write" is the same
without making the cards. "genanki" is only `Package.write_to_file` for the same notes, built
beforehand, once with reqdrill's decks (one per scenario) and once with every note in one deck,
the kindest case for genanki. Times are CPU seconds of this process, steadier than wall time on a
shared machine, and the fastest of `--repeat` runs, reqdrill's and genanki's one-deck runs taken
in turn (genanki with reqdrill's decks, ~40 s, runs once). Both writers use genanki, which is
imported before either is timed; its import time is printed on its own. Each size runs in a fresh process.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from msgspec.structs import replace

from reqdrill.anki.deck import build_anki, check_lock, package
from reqdrill.content.load import load_content
from reqdrill.content.model import Content
from reqdrill.content.paths import bundled_root
from reqdrill.study.cards import build_cards


def synthetic(content: Content, scenarios: int) -> Content:
    """The bundled content with `scenarios` scenarios, cycling through the bundled ones."""
    base = content.scenarios
    out = []
    for i in range(scenarios):
        s = base[i % len(base)]
        probes = tuple(replace(p, id=f"{p.id}-{i}") for p in s.e6_probes)
        out.append(replace(s, id=f"{s.id}-{i}", name=f"{s.name} {i}", e6_probes=probes))
    return replace(content, scenarios=tuple(out))


def time_reqdrill(content: Content, work: Path) -> tuple[float, float]:
    """CPU seconds for the whole build, and for building the cards alone."""
    root = work / "content"
    root.mkdir()
    start = time.process_time()
    build_anki(content, root, work / "reqdrill.apkg")
    total = time.process_time() - start
    start = time.process_time()
    build_cards(content)
    return total, time.process_time() - start


def time_genanki(content: Content, work: Path, *, one_deck: bool) -> float:
    import genanki

    pkg = package(content)
    rendered, _ = check_lock(pkg, {})
    deck_ids = pkg.decks
    if one_deck:
        first = next(iter(deck_ids.values()))
        deck_ids = {name: first for name in deck_ids}
        rendered = [dataclasses.replace(n, deck_id=first) for n in rendered]
    models = {
        spec.key: genanki.Model(
            spec.id,
            spec.name,
            fields=[{"name": f} for f in spec.fields],
            templates=[{"name": t.name, "qfmt": t.qfmt, "afmt": t.afmt} for t in spec.templates],
            css="",
            model_type=genanki.Model.CLOZE if spec.is_cloze else genanki.Model.FRONT_BACK,
        )
        for spec in {n.notetype.key: n.notetype for n in rendered}.values()
    }
    decks = {deck_id: genanki.Deck(deck_id, name) for name, deck_id in deck_ids.items()}
    for note in rendered:
        decks[note.deck_id].add_note(
            genanki.Note(models[note.notetype.key], list(note.fields), tags=note.tags.split(), guid=note.guid)
        )
    media = []
    for name, data in pkg.media.items():
        (work / name).write_bytes(data)
        media.append(str(work / name))
    genanki_package = genanki.Package(list(decks.values()), media_files=media)
    tempfile.tempdir = str(work)  # genanki leaves its database in the temp dir; keep it in ours
    start = time.process_time()
    genanki_package.write_to_file(str(work / "genanki.apkg"), timestamp=0)
    return time.process_time() - start


def run_one(scenarios: int, with_genanki: bool, repeat: int = 1) -> dict[str, float]:
    start = time.process_time()
    import genanki  # noqa: F401  (the writer's own lazy import, paid once per process)

    result: dict[str, float] = {"scenarios": scenarios, "genanki_import_s": time.process_time() - start}
    content = synthetic(load_content(bundled_root()), scenarios)
    with tempfile.TemporaryDirectory() as tmp:
        runs, one_deck = [], []
        for i in range(repeat):  # alternately, so that a change in the machine's load hits both
            work = Path(tmp) / f"run{i}"
            work.mkdir()
            runs.append(time_reqdrill(content, work))
            if with_genanki:
                one_deck.append(time_genanki(content, work, one_deck=True))
        result["reqdrill_s"], result["cards_s"] = min(runs)  # the fastest build, with its own card time
        result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result["notes"] = len(package(content).cards)
        if with_genanki:
            result["genanki_one_deck_s"] = min(one_deck)
            result["genanki_s"] = time_genanki(content, Path(tmp), one_deck=False)
    return result


def in_fresh_process(scenarios: int, with_genanki: bool, repeat: int = 1) -> dict[str, float]:
    args = [sys.executable, __file__, "--one", str(scenarios), "--repeat", str(repeat)]
    args += ["--genanki"] if with_genanki else []
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=2000)
    parser.add_argument("--scale", type=int, nargs="*")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest counts")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--genanki", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.genanki, args.repeat)))
        return
    if args.scale:
        first = None
        for n in args.scale:
            r = in_fresh_process(n, False, args.repeat)
            first = first or r
            per = r["reqdrill_s"] / n * 1000  # CPU ms per scenario
            linear = r["reqdrill_s"] / (first["reqdrill_s"] * n / first["scenarios"])
            print(
                f"{n:>6} scenarios: {r['reqdrill_s']:.2f} s ({per:.3f} ms/scenario, "
                f"{linear:.2f}× linear), peak RSS {r['peak_rss_mib']:.0f} MiB"
            )
        return
    r = in_fresh_process(args.scenarios, True, args.repeat)
    total, write = r["reqdrill_s"], r["reqdrill_s"] - r["cards_s"]
    print(f"{args.scenarios} scenarios, {r['notes']:.0f} notes (CPU seconds, fastest of {args.repeat})")
    print(f"  import genanki: {r['genanki_import_s']:.2f} s, once per process, outside both timings")
    print(f"  reqdrill: {total:.2f} s in all, {write:.2f} s after making the cards")
    for label, key in (("genanki, the same decks", "genanki_s"), ("genanki, one deck", "genanki_one_deck_s")):
        print(
            f"  {label}: {r[key]:.2f} s; reqdrill/genanki {total / r[key]:.2f}× in all, "
            f"{write / r[key]:.2f}× writing"
        )


if __name__ == "__main__":
    main()
