"""Bad history files: a clear `Error:` naming the file and what to do, exit 1, the file untouched."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from reqdrill.practice.schema import VERSION

PIPED_INTERVIEW = "How many DAU?\nIs there PII?\n"
CHOOSE = "choose another file with --history FILE or REQDRILL_HISTORY."


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damaged(path: Path) -> None:
    path.write_bytes(b"\x00garbage, not a database" * 40)


def truncated(path: Path) -> None:
    """A real history cut short: the SQLite header survives, the pages do not."""
    from reqdrill.practice.history import History

    with History.open(path, write=True):
        pass
    data = path.read_bytes()
    path.write_bytes(b"NOT SQLITE" + data[10:4096])


def other_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.commit()
    conn.close()


def other_program_with_an_id(path: Path) -> None:
    other_program(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()


def newer_schema(path: Path) -> None:
    from reqdrill.practice.history import History

    with History.open(path, write=True):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {VERSION + 5}")
    conn.commit()
    conn.close()


NOT_SQLITE = "it is not an SQLite database (damaged, or a different kind of file)"
ANOTHER = "it is another program's SQLite database"
CASES = {
    "damaged": (damaged, f"is not a reqdrill practice history: {NOT_SQLITE}. It was left as it is; {CHOOSE}"),
    "truncated": (
        truncated,
        f"is not a reqdrill practice history: {NOT_SQLITE}. It was left as it is; {CHOOSE}",
    ),
    "other": (
        other_program,
        f"is not a reqdrill practice history: {ANOTHER}. It was left as it is; {CHOOSE}",
    ),
    "other-id": (
        other_program_with_an_id,
        f"is not a reqdrill practice history: {ANOTHER}. It was left as it is; {CHOOSE}",
    ),
    "newer": (
        newer_schema,
        f"was written by a newer reqdrill (history schema version {VERSION + 5}; this reqdrill reads "
        f"versions up to {VERSION}). It was left as it is; upgrade reqdrill, or {CHOOSE}",
    ),
}
COMMANDS = {
    "progress": (["progress"], None),
    "progress-json": (["progress", "--json"], None),
    "next": (["next", "--json"], None),
    "export": (["history", "export", "-"], None),
    "practice": (["practice", "recall", "--seed", "1"], "scale\n\n"),
    "interview": (["interview", "video-streaming"], PIPED_INTERVIEW),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_bad_history_is_refused_and_left_untouched(
    cli_invoke, tmp_path: Path, case: str, command: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "history.sqlite3"
    make, message = CASES[case]
    make(path)
    before = sorted(p.name for p in tmp_path.iterdir()), digest(path)
    args, stdin = COMMANDS[command]
    result = cli_invoke(*args, "--history", str(path), expect=1, input=stdin)
    assert result.stderr.endswith(f"Error: {path} {message}\n")
    assert "Traceback" not in result.stderr
    assert (sorted(p.name for p in tmp_path.iterdir()), digest(path)) == before
    if command == "interview":  # the score comes first, then the error
        assert "INTERVIEW SCORE" in result.stdout and "Anki search: " in result.stdout


def test_importing_into_a_bad_history_is_refused(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.sqlite3"
    cli_invoke("practice", "recall", "--seed", "1", "--history", str(good), input="scale\n\n")
    cli_invoke("history", "export", str(tmp_path / "e.json"), "--history", str(good))
    bad = tmp_path / "bad.sqlite3"
    other_program(bad)
    before = digest(bad)
    err = cli_invoke("history", "import", str(tmp_path / "e.json"), "--history", str(bad), expect=1).stderr
    assert (
        err == f"Error: {bad} is not a reqdrill practice history: {ANOTHER}. It was left as it is; {CHOOSE}\n"
    )
    assert digest(bad) == before


def test_a_directory_is_not_a_history(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    err = cli_invoke("progress", "--history", str(tmp_path), expect=2).stderr
    assert f"Invalid value for '--history': File '{tmp_path}' is a directory." in err
    from reqdrill.errors import HistoryError
    from reqdrill.practice.history import History

    with pytest.raises(HistoryError) as info:
        History.open(tmp_path)
    assert str(info.value) == f"{tmp_path} is a directory, not a practice history file; {CHOOSE}"


def test_a_missing_directory_is_reported(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "no" / "h.sqlite3"
    result = cli_invoke(
        "interview", "video-streaming", "--history", str(path), expect=1, input=PIPED_INTERVIEW
    )
    assert "Categories covered: 2/7" in result.stdout
    assert result.stderr == (
        f"Error: cannot write the practice history {path}: the directory {path.parent} does not exist\n"
    )


_LOADED = """
import atexit, json, runpy, sys
out, sys.argv = sys.argv[1], ["reqdrill", *sys.argv[2:]]
files = lambda: [getattr(m, "__file__", None) for m in list(sys.modules.values())]
atexit.register(lambda: open(out, "w").write(json.dumps(files())))
runpy.run_module("reqdrill", run_name="__main__", alter_sys=True)
"""


def _readable_copy(place: Path, runs: list[tuple[list[str], str]], env: dict[str, str]) -> str:
    """Copy reqdrill, its content and every module the runs load from the venv into place/site.

    The checkout and its virtual environment may sit in a directory only root can read (CI's
    `mktemp -d` is 0700); the unprivileged user then starts the base interpreter without the venv.
    The copy is world-readable, so the unprivileged runs import exactly what a privileged run did.
    """
    site, repo = place / "site", Path(__file__).resolve().parents[2]
    entries = {Path(p).resolve() for p in sys.path if p and Path(p).is_dir()}
    roots = sorted(entries, key=lambda p: -len(p.parts))  # the deepest entry owns a file
    private = (Path(sys.prefix).resolve(), repo)
    scratch = {**env, "REQDRILL_HISTORY": str(place / "scratch.sqlite3")}  # removed with `place`
    tops: set[Path] = set()  # each package or module at the top of a path entry, copied once
    for args, stdin in runs:
        listing = place / "loaded.json"
        subprocess.run([sys.executable, "-c", _LOADED, str(listing), *args], input=stdin,
                       capture_output=True, text=True, env=scratch, check=False)  # fmt: skip
        for name in json.loads(listing.read_text()):
            file = Path(name).resolve() if name else None
            if file is not None and any(file.is_relative_to(p) for p in private):
                root = next(r for r in roots if file.is_relative_to(r))
                tops.add(root / file.relative_to(root).parts[0])
    for top in sorted(tops):
        if top.is_dir():
            shutil.copytree(top, site / top.name)
        else:
            shutil.copy2(top, site / top.name)
    for folder in ("decks", "scenarios"):
        shutil.copytree(repo / folder, site / "reqdrill" / "_content" / folder)
    for path in [site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return str(site)


def _unprivileged(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run reqdrill as an unprivileged user (root ignores directory permissions)."""
    cmd = [sys.executable, "-m", "reqdrill", *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot drop privileges")
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, check=False)


