"""The CLI skeleton: help texts, exit codes and exact messages of the content commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest

from reqdrill import __version__
from reqdrill.cli import cli

SMALL = Path(__file__).parents[1] / "data" / "small"


def _commands(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None
        out.append(((*prefix, name), cmd))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, (*prefix, name))
    return out


@pytest.mark.parametrize(
    "path,command", _commands(cli), ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_every_command_has_help_text(path: tuple[str, ...], command: click.Command, cli_invoke) -> None:  # type: ignore[no-untyped-def]
    assert command.help and command.help.strip()
    assert command.get_short_help_str()
    result = cli_invoke(*path, "--help")
    assert command.help.splitlines()[0] in result.stdout
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"option {param.name} of {' '.join(path)} has no help"


def test_each_command_comes_from_the_module_the_group_imports_for_it() -> None:
    from reqdrill.cli.app import COMMAND_MODULES

    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == sorted(COMMAND_MODULES)
    for name, module in COMMAND_MODULES.items():
        command = cli.get_command(ctx, name)
        assert command is not None and command.callback is not None
        assert command.callback.__module__ == f"reqdrill.cli.{module}"


def test_version(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    assert cli_invoke("--version").stdout == f"reqdrill, version {__version__}\n"


def test_validate_bundled_content(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    out = cli_invoke("validate").stdout
    assert out.startswith("ok: 7 categories, 31 template questions, ")
    assert "5 tradeoffs, 2 levels, 5 drills" in out


def test_validate_small_content_exact(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    result = cli_invoke("validate", "--content", str(SMALL))
    assert result.stdout == (
        "ok: 7 categories, 7 template questions, 10 E6 probes, 1 tradeoff, 2 levels, 2 drills, 1 scenario"
        f" ({SMALL})\n"
    )


def test_validate_reads_content_from_environment(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    result = cli_invoke("validate", env={"REQDRILL_CONTENT": str(SMALL)})
    assert "1 scenario " in result.stdout


def test_validate_reports_every_problem_and_exits_1(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = shutil.copytree(SMALL, tmp_path / "c")
    scenario = root / "scenarios" / "tiny-feed.yaml"
    scenario.write_text(
        scenario.read_text().replace("name: Tiny Feed", 'name: ""').replace('qps: "200"', "qps: 200")
    )
    result = cli_invoke("validate", "--content", str(root), expect=1)
    assert result.stdout == ""
    assert result.stderr == (
        f"{scenario}:2:7: name: must not be empty\n"
        f"{scenario}:32:10: requirements.scale.qps: "
        "expected text, got a number (200); put it in quotes if it is text\n"
        "Error: content is invalid: 2 problems\n"
    )
    assert "Traceback" not in result.output


def test_missing_content_directory_is_a_usage_error(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli_invoke("validate", "--content", str(tmp_path / "nope"), expect=2)
    assert "Directory" in result.stderr and "does not exist" in result.stderr


def test_list_summary(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    out = cli_invoke("list", "--content", str(SMALL)).stdout
    assert "  1. Business Objective [business_objective]: 1 template, 1 E6 probe\n" in out
    assert "  tiny-feed: Design the ranking for a small social feed.\n" in out
    assert "  1. Category Recall [category-recall, recall] (30 s)\n" in out


def test_list_json_is_the_whole_content(cli_invoke, content) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli_invoke("list", "--json").stdout)
    assert [c["id"] for c in data["categories"]] == [c.id for c in content.categories]
    assert len(data["scenarios"]) == len(content.scenarios)
    assert (
        data["scenarios"][0]["requirements"]["scale"]["users"]
        == content.scenarios[0].requirements.scale.users
    )


def test_init_copies_content_and_refuses_to_overwrite(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "mine"
    first = cli_invoke("init", str(target))
    assert first.stdout.startswith("copied ")
    assert cli_invoke("validate", "--content", str(target)).stdout.startswith("ok: ")
    framework = target / "decks" / "framework.yaml"
    framework.write_text(framework.read_text() + "# my edit\n")
    again = cli_invoke("init", str(target), expect=1)
    assert again.stderr.startswith("Error: ")
    assert "already exist" in again.stderr and "use --force to overwrite them" in again.stderr
    assert framework.read_text().endswith("# my edit\n")
    cli_invoke("init", str(target), "--force")
    assert not framework.read_text().endswith("# my edit\n")


def test_new_scenario_scaffold_then_validate_lists_what_is_unfilled(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = shutil.copytree(SMALL, tmp_path / "c")
    result = cli_invoke("new", "scenario", "fraud-rings", "--content", str(root))
    path = root / "scenarios" / "fraud-rings.yaml"
    assert result.stdout.splitlines()[0] == f"wrote {path}"
    text = path.read_text()
    assert "  privacy_ethics:  # Privacy/Ethics" in text
    assert "# one of: yes, no, partial" in text
    problems = cli_invoke("validate", "--content", str(root), expect=1).stderr.splitlines()
    assert all(line.startswith(str(path)) for line in problems[:-1])
    paths = {line.split(": ")[1] for line in problems[:-1]}
    assert {
        "name",
        "prompt",
        "requirements.scale.dau",
        "requirements.data.labeled.choice",
        "tradeoffs[0].favors",
    } <= paths
    assert any(
        line.endswith("requirements.business_objective.primary_goal: must not be empty") for line in problems
    )
    cli_invoke("new", "scenario", "fraud-rings", "--content", str(root), expect=1)


def test_new_scenario_rejects_invalid_id(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = shutil.copytree(SMALL, tmp_path / "c")
    result = cli_invoke("new", "scenario", "../../x", "--content", str(root), expect=1)
    assert result.stderr == (
        "Error: '../../x' is not a valid id: use lower-case letters, digits, '-' and '_', "
        "starting with a letter or digit\n"
    )


@pytest.mark.parametrize("kind,title", [("scenario", "Scenario"), ("deck", "DeckFile")])
def test_schema_is_json_schema(cli_invoke, kind: str, title: str) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads(cli_invoke("schema", kind).stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$ref"] == f"#/$defs/{title}"
    assert schema["$defs"][title]["additionalProperties"] is False


def test_schema_accepts_the_bundled_scenarios(cli_invoke, content) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads(cli_invoke("schema", "scenario").stdout)
    required = set(schema["$defs"]["Scenario"]["required"])
    assert required == {"id", "name", "prompt", "requirements", "e6_probes", "tradeoffs"}
    assert set(schema["$defs"]["Requirements"]["properties"]) == {c.id for c in content.categories}
