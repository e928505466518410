"""Atomic writes: all or nothing, no stray temporary files, readable errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reqdrill.errors import OutputError
from reqdrill.files.atomic import atomic_path, atomic_write


def test_atomic_write_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    atomic_write(target, b"new")
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["a.txt"]


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_failure_midway_leaves_target_and_no_temp_file(tmp_path: Path, error: type[BaseException]) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"previous")
    with pytest.raises(error), atomic_path(target) as temp:
        temp.write_bytes(b"half-writ")
        raise error()
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["a.pdf"]


def test_missing_directory_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"the directory .*/nope does not exist"):
        atomic_write(tmp_path / "nope" / "a.txt", b"x")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_is_an_output_error_and_the_device_survives() -> None:
    with pytest.raises(OutputError, match="^cannot write /dev/full: the disk is full$"):
        atomic_write(Path("/dev/full"), b"x" * 10_000)
    assert Path("/dev/full").is_char_device()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_directory_is_an_output_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(OutputError, match="permission denied"):
        atomic_write(locked / "a.txt", b"x")
