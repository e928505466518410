"""The wheel: it carries the bundled content and works installed, away from the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the project's wheel offline, with the build backend already installed."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    return next(out.glob("reqdrill-*.whl"))


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the wheel installed; dependencies come from this one."""
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env)
    site = Path(
        subprocess.check_output(
            [env / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    # Offline: expose this environment's dependencies, then install the wheel itself without them.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(env / "bin" / "python"),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        check=True,
    )
    return env


def test_wheel_contains_bundled_content(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    repo_files = {
        f"reqdrill/_content/{p.relative_to(ROOT)}"
        for d in ("decks", "scenarios")
        for p in (ROOT / d).glob("*.yaml")
    }
    assert repo_files and repo_files <= names


def test_installed_reqdrill_validates_and_lists_from_elsewhere(installed: Path, tmp_path: Path) -> None:
    exe = installed / "bin" / "reqdrill"
    validate = subprocess.run([exe, "validate"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert validate.stdout.startswith("ok: 7 categories, 31 template questions")
    assert "/_content)" in validate.stdout  # the packaged copy, not the source checkout
    listed = json.loads(
        subprocess.run(
            [exe, "list", "--json"], cwd=tmp_path, capture_output=True, text=True, check=True
        ).stdout
    )
    assert [c["id"] for c in listed["categories"]][0] == "business_objective"
    module = subprocess.run(
        [installed / "bin" / "python", "-m", "reqdrill", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert module.stdout.startswith("reqdrill, version ")


def readme_command(marker: str) -> str:
    """The shell command between `<!-- marker -->` comments in README.md."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(f"<!-- {marker} -->", 1)[1].split(f"<!-- /{marker} -->", 1)[0]
    return block.split("```sh\n", 1)[1].split("\n```", 1)[0].strip()


def test_readme_first_command_builds_every_artifact_from_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    command = readme_command("run-command")
    assert command == "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/reqdrill build"
    # As written, but offline: `.` is the built wheel, and its dependencies come from this
    # environment through PYTHONPATH instead of from PyPI.
    offline = command.replace("pip install .", f"pip install --no-index --no-deps -q {wheel}")
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    subprocess.run(["bash", "-c", offline], cwd=tmp_path, env=env, check=True, capture_output=True)
    manifest = json.loads((tmp_path / "output" / "manifest.json").read_text())
    paths = {f["path"] for f in manifest["files"]}
    assert {"reqdrill.apkg", "flashcards.pdf", "scenarios.pdf", "cheat-sheet.pdf", "drills/index.md"} <= paths
    assert len([p for p in paths if p.startswith("drills/drill-")]) == 20
    assert "/.venv/" in manifest["content_root"] and manifest["content_root"].endswith("_content")
    for entry in manifest["files"]:
        assert (tmp_path / "output" / entry["path"]).stat().st_size == entry["size"]


def test_ci_runs_the_readme_test_command() -> None:
    command = readme_command("test-command")
    assert command.startswith("python3 -m venv .venv && ") and command.endswith("pytest")
    assert "test-command" in (ROOT / ".ci" / "run").read_text()
