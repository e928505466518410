"""`reqdrill.lock`: the content digest and Anki modification time of every note, kept beside the content.

Anki updates an existing note only when the incoming modification time is newer, and reproducible
builds cannot read the clock. So each note's time is derived from the previous lock: unchanged
content keeps its time, changed content gets the previous time + 1, a new note starts at EPOCH.
A note that is no longer built (split, or its content removed) stays in the lock as retired, so
that every later build can tell people who imported an earlier deck which notes to delete.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from reqdrill.errors import ContentError, Problem

LOCK_FILE = "reqdrill.lock"
EPOCH = 1_704_067_200
"""The modification time of a note seen for the first time: 2024-01-01T00:00:00Z."""
RETIRED = "retired"
"""The digest of a note that is no longer built."""
HEADER = (
    "# reqdrill.lock: the version of every Anki note built from this content.\n"
    "# `reqdrill anki` keeps it up to date; commit it with the content. Do not edit it by hand.\n"
    "# note-key content-digest modification-time (digest `retired`: no longer built)\n"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """What the lock remembers of one note: a digest of its content, and its modification time."""

    digest: str
    mod: int


@dataclass(frozen=True)
class Update:
    """The outcome of checking notes against a lock: the lock to write back, and what changed."""

    lock: dict[str, Entry]
    changed: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    """Notes retired by this build: built from the previous lock, but not any more."""

    @property
    def retired(self) -> tuple[str, ...]:
        """Every retired note the lock remembers, by this build or an earlier one."""
        return tuple(sorted(key for key, entry in self.lock.items() if entry.digest == RETIRED))

    @property
    def is_unchanged(self) -> bool:
        """Whether the lock already describes these notes exactly."""
        return not (self.changed or self.added or self.removed)


class Versions:
    """Hands out modification times note by note, so that notes can be written as they are made."""

    def __init__(self, lock: Mapping[str, Entry]) -> None:
        self.old = lock
        self.new: dict[str, Entry] = {}
        self.changed: list[str] = []
        self.added: list[str] = []

    def mod(self, key: str, digest: str) -> int:
        """The modification time of the note `key` whose content has this digest."""
        old = self.old.get(key)
        if old is None:
            entry = Entry(digest, EPOCH)
            self.added.append(key)
        elif old.digest != digest:
            entry = Entry(digest, old.mod + 1)
            self.changed.append(key)
        else:
            entry = old
        self.new[key] = entry
        return entry.mod

    def result(self, *, prune: bool) -> Update:
        """The lock after every note; `prune` (a build of the whole content) retires the entries of
        notes that no longer exist, keeping their last time so that one that returns is newer."""
        if not prune:
            return Update({**self.old, **self.new}, tuple(self.changed), tuple(self.added), ())
        gone = sorted(self.old.keys() - self.new.keys())
        removed = tuple(key for key in gone if self.old[key].digest != RETIRED)
        lock = {**self.new, **{key: Entry(RETIRED, self.old[key].mod) for key in gone}}
        return Update(lock, tuple(self.changed), tuple(self.added), removed)


def parse_lock(text: str, file: str) -> dict[str, Entry]:
    """Read a lock file's text; a malformed line is a ContentError pointing at it."""
    entries: dict[str, Entry] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split(" ")
        if len(parts) != 3 or not parts[2].isdigit():
            message = "expected `note-key digest modification-time`; delete the line to rebuild it"
            problems.append(Problem(file, number, 1, "(lock)", message))
            continue
        entries[parts[0]] = Entry(parts[1], int(parts[2]))
    if problems:
        raise ContentError(problems)
    return entries


def read_lock(path: Path) -> dict[str, Entry]:
    """The lock at `path`, or an empty lock if there is none."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return parse_lock(text, str(path))


def format_lock(entries: Mapping[str, Entry]) -> str:
    """The lock file's text, one note per line in key order so that diffs stay small."""
    lines = [f"{key} {e.digest} {e.mod}\n" for key, e in sorted(entries.items())]
    return HEADER + "".join(lines)


def update(lock: Mapping[str, Entry], digests: Iterable[tuple[str, str]], *, prune: bool) -> Update:
    """Check a whole set of notes against a lock at once; see `Versions`."""
    versions = Versions(lock)
    for key, digest in digests:
        versions.mod(key, digest)
    return versions.result(prune=prune)
