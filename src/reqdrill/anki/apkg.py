"""Write an Anki package (.apkg) from rendered notes: genanki's collection, bulk inserts, a reproducible zip.

genanki supplies the schema-11 collection that every Anki version imports: its schema, its `col`
row defaults, and the note type and deck JSON. reqdrill inserts the notes and cards itself, in
bulk and each note with its own modification time, and zips with fixed entry times in a fixed
order, so equal input gives equal bytes. genanki is imported only here, when a package is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reqdrill.anki.lockfile import EPOCH
from reqdrill.anki.notetypes import NoteTypeSpec, to_legacy_json
from reqdrill.errors import OutputError
from reqdrill.files.atomic import TEMP_PREFIX, atomic_path, describe_os_error

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ID_BASE = EPOCH * 1000  # Anki ids are creation times in ms; equal input must give equal ids


@dataclass(frozen=True, slots=True)
class Note:
    """One note as Anki stores it: HTML fields, space-separated tags, and how many cards it makes."""

    guid: str
    notetype: NoteTypeSpec
    deck_id: int
    fields: tuple[str, ...]
    tags: str
    cards: int
    mod: int


def _schema() -> tuple[list[str], list[str]]:
    """genanki's collection schema, split into its table statements and its index statements."""
    from genanki.apkg_schema import APKG_SCHEMA

    statements = [s.strip() for s in APKG_SCHEMA.split(";") if s.strip()]
    indexes = [s for s in statements if s.upper().startswith("CREATE INDEX")]
    return [s for s in statements if s not in indexes], indexes


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _write_col(
    con: sqlite3.Connection,
    decks: Mapping[str, int],
    notetypes: Sequence[tuple[NoteTypeSpec, int]],
    descriptions: Mapping[str, str],
) -> None:
    """genanki's `col` row (collection settings, the Default deck and its options) with reqdrill's
    times, note types and decks.

    genanki's deck entries are used as they are: Anki matches decks by name, takes only the
    description from an imported deck, and starts its study counts afresh (genanki's fixed `mod`
    and sample counts never reach a collection).
    """
    from genanki import Deck
    from genanki.apkg_col import APKG_COL

    con.executescript(APKG_COL)  # a literal INSERT: no parameters, nothing of reqdrill's yet
    conf_text, decks_text = con.execute("SELECT conf, decks FROM col").fetchone()
    first_deck = next(iter(decks.values()), 1)
    models = {str(s.id): to_legacy_json(s, mod=mod, deck_id=first_deck) for s, mod in notetypes}
    deck_json = json.loads(decks_text)
    deck_json.update({str(i): Deck(i, n, descriptions.get(n, "")).to_json() for n, i in decks.items()})
    conf = json.loads(conf_text)
    conf["curModel"] = str(notetypes[0][0].id) if notetypes else None
    ms = EPOCH * 1000
    con.execute(
        "UPDATE col SET crt=?, mod=?, scm=?, conf=?, models=?, decks=?",
        (EPOCH, ms, ms, _dump(conf), _dump(models), _dump(deck_json)),
    )


def _note_rows(notes: Iterable[Note], cards: array[int]) -> Iterator[tuple[Any, ...]]:
    """Note rows, noting (deck id, card count, modification time) of each note for its card rows."""
    for i, n in enumerate(notes):
        cards.extend((n.deck_id, n.cards, n.mod))
        yield (
            _ID_BASE + i,
            n.guid,
            n.notetype.id,
            n.mod,
            -1,
            n.tags,
            "\x1f".join(n.fields),
            n.fields[0],
            0,
            0,
            "",
        )


def _card_rows(cards: array[int]) -> Iterator[tuple[Any, ...]]:
    card_id = _ID_BASE
    for i in range(len(cards) // 3):
        deck_id, count, mod = cards[3 * i : 3 * i + 3]
        # New cards are shown in `due` order, so the deck is studied in the generator's order.
        for ord_ in range(count):
            yield (card_id, _ID_BASE + i, deck_id, ord_, mod, -1, 0, 0, i + 1, 0, 0, 0, 0, 0, 0, 0, 0, "")
            card_id += 1


def write_collection(
    path: Path,
    notes: Iterable[Note],
    decks: Mapping[str, int] | Callable[[], Mapping[str, int]],
    notetypes: Sequence[tuple[NoteTypeSpec, int]],
    descriptions: Mapping[str, str],
) -> None:
    """Write the collection.anki2 database, taking the notes one by one as they come; the `col`
    row, which names the decks, is written after them."""
    tables, indexes = _schema()
    con = sqlite3.connect(path)
    try:
        # Large pages: fewer page splits while inserting (any page size imports). No journal and
        # no syncing: the file is scratch until it is zipped, and a failure discards it anyway.
        con.executescript("PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        con.executescript(";".join(tables))
        cards: array[int] = array("q")
        con.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", _note_rows(notes, cards))
        con.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", _card_rows(cards))
        _write_col(con, decks() if callable(decks) else decks, notetypes, descriptions)
        con.commit()
        # The indexes come last: one sort per index is cheaper than updating it row by row.
        con.executescript(";".join(indexes))
    finally:
        con.close()


def _entry(name: str, size: int = 0) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    # Stored, not deflated, as genanki does: deflating the collection would take longer than all
    # the rest of the writing, and the bundled deck is under half a megabyte as it is.
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    info.file_size = size  # lets zipfile choose zip64 up front for a large collection
    return info


@contextlib.contextmanager
def _scratch(directory: Path, target: Path) -> Iterator[Path]:
    """A scratch file for the database beside the output, removed whatever happens."""
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".anki2", dir=directory)
    except OSError as exc:
        raise OutputError(describe_os_error(exc, target)) from None
    os.close(fd)
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def write_apkg(
    target: Path,
    notes: Iterable[Note],
    decks: Mapping[str, int] | Callable[[], Mapping[str, int]],
    notetypes: Sequence[tuple[NoteTypeSpec, int]],
    descriptions: Mapping[str, str],
    media: Mapping[str, bytes] | Callable[[], Mapping[str, bytes]],
) -> None:
    """Write the package to `target` atomically; equal input gives equal bytes.

    The database goes to a scratch file and is streamed into the zip, so memory stays flat however
    many notes there are; both files live beside the target and neither outlives the call.
    `decks` and `media` may be functions, asked only once every note has been taken, so that a
    caller streaming its notes can say which decks and media those notes used.
    """
    with atomic_path(target) as temp, _scratch(temp.parent, target) as database:
        try:
            write_collection(database, notes, decks, notetypes, descriptions)
        except sqlite3.Error as exc:
            # SQLite reports ENOSPC as SQLITE_FULL; say it the way every other write does.
            reason = "the disk is full" if "full" in str(exc) else str(exc)
            raise OutputError(f"cannot write {target}: {reason}") from None
        files = media() if callable(media) else media
        names = sorted(files)
        index = json.dumps({str(i): n for i, n in enumerate(names)}, ensure_ascii=False, sort_keys=True)
        with zipfile.ZipFile(temp, "w") as archive:
            entry = _entry("collection.anki2", database.stat().st_size)
            with database.open("rb") as source, archive.open(entry, "w") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
            archive.writestr(_entry("media"), index)
            for i, name in enumerate(names):
                archive.writestr(_entry(str(i)), files[name])