def test_a_read_only_directory_reads_but_is_not_written(tmp_path: Path) -> None:
    place = Path(tempfile.mkdtemp(prefix="reqdrill-ro-"))  # pytest's own tmp_path is private to root
    try:
        place.chmod(0o755)
        (place / "hist").mkdir()
        path = place / "hist" / "history.sqlite3"
        env = {**os.environ, "REQDRILL_CACHE_DIR": "off", "REQDRILL_HISTORY": str(path), "HOME": str(place)}
        env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2] / "src")
        setup = subprocess.run(
            [sys.executable, "-m", "reqdrill", "practice", "recall", "--seed", "1"],
            input="scale\n\n", capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        assert setup.stdout.endswith("1/7, in order, 0:00 (target 0:30)\n")
        if os.geteuid() == 0:
            runs = [(["progress", "--json"], ""), (["interview", "video-streaming"], PIPED_INTERVIEW)]
            env["PYTHONPATH"] = _readable_copy(place, runs, env)
        (place / "hist").chmod(0o555)
        path.chmod(0o444)
        before = sorted(p.name for p in (place / "hist").iterdir()), digest(path)
        shown = _unprivileged(["progress", "--json"], env)
        assert shown.returncode == 0, shown.stderr
        assert '"drills": 1' in shown.stdout
        wrote = _unprivileged(["interview", "video-streaming"], env, PIPED_INTERVIEW)
        assert wrote.returncode == 1
        assert "Categories covered: 2/7" in wrote.stdout
        assert wrote.stderr.startswith(f"Error: cannot write the practice history {path}: ")
        assert wrote.stderr.endswith(f"Earlier sessions are unchanged; fix that and run again, or {CHOOSE}\n")
        assert (sorted(p.name for p in (place / "hist").iterdir()), digest(path)) == before
    finally:
        (place / "hist").chmod(0o755)
        shutil.rmtree(place)
