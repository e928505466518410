"""Tests for anki.py and `reqdrill anki`, judged by real Anki: the `anki` package imports every deck."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageOptions
from msgspec.structs import replace

from conftest import CliInvoke
from contentio import dump_content
from hostile import HOSTILE as HOSTILE_MARKERS
from hostile import HUGE_MARK, LONG_MARK, write_hostile
from reqdrill.anki.deck import build_anki, check_lock, package, retired_report
from reqdrill.anki.lockfile import LOCK_FILE, read_lock
from reqdrill.anki.note import guid, parent_decks
from reqdrill.anki.notetypes import CSS, NOTE_TYPES
from reqdrill.content.load import load_content
from reqdrill.content.model import Content
from reqdrill.errors import OutputError
from reqdrill.study.cards import ROOT_DECK, build_cards


def import_package(col: Collection, path: Path) -> Any:
    request = ImportAnkiPackageRequest(package_path=str(path.resolve()), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def note_id(col: Collection, key: str) -> int:
    """The id of the note built from the card with this key, found by its GUID."""
    return int(col.db.scalar("SELECT id FROM notes WHERE guid = ?", guid(key)))


def text_of(rendered: str) -> str:
    """What a reader sees of rendered card HTML: no CSS, no tags, entities decoded."""
    rendered = re.sub(r"<style>.*?</style>", "", rendered, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered.replace("<br>", "\n")))


def open_collection(directory: Path) -> Collection:
    directory.mkdir(parents=True)
    return Collection(str(directory / "collection.anki2"))


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    col = open_collection(tmp_path / "anki")
    yield col
    col.close()


@pytest.fixture(scope="module")
def imported(content: Content, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Collection, Any]]:
    """The bundled content built once and imported into a fresh collection."""
    tmp = tmp_path_factory.mktemp("imported")
    root = dump_content(content, tmp / "content")
    build_anki(content, root, tmp / "deck.apkg")
    col = open_collection(tmp / "anki")
    log = import_package(col, tmp / "deck.apkg")
    yield col, log
    col.close()


# ---------------------------------------------------------------- what real Anki sees


def test_note_and_card_counts_match_the_generator(content: Content, imported: tuple[Collection, Any]) -> None:
    col, log = imported
    cards = build_cards(content)
    assert col.note_count() == len(cards) == len(log.new)
    assert col.card_count() == sum(c.card_count for c in cards)
    assert (len(log.updated), len(log.duplicate), len(log.conflicting)) == (0, 0, 0)


def test_every_card_renders_a_question_and_an_answer(imported: tuple[Collection, Any]) -> None:
    col, _ = imported
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        assert text_of(card.question()).strip(), cid
        assert text_of(card.answer()).strip(), cid


def test_decks_and_tags_are_present(content: Content, imported: tuple[Collection, Any]) -> None:
    col, _ = imported
    cards = build_cards(content)
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert names == {"Default", *parent_decks([c.deck for c in cards])}
    assert set(col.tags.all()) == {t for c in cards for t in c.tags}
    for card in cards[:: max(1, len(cards) // 40)]:
        note = col.get_note(note_id(col, card.key))
        assert sorted(note.tags) == sorted(card.tags)
        deck_of_cards = {col.decks.name(col.get_card(cid).did) for cid in note.card_ids()}
        assert deck_of_cards == {card.deck}


def test_every_template_question_appears_on_a_card(
    content: Content, imported: tuple[Collection, Any]
) -> None:
    col, _ = imported
    shown = "\n".join(text_of(col.get_card(cid).question()) for cid in col.find_cards(""))
    questions = [q.text for c in content.categories for q in c.templates]
    assert len(questions) >= 31
    assert [q for q in questions if q not in shown] == []


def test_note_types_arrive_as_reqdrill_defines_them(imported: tuple[Collection, Any]) -> None:
    col, _ = imported
    for spec in NOTE_TYPES.values():
        model = col.models.get(spec.id)  # type: ignore[arg-type]
        assert model is not None and model["name"] == spec.name
        assert [f["name"] for f in model["flds"]] == list(spec.fields)
        assert [t["name"] for t in model["tmpls"]] == [t.name for t in spec.templates]
        assert ".nightMode" in model["css"]


def test_the_diagram_ships_as_media_on_the_recall_cards(
    content: Content, imported: tuple[Collection, Any]
) -> None:
    col, _ = imported
    (name,) = package(content).media
    assert (Path(col.media.dir()) / name).read_bytes().startswith(b"<svg")
    cids = col.find_cards("tag:reqdrill::kind::categories-in-order")
    assert len(cids) == 7
    for cid in cids:
        card = col.get_card(cid)
        assert f'<img src="{name}"' in card.answer() and "<img" not in card.question()


def test_the_ordered_recall_cloze_blanks_one_category_per_card(imported: tuple[Collection, Any]) -> None:
    col, _ = imported
    cids = col.find_cards("tag:reqdrill::kind::categories-in-order")
    assert len(cids) == 7
    for cid in cids:
        assert "[...]" in text_of(col.get_card(cid).question())


# ---------------------------------------------------------------- rebuilds


def scheduling(col: Collection, cid: int) -> tuple[int, ...]:
    c = col.get_card(cid)
    return (c.id, c.nid, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses)


def test_editing_one_question_updates_that_note_in_place(
    content: Content, tmp_path: Path, collection: Collection
) -> None:
    root = dump_content(content, tmp_path / "content")
    build_anki(load_content(root), root, tmp_path / "v1.apkg")
    first = import_package(collection, tmp_path / "v1.apkg")
    total = len(first.new)

    category = content.categories[2]
    probe = category.e6_probes[0]
    nid = note_id(collection, f"probe-category:{probe.id}")
    (cid,) = collection.card_ids_of_note(nid)
    collection.sched.set_due_date([cid], "5")  # the card now has a review history to keep
    before = scheduling(collection, cid)

    edited_probe = replace(probe, text=probe.text + " (asked before the design starts)")
    edited = replace(category, e6_probes=(edited_probe, *category.e6_probes[1:]))
    categories = tuple(edited if c.id == category.id else c for c in content.categories)
    dump_content(replace(content, categories=categories), root)
    v2 = load_content(root)
    build_anki(v2, root, tmp_path / "v2.apkg")
    second = import_package(collection, tmp_path / "v2.apkg")

    # The probe shows on two notes: "which category?" and "which question do you ask because…".
    assert (len(second.updated), len(second.new), len(second.conflicting)) == (2, 0, 0)
    updated = {collection.get_note(n.id.nid).guid for n in second.updated}
    assert updated == {guid(f"probe-category:{probe.id}"), guid(f"probe-ask:{probe.id}")}
    # Anki logs each unchanged note as a "duplicate", meaning already up to date: the collection
    # now holds exactly the rebuilt notes, so no incoming change was dropped.
    assert len(second.duplicate) == total - 2
    rebuilt = package(v2)
    rendered, _ = check_lock(rebuilt, read_lock(root / LOCK_FILE))
    for card, note in zip(rebuilt.cards, rendered, strict=True):
        assert list(collection.get_note(note_id(collection, card.key)).fields) == list(note.fields)
    assert "(asked before the design starts)" in collection.get_note(nid)["Front"]
    assert scheduling(collection, cid) == before
    assert collection.note_count() == total


def test_an_update_package_imports_with_nothing_logged_as_duplicate(
    content: Content, tmp_path: Path, collection: Collection, cli_invoke: CliInvoke
) -> None:
    """The issue's update scenario, to the letter: updated 1, new 0, duplicate 0, conflicting 0.

    A full package always carries every note, and Anki logs each unchanged one as a duplicate;
    `--since v1.apkg` leaves out the notes the collection already has in this version.
    """
    root = dump_content(content, tmp_path / "content")
    cli_invoke("anki", "--content", str(root), "--out", str(tmp_path / "v1.apkg"))
    first = import_package(collection, tmp_path / "v1.apkg")
    scenario = content.scenarios[3]
    probe = scenario.e6_probes[1]
    nid = note_id(collection, f"scenario-probe:{scenario.id}:{probe.id}")
    (cid,) = collection.card_ids_of_note(nid)
    collection.sched.set_due_date([cid], "3")
    before = scheduling(collection, cid)
    edited = replace(
        scenario,
        e6_probes=(
            scenario.e6_probes[0],
            replace(probe, question="Which SLA applies when the model server is down?"),
            *scenario.e6_probes[2:],
        ),
    )
    dump_content(replace(content, scenarios=(*content.scenarios[:3], edited, *content.scenarios[4:])), root)
    result = cli_invoke(
        "anki",
        "--content",
        str(root),
        "--since",
        str(tmp_path / "v1.apkg"),
        "--out",
        str(tmp_path / "update.apkg"),
    )
    assert "total: 1 note, 1 card\n" in result.stdout
    log = import_package(collection, tmp_path / "update.apkg")
    assert (len(log.updated), len(log.new), len(log.duplicate), len(log.conflicting)) == (1, 0, 0, 0)
    assert collection.get_note(nid)["Back"] == "Which SLA applies when the model server is down?"
    assert scheduling(collection, cid) == before
    assert collection.note_count() == len(first.new)


def test_since_rejects_a_file_that_is_not_a_package(cli_invoke: CliInvoke, tmp_path: Path) -> None:
    bogus = tmp_path / "old.apkg"
    bogus.write_text("not a zip")
    result = cli_invoke("anki", "--since", str(bogus), "--out", str(tmp_path / "x.apkg"), expect=1)
    assert result.stderr == f"Error: cannot read the notes of {bogus}: not a reqdrill .apkg\n"
    assert not (tmp_path / "x.apkg").exists()


def test_editing_a_template_question_updates_exactly_the_notes_that_show_it(
    content: Content, tmp_path: Path, collection: Collection
) -> None:
    root = dump_content(content, tmp_path / "content")
    build_anki(load_content(root), root, tmp_path / "v1.apkg")
    import_package(collection, tmp_path / "v1.apkg")
    category = content.categories[0]
    question = replace(category.templates[0], text="What single business metric are we optimizing?")
    edited = replace(category, templates=(question, *category.templates[1:]))
    categories = (edited, *content.categories[1:])
    dump_content(replace(content, categories=categories), root)
    result = build_anki(load_content(root), root, tmp_path / "v2.apkg")
    log = import_package(collection, tmp_path / "v2.apkg")
    # The question shows on its own card, in its category's cloze, and as the question to ask
    # under every scenario's "primary goal" card.
    expected = {f"template-category:{question.id}", f"category-templates:{category.id}"} | {
        f"scenario-field:{s.id}:{question.field}" for s in content.scenarios
    }
    assert question.field == "primary_goal"
    assert set(result.lock.changed) == expected
    assert (len(log.updated), len(log.new), len(log.conflicting)) == (len(expected), 0, 0)


def test_a_css_change_reaches_a_collection_that_imported_the_previous_deck(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = dump_content(content, tmp_path / "content")
    col = open_collection(tmp_path / "anki")
    try:
        build_anki(content, root, tmp_path / "v1.apkg")
        total = len(import_package(col, tmp_path / "v1.apkg").new)
        monkeypatch.setattr("reqdrill.anki.notetypes.CSS", CSS + ".reqdrill-marker { margin: 0; }\n")
        result = build_anki(content, root, tmp_path / "v2.apkg")
        log = import_package(col, tmp_path / "v2.apkg")
    finally:
        col.close()
    assert sorted(result.lock.changed) == ["notetype:basic", "notetype:cloze"]
    assert (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)) == (0, 0, total, 0)
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))  # reopened: no cached note types
    try:
        for spec in NOTE_TYPES.values():
            model = col.models.get(spec.id)  # type: ignore[arg-type]
            assert model is not None and ".reqdrill-marker" in model["css"]
        names = [n.name for n in col.models.all_names_and_ids() if n.name.startswith("reqdrill")]
        assert sorted(names) == sorted(spec.name for spec in NOTE_TYPES.values())  # updated, not re-added
    finally:
        col.close()


def test_a_rebuild_without_changes_is_byte_identical_and_keeps_the_lock(
    content: Content, tmp_path: Path
) -> None:
    root = dump_content(content, tmp_path / "content")
    first = build_anki(content, root, tmp_path / "a.apkg")
    lock = (root / "reqdrill.lock").read_bytes()
    second = build_anki(content, root, tmp_path / "b.apkg")
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()
    assert not first.lock.is_unchanged and second.lock.is_unchanged
    assert (root / "reqdrill.lock").read_bytes() == lock


# ---------------------------------------------------------------- hostile text


HOSTILE_QUESTION = "<script>alert(1)</script> {{c1::x}} {{Front}} map<int, int> &amp; [sound:x.mp3] \\(x\\)"
HOSTILE_NAME = "{{c2::Data}} & <b>Features</b>"


def test_hostile_text_shows_literally_in_real_anki(
    content: Content, tmp_path: Path, collection: Collection
) -> None:
    first, second, *rest = content.categories
    question = replace(first.templates[0], text=HOSTILE_QUESTION)
    categories = (
        replace(first, templates=(question, *first.templates[1:])),
        replace(second, name=HOSTILE_NAME),
    )
    scenario = replace(content.scenarios[0], name="Ads :: {{Front}} <i>")
    hostile = replace(content, categories=(*categories, *rest), scenarios=(scenario, *content.scenarios[1:]))
    root = dump_content(hostile, tmp_path / "content")
    build_anki(load_content(root), root, tmp_path / "deck.apkg")
    import_package(collection, tmp_path / "deck.apkg")

    (cid,) = collection.card_ids_of_note(note_id(collection, f"template-category:{question.id}"))
    rendered = collection.get_card(cid).question()
    assert "<script>" not in rendered
    assert HOSTILE_QUESTION in text_of(rendered)

    recall = sorted(collection.find_cards("tag:reqdrill::kind::categories-in-order"))
    cards = sorted((collection.get_card(c) for c in recall), key=lambda c: c.ord)
    assert HOSTILE_NAME not in text_of(cards[1].question())  # its own blank hides it
    assert HOSTILE_NAME in text_of(cards[1].answer())
    assert HOSTILE_NAME in text_of(cards[0].question())  # shown as context on the other cards
    assert len(recall) == 7  # the name's {{c2::…}} made no extra card

    deck = f"{ROOT_DECK}::Scenarios::Ads : {{{{Front}}}} <i>"
    assert deck in {d.name for d in collection.decks.all_names_and_ids()}


# ---------------------------------------------------------------- the command


def expected_summary(content: Content, lock_line: str, out: str) -> str:
    counts: dict[str, list[int]] = {}
    for card in build_cards(content):
        counts.setdefault(card.deck, [0, 0])
        counts[card.deck][0] += 1
        counts[card.deck][1] += card.card_count
    lines = [ROOT_DECK]
    lines += [f"  {d.removeprefix(ROOT_DECK + '::')}: {n} notes, {c} cards" for d, (n, c) in counts.items()]
    total_notes = sum(n for n, _ in counts.values())
    total_cards = sum(c for _, c in counts.values())
    return (
        "\n".join([*lines, f"total: {total_notes} notes, {total_cards} cards", lock_line, f"wrote {out}"])
        + "\n"
    )


def test_command_writes_the_default_output_and_reports(
    content: Content, cli_invoke: CliInvoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = dump_content(content, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = cli_invoke("anki", "--content", str(root))
    lock = (
        f"updated {root / 'reqdrill.lock'}: entries 0 changed, {len(build_cards(content)) + 2} new, 0 removed"
    )
    assert result.stdout == expected_summary(content, lock, "output/reqdrill.apkg")
    assert (tmp_path / "output" / "reqdrill.apkg").is_file()
    again = cli_invoke("anki", "--content", str(root))
    assert again.stdout == expected_summary(
        content, f"{root / 'reqdrill.lock'}: up to date", "output/reqdrill.apkg"
    )


def test_command_selects_scenarios_and_categories(
    content: Content, cli_invoke: CliInvoke, tmp_path: Path
) -> None:
    root = dump_content(content, tmp_path / "content")
    scenario = content.scenarios[0]
    out = tmp_path / "one.apkg"
    result = cli_invoke(
        "anki", "--content", str(root), "--out", str(out), "--scenario", scenario.id, "--category", "data"
    )
    decks = [
        line.strip().rsplit(": ", 1)[0]
        for line in result.stdout.splitlines()
        if line.startswith("  Scenarios::")
    ]
    assert decks == [f"Scenarios::{scenario.name}"]
    assert out.is_file()


def test_command_rejects_an_out_path_in_a_missing_directory(cli_invoke: CliInvoke, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "deck.apkg"
    result = cli_invoke("anki", "--out", str(out), expect=1)
    assert result.stderr == f"Error: cannot write {out}: the directory {out.parent} does not exist\n"


def test_command_rejects_an_unknown_scenario(content: Content, cli_invoke: CliInvoke, tmp_path: Path) -> None:
    result = cli_invoke("anki", "--scenario", "nope", "--out", str(tmp_path / "x.apkg"), expect=1)
    known = ", ".join(s.id for s in content.scenarios)
    assert result.stderr == f"Error: unknown scenario 'nope'; known: {known}\n"
    assert not (tmp_path / "x.apkg").exists()


def test_command_warns_when_the_lock_cannot_be_written(
    content: Content, cli_invoke: CliInvoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = dump_content(content, tmp_path / "content")
    reason = f"cannot write {root / 'reqdrill.lock'}: the file system is read-only"

    def read_only(path: Path, data: bytes) -> None:
        raise OutputError(reason)

    monkeypatch.setattr("reqdrill.anki.deck.atomic_write", read_only)
    result = cli_invoke("anki", "--content", str(root), "--out", str(tmp_path / "x.apkg"))
    assert result.stderr == (
        f"Warning: {reason}; the package is complete, but notes changed since the last lock will not "
        "update in Anki on a later rebuild. Build from a writable copy: reqdrill init DIR, "
        "then --content DIR\n"
    )
    assert result.stdout.endswith(
        f"total: {len(build_cards(content))} notes, "
        f"{sum(c.card_count for c in build_cards(content))} cards\nwrote {tmp_path / 'x.apkg'}\n"
    )


def test_help_imports_no_deck_machinery() -> None:
    code = (
        "import sys\nfrom reqdrill.cli import main\nsys.argv = ['reqdrill', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[-1] in "
        "('anki', 'apkg', 'cards', 'ankinote', 'lockfile', 'sqlite3', 'genanki', 'zipfile')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_the_hostile_content_root_imports_and_shows_every_marker_literally(
    tmp_path: Path, collection: Collection
) -> None:
    root = write_hostile(tmp_path / "hostile")
    content = load_content(root)
    result = build_anki(content, root, tmp_path / "hostile.apkg")
    log = import_package(collection, tmp_path / "hostile.apkg")
    assert (len(log.new), collection.card_count()) == (result.notes, result.cards)
    shown = []
    for cid in collection.find_cards(""):
        card = collection.get_card(cid)
        for rendered in (card.question(), card.answer()):
            body = re.sub(r"<style>.*?</style>", "", rendered, flags=re.S)
            # reqdrill's own bold labels (escaped text, so no "<" inside) are the only bold there is.
            body = re.sub(r"<b>[^<]*:</b>", "", body)
            assert not re.search(r"<(script|b|font|para)\b", body), body[:200]
            shown.append(text_of(rendered))
    everything = "\n".join(shown)
    for marker in (*HOSTILE_MARKERS, *LONG_MARK, *HUGE_MARK):
        assert marker in everything, marker


def test_the_retired_report_gives_one_anki_search_for_kinds_that_are_gone() -> None:
    retired = ["gone-kind:a", "gone-kind:b", "kept-kind:x", "notetype:basic", "other-gone"]
    assert retired_report(retired, frozenset({"kept-kind"})) == [
        "retired: 4 notes of earlier builds; if you imported one, delete them in Anki (Browse, search, "
        "select all, Delete); your other cards keep their history",
        "  3 notes: tag:reqdrill::kind::gone-kind OR tag:reqdrill::kind::other-gone",
        "  1 note among tag:reqdrill::kind::kept-kind: kept-kind:x",
    ]
    many = [f"kept-kind:{i}" for i in range(7)]
    assert retired_report(many, frozenset({"kept-kind"}))[1].endswith("kept-kind:4 and 2 more")
    assert retired_report(["notetype:basic"], frozenset()) == []
