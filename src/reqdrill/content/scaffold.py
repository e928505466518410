"""Create content for authors: copy the bundled content, or scaffold a new scenario file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from reqdrill.content.labels import humanize
from reqdrill.content.model import (
    CATEGORY_IDS,
    ID_PATTERN,
    MAX_ID_LENGTH,
    REQUIRED_PROBE_KINDS,
    Chosen,
    Content,
    field_type,
    section_type,
)
from reqdrill.content.paths import DECKS_DIR, SCENARIOS_DIR, yaml_files
from reqdrill.errors import SelectionError

LOCK_FILE = "reqdrill.lock"


def content_files(root: Path) -> list[Path]:
    """The files that make up a content root, relative to it."""
    files = [p.relative_to(root) for sub in (DECKS_DIR, SCENARIOS_DIR) for p in yaml_files(root / sub)]
    if (root / LOCK_FILE).is_file():
        files.append(Path(LOCK_FILE))
    return files


def init_content(source: Path, target: Path, *, force: bool) -> list[Path]:
    """Copy a content root into `target`; refuse to overwrite anything unless `force`."""
    files = content_files(source)
    existing = [f for f in files if (target / f).exists()]
    if existing and not force:
        names = ", ".join(str(target / f) for f in existing[:5]) + (" …" if len(existing) > 5 else "")
        raise SelectionError(f"{len(existing)} file(s) already exist: {names}; use --force to overwrite them")
    if target.exists() and not target.is_dir():
        raise SelectionError(f"{target} exists and is not a directory")
    for f in files:
        (target / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / f, target / f)
    return [target / f for f in files]


def new_scenario(root: Path, scenario_id: str, content: Content | None) -> Path:
    """Write `scenarios/<id>.yaml` with every field present, empty and commented."""
    if not re.match(ID_PATTERN, scenario_id) or len(scenario_id) > MAX_ID_LENGTH:
        raise SelectionError(
            f"{scenario_id!r} is not a valid id: use lower-case letters, digits, '-' and '_', "
            "starting with a letter or digit"
        )
    path = root / SCENARIOS_DIR / f"{scenario_id}.yaml"
    if path.exists():
        raise SelectionError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scenario_skeleton(scenario_id, content), encoding="utf-8")
    return path


def scenario_skeleton(scenario_id: str, content: Content | None) -> str:
    """The text of a new scenario file: every key present, every value to be filled in."""
    labels: dict[tuple[str, str], str] = {}
    choices: dict[tuple[str, str], str] = {}
    if content is not None:
        for section in content.requirements_template.sections:
            for f in section.fields:
                labels[(section.category, f.key)] = f.label
                if f.choices:
                    choices[(section.category, f.key)] = ", ".join(c.id for c in f.choices)
    names = {c.id: c.name for c in content.categories} if content else {}
    out = [
        f"# Scenario {scenario_id}. Fill every empty value; `reqdrill validate` lists what is left.",
        f"id: {scenario_id}",
        'name: ""  # shown as the scenario title',
        'prompt: ""  # one line, as the interviewer says it; must not give the answers away',
        "requirements:",
    ]
    for cid in CATEGORY_IDS:
        struct = section_type(cid)
        out.append(f"  {cid}:  # {names.get(cid, cid)}")
        for key in struct.__struct_fields__:
            note = labels.get((cid, key)) or humanize(key)
            kind = field_type(struct, key)
            if kind is Chosen:
                out.append(f"    {key}:  # {note}")
                out.append(f'      choice: ""  # one of: {choices.get((cid, key), "see the template")}')
                out.append('      detail: ""  # what the interviewer says')
            elif getattr(kind, "__origin__", None) is tuple:
                out.append(f'    {key}: [""]  # {note}: a list')
            else:
                out.append(f'    {key}: ""  # {note}')
    out.append("e6_probes:  # at least one each of: " + ", ".join(REQUIRED_PROBE_KINDS))
    for kind in REQUIRED_PROBE_KINDS:
        out += [
            f"  - id: {scenario_id}-{kind.replace('_', '-')}",
            f"    kind: {kind}",
            '    category: ""  # one of: ' + ", ".join(CATEGORY_IDS),
            '    question: ""',
            '    answer: ""',
        ]
    out.append("tradeoffs:  # one stance per tradeoff; favors: a or b")
    for tradeoff in content.tradeoffs if content else ():
        out += [
            f"  - tradeoff: {tradeoff.id}  # a: {tradeoff.option_a}, b: {tradeoff.option_b}",
            '    favors: ""',
            '    why: ""',
        ]
    return "\n".join(out) + "\n"
