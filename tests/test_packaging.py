"""The wheel: it carries the bundled content and works installed, away from the source tree."""

from __future__ import annotations

import json
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
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("reqdrill-*.whl"))


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the wheel installed; dependencies come from this one."""
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env)
    site = Path(subprocess.check_output([env / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    # Offline: expose this environment's dependencies, then install the wheel itself without them.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
    )
    return env


def test_wheel_contains_bundled_content(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    repo_files = {f"reqdrill/_content/{p.relative_to(ROOT)}" for d in ("decks", "scenarios") for p in (ROOT / d).glob("*.yaml")}
    assert repo_files and repo_files <= names


def test_installed_reqdrill_validates_and_lists_from_elsewhere(installed: Path, tmp_path: Path) -> None:
    exe = installed / "bin" / "reqdrill"
    validate = subprocess.run([exe, "validate"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert validate.stdout.startswith("ok: 7 categories, 31 template questions")
    assert "/_content)" in validate.stdout  # the packaged copy, not the source checkout
    listed = json.loads(subprocess.run([exe, "list", "--json"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout)
    assert [c["id"] for c in listed["categories"]][0] == "business_objective"
    module = subprocess.run([installed / "bin" / "python", "-m", "reqdrill", "--version"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert module.stdout.startswith("reqdrill, version ")
