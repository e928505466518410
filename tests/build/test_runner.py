"""Build mechanics: staging, atomic commit, manifest, stale files, failures and interrupts."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from reqdrill.build.plan import Artifact, BuildContext, BuildOptions, file_digest
from reqdrill.build.produce import WorkerInterrupted
from reqdrill.build.runner import STAGING_PREFIX, run_build, summary_table
from reqdrill.content.model import Content
from reqdrill.errors import OutputError


def _writer(text: str) -> object:
    def produce(ctx: BuildContext, target: Path) -> str:
        target.write_text(text)
        return f"{len(text)} chars"

    return produce


def _ctx(content: Content, seed: int = 7) -> BuildContext:
    return BuildContext(content, Path("content-root"), BuildOptions(seed=seed))


def _arts(version: str, extra: tuple[str, ...] = ()) -> list[Artifact]:
    names = ("a.txt", "sub/b.txt", *extra)
    return [Artifact(n, n, _writer(f"{n} {version}")) for n in names]  # type: ignore[arg-type]


def _snapshot(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def test_build_writes_files_and_manifest(tmp_path: Path, content: Content) -> None:
    seen: list[str] = []
    report = run_build(_ctx(content), _arts("v1"), tmp_path, lambda b: seen.append(b.artifact.path))
    assert sorted(seen) == ["a.txt", "sub/b.txt"]  # reported as they finish
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["seed"] == 7 and manifest["paper"] == "letter"
    for entry in manifest["files"]:
        size, digest = file_digest(tmp_path / entry["path"])
        assert (size, digest) == (entry["size"], entry["sha256"])
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "manifest.json", "sub"]
    assert [b.amount for b in report.built] == ["8 chars", "12 chars"]


def test_parallel_and_sequential_builds_write_the_same_bytes(tmp_path: Path, content: Content) -> None:
    arts = _arts("v1", tuple(f"more/{i}.txt" for i in range(6)))
    (tmp_path / "seq").mkdir()
    run_build(_ctx(content), arts, tmp_path / "seq", workers=1)
    (tmp_path / "par").mkdir()
    run_build(_ctx(content), arts, tmp_path / "par", workers=2)
    assert _snapshot(tmp_path / "seq") == _snapshot(tmp_path / "par")


def test_a_parallel_build_warms_each_shared_need_once_before_forking(
    tmp_path: Path, content: Content
) -> None:
    """What producers share is loaded in the parent, once, so that forked workers inherit it."""
    warmed: list[tuple[str, int]] = []

    def warm(name: str) -> object:
        def load(ctx: BuildContext) -> None:
            ctx.cache[name] = os.getpid()
            warmed.append((name, os.getpid()))

        return load

    fonts, deck = warm("fonts"), warm("deck")

    def uses_fonts(ctx: BuildContext, target: Path) -> str:
        target.write_text(str(ctx.cache.get("fonts") == os.getppid()))  # inherited from the parent
        return "1 line"

    arts = [
        Artifact(f"{i}.txt", str(i), uses_fonts, 1, fonts if i else deck)  # type: ignore[arg-type]
        for i in range(4)
    ]
    run_build(_ctx(content), arts, tmp_path, workers=2)
    assert warmed == [("deck", os.getpid()), ("fonts", os.getpid())]
    assert [(tmp_path / f"{i}.txt").read_text() for i in range(1, 4)] == ["True"] * 3
    warmed.clear()
    run_build(_ctx(content), arts, tmp_path, workers=1)
    assert warmed == []  # one process: each producer loads what it needs itself


def test_rebuild_is_byte_identical(tmp_path: Path, content: Content) -> None:
    run_build(_ctx(content), _arts("v1"), tmp_path)
    first = _snapshot(tmp_path)
    run_build(_ctx(content), _arts("v1"), tmp_path)
    assert _snapshot(tmp_path) == first


def test_stale_files_of_the_previous_manifest_are_removed(tmp_path: Path, content: Content) -> None:
    run_build(_ctx(content), _arts("v1", ("old.txt",)), tmp_path)
    (tmp_path / "mine.txt").write_text("user file")
    report = run_build(_ctx(content), _arts("v2"), tmp_path)
    assert report.removed == ("old.txt",)
    assert not (tmp_path / "old.txt").exists()
    assert (tmp_path / "mine.txt").read_text() == "user file"


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("error", [RuntimeError("generator broke"), KeyboardInterrupt()])
def test_failure_midway_keeps_previous_outputs_and_leaves_nothing(
    tmp_path: Path, content: Content, error: BaseException, workers: int
) -> None:
    run_build(_ctx(content), _arts("v1"), tmp_path)
    before = _snapshot(tmp_path)

    def broken(ctx: BuildContext, target: Path) -> str:
        target.write_text("half")
        raise error

    arts = [*_arts("v2")[:1], Artifact("sub/b.txt", "b", broken)]
    expected = type(error) if workers == 1 else (RuntimeError, WorkerInterrupted)
    with pytest.raises(expected):
        run_build(_ctx(content, seed=8), arts, tmp_path, workers=workers)
    assert _snapshot(tmp_path) == before
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "manifest.json", "sub"]


def test_missing_output_directory_is_an_output_error(tmp_path: Path, content: Content) -> None:
    with pytest.raises(OutputError, match=r"^output directory .*/nope does not exist; create it first$"):
        run_build(_ctx(content), _arts("v1"), tmp_path / "nope")


def test_output_path_that_is_a_file_is_an_output_error(tmp_path: Path, content: Content) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match=r"is not a directory$"):
        run_build(_ctx(content), _arts("v1"), tmp_path / "f")


def test_full_disk_keeps_previous_outputs(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A staged artifact that lands on /dev/full fails with ENOSPC, like a full disk."""
    run_build(_ctx(content), _arts("v1"), tmp_path)
    before = _snapshot(tmp_path)
    real_mkdtemp = tempfile.mkdtemp

    def staging_on_full_disk(*args: object, **kwargs: object) -> str:
        staging = real_mkdtemp(*args, **kwargs)  # type: ignore[arg-type]
        (Path(staging) / "sub").mkdir()
        (Path(staging) / "sub" / "b.txt").symlink_to("/dev/full")
        return staging

    monkeypatch.setattr(tempfile, "mkdtemp", staging_on_full_disk)
    with pytest.raises(OutputError, match=r"^cannot write .*/sub/b.txt: the disk is full$"):
        run_build(_ctx(content, seed=8), _arts("v2" * 5000), tmp_path)
    assert _snapshot(tmp_path) == before
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "manifest.json", "sub"]
    assert Path("/dev/full").is_char_device()


