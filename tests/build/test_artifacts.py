"""`reqdrill build` end to end: every artifact, the manifest, rebuilds, failures and concurrency."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CliInvoke
from reqdrill.build import artifacts
from reqdrill.build.artifacts import pdf_pages
from reqdrill.build.runner import STAGING_PREFIX
from reqdrill.cli import cli
from reqdrill.content.load import load_content
from reqdrill.render.pdf.cheatsheet import render_cheatsheet

SMALL = Path(__file__).parents[1] / "data" / "small"
EXPECTED = {
    "reqdrill.apkg",
    "requirements-template.pdf",
    "requirements-template-fillable.pdf",
    "cheat-sheet.pdf",
    "scenarios.pdf",
    "flashcards.pdf",
    "drills/index.md",
    "manifest.json",
}


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under a directory (relative path → bytes)."""
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()
    }


def no_strays(directory: Path) -> None:
    """No staging directory or temporary file is left behind."""
    leftovers = [
        p.name for p in directory.rglob("*") if p.name.startswith((STAGING_PREFIX, ".reqdrill-tmp-"))
    ]
    assert leftovers == []


def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the small content (the build keeps its reqdrill.lock up to date)."""
    return Path(shutil.copytree(SMALL, tmp_path / "content"))


@pytest.fixture
def built(cli_invoke: CliInvoke, tmp_path: Path) -> tuple[Path, Path]:
    """A first build of the small content into out/, with two drill sheets."""
    root, out = content_copy(tmp_path), tmp_path / "out"
    out.mkdir()
    cli_invoke("build", "--content", str(root), "--out", str(out), "--seed", "3", "--drills", "2")
    return root, out


def test_build_writes_every_artifact_listed_in_the_manifest(built: tuple[Path, Path]) -> None:
    _, out = built
    manifest = json.loads((out / "manifest.json").read_text())
    listed = {f["path"] for f in manifest["files"]}
    assert listed | {"manifest.json"} == EXPECTED | {
        f"drills/drill-{s}.{x}" for s in (3, 4) for x in ("md", "pdf")
    }
    for entry in manifest["files"]:
        data = (out / entry["path"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"])
    assert {k: manifest[k] for k in ("seed", "paper", "drills")} == {
        "seed": 3,
        "paper": "letter",
        "drills": 2,
    }
    assert manifest["reqdrill"] and manifest["content_root"].endswith("content")
    assert set(snapshot(out)) == listed | {"manifest.json"}
    no_strays(out)


def test_second_build_is_byte_identical(built: tuple[Path, Path], cli_invoke: CliInvoke) -> None:
    root, out = built
    first = snapshot(out)
    cli_invoke("build", "--content", str(root), "--out", str(out), "--seed", "3", "--drills", "2")
    assert snapshot(out) == first


def test_parallel_build_matches_a_sequential_one(
    built: tuple[Path, Path], cli_invoke: CliInvoke, tmp_path: Path
) -> None:
    root, out = built
    sequential = tmp_path / "sequential"
    sequential.mkdir()
    cli_invoke(
        "build",
        "--content",
        str(root),
        "--out",
        str(sequential),
        "--seed",
        "3",
        "--drills",
        "2",
        "--jobs",
        "1",
    )
    parallel = snapshot(out)
    assert snapshot(sequential) == parallel | {"manifest.json": parallel["manifest.json"]}


def test_output_in_a_pipe_has_one_line_per_artifact_and_a_summary(
    built: tuple[Path, Path], cli_invoke: CliInvoke
) -> None:
    root, out = built
    with (root / "reqdrill.lock").open("a", encoding="utf-8") as lock:  # a note split since the last build
        lock.write("scenario-field:gone.scale.users retired 1704067200\n")
    result = cli_invoke("build", "--content", str(root), "--out", str(out), "--seed", "3", "--drills", "2")
    lines = result.stdout.splitlines()
    assert lines[0] == f"reqdrill build: seed 3, paper letter, 12 files into {out}"
    built = [line for line in lines if line.startswith("built ")]  # in the order they finish
    assert len(built) == 11
    deck = next(line for line in built if line.startswith("built reqdrill.apkg: "))
    assert deck.endswith(" cards; 1 retired, see reqdrill anki")  # which lists the Anki search for it
    assert any(line.startswith("built flashcards.pdf: ") and line.endswith(" pages") for line in built)
    header = lines.index(next(line for line in lines if line.startswith("artifact ")))
    assert lines[header].split() == ["artifact", "contents", "size"]
    assert lines[-2].startswith("12 files, ") and lines[-2].endswith(f" in {out}")
    assert lines[-1] == "seed 3: repeat this build with --seed 3"


def test_invalid_content_leaves_outputs_untouched(built: tuple[Path, Path], cli_invoke: CliInvoke) -> None:
    root, out = built
    before = snapshot(out)
    scenario = root / "scenarios" / "tiny-feed.yaml"
    scenario.write_text(scenario.read_text().replace("name: Tiny Feed", "name: [Tiny]"))
    result = cli_invoke("build", "--content", str(root), "--out", str(out), "--seed", "9", expect=1)
    assert (
        result.stderr
        == f"{scenario}:2:7: name: expected text, got a list\nError: content is invalid: 1 problem\n"
    )
    assert snapshot(out) == before
    no_strays(out)


def test_generator_failing_partway_leaves_outputs_untouched(
    built: tuple[Path, Path], cli_invoke: CliInvoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = built
    before = snapshot(out)

    def broken(ctx: object, target: Path) -> str:
        target.write_bytes(b"%PDF-half")
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(artifacts, "scenarios", broken)
    outcome = CliRunner().invoke(cli, ["build", "--content", str(root), "--out", str(out), "--seed", "9"])
    assert isinstance(outcome.exception, RuntimeError)
    assert snapshot(out) == before
    no_strays(out)


def test_missing_output_directory_is_a_clear_error(cli_invoke: CliInvoke, tmp_path: Path) -> None:
    result = cli_invoke(
        "build", "--content", str(content_copy(tmp_path)), "--out", str(tmp_path / "nope"), expect=1
    )
    assert result.stderr == f"Error: output directory {tmp_path / 'nope'} does not exist; create it first\n"


def test_unwritable_output_directory_is_a_clear_error(
    built: tuple[Path, Path], cli_invoke: CliInvoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = built
    before = snapshot(out)
    real_access = os.access
    # Root may write anywhere, so the directory reports itself unwritable the way os.access would.
    monkeypatch.setattr(
        os, "access", lambda p, mode: not (Path(p) == out and mode & os.W_OK) and real_access(p, mode)
    )
    result = cli_invoke("build", "--content", str(root), "--out", str(out), expect=1)
    assert result.stderr == f"Error: cannot write to output directory {out}: permission denied\n"
    assert snapshot(out) == before


@pytest.mark.skipif(
    not shutil.which("mount") or os.geteuid() != 0, reason="needs root to mount a read-only tmpfs"
)
def test_read_only_output_directory_keeps_outputs(cli_invoke: CliInvoke, tmp_path: Path) -> None:
    root, out = content_copy(tmp_path), tmp_path / "ro"
    out.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(out)], capture_output=True
    ).returncode:
        pytest.skip("mount is not permitted here")
    try:
        cli_invoke("build", "--content", str(root), "--out", str(out), "--seed", "1", "--drills", "1")
        before = snapshot(out)
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        result = cli_invoke("build", "--content", str(root), "--out", str(out), "--seed", "2", expect=1)
        assert result.stderr.startswith("Error: cannot write")
        assert snapshot(out) == before
    finally:
        subprocess.run(["umount", str(out)], check=False)


@pytest.mark.skipif(
    not shutil.which("mount") or os.geteuid() != 0, reason="needs root to mount a small tmpfs"
)
def test_full_disk_keeps_outputs(cli_invoke: CliInvoke, tmp_path: Path) -> None:
    root, probe, out = content_copy(tmp_path), tmp_path / "probe", tmp_path / "small-disk"
    probe.mkdir()
    out.mkdir()
    args = ["build", "--content", str(root), "--seed", "1", "--drills", "0"]
    cli_invoke(*args, "--out", str(probe))
    size = sum(len(data) for data in snapshot(probe).values())
    # Room for one build but not for a second one staged beside it.
    room = f"size={size * 3 // 2 // 1024}k"
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", room, "tmpfs", str(out)], capture_output=True
    ).returncode:
        pytest.skip("mount is not permitted here")
    try:
        cli_invoke(*args, "--out", str(out))
        before = snapshot(out)
        result = cli_invoke(*args, "--out", str(out), expect=1)
        assert result.stderr == f"Error: cannot write {out}/reqdrill.apkg: the disk is full\n"
        assert snapshot(out) == before
        no_strays(out)
    finally:
        subprocess.run(["umount", str(out)], check=False)


def test_two_concurrent_builds_leave_one_consistent_output(tmp_path: Path) -> None:
    root, out = content_copy(tmp_path), tmp_path / "out"
    out.mkdir()
    exe = Path(sys.executable).parent / "reqdrill"
    cmds = [
        [str(exe), "build", "--content", str(root), "--out", str(out), "--seed", str(s), "--drills", "3"]
        for s in (10, 20)
    ]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for cmd in cmds
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    manifest = json.loads((out / "manifest.json").read_text())
    files = snapshot(out)
    assert set(files) == {f["path"] for f in manifest["files"]} | {"manifest.json"}
    for entry in manifest["files"]:
        assert hashlib.sha256(files[entry["path"]]).hexdigest() == entry["sha256"]
    no_strays(out)


def test_pdf_pages_reads_the_page_tree() -> None:
    assert pdf_pages(render_cheatsheet(load_content(SMALL))) == 2
    assert pdf_pages(b"not a pdf") == 0


# ---------------------------------------------------------------- hostile content, end to end


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hostile content root built once into a fresh directory, through the real CLI."""
    from hostile import write_hostile

    root = write_hostile(tmp_path_factory.mktemp("hostile") / "content")
    out = tmp_path_factory.mktemp("hostile-out")
    result = CliRunner().invoke(
        cli, ["build", "--content", str(root), "--out", str(out), "--seed", "1", "--drills", "2"]
    )
    assert result.exit_code == 0, result.output
    return root, out


