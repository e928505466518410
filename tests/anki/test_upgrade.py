"""Upgrading a collection that holds the previous deck, with review history, to today's deck.

`tests/data/previous-deck/` holds the package and lock that reqdrill built from its bundled content
at commit 36acc62 (before cards were split to one item each): what people have imported. The test
reviews cards of that deck through Anki's scheduler, rebuilds today's deck from the previous lock,
imports it, and checks with Anki's own backend that nothing a learner owns was lost.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection
from msgspec.structs import replace

from cardstats import import_into
from conftest import DATA
from contentio import dump_content
from reqdrill.anki.deck import AnkiBuild, build_anki, check_lock, package
from reqdrill.anki.lockfile import LOCK_FILE, RETIRED, read_lock
from reqdrill.anki.note import guid
from reqdrill.anki.notetypes import NOTE_TYPES
from reqdrill.content.load import load_content
from reqdrill.content.model import Content

PREVIOUS = DATA / "previous-deck"
# Cards of notes that stay as they were, notes whose text changed, and notes that are retired.
REVIEWED_KINDS = (
    "categories-in-order",
    "key-instruction",
    "template-category",
    "tradeoff-signals",
    "probe-category",
    "scenario-probe",
    "scenario-tradeoff",
    "category-examples",
    "list-categories",
    "scenario-category",
)


def scheduling(col: Collection) -> dict[int, tuple[Any, ...]]:
    """Every card's scheduling state, by card id."""
    rows = col.db.all(
        "SELECT id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses, left FROM cards"
    )
    return {row[0]: tuple(row) for row in rows}


def review(col: Collection) -> list[int]:
    """Answer three cards of each reviewed kind through the scheduler, some of them twice."""
    reviewed = []
    eases = itertools.cycle([3, 4, 1, 3, 2])
    for kind in REVIEWED_KINDS:
        cids = sorted(col.find_cards(f"tag:reqdrill::kind::{kind}"))
        assert cids, kind
        for cid in cids[:3] + cids[:1]:
            card = col.get_card(cid)
            card.start_timer()
            col.sched.answerCard(card, next(eases))
            reviewed.append(cid)
    return reviewed


