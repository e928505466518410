"""Heavy libraries load only where they are used: start-up stays fast."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("reportlab", "genanki", "anki")
PROBE = """
import sys
from reqdrill.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="reqdrill", standalone_mode=True)
except SystemExit:
    pass
print("LOADED:" + ",".join(sorted({m.split(".")[0] for m in sys.modules})), file=sys.stderr)
"""


def loaded_modules(*args: str) -> set[str]:
    """Top-level modules loaded after running one CLI command in a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    line = next(line for line in result.stderr.splitlines() if line.startswith("LOADED:"))
    return set(line[len("LOADED:") :].split(","))


def test_help_loads_no_heavy_or_content_library() -> None:
    loaded = loaded_modules("--help")
    assert not loaded & {*HEAVY, "msgspec", "yaml"}


@pytest.mark.parametrize("args", [("validate",), ("list", "--json"), ("schema", "deck")])
def test_content_commands_load_no_renderer(args: tuple[str, ...]) -> None:
    loaded = loaded_modules(*args)
    assert "reqdrill" in loaded and "msgspec" in loaded
    assert not loaded & set(HEAVY)


def test_a_command_imports_only_its_own_command_module() -> None:
    probe = PROBE.replace('{m.split(".")[0] for m in sys.modules}', "sys.modules")
    result = subprocess.run(
        [sys.executable, "-c", probe, "schema", "deck"], capture_output=True, text=True, check=True
    )
    line = next(line for line in result.stderr.splitlines() if line.startswith("LOADED:"))
    commands = {m for m in line[len("LOADED:") :].split(",") if m.startswith("reqdrill.cli.")}
    assert commands == {"reqdrill.cli.app", "reqdrill.cli.contentcmds"}


def test_only_the_cli_package_imports_click() -> None:
    import ast
    from pathlib import Path

    import reqdrill

    src = Path(reqdrill.__file__).parent
    importers = set()
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] == "click" for name in names):
                importers.add(path.relative_to(src).parts[0])
    assert importers == {"cli"}