def _texts(obj: object) -> list[str]:
    """Every text inside a struct tree; a check box's choice id is shown by its label instead."""
    import msgspec

    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, tuple | list):
        return [t for item in obj for t in _texts(item)]
    if isinstance(obj, msgspec.Struct):
        return [t for name in obj.__struct_fields__ if name != "choice" for t in _texts(getattr(obj, name))]
    return []


def test_hostile_content_builds_every_artifact(hostile_build: tuple[Path, Path]) -> None:
    _, out = hostile_build
    manifest = json.loads((out / "manifest.json").read_text())
    assert {f["path"] for f in manifest["files"]} >= EXPECTED - {"manifest.json"}
    no_strays(out)


def test_hostile_strings_show_literally_in_the_pdfs(hostile_build: tuple[Path, Path]) -> None:
    from hostile import HUGE_MARK, LONG_MARK
    from pdftext import missing
    from reqdrill.study.cards import build_cards

    root, out = hostile_build
    content = load_content(root)
    scenario = content.scenarios[0]
    big = {p.answer for p in scenario.e6_probes if len(p.answer) > 5000}
    fields = [t for t in _texts(scenario.requirements) if t not in big]
    assert (
        missing(
            (out / "scenarios.pdf").read_bytes(), [scenario.name, scenario.prompt, *fields], tolerant=True
        )
        == []
    )
    for mark in (*LONG_MARK, *HUGE_MARK):
        assert missing((out / "scenarios.pdf").read_bytes(), [mark]) == []
    cards = [c for c in build_cards(content) if len(c.front) + len(c.back) < 5000]
    # One printed card per Anki card: a cloze prints each blank on a card of its own.
    faces = [face for c in cards for face in c.faces()]
    expected = [line for f in faces for line in (f.front + "\n" + f.answer).splitlines() if line.strip()]
    assert missing((out / "flashcards.pdf").read_bytes(), expected, tolerant=True) == []
    categories = [c.name for c in content.categories]
    assert missing((out / "cheat-sheet.pdf").read_bytes(), categories, tolerant=True) == []


