"""Content → an Anki package: cards become notes with a fixed identity and a version, then an .apkg.

A note's GUID comes from its card key (content ids + kind); its modification time comes from the
content lock (see lockfile.py), so a rebuild updates exactly the notes whose content changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from html import escape
from pathlib import Path

from reqdrill.anki.apkg import Note, write_apkg
from reqdrill.anki.lockfile import LOCK_FILE, Entry, Update, Versions, format_lock, read_lock
from reqdrill.anki.note import deck_id, figure_file, guid, note_digest, note_fields, parent_decks
from reqdrill.anki.notetypes import NOTE_TYPES, NoteTypeSpec, schema_digest
from reqdrill.content.listing import plural
from reqdrill.content.model import Content
from reqdrill.errors import OutputError, SelectionError
from reqdrill.files.atomic import atomic_write, describe_os_error
from reqdrill.files.collector import collector_paused
from reqdrill.study.cards import FRAMEWORK_FIGURE, ROOT_DECK, Card, Line, iter_cards, tag
from reqdrill.study.diagram import layout, to_svg

ROOT_DESCRIPTION = (
    "Built by reqdrill: drill the clarifying-requirements step of ML system design interviews. "
    "Rebuild and re-import to get corrections; your review history is kept."
)
DEFAULT_OUT = Path("output") / "reqdrill.apkg"
NOTETYPE_KEY = "notetype:"  # the lock keys of note types; every other key is a note's


@dataclass(frozen=True)
class DeckCount:
    """How many notes and cards one deck holds."""

    deck: str
    notes: int
    cards: int


@dataclass(frozen=True)
class AnkiBuild:
    """What `build_anki` wrote: the package, its decks, and what happened to the lock."""

    out: Path
    decks: tuple[DeckCount, ...]
    lock_path: Path
    lock: Update
    lock_error: str | None
    kinds: frozenset[str] = frozenset()
    """The card kinds this build made."""

    @property
    def notes(self) -> int:
        """Notes in the package."""
        return sum(d.notes for d in self.decks)

    @property
    def cards(self) -> int:
        """Cards in the package."""
        return sum(d.cards for d in self.decks)

    def summary(self) -> str:
        """Notes and cards per deck, what happened to the lock, and the output path."""
        lines = [ROOT_DECK]
        lines += [
            f"  {d.deck.removeprefix(ROOT_DECK + '::')}: {plural(d.notes, 'note')}, {plural(d.cards, 'card')}"
            for d in self.decks
        ]
        lines.append(f"total: {plural(self.notes, 'note')}, {plural(self.cards, 'card')}")
        if self.lock.is_unchanged:
            lines.append(f"{self.lock_path}: up to date")
        elif self.lock_error is None:
            lock = self.lock
            changes = f"{len(lock.changed)} changed, {len(lock.added)} new, {len(lock.removed)} removed"
            lines.append(f"updated {self.lock_path}: entries {changes}")
        lines += retired_report(self.lock.retired, self.kinds)
        lines.append(f"wrote {self.out}")
        return "\n".join(lines)

    def warning(self) -> str | None:
        """Why the lock could not be updated, and what that means for the next import; None if it was."""
        if self.lock_error is None:
            return None
        return (
            f"{self.lock_error}; the package is complete, but notes changed since the last lock will "
            "not update in Anki on a later rebuild. Build from a writable copy: reqdrill init DIR, "
            "then --content DIR"
        )


def retired_notes(retired: Iterable[str]) -> list[str]:
    """The retired lock keys that are notes; the others are note types (`notetype:<key>`)."""
    return [key for key in retired if not key.startswith(NOTETYPE_KEY)]


def retired_report(retired: Sequence[str], kinds: frozenset[str], shown: int = 5) -> list[str]:
    """Which notes the lock lists as retired, and the Anki search that finds them: a kind that is
    gone altogether is found by its tag; otherwise the notes are named among those of their tag."""
    by_kind: dict[str, list[str]] = {}
    for key in retired_notes(retired):
        by_kind.setdefault(key.split(":", 1)[0], []).append(key)
    if not by_kind:
        return []
    total = sum(len(keys) for keys in by_kind.values())
    gone = [kind for kind in by_kind if kind not in kinds]
    lines = [
        f"retired: {plural(total, 'note')} of earlier builds; if you imported one, delete them in Anki "
        "(Browse, search, select all, Delete); your other cards keep their history"
    ]
    if gone:
        search = " OR ".join(f"tag:{tag('kind', kind)}" for kind in gone)
        count = sum(len(by_kind[kind]) for kind in gone)
        lines.append(f"  {plural(count, 'note')}: {search}")
    for kind, keys in by_kind.items():
        if kind in gone:
            continue
        named = ", ".join(keys[:shown]) + (f" and {len(keys) - shown} more" if len(keys) > shown else "")
        lines.append(f"  {plural(len(keys), 'note')} among tag:{tag('kind', kind)}: {named}")
    return lines


def default_out() -> Path:
    """`output/reqdrill.apkg` in the working directory, creating `output/` if it is missing."""
    try:
        DEFAULT_OUT.parent.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(describe_os_error(exc, DEFAULT_OUT)) from None
    return DEFAULT_OUT


@dataclass(frozen=True)
class Package:
    """What goes into a package, before any note is rendered: its cards, the framework diagram.

    The cards are made afresh by each `stream()`, so writing a package never holds the whole deck;
    `cards`, `decks` and `media` are the same worked out at once, for callers that want them.
    """

    stream: Callable[[], Iterator[Card]]
    figure: tuple[str, bytes]
    """The diagram's media file name and SVG bytes."""
    figure_html: str
    complete: bool
    """Whether this is the whole content (not a selection), so the lock may forget vanished notes."""

    @cached_property
    def cards(self) -> list[Card]:
        """Every card of the package."""
        return list(self.stream())

    @cached_property
    def decks(self) -> dict[str, int]:
        """Deck name → id, parents included, in the order the cards first use them."""
        return decks_of(dict.fromkeys(c.deck for c in self.cards))

    @cached_property
    def media(self) -> dict[str, bytes]:
        """The diagram, when a card shows it."""
        return media_of(self.figure, any(c.figure == FRAMEWORK_FIGURE for c in self.cards))


