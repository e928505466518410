"""reqdrill's own Anki note types: a schema with fixed ids, field and template names, and night-mode CSS.

Anki matches an imported note type to the collection's by id and then by the names of its fields and
templates. Changing a name makes Anki add a second note type and log every existing note as
"conflicting", so names are frozen per SCHEMA_VERSION (tests/test_notetypes.py holds them) and a
change means a new version, hence a new id and name. genanki's `Model` turns a spec into the JSON
that Anki stores; genanki is imported only when that JSON is made.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

SCHEMA_VERSION = 1

# One wrapper for every template: the class opts the card out of MathJax, so `\(` in content stays text.
_OPEN = '<div class="reqdrill tex2jax_ignore">'
_ANSWER_TAIL = (
    '{{#Figure}}<div class="figure">{{Figure}}</div>{{/Figure}}<div class="context">{{Context}}</div></div>'
)

CSS = """\
.card {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: left;
  color: #1f2328;
  background-color: #ffffff;
}
.card.nightMode, .nightMode .card { color: #e6edf3; background-color: #1c2128; }
.reqdrill { max-width: 38em; margin: 0 auto; padding: 0.25em 0.75em; overflow-wrap: anywhere; }
.front, .back, .cloze-text { unicode-bidi: plaintext; }
.front { font-weight: 600; }
.cue { font-size: 0.75em; font-weight: 600; letter-spacing: 0.01em; color: #57606a; margin-bottom: 0.4em; }
.nightMode .cue { color: #9da7b3; }
.back { margin-top: 0.6em; }
.cloze { font-weight: 700; color: #0a58ca; }
.nightMode .cloze { color: #79b8ff; }
hr#answer { border: none; border-top: 1px solid #d0d7de; margin: 0.9em 0; }
.nightMode hr#answer { border-top-color: #444c56; }
.figure { margin-top: 1em; text-align: center; }
.figure img { max-width: 100%; height: auto; border-radius: 6px; }
.nightMode .figure img { opacity: 0.92; }
.context { margin-top: 1.2em; font-size: 0.75em; line-height: 1.4; color: #57606a; }
.context b { font-weight: 600; color: #1f2328; }
.nightMode .context b { color: #e6edf3; }
.nightMode .context { color: #9da7b3; }
@media (max-width: 480px) {
  .card { font-size: 17px; }
  .reqdrill { padding: 0.25em 0.25em; }
}
"""


@dataclass(frozen=True)
class Template:
    """One card template: its name, question format and answer format."""

    name: str
    qfmt: str
    afmt: str


@dataclass(frozen=True)
class NoteTypeSpec:
    """A note type as reqdrill defines it; `id` is derived from its name, which carries the version."""

    key: Literal["basic", "cloze"]
    name: str
    fields: tuple[str, ...]
    templates: tuple[Template, ...]

    @cached_property
    def id(self) -> int:
        """A fixed id, derived from the versioned name so that a new schema gets a new id."""
        digest = hashlib.sha256(f"reqdrill note type {self.name}".encode()).digest()
        return (1 << 40) + int.from_bytes(digest[:5], "big")

    @property
    def is_cloze(self) -> bool:
        """Whether Anki treats this as a cloze note type (one card per cloze number)."""
        return self.key == "cloze"


BASIC = NoteTypeSpec(
    "basic",
    f"reqdrill Basic v{SCHEMA_VERSION}",
    ("Front", "Back", "Context", "Figure"),
    (
        Template(
            "Card 1",
            f'{_OPEN}<div class="front">{{{{Front}}}}</div></div>',
            f'{_OPEN}<div class="front">{{{{Front}}}}</div><hr id="answer">'
            f'<div class="back">{{{{Back}}}}</div>{_ANSWER_TAIL}',
        ),
    ),
)

CLOZE = NoteTypeSpec(
    "cloze",
    f"reqdrill Cloze v{SCHEMA_VERSION}",
    ("Text", "Context", "Figure"),
    (
        Template(
            "Cloze",
            f'{_OPEN}<div class="cloze-text">{{{{cloze:Text}}}}</div></div>',
            f'{_OPEN}<div class="cloze-text">{{{{cloze:Text}}}}</div><hr id="answer">{_ANSWER_TAIL}',
        ),
    ),
)

NOTE_TYPES: dict[str, NoteTypeSpec] = {"basic": BASIC, "cloze": CLOZE}


def schema_digest(spec: NoteTypeSpec) -> str:
    """A digest of everything Anki stores for the note type but its time and deck, so that a change
    to its CSS, templates or any default genanki fills in gives it a newer modification time."""
    data = json.dumps(to_legacy_json(spec, mod=0, deck_id=0), sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(data.encode(), digest_size=8).hexdigest()


def to_legacy_json(spec: NoteTypeSpec, *, mod: int, deck_id: int) -> dict[str, Any]:
    """The note type as a schema-11 `col.models` entry, the format every Anki version imports.

    genanki's `Model.to_json` makes it (field and template defaults, the LaTeX preamble, `req`);
    reqdrill supplies the fixed id, names, CSS and templates, and the time from the lock.
    """
    import genanki

    model = genanki.Model(
        spec.id,
        spec.name,
        # Arial, Anki's own default editor font; genanki substitutes Liberation Sans.
        fields=[{"name": f, "font": "Arial"} for f in spec.fields],
        templates=[{"name": t.name, "qfmt": t.qfmt, "afmt": t.afmt} for t in spec.templates],
        css=CSS,
        model_type=genanki.Model.CLOZE if spec.is_cloze else genanki.Model.FRONT_BACK,
    )
    data: dict[str, Any] = model.to_json(mod, deck_id)
    if spec.is_cloze:
        # genanki renders templates with chevron, which does not know `{{cloze:Text}}`, and so
        # marks every field required. A cloze card exists when its Text holds that cloze.
        data["req"] = [[0, "any", [0]]]
    return data
