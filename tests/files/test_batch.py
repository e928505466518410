"""Batch writes: each file whole or absent, mode 0644, no temporary file left, readable errors."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from reqdrill.errors import OutputError
from reqdrill.files import atomic as fsutil
from reqdrill.files import batch as batchwrite
from reqdrill.files.batch import BatchWriter, write_batch, write_new_directory


def temps(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.startswith(fsutil.TEMP_PREFIX)]


def test_the_temporary_prefix_is_fsutils() -> None:
    assert batchwrite.TEMP_PREFIX == fsutil.TEMP_PREFIX


def test_writes_every_file_in_order_and_replaces_old_ones(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_bytes(b"old")
    paths = write_batch(tmp_path, [("a.md", b"A"), ("b.md", b"B" * 300_000), ("c.json", b"")])
    assert list(paths) == [tmp_path / "a.md", tmp_path / "b.md", tmp_path / "c.json"]
    assert (len(paths), paths[-1], paths[1:2]) == (3, tmp_path / "c.json", [tmp_path / "b.md"])
    assert [p.read_bytes() for p in paths] == [b"A", b"B" * 300_000, b""]
    assert sorted(os.listdir(tmp_path)) == ["a.md", "b.md", "c.json"]


def test_files_are_0644_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_batch(tmp_path, [("a.md", b"x")])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o644


def test_a_directory_in_the_way_stops_the_batch_with_a_readable_error(tmp_path: Path) -> None:
    (tmp_path / "b.md").mkdir()
    written: list[str] = []

    def files() -> Iterator[tuple[str, bytes]]:
        for name in ("a.md", "b.md", "c.md"):
            written.append(name)
            yield name, b"x"

    with pytest.raises(OutputError, match=r"^cannot write .*/b\.md: it is a directory$"):
        write_batch(tmp_path, files())
    assert written == ["a.md", "b.md"]  # nothing after the failure is even rendered
    assert (tmp_path / "a.md").read_bytes() == b"x" and (tmp_path / "b.md").is_dir()
    assert not (tmp_path / "c.md").exists() and temps(tmp_path) == []


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    (tmp_path / "a.md").write_bytes(b"previous")

    def half(fd: int, data: bytes) -> None:
        os.write(fd, data[:1])
        raise error

    monkeypatch.setattr(batchwrite, "_write_all", half)
    expected = OutputError if isinstance(error, OSError) else KeyboardInterrupt
    with pytest.raises(expected) as info:
        write_batch(tmp_path, [("a.md", b"new")])
    if expected is OutputError:
        assert str(info.value) == f"cannot write {tmp_path / 'a.md'}: the disk is full"
    assert (tmp_path / "a.md").read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["a.md"]


def test_an_error_from_the_files_generator_keeps_the_whole_files_already_written(tmp_path: Path) -> None:
    def files() -> Iterator[tuple[str, bytes]]:
        yield "a.md", b"A"
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError, match="render failed"):
        write_batch(tmp_path, files())
    assert os.listdir(tmp_path) == ["a.md"]


def test_a_stale_temporary_name_is_left_alone_and_another_taken(tmp_path: Path) -> None:
    writer = BatchWriter(tmp_path)
    stale = tmp_path / f"{batchwrite.TEMP_PREFIX}{writer._token}1.md"
    stale.write_bytes(b"someone else's")
    writer.write("a.md", b"A")
    assert (tmp_path / "a.md").read_bytes() == b"A"
    assert stale.read_bytes() == b"someone else's"
    assert sorted(os.listdir(tmp_path)) == sorted(["a.md", stale.name])


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_name_linked_to_a_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to("/dev/null")
    write_batch(tmp_path, [("a.md", b"x")])
    assert os.readlink(tmp_path / "a.md") == "/dev/null"
    assert temps(tmp_path) == []


def test_a_missing_directory_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"^cannot write .*/nope: the directory does not exist$"):
        write_batch(tmp_path / "nope", [("a.md", b"x")])


def test_a_new_directory_appears_with_every_file_and_no_temporary_one(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        paths = write_new_directory(tmp_path / "new", [("a.md", b"A"), ("b.md", b"old"), ("b.md", b"B")])
    finally:
        os.umask(old)
    assert list(paths) == [tmp_path / "new" / "a.md", tmp_path / "new" / "b.md", tmp_path / "new" / "b.md"]
    assert sorted(os.listdir(tmp_path / "new")) == ["a.md", "b.md"]
    assert (tmp_path / "new" / "b.md").read_bytes() == b"B"
    assert {stat.S_IMODE(p.stat().st_mode) for p in paths} == {0o644}
    assert os.listdir(tmp_path) == ["new"]


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_new_directory_does_not_appear_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    def half(fd: int, data: bytes) -> None:
        os.write(fd, data[:1])
        if data == b"third":
            raise error

    monkeypatch.setattr(batchwrite, "_write_all", half)
    expected = OutputError if isinstance(error, OSError) else KeyboardInterrupt
    with pytest.raises(expected) as info:
        write_new_directory(tmp_path / "new", [("a.md", b"first"), ("b.md", b"second"), ("c.md", b"third")])
    if expected is OutputError:
        assert str(info.value) == f"cannot write {tmp_path / 'new' / 'c.md'}: the disk is full"
    assert os.listdir(tmp_path) == []


def test_an_error_from_the_files_generator_leaves_no_new_directory(tmp_path: Path) -> None:
    def files() -> Iterator[tuple[str, bytes]]:
        yield "a.md", b"A"
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError, match="render failed"):
        write_new_directory(tmp_path / "new", files())
    assert os.listdir(tmp_path) == []


def test_a_directory_made_meanwhile_receives_the_files(tmp_path: Path) -> None:
    target = tmp_path / "new"

    def files() -> Iterator[tuple[str, bytes]]:
        yield "a.md", b"A"
        target.mkdir()
        (target / "a.md").write_bytes(b"theirs")
        (target / "z.md").write_bytes(b"Z")
        yield "b.md", b"B"

    write_new_directory(target, files())
    assert {p.name: p.read_bytes() for p in target.iterdir()} == {"a.md": b"A", "b.md": b"B", "z.md": b"Z"}
    assert os.listdir(tmp_path) == ["new"]


def test_a_file_put_in_place_meanwhile_is_an_output_error(tmp_path: Path) -> None:
    target = tmp_path / "new"

    def files() -> Iterator[tuple[str, bytes]]:
        yield "a.md", b"A"
        target.write_bytes(b"a file")

    with pytest.raises(OutputError, match=r"^cannot write into .*/new: it is not a directory$"):
        write_new_directory(target, files())
    assert os.listdir(tmp_path) == ["new"] and target.read_bytes() == b"a file"


def test_a_new_directory_under_a_missing_parent_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"^cannot write .*/nope/new: the directory does not exist$"):
        write_new_directory(tmp_path / "nope" / "new", [("a.md", b"x")])


def test_a_new_directory_may_have_the_longest_name_allowed(tmp_path: Path) -> None:
    target = tmp_path / ("d" * os.pathconf(tmp_path, "PC_NAME_MAX"))
    write_new_directory(target, [("a.md", b"A")])
    assert (target / "a.md").read_bytes() == b"A"