def test_hostile_strings_show_literally_in_anki(hostile_build: tuple[Path, Path], tmp_path: Path) -> None:
    import html
    import re

    from anki.collection import Collection, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageOptions

    from hostile import HOSTILE, HUGE_MARK

    _, out = hostile_build
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(out / "reqdrill.apkg"), options=ImportAnkiPackageOptions()
        )
        col.import_anki_package(request)
        rendered = [col.get_card(cid) for cid in col.find_cards("")]
        pages = [card.question() + card.answer() for card in rendered]
    finally:
        col.close()
    assert all("<script>" not in page for page in pages)  # escaped, never executed
    seen = html.unescape("\n".join(re.sub(r"<[^>]+>", " ", p) for p in pages))
    for marker in (*HOSTILE, *HUGE_MARK):
        assert marker in seen, marker


def test_hostile_strings_show_literally_in_markdown_and_json(
    hostile_build: tuple[Path, Path], cli_invoke: CliInvoke
) -> None:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    from reqdrill.study.drills import generate

    root, out = hostile_build
    sheet = generate(load_content(root), 1)
    expected = [
        t
        for e in sheet.exercises
        for i in (*e.items, *e.answers)
        for t in (getattr(i, "prompt", ""), getattr(i, "text", ""))
        if t
    ]
    rendered = cmarkgfm.markdown_to_html_with_extensions(
        (out / "drills" / "drill-1.md").read_text(), options=Options.CMARK_OPT_UNSAFE, extensions=["table"]
    )
    import html
    import re

    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())
    for item in expected:
        assert " ".join(item.split()) in text, item[:80]
    data = json.loads(cli_invoke("drill", "--content", str(root), "--seed", "1", "--format", "json").stdout)
    dumped = json.dumps(data, ensure_ascii=False)
    for item in expected:
        assert json.dumps(item, ensure_ascii=False)[1:-1] in dumped
