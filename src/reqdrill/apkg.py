"""Write an Anki package (.apkg) from rendered notes: bulk SQLite inserts, then a reproducible zip.

The collection uses the schema-11 layout that every Anki version imports. Notes stream from the
caller straight into SQLite, and the zip gets fixed entry times and a fixed order, so equal input
gives equal bytes.
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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reqdrill.errors import OutputError
from reqdrill.fsutil import TEMP_PREFIX, atomic_path, describe_os_error
from reqdrill.lockfile import EPOCH
from reqdrill.notetypes import NoteTypeSpec, to_legacy_json

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ID_BASE = EPOCH * 1000  # Anki ids are creation times in ms; equal input must give equal ids

_TABLES = """
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
"""
# Built after the bulk inserts: one sort per index is cheaper than updating it row by row.
_INDEXES = """
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
"""
_CONF = {
    "activeDecks": [1],
    "addToCur": True,
    "collapseTime": 1200,
    "curDeck": 1,
    "dueCounts": True,
    "estTimes": True,
    "newBury": True,
    "newSpread": 0,
    "nextPos": 1,
    "sortBackwards": False,
    "sortType": "noteFld",
    "timeLim": 0,
}
_DCONF = {
    "1": {
        "id": 1,
        "name": "Default",
        "mod": 0,
        "usn": 0,
        "maxTaken": 60,
        "autoplay": True,
        "timer": 0,
        "replayq": True,
        "dyn": False,
        "new": {
            "bury": True,
            "delays": [1, 10],
            "initialFactor": 2500,
            "ints": [1, 4, 7],
            "order": 1,
            "perDay": 20,
            "separate": True,
        },
        "lapse": {"delays": [10], "leechAction": 0, "leechFails": 8, "minInt": 1, "mult": 0},
        "rev": {
            "bury": True,
            "ease4": 1.3,
            "fuzz": 0.05,
            "ivlFct": 1,
            "maxIvl": 36500,
            "minSpace": 1,
            "perDay": 100,
        },
    }
}


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


def _deck_json(deck_id: int, name: str, description: str) -> dict[str, Any]:
    return {
        "id": deck_id,
        "name": name,
        "desc": description,
        "mod": EPOCH,
        "usn": -1,
        "collapsed": False,
        "browserCollapsed": False,
        "conf": 1,
        "dyn": 0,
        "extendNew": 0,
        "extendRev": 0,
        "lrnToday": [0, 0],
        "newToday": [0, 0],
        "revToday": [0, 0],
        "timeToday": [0, 0],
    }


def _col_row(
    decks: Mapping[str, int], notetypes: Sequence[tuple[NoteTypeSpec, int]], descriptions: Mapping[str, str]
) -> tuple[Any, ...]:
    first_deck = next(iter(decks.values()), 1)
    models = {str(s.id): to_legacy_json(s, mod=mod, deck_id=first_deck) for s, mod in notetypes}
    deck_json = {"1": _deck_json(1, "Default", "")}
    deck_json.update({str(i): _deck_json(i, n, descriptions.get(n, "")) for n, i in decks.items()})
    conf = dict(_CONF, curModel=str(notetypes[0][0].id) if notetypes else None)

    def dump(obj: Any) -> str:
        return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    ms = EPOCH * 1000
    return (1, EPOCH, ms, ms, 11, 0, 0, 0, dump(conf), dump(models), dump(deck_json), dump(_DCONF), "{}")


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
    decks: Mapping[str, int],
    notetypes: Sequence[tuple[NoteTypeSpec, int]],
    descriptions: Mapping[str, str],
) -> None:
    """Write the collection.anki2 database, taking the notes one by one as they come."""
    con = sqlite3.connect(path)
    try:
        # Large pages: fewer page splits while inserting (any page size imports). No journal and
        # no syncing: the file is scratch until it is zipped, and a failure discards it anyway.
        con.executescript(
            "PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _TABLES
        )
        col = _col_row(decks, notetypes, descriptions)
        con.execute("INSERT INTO col VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", col)
        cards: array[int] = array("q")
        con.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", _note_rows(notes, cards))
        con.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", _card_rows(cards))
        con.commit()
        con.executescript(_INDEXES)
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
    decks: Mapping[str, int],
    notetypes: Sequence[tuple[NoteTypeSpec, int]],
    descriptions: Mapping[str, str],
    media: Mapping[str, bytes],
) -> None:
    """Write the package to `target` atomically; equal input gives equal bytes.

    The database goes to a scratch file and is streamed into the zip, so memory stays flat however
    many notes there are; both files live beside the target and neither outlives the call.
    """
    names = sorted(media)
    index = json.dumps({str(i): name for i, name in enumerate(names)}, ensure_ascii=False, sort_keys=True)
    with atomic_path(target) as temp, _scratch(temp.parent, target) as database:
        try:
            write_collection(database, notes, decks, notetypes, descriptions)
        except sqlite3.Error as exc:
            # SQLite reports ENOSPC as SQLITE_FULL; say it the way every other write does.
            reason = "the disk is full" if "full" in str(exc) else str(exc)
            raise OutputError(f"cannot write {target}: {reason}") from None
        with zipfile.ZipFile(temp, "w") as archive:
            entry = _entry("collection.anki2", database.stat().st_size)
            with database.open("rb") as source, archive.open(entry, "w") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
            archive.writestr(_entry("media"), index)
            for i, name in enumerate(names):
                archive.writestr(_entry(str(i)), media[name])
