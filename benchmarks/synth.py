"""Generate synthetic content of N scenarios (never committed) that passes `reqdrill validate`.

Usage: python benchmarks/synth.py N [DIR]   (default DIR: benchmarks/.synthetic/N)
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def synthesize(n: int, target: Path | None = None) -> Path:
    """Write a content root with the bundled decks and scenarios, cloned up to `n` scenarios in all."""
    target = target or HERE / ".synthetic" / str(n)
    marker = target / ".complete"
    key = _key()
    if marker.exists() and marker.read_text() == key:
        return target  # made by this generator from this content
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "decks", target / "decks")
    shutil.copytree(ROOT / "scenarios", target / "scenarios")  # the drills name two of them
    templates = sorted((ROOT / "scenarios").glob("*.yaml"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in templates]
    for i in range(n - len(templates)):
        stem, text = texts[i % len(texts)]
        new_id = f"synthetic-{i:05d}"
        # Ids are slugs, so replacing the stem renames the scenario and all its probe ids together;
        # the varying suffix keeps texts distinct so notes differ as they would in real content.
        body = text.replace(stem, new_id).replace("order: ", f"# variant {i}\norder: ")
        body = body.replace('prompt: "', f'prompt: "(variant {i}) ', 1)
        # Real scenarios have names of their own; cards cue the scenario by name, so copies that
        # shared one would all take the numbered-duplicate path that real content never takes.
        body = body.replace('\nname: "', f'\nname: "Variant {i}: ', 1)
        (target / "scenarios" / f"{new_id}.yaml").write_text(body, encoding="utf-8")
    marker.write_text(key)
    return target


def _key() -> str:
    """A digest of this generator and the bundled content, so either changing remakes the copy."""
    digest = hashlib.blake2b(Path(__file__).read_bytes())
    for path in sorted([*(ROOT / "decks").glob("*.yaml"), *(ROOT / "scenarios").glob("*.yaml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


if __name__ == "__main__":
    count = int(sys.argv[1])
    print(synthesize(count, Path(sys.argv[2]) if len(sys.argv) > 2 else None))
