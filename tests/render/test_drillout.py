"""`reqdrill drill`: destinations, batches named by seed, exact messages, no reportlab for Markdown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CliInvoke
from reqdrill.content.model import Content
from reqdrill.render.drillout import render_sheet
from reqdrill.study.drills import generate
from reqdrill.study.drillsheet import DrillSheet

SMALL = Path(__file__).parents[1] / "data" / "small"


def test_one_markdown_sheet_goes_to_stdout(cli_invoke: CliInvoke, content: Content) -> None:
    result = cli_invoke("drill", "--seed", "5")
    assert result.stdout == render_sheet(generate(content, 5), "md").decode()
    assert result.stderr == ""


def test_without_a_seed_one_is_chosen_printed_and_shown_on_the_sheet(cli_invoke: CliInvoke) -> None:
    result = cli_invoke("drill", "--kind", "recall")
    assert result.stderr.startswith("seed: ")
    seed = int(result.stderr.split()[1])
    assert result.stdout.startswith(f"# Drill sheet {seed}\n")
    assert f"Regenerate: `reqdrill drill --seed {seed} --kind recall`" in result.stdout


def test_json_to_stdout_without_answers(cli_invoke: CliInvoke, content: Content) -> None:
    result = cli_invoke("drill", "--seed", "3", "--format", "json", "--no-answers", "--kind", "tradeoff")
    data = json.loads(result.stdout)
    assert data["seed"] == 3 and data["kinds"] == ["tradeoff"]
    assert data["exercises"][0]["answers"] is None


def test_pdf_goes_to_output_by_default(
    cli_invoke: CliInvoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli_invoke("drill", "--seed", "4", "--format", "pdf", "--paper", "a4")
    assert result.stdout == "wrote output/drill-4.pdf\n"
    assert (tmp_path / "output" / "drill-4.pdf").read_bytes().startswith(b"%PDF-")


def test_a_batch_writes_one_file_per_seed_into_a_directory(
    cli_invoke: CliInvoke, tmp_path: Path, content: Content
) -> None:
    out = tmp_path / "sheets"
    result = cli_invoke("drill", "--seed", "10", "--count", "3", "--out", str(out), "--kind", "mock")
    assert result.stdout == f"wrote 3 drill sheets (seeds 10-12) to {out}\n"
    assert sorted(p.name for p in out.iterdir()) == ["drill-10.md", "drill-11.md", "drill-12.md"]
    assert (out / "drill-11.md").read_bytes() == render_sheet(generate(content, 11, ["mock"]), "md")


def test_a_batch_defaults_to_output_drills(
    cli_invoke: CliInvoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli_invoke("drill", "--seed", "1", "--count", "2", "--format", "json")
    assert result.stdout == "wrote 2 drill sheets (seeds 1-2) to output/drills\n"
    assert sorted(p.name for p in (tmp_path / "output" / "drills").iterdir()) == [
        "drill-1.json",
        "drill-2.json",
    ]


def test_one_sheet_into_an_existing_directory_or_a_named_file(cli_invoke: CliInvoke, tmp_path: Path) -> None:
    assert (
        cli_invoke("drill", "--seed", "2", "--out", str(tmp_path)).stdout
        == f"wrote {tmp_path / 'drill-2.md'}\n"
    )
    target = tmp_path / "today.md"
    assert cli_invoke("drill", "--seed", "2", "--out", str(target)).stdout == f"wrote {target}\n"
    assert target.read_bytes() == (tmp_path / "drill-2.md").read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".reqdrill-tmp-")] == []


def test_stdout_is_for_one_sheet_only(cli_invoke: CliInvoke) -> None:
    result = cli_invoke("drill", "--count", "2", "--out", "-", expect=2)
    assert "Error: --out - writes one sheet to stdout; give a directory for --count > 1" in result.stderr


def test_unknown_scenario_is_exit_1_with_the_known_ones(cli_invoke: CliInvoke, content: Content) -> None:
    result = cli_invoke("drill", "--seed", "1", "--kind", "mock", "--scenario", "nope", expect=1)
    known = ", ".join(s.id for s in content.scenarios)
    assert result.stderr == f"Error: unknown scenario 'nope'; known: {known}\n"


def test_content_that_cannot_support_the_kinds_is_exit_1(cli_invoke: CliInvoke) -> None:
    args = ("drill", "--seed", "1", "--content", str(SMALL), "--kind", "mock", "--kind", "deep-dive")
    result = cli_invoke(*args, expect=1)
    assert result.stderr == (
        "Error: drill kinds mock, deep-dive need 2 different scenarios, but the content has only 1; "
        "ask for fewer kinds or fix one scenario\n"
    )
    cli_invoke(*args, "--scenario", "tiny-feed")


def test_missing_output_directory_is_exit_1(cli_invoke: CliInvoke, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "x.md"
    result = cli_invoke("drill", "--seed", "1", "--out", str(target), expect=1)
    assert result.stderr == f"Error: cannot write {target}: the directory {target.parent} does not exist\n"


def test_mixed_with_other_kinds_is_exit_1(cli_invoke: CliInvoke) -> None:
    result = cli_invoke("drill", "--kind", "mixed", "--kind", "recall", "--seed", "1", expect=1)
    assert result.stderr == "Error: drill kind 'mixed' already draws on several kinds; give it alone\n"


PROBE = """
import sys
from click.testing import CliRunner
from reqdrill.cli import cli
result = CliRunner().invoke(cli, sys.argv[1:])
assert result.exit_code == 0, result.output
print("reportlab" in sys.modules)
"""


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_markdown_and_json_never_import_reportlab(fmt: str, tmp_path: Path) -> None:
    args = ["drill", "--seed", "1", "--count", "3", "--format", fmt, "--out", str(tmp_path)]
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    assert result.stdout == "False\n"


def test_a_batch_that_cannot_write_a_file_is_exit_1_and_leaves_no_temporary_file(
    cli_invoke: CliInvoke, tmp_path: Path
) -> None:
    (tmp_path / "drill-11.md").mkdir()
    result = cli_invoke("drill", "--seed", "10", "--count", "3", "--out", str(tmp_path), expect=1)
    assert result.stderr == f"Error: cannot write {tmp_path / 'drill-11.md'}: it is a directory\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".reqdrill-tmp-")] == []
    assert (tmp_path / "drill-11.md").is_dir()


def test_a_batch_into_a_new_directory_appears_whole_or_not_at_all(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reqdrill.render import drillout

    out = tmp_path / "deep" / "sheets"
    result = drillout.run(content, drillout.DrillRequest(5, count=4, out=out))
    assert sorted(p.name for p in out.iterdir()) == [f"drill-{s}.md" for s in range(5, 9)]
    assert list(result.written) == [out / f"drill-{s}.md" for s in range(5, 9)]
    assert os.listdir(tmp_path / "deep") == ["sheets"]

    real = drillout.renderer

    def failing(*args: object, **kwargs: object) -> object:
        render = real(*args, **kwargs)  # type: ignore[arg-type]

        def once(sheet: DrillSheet) -> bytes:
            if sheet.seed == 7:
                raise KeyboardInterrupt
            return render(sheet)

        return once

    monkeypatch.setattr(drillout, "renderer", failing)
    with pytest.raises(KeyboardInterrupt):
        drillout.run(content, drillout.DrillRequest(5, count=4, out=tmp_path / "other"))
    assert sorted(os.listdir(tmp_path)) == ["deep"]
    (tmp_path / "existing").mkdir()
    with pytest.raises(KeyboardInterrupt):  # into an existing directory, the whole files stay
        drillout.run(content, drillout.DrillRequest(5, count=4, out=tmp_path / "existing"))
    assert sorted(os.listdir(tmp_path / "existing")) == ["drill-5.md", "drill-6.md"]


def test_a_batch_under_a_file_is_exit_1_naming_the_directory(cli_invoke: CliInvoke, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "sheets"
    result = cli_invoke("drill", "--seed", "1", "--count", "2", "--out", str(target), expect=1)
    assert result.stderr == f"Error: cannot write {target}: a parent is not a directory\n"
    result = cli_invoke("drill", "--seed", "1", "--count", "2", "--out", str(tmp_path / "file"), expect=1)
    assert result.stderr == f"Error: cannot write into {tmp_path / 'file'}: it is not a directory\n"
    assert sorted(os.listdir(tmp_path)) == ["file"]


def test_a_batch_pauses_the_cyclic_collector_and_restores_it_even_on_error(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from reqdrill.errors import OutputError
    from reqdrill.render import drillout

    seen: list[bool] = []
    real = drillout.generate_batch

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(drillout, "generate_batch", spy)
    result = drillout.run(content, drillout.DrillRequest(1, count=3, out=tmp_path / "ok"))
    assert len(result.written) == 3 and gc.isenabled()
    (tmp_path / "bad").write_text("not a directory")
    with pytest.raises(OutputError):
        drillout.run(content, drillout.DrillRequest(1, count=3, out=tmp_path / "bad"))
    assert gc.isenabled()
    drillout.run(content, drillout.DrillRequest(1, out=tmp_path / "one.md"))
    assert seen == [False, False, True]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_batch_renderer_gives_each_sheet_the_bytes_it_has_alone(content: Content, fmt: str) -> None:
    from reqdrill.render.drillout import renderer
    from reqdrill.study.drills import generate_batch

    sheets = generate_batch(content, 3, 30)
    render = renderer(fmt, answers=False)
    assert [render(s) for s in sheets] == [render_sheet(s, fmt, answers=False) for s in sheets]


def test_an_unknown_format_is_a_value_error() -> None:
    from reqdrill.render.drillout import renderer

    with pytest.raises(ValueError, match="^unknown drill format 'txt'$"):
        renderer("txt")
