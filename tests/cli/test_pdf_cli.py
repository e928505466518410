"""`reqdrill pdf …`: default file names, --out, --paper, and exact error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from pdftext import PAPER_POINTS, page_sizes, reader


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("template",), "requirements-template.pdf"),
        (("template", "--fillable"), "requirements-template-fillable.pdf"),
        (("scenario", "video-streaming"), "scenario-video-streaming.pdf"),
        (("scenario", "--all"), "scenarios.pdf"),
        (("cheatsheet",), "cheat-sheet.pdf"),
        (("flashcards", "--per-page", "12"), "flashcards.pdf"),
    ],
)
def test_default_output_goes_to_output_dir(cli_invoke, tmp_path: Path, monkeypatch, args, name) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = cli_invoke("pdf", *args)
    assert result.stdout == f"wrote output/{name}\n"
    assert (tmp_path / "output" / name).read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(["output", name])  # no temp files left


def test_out_and_paper(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sheet.pdf"
    assert cli_invoke("pdf", "cheatsheet", "--paper", "a4", "--out", str(out)).stdout == f"wrote {out}\n"
    assert set(page_sizes(out.read_bytes())) == {PAPER_POINTS["a4"]}
    assert not (tmp_path / "output").exists()


def test_out_into_missing_directory_fails_cleanly(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "missing" / "t.pdf"
    result = cli_invoke("pdf", "template", "--out", str(out), expect=1)
    assert result.stderr == f"Error: cannot write {out}: the directory {out.parent} does not exist\n"
    assert not out.parent.exists()


def test_unknown_scenario(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli_invoke("pdf", "scenario", "nope", "--out", str(tmp_path / "x.pdf"), expect=1)
    assert result.stderr.startswith(
        "Error: unknown scenario 'nope'; known: event-ticket-selling, video-streaming"
    )
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("args", [("scenario",), ("scenario", "video-streaming", "--all")])
def test_scenario_needs_exactly_one_of_id_or_all(cli_invoke, args) -> None:  # type: ignore[no-untyped-def]
    result = cli_invoke("pdf", *args, expect=2)
    assert result.stderr.endswith("Error: give a scenario ID or --all (not both)\n")


def test_per_page_range(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    result = cli_invoke("pdf", "flashcards", "--per-page", "0", expect=2)
    assert "Invalid value for '--per-page': 0 is not in the range 1<=x<=24." in result.stderr


def test_fillable_template_from_cli(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "f.pdf"
    cli_invoke("pdf", "template", "--fillable", "--out", str(out))
    fields = reader(out.read_bytes()).get_fields() or {}
    assert set(fields["data:labeled"]["/_States_"]) == {"/yes", "/no", "/partial"}  # one radio group


def test_pdf_help_does_not_load_reportlab() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\nfrom reqdrill.cli import cli\n"
        "try:\n    cli.main(args=['pdf', 'flashcards', '--help'], prog_name='reqdrill')\n"
        "except SystemExit:\n    pass\n"
        "print('reportlab' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "--per-page" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "False"