@pytest.fixture(scope="module")
def upgrade(content: Content, tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("upgrade")
    (tmp / "anki").mkdir()
    col = Collection(str(tmp / "anki" / "collection.anki2"))
    first = import_into(col, PREVIOUS / "reqdrill.apkg")
    guids_before = dict(col.db.all("SELECT guid, id FROM notes"))
    fields_before = {g: col.get_note(nid).fields for g, nid in guids_before.items()}
    reviewed = review(col)
    revlog = col.db.all("SELECT * FROM revlog ORDER BY id")
    before = scheduling(col)

    root = dump_content(content, tmp / "content")
    shutil.copyfile(PREVIOUS / LOCK_FILE, root / LOCK_FILE)
    result = build_anki(content, root, tmp / "today.apkg")
    log = import_into(col, tmp / "today.apkg")
    col.close()  # reopened: the Python side caches note types
    col = Collection(str(tmp / "anki" / "collection.anki2"))
    yield {
        "col": col,
        "first": first,
        "log": log,
        "result": result,
        "root": root,
        "guids_before": guids_before,
        "fields_before": fields_before,
        "reviewed": reviewed,
        "revlog": revlog,
        "before": before,
    }
    col.close()


def test_the_import_adds_and_updates_notes_and_conflicts_with_none(upgrade: Any) -> None:
    log, result = upgrade["log"], upgrade["result"]
    assert isinstance(result, AnkiBuild)
    notes = [k for k in result.lock.changed if not k.startswith("notetype:")]
    assert len(log.conflicting) == 0
    assert len(log.new) == len(result.lock.added) > 0
    assert len(log.updated) == len(notes) > 0
    assert {upgrade["col"].get_note(n.id.nid).guid for n in log.updated} == {guid(k) for k in notes}


def test_the_review_history_is_intact(upgrade: Any) -> None:
    col = upgrade["col"]
    assert len(upgrade["revlog"]) == len(upgrade["reviewed"]) >= 3 * len(REVIEWED_KINDS)
    assert col.db.all("SELECT * FROM revlog ORDER BY id") == upgrade["revlog"]


def test_every_earlier_note_keeps_its_guid_id_and_scheduling(upgrade: Any) -> None:
    col = upgrade["col"]
    now = dict(col.db.all("SELECT guid, id FROM notes"))
    assert upgrade["guids_before"].items() <= now.items()  # nothing removed, nothing re-keyed
    after = scheduling(col)
    assert {cid: after[cid] for cid in upgrade["before"]} == upgrade["before"]
    reviewed = {after[cid][9] for cid in upgrade["reviewed"]}
    assert min(reviewed) >= 1  # the reviewed cards still carry their repetitions


def test_unchanged_notes_keep_their_text_and_changed_ones_take_todays(content: Content, upgrade: Any) -> None:
    col, result = upgrade["col"], upgrade["result"]
    previous = read_lock(PREVIOUS / LOCK_FILE)
    rendered, _ = check_lock(package(content), read_lock(upgrade["root"] / LOCK_FILE))
    unchanged = 0
    for card, note in zip(package(content).cards, rendered, strict=True):
        nid = col.db.scalar("SELECT id FROM notes WHERE guid = ?", note.guid)
        assert col.get_note(nid).fields == list(note.fields), card.key
        if card.key in previous and card.key not in result.lock.changed:
            assert upgrade["fields_before"][note.guid] == list(note.fields), card.key
            unchanged += 1
    kept = [
        k for k, e in previous.items() if k in result.lock.lock and result.lock.lock[k].digest == e.digest
    ]
    # Nearly every note gained a labeled extra, so few are byte-identical; those few are untouched.
    assert unchanged == len(kept) >= 1


def test_the_retired_notes_are_exactly_what_the_report_finds(upgrade: Any) -> None:
    col, result = upgrade["col"], upgrade["result"]
    retired = set(result.lock.removed)
    assert retired == set(result.lock.retired) and len(retired) == 99
    assert {k.split(":", 1)[0] for k in retired} == {
        "category-examples",
        "list-categories",
        "scenario-category",
    }
    assert all(result.lock.lock[k].digest == RETIRED for k in retired)
    (_, search) = [line for line in result.summary().splitlines() if "tag:" in line][0].split(": ", 1)
    found = {col.get_note(nid).guid for nid in col.find_notes(search)}
    assert found == {guid(k) for k in retired}
    col.remove_notes(col.find_notes(search))
    assert (
        col.note_count() == result.notes == len(upgrade["first"].new) - len(retired) + len(result.lock.added)
    )


def test_the_note_types_are_updated_in_place(upgrade: Any) -> None:
    col = upgrade["col"]
    names = sorted(n.name for n in col.models.all_names_and_ids() if n.name.startswith("reqdrill"))
    assert names == sorted(spec.name for spec in NOTE_TYPES.values())
    for spec in NOTE_TYPES.values():
        model = col.models.get(spec.id)  # type: ignore[arg-type]
        assert model is not None and ".cue" in model["css"]


def test_a_second_rebuild_reports_the_retired_notes_again_without_changes(
    content: Content, upgrade: Any, tmp_path: Path
) -> None:
    result = build_anki(content, upgrade["root"], tmp_path / "again.apkg")
    assert result.lock.is_unchanged and len(result.lock.retired) == 99
    assert "retired: 99 notes of earlier builds" in result.summary()


def test_a_later_edit_updates_its_note_and_leaves_every_other_note_and_review_alone(
    content: Content, upgrade: Any, tmp_path: Path
) -> None:
    col = upgrade["col"]
    cids = sorted(col.find_cards("tag:reqdrill::kind::scenario-field"))[:5]
    for cid in cids:  # reviewed after the upgrade: history on today's cards too
        card = col.get_card(cid)
        card.start_timer()
        col.sched.answerCard(card, 3)
    revlog, before = col.db.all("SELECT * FROM revlog ORDER BY id"), scheduling(col)
    fields = {g: col.get_note(nid).fields for g, nid in col.db.all("SELECT guid, id FROM notes")}

    scenario = content.scenarios[0]
    edited = replace(scenario.requirements.performance, latency="< 80ms p99 for recommendations")
    requirements = replace(scenario.requirements, performance=edited)
    scenarios = (replace(scenario, requirements=requirements), *content.scenarios[1:])
    root = dump_content(replace(content, scenarios=scenarios), tmp_path / "content")
    shutil.copyfile(upgrade["root"] / LOCK_FILE, root / LOCK_FILE)
    result = build_anki(load_content(root), root, tmp_path / "edited.apkg")
    log = import_into(col, tmp_path / "edited.apkg")

    key = f"scenario-field:{scenario.id}:latency"
    assert result.lock.changed == (key,) and not result.lock.added and not result.lock.removed
    assert (len(log.updated), len(log.new), len(log.conflicting)) == (1, 0, 0)
    assert col.db.all("SELECT * FROM revlog ORDER BY id") == revlog
    assert scheduling(col) == before
    now = {g: col.get_note(nid).fields for g, nid in col.db.all("SELECT guid, id FROM notes")}
    assert {g for g in now if now[g] != fields[g]} == {guid(key)}
    assert now[guid(key)][1] == "&lt; 80ms p99 for recommendations"
