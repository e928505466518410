"""Tests for apkg.py: reproducible zips, the collection's rows, and no temporary files anywhere."""

from __future__ import annotations

import errno
import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest

from reqdrill.anki.apkg import ZIP_TIME, Note, write_apkg
from reqdrill.anki.deck import Package, build_anki, check_lock, notetype_versions, package
from reqdrill.anki.lockfile import EPOCH, Versions
from reqdrill.anki.notetypes import NOTE_TYPES
from reqdrill.content.model import Content
from reqdrill.errors import OutputError


def write(content: Content, out: Path) -> tuple[Package, list[Note]]:
    """Write a package with an empty lock; return what went into it."""
    pkg = package(content)
    rendered, _ = check_lock(pkg, {})
    write_apkg(out, iter(rendered), pkg.decks, notetype_versions(Versions({})), {}, pkg.media)
    return pkg, rendered


def test_a_rebuild_is_byte_identical(content: Content, tmp_path: Path) -> None:
    write(content, tmp_path / "a.apkg")
    write(content, tmp_path / "b.apkg")
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()


def test_zip_entries_have_fixed_times_and_order(content: Content, tmp_path: Path) -> None:
    pkg, _ = write(content, tmp_path / "deck.apkg")
    with zipfile.ZipFile(tmp_path / "deck.apkg") as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["collection.anki2", "media", "0"]
        assert {i.date_time for i in infos} == {ZIP_TIME}
        (svg_name,) = pkg.media
        assert json.loads(archive.read("media")) == {"0": svg_name}
        assert archive.read("0") == pkg.media[svg_name]


def test_collection_holds_one_row_per_note_and_card(content: Content, tmp_path: Path) -> None:
    pkg, rendered = write(content, tmp_path / "deck.apkg")
    with zipfile.ZipFile(tmp_path / "deck.apkg") as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    con = sqlite3.connect(tmp_path / "c.anki2")
    try:
        notes = con.execute("SELECT guid, mod, flds FROM notes ORDER BY id").fetchall()
        cards = con.execute("SELECT nid, ord, did FROM cards ORDER BY id").fetchall()
    finally:
        con.close()
    assert notes == [(n.guid, n.mod, "\x1f".join(n.fields)) for n in rendered]
    nids = sorted({nid for nid, _, _ in cards})
    expected = [(nids[i], o, n.deck_id) for i, n in enumerate(rendered) for o in range(n.cards)]
    assert cards == expected
    assert len(cards) == sum(c.card_count for c in pkg.cards)


def collection_of(apkg: Path, tmp_path: Path) -> sqlite3.Connection:
    """The package's collection.anki2, opened with sqlite3."""
    with zipfile.ZipFile(apkg) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(tmp_path / "c.anki2")


def genanki_collection() -> sqlite3.Connection:
    """An empty collection made the way genanki makes one: its schema and its `col` row."""
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    con = sqlite3.connect(":memory:")
    con.executescript(APKG_SCHEMA + APKG_COL)
    return con


def test_the_collection_has_genankis_schema_tables_and_indexes(content: Content, tmp_path: Path) -> None:
    write(content, tmp_path / "deck.apkg")
    query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
    con, theirs = collection_of(tmp_path / "deck.apkg", tmp_path), genanki_collection()
    try:
        ours = con.execute(query).fetchall()
        assert ours == theirs.execute(query).fetchall()
    finally:
        con.close()
        theirs.close()
    assert sum(kind == "index" and name.startswith("ix_") for kind, name, _, _ in ours) == 7


def test_the_col_row_is_genankis_with_reqdrills_times_note_types_and_decks(
    content: Content, tmp_path: Path
) -> None:
    pkg, _ = write(content, tmp_path / "deck.apkg")
    select = "SELECT id, crt, mod, scm, ver, conf, models, decks, dconf, tags FROM col"
    con, theirs = collection_of(tmp_path / "deck.apkg", tmp_path), genanki_collection()
    try:
        rows = con.execute(select).fetchall()
        (genanki_row,) = theirs.execute(select).fetchall()
    finally:
        con.close()
        theirs.close()
    ((id_, crt, mod, scm, ver, conf, models, decks, dconf, tags),) = rows
    assert (id_, crt, mod, scm, ver, tags) == (1, EPOCH, EPOCH * 1000, EPOCH * 1000, 11, "{}")
    assert json.loads(dconf) == json.loads(genanki_row[8])
    assert json.loads(conf) == {**json.loads(genanki_row[5]), "curModel": str(NOTE_TYPES["basic"].id)}
    models = json.loads(models)
    assert sorted(models) == sorted(str(s.id) for s in NOTE_TYPES.values())
    assert {m["mod"] for m in models.values()} == {EPOCH}  # an empty lock: every note type is new
    decks = json.loads(decks)
    assert decks["1"] == json.loads(genanki_row[7])["1"]  # genanki's Default deck
    assert {d["name"]: d["id"] for k, d in decks.items() if k != "1"} == pkg.decks


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A system temp dir of our own, so that other processes' files cannot disturb the count."""
    temp = tmp_path / "system-tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


def test_building_leaves_no_temporary_files(content: Content, tmp_path: Path, private_tmp: Path) -> None:
    root, out = tmp_path / "content", tmp_path / "out"
    root.mkdir()
    out.mkdir()
    build_anki(content, root, out / "deck.apkg")
    build_anki(content, root, out / "deck.apkg")
    assert list(private_tmp.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["deck.apkg"]
    assert sorted(p.name for p in root.iterdir()) == ["reqdrill.lock"]


def test_a_build_that_fails_midway_leaves_no_files(
    content: Content, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = zipfile.ZipFile.writestr

    def writestr(
        self: zipfile.ZipFile, info: zipfile.ZipInfo | str, data: bytes | str, *args: object
    ) -> None:
        if getattr(info, "filename", info) == "media":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, info, data)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OutputError) as exc:
        build_anki(content, tmp_path, out / "deck.apkg")
    assert str(exc.value) == f"cannot write {out / 'deck.apkg'}: the disk is full"
    assert list(private_tmp.iterdir()) == []
    assert list(out.iterdir()) == []
    assert not (tmp_path / "reqdrill.lock").exists()
