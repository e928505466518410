"""Cards → Anki notes: escaped HTML fields, GUIDs from card keys, deck ids, and content digests.

Every piece of content text is escaped so that it shows literally in Anki: HTML, `{{…}}` template
syntax, cloze markers and `[sound:…]` tags all stay text. Only the generator makes clozes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from reqdrill.anki.notetypes import NoteTypeSpec
from reqdrill.study.cards import FRAMEWORK_FIGURE, Card, Line

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPECIAL = re.compile(r"[&<>{}\[]")


def html(text: str) -> str:
    """Plain text as Anki field HTML that shows literally: no tags, no `{{…}}`, no `[sound:…]`."""
    if text.isprintable() and not _SPECIAL.search(text):
        return text  # most short texts need nothing, and this check is cheaper than the replaces
    text = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("[", "&#91;")
        .replace("\n", "<br>")
    )
    # isprintable() is a fast C scan; control characters are rare enough to handle slowly.
    return text if text.isprintable() else _CONTROL.sub("", text)


def cue_html(card: Card) -> str:
    """The cue line above a card's question, styled by the note type's CSS (empty without a cue)."""
    return f'<div class="cue">{html(card.cue)}</div>' if card.cue else ""


def cloze_html(card: Card) -> str:
    """A cloze note's Text field: its cue, then escaped segments, each blank its own {{cN::…}}."""
    out, n = [cue_html(card)], 0
    for text, blank in card.segments:
        if blank:
            n += 1
            # A ':' inside a blank would start a cloze hint, so it is escaped too.
            out.append(f"{{{{c{n}::{html(text).replace(':', '&#58;')}}}}}")
        else:
            out.append(html(text))
    return "".join(out)


def extra_line(label: str, text: str) -> str:
    """One line of the Context field: its label in bold."""
    return f"<b>{html(label)}:</b> {html(text)}" if label else html(text)


def extra_html(extra: Sequence[Line], seen: dict[Line, str] | None = None) -> str:
    """The Context field: one line per extra, its label in bold.

    `seen` caches the escaped lines: a "why it matters" or a scenario's source line serves many
    notes, while whole extras rarely repeat (a scenario card's is its own).
    """
    if seen is None:
        return "<br>".join(extra_line(*line) for line in extra)
    out = []
    for line in extra:
        done = seen.get(line)
        if done is None:
            done = seen[line] = extra_line(*line)
        out.append(done)
    return "<br>".join(out)


def guid(key: str) -> str:
    """A note's GUID: a digest of its card key, so it survives every text edit."""
    return hashlib.blake2b(f"reqdrill\x1f{key}".encode(), digest_size=8).hexdigest()


def deck_id(name: str) -> int:
    """A fixed deck id derived from the deck name (Anki matches decks by name on import)."""
    return (1 << 40) + int.from_bytes(hashlib.blake2b(name.encode(), digest_size=5).digest(), "big")


def figure_file(svg: bytes) -> str:
    """The diagram's media file name; it carries a digest so that a changed diagram updates its notes."""
    return f"reqdrill-framework-{hashlib.blake2b(svg, digest_size=4).hexdigest()}.svg"


def note_fields(card: Card, figure: str, seen: dict[Line, str] | None = None) -> tuple[str, ...]:
    """The HTML fields of a card's note, in its note type's field order; `seen`: see `extra_html`."""
    shown = figure if card.figure == FRAMEWORK_FIGURE else ""
    context = extra_html(card.extra, seen)
    if card.note_type == "cloze":
        return cloze_html(card), context, shown
    return cue_html(card) + html(card.prompt), html(card.back), context, shown


def note_digest(spec: NoteTypeSpec, fields: Sequence[str], tags: str) -> str:
    """What the lock remembers of a note: everything Anki would update on import."""
    data = "\x1e".join((spec.name, "\x1f".join(fields), tags))
    return hashlib.blake2b(data.encode(), digest_size=8).hexdigest()


def parent_decks(names: Sequence[str]) -> list[str]:
    """Every deck and its parents, parents first, each once."""
    seen: dict[str, None] = {}
    for name in names:
        parts = name.split("::")
        for i in range(1, len(parts) + 1):
            seen.setdefault("::".join(parts[:i]), None)
    return list(seen)
