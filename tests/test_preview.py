"""scripts/preview.py: every PDF kind rendered to PNG pages for a look before printing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "preview.py"


def _module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("preview", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_kind_is_listed(content) -> None:  # type: ignore[no-untyped-def]
    names = [name for name, _ in _module().documents(content, "letter")]
    assert names[:5] == ["template", "template-fillable", "cheat-sheet", "scenarios", "flashcards"]
    kinds = ["recall", "questions", "classify", "mock", "tradeoff", "deep-dive"]
    assert names[5:] == ["drill-mixed", *(f"drill-{k}" for k in kinds)]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_renders_each_page_to_png(tmp_path: Path, paper: str, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    code = _module().main(
        ["--out", str(tmp_path), "--paper", paper, "--only", "template-fillable", "--dpi", "30"]
    )
    assert code == 0
    folder = tmp_path / paper
    pngs = sorted(p.name for p in folder.glob("*.png"))
    assert pngs == ["template-fillable-p1.png", "template-fillable-p2.png"]
    assert (folder / "template-fillable.pdf").read_bytes().startswith(b"%PDF")
    width = 8.5 if paper == "letter" else 210 / 25.4
    with Image.open(folder / pngs[0]) as image:
        assert abs(image.size[0] - width * 30) <= 1
    assert capsys.readouterr().out == f"{folder / 'template-fillable'}.pdf: 2 pages\n"