def decks_of(names: Mapping[str, object]) -> dict[str, int]:
    """Deck name → id for the decks cards use (in that order) and their parents."""
    return {d: deck_id(d) for d in parent_decks(list(names))}


def media_of(figure: tuple[str, bytes], shown: bool) -> dict[str, bytes]:
    """The package's media: the diagram (file name, SVG) when some card shows it."""
    name, svg = figure
    return {name: svg} if shown else {}


def package(content: Content, *, scenarios: Sequence[str] = (), categories: Sequence[str] = ()) -> Package:
    """The cards for the content (or a selection of it), their decks, and the framework diagram."""
    iter_cards(content, scenarios=scenarios, categories=categories)  # an unknown id fails here, at once
    svg = to_svg(layout(content)).encode()
    name = figure_file(svg)
    figure_html = f'<img src="{name}" alt="{escape(content.diagram.title)}">'
    return Package(
        lambda: iter_cards(content, scenarios=scenarios, categories=categories),
        (name, svg),
        figure_html,
        not (scenarios or categories),
    )


def notetype_versions(versions: Versions) -> list[tuple[NoteTypeSpec, int]]:
    """Each note type with its modification time, which advances when its CSS or templates change."""
    return [(s, versions.mod(f"{NOTETYPE_KEY}{s.key}", schema_digest(s))) for s in NOTE_TYPES.values()]


def notes(pkg: Package, versions: Versions) -> Iterator[Note]:
    """The package's notes, rendered one at a time; each takes its modification time from `versions`."""
    return (note for _, note in rendered(pkg, pkg.cards, versions))


