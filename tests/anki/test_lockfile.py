"""Tests for lockfile.py: note versions that advance exactly when a note's content changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reqdrill.anki.deck import check_lock, package
from reqdrill.anki.lockfile import (
    EPOCH,
    HEADER,
    LOCK_FILE,
    RETIRED,
    Entry,
    Versions,
    format_lock,
    parse_lock,
    read_lock,
    update,
)
from reqdrill.content.model import Content
from reqdrill.content.paths import bundled_root
from reqdrill.content.scaffold import LOCK_FILE as COPIED_BY_INIT
from reqdrill.errors import ContentError


def test_new_notes_start_at_the_epoch() -> None:
    result = update({}, [("a", "d1"), ("b", "d2")], prune=True)
    assert result.added == ("a", "b") and result.changed == () and result.removed == ()
    assert result.lock == {"a": Entry("d1", EPOCH), "b": Entry("d2", EPOCH)}


def test_unchanged_notes_keep_their_time_and_changed_notes_advance_by_one() -> None:
    lock = {"a": Entry("d1", EPOCH + 7), "b": Entry("d2", EPOCH + 3)}
    versions = Versions(lock)
    assert (versions.mod("a", "d1"), versions.mod("b", "d2-edited")) == (EPOCH + 7, EPOCH + 4)
    result = versions.result(prune=True)
    assert result.lock == {"a": Entry("d1", EPOCH + 7), "b": Entry("d2-edited", EPOCH + 4)}
    assert result.changed == ("b",) and result.added == ()
    assert not result.is_unchanged


def test_an_identical_build_leaves_the_lock_unchanged() -> None:
    lock = {"a": Entry("d1", EPOCH + 1)}
    result = update(lock, [("a", "d1")], prune=True)
    assert result.is_unchanged and result.lock == lock


def test_a_full_build_retires_removed_notes_but_a_selection_keeps_them() -> None:
    lock = {"gone": Entry("d0", EPOCH + 5), "a": Entry("d1", EPOCH)}
    full = update(lock, [("a", "d1")], prune=True)
    assert full.removed == full.retired == ("gone",)
    assert full.lock == {"gone": Entry(RETIRED, EPOCH + 5), "a": Entry("d1", EPOCH)}
    kept = update(lock, [("a", "d1")], prune=False)
    assert kept.removed == kept.retired == () and kept.lock == lock and kept.is_unchanged


def test_a_retired_note_stays_retired_and_is_reported_once_as_removed() -> None:
    lock = {"gone": Entry(RETIRED, EPOCH + 5), "a": Entry("d1", EPOCH)}
    again = update(lock, [("a", "d1")], prune=True)
    assert again.is_unchanged and again.removed == () and again.retired == ("gone",)
    assert again.lock == lock


def test_a_retired_note_that_returns_is_newer_than_it_was() -> None:
    lock = {"back": Entry(RETIRED, EPOCH + 5)}
    result = update(lock, [("back", "d2")], prune=True)
    assert result.lock == {"back": Entry("d2", EPOCH + 6)} and result.changed == ("back",)
    assert result.retired == ()


def test_lock_text_round_trips_in_key_order() -> None:
    entries = {"b:x": Entry("00ff", EPOCH + 2), "a": Entry("abcd", EPOCH)}
    text = format_lock(entries)
    assert text == HEADER + f"a abcd {EPOCH}\nb:x 00ff {EPOCH + 2}\n"
    assert parse_lock(text, "reqdrill.lock") == entries


def test_a_malformed_line_is_a_content_error_with_its_position() -> None:
    text = HEADER + f"a abcd {EPOCH}\n<<<<<<< HEAD\n"
    with pytest.raises(ContentError) as exc:
        parse_lock(text, "root/reqdrill.lock")
    assert str(exc.value) == (
        "root/reqdrill.lock:5:1: (lock): expected `note-key digest modification-time`; "
        "delete the line to rebuild it"
    )


def test_a_missing_lock_is_empty(tmp_path: Path) -> None:
    assert read_lock(tmp_path / LOCK_FILE) == {}


def test_init_copies_the_lock_with_the_content() -> None:
    assert COPIED_BY_INIT == LOCK_FILE


def test_the_committed_lock_is_up_to_date_with_the_bundled_content(content: Content) -> None:
    _, result = check_lock(package(content), read_lock(bundled_root() / LOCK_FILE))
    stale = [*result.changed, *result.added, *result.removed]
    assert not stale, f"reqdrill.lock is stale for {stale[:5]}: run `reqdrill anki` and commit reqdrill.lock"