KILLED_BUILD = """
import sys, time
from pathlib import Path
from reqdrill.build.plan import Artifact, BuildContext, BuildOptions
from reqdrill.build.runner import STAGING_PREFIX, run_build, summary_table

def slow(ctx, target):
    target.write_text("started")
    time.sleep(120)
    return "never"

arts = [Artifact(f"{i}.txt", str(i), slow) for i in range(2)]
run_build(BuildContext(None, Path("root"), BuildOptions(seed=1)), arts, Path(sys.argv[1]), workers=2)
"""


def test_staging_left_by_a_killed_build_is_removed_by_the_next(tmp_path: Path, content: Content) -> None:
    # The parent alone is killed, as the OOM killer would; its forked workers live on for a while.
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(tmp_path)], start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(f"{STAGING_PREFIX}*/*.txt")):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        [left] = [p.name for p in tmp_path.glob(f"{STAGING_PREFIX}*")]
        report = run_build(_ctx(content), _arts("v1"), tmp_path)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert report.cleaned == (left,)
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "manifest.json", "sub"]
    assert summary_table(report)[-1] == "removed 1 staging directory left by an interrupted build"


def test_the_staging_of_a_build_in_progress_is_left_alone(tmp_path: Path, content: Content) -> None:
    running = tmp_path / f"{STAGING_PREFIX}running"
    running.mkdir()
    (running / "half.pdf").write_text("in progress")
    not_a_dir = tmp_path / f"{STAGING_PREFIX}file"
    not_a_dir.write_text("someone's file")
    fd = os.open(running, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as the other build holds it
        report = run_build(_ctx(content), _arts("v1"), tmp_path)
    finally:
        os.close(fd)
    assert report.cleaned == ()
    assert (running / "half.pdf").read_text() == "in progress"
    assert not_a_dir.read_text() == "someone's file"
    assert run_build(_ctx(content), _arts("v1"), tmp_path).cleaned == (running.name,)


def test_previous_manifest_entries_outside_the_output_are_ignored_and_said_so(
    tmp_path: Path, content: Content
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.txt").write_text("also precious")
    (out / "link").symlink_to(elsewhere)
    (out / "old.txt").write_text("stale")
    run_build(_ctx(content), _arts("v1"), out)
    manifest = json.loads((out / "manifest.json").read_text())
    outside = ["../victim.txt", str(victim), "link/x.txt"]
    manifest["files"] += [{"path": p, "size": 0, "sha256": ""} for p in [*outside, "old.txt"]]
    (out / "manifest.json").write_text(json.dumps(manifest))
    report = run_build(_ctx(content), _arts("v1"), out)
    assert victim.read_text() == "precious" and (elsewhere / "x.txt").read_text() == "also precious"
    assert report.removed == ("old.txt",) and not (out / "old.txt").exists()
    assert sorted(report.ignored) == sorted(outside)
    lines = summary_table(report)
    assert lines[-2] == "removed from the previous build: old.txt"
    assert lines[-1] == (
        "ignored entries of the previous manifest outside the output directory (left untouched): "
        + ", ".join(sorted(outside))
    )