def rendered(pkg: Package, cards: Iterable[Card], versions: Versions) -> Iterator[tuple[Card, Note]]:
    """Each card with its note, rendered as the cards come."""
    tag_text: dict[tuple[str, ...], str] = {}  # a few dozen tag sets serve thousands of notes
    contexts: dict[Line, str] = {}  # escaped extra lines, each shared by many notes
    ids: dict[str, int] = {}
    for card in cards:
        spec = NOTE_TYPES[card.note_type]
        fields = note_fields(card, pkg.figure_html, contexts)
        tags = tag_text.get(card.tags)
        if tags is None:
            tags = tag_text[card.tags] = f" {' '.join(card.tags)} "
        did = ids.get(card.deck)
        if did is None:
            did = ids[card.deck] = deck_id(card.deck)
        mod = versions.mod(card.key, note_digest(spec, fields, tags))
        yield card, Note(guid(card.key), spec, did, fields, tags, card.card_count, mod)


def check_lock(pkg: Package, lock: Mapping[str, Entry]) -> tuple[list[Note], Update]:
    """Every note and the lock that would describe them, without writing anything."""
    versions = Versions(lock)
    notetype_versions(versions)
    rendered = list(notes(pkg, versions))
    return rendered, versions.result(prune=pkg.complete)


def previous_notes(path: Path) -> dict[str, int]:
    """GUID → modification time of every note in an earlier reqdrill package (for `--since`)."""
    import sqlite3
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read("collection.anki2")
        db = sqlite3.connect(":memory:")
        try:
            db.deserialize(data)
            return dict(db.execute("SELECT guid, mod FROM notes").fetchall())
        finally:
            db.close()
    except (OSError, KeyError, zipfile.BadZipFile, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a reqdrill .apkg"
        raise SelectionError(f"cannot read the notes of {path}: {reason}") from None


def build_anki(
    content: Content,
    content_root: Path,
    out: Path,
    *,
    scenarios: Sequence[str] = (),
    categories: Sequence[str] = (),
    since: Mapping[str, int] | None = None,
) -> AnkiBuild:
    """Write the .apkg for the content (or a selection of it) and bring `reqdrill.lock` up to date.

    With `since` (an earlier package's notes, from `previous_notes`), the package holds only the
    notes that are new or newer than there: an update that Anki imports with nothing logged as a
    duplicate. The lock is written only when it changed; if it cannot be written (read-only
    content), the package is still written, deterministically, and the build reports why.
    """
    # Unpaused, the collector rescans every card already built, again and again (about 40% of
    # the time spent rendering notes, measured).
    with collector_paused():
        pkg = package(content, scenarios=scenarios, categories=categories)
        lock_path = content_root / LOCK_FILE
        versions = Versions(read_lock(lock_path))
        notetypes = notetype_versions(versions)
        descriptions = {ROOT_DECK: ROOT_DESCRIPTION}
        # The cards stream through once; what the package needs of all of them is noted on the way.
        counts: dict[str, list[int]] = {}
        used: dict[str, None] = {}
        kinds: set[str] = set()
        figures: set[str | None] = set()

        def included() -> Iterator[Note]:
            for card, note in rendered(pkg, pkg.stream(), versions):
                used.setdefault(card.deck)
                kinds.add(card.kind)
                figures.add(card.figure)
                if since is None or since.get(note.guid, -1) < note.mod:
                    entry = counts.setdefault(card.deck, [0, 0])
                    entry[0] += 1
                    entry[1] += card.card_count
                    yield note

        write_apkg(
            out,
            included(),
            lambda: decks_of(used),  # both asked once every note is written
            notetypes,
            descriptions,
            lambda: media_of(pkg.figure, FRAMEWORK_FIGURE in figures),
        )
        result = versions.result(prune=pkg.complete)
        lock_text = None if result.is_unchanged else format_lock(result.lock).encode()
    lock_error = None
    if lock_text is not None:
        try:
            atomic_write(lock_path, lock_text)
        except OutputError as exc:
            lock_error = str(exc)
    decks = tuple(DeckCount(deck, n, c) for deck, (n, c) in counts.items())
    return AnkiBuild(out, decks, lock_path, result, lock_error, frozenset(kinds))
