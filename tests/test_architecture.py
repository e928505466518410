"""The package shows the architecture: one subpackage per job, imports only downward, no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import reqdrill

SRC = Path(reqdrill.__file__).parent

# Each package's level: a module may import from a lower level or its own package, nothing else.
LEVELS = {
    "errors": 0,
    "files": 1,
    "content": 2,
    "study": 3,
    "interview": 3,
    "anki": 4,
    "render": 4,
    "practice": 4,
    "build": 5,
    "cli": 6,
    "__main__": 7,  # `python -m reqdrill`: the entry point, above everything
}
TOP_MODULES = {"__init__", "__main__", "errors"}


def module_name(path: Path) -> str:
    """`reqdrill.content.model` for src/reqdrill/content/model.py; packages name their __init__."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports_of(path: Path, name: str) -> set[str]:
    """Every reqdrill module this one imports, at the top or inside a function."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            # `from reqdrill.x import y` may import the module reqdrill.x.y
            found |= {f"{target}.{alias.name}" for alias in node.names}
    known = modules()
    return {m for m in found if m in known and m != name}


def package_of(module: str) -> str:
    """The job a module belongs to: `content` for reqdrill.content.model, `errors` for the root ones."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("__init__", "errors"):
        return "errors"
    return parts[1]


def graph() -> dict[str, set[str]]:
    return {name: imports_of(path, name) for name, path in modules().items()}


def test_every_package_has_a_level_and_a_one_line_docstring() -> None:
    packages = {p.name for p in SRC.iterdir() if (p / "__init__.py").is_file()}
    assert set(LEVELS) - {"errors", "__main__", "practice"} <= packages <= set(LEVELS)
    for package in packages:
        doc = ast.get_docstring(ast.parse((SRC / package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "\n" not in doc.strip(), package


def test_only_init_main_and_errors_sit_at_the_top() -> None:
    assert {p.stem for p in SRC.glob("*.py")} == TOP_MODULES


def test_imports_run_only_downward() -> None:
    upward = []
    for module, targets in graph().items():
        mine = package_of(module)
        for target in sorted(targets):
            theirs = package_of(target)
            if theirs != mine and LEVELS[theirs] >= LEVELS[mine]:
                upward.append(
                    f"{module} ({mine}, {LEVELS[mine]}) imports {target} ({theirs}, {LEVELS[theirs]})"
                )
    assert upward == []


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as a path that returns to its start, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            # A package's __init__ is imported by its modules' import; that is not a cycle of ours.
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    assert find_cycle(graph()) is None


@pytest.mark.parametrize(
    ("edges", "cycle"),
    [
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
        ({"a": {"b"}, "b": set()}, None),
    ],
)
def test_the_cycle_finder_finds_cycles(edges: dict[str, set[str]], cycle: list[str] | None) -> None:
    assert find_cycle(edges) == cycle


def test_the_checker_sees_imports_inside_functions() -> None:
    # buildcmd imports the build only when the command runs, inside its function.
    assert "reqdrill.build.runner" in imports_of(SRC / "cli" / "buildcmd.py", "reqdrill.cli.buildcmd")


def test_relative_imports_resolve_against_the_package(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("from .plan import Artifact\nfrom . import produce\n")
    assert imports_of(tmp_path / "m.py", "reqdrill.build.runner") >= {
        "reqdrill.build.plan",
        "reqdrill.build.produce",
    }
    assert package_of("reqdrill.errors") == "errors" and package_of("reqdrill.cli.app") == "cli"


def test_tests_mirror_the_packages_and_every_test_file_is_collected() -> None:
    import subprocess
    import sys

    tests = Path(__file__).parent
    assert {p.name for p in tests.iterdir() if p.is_dir() and p.name in LEVELS} == {
        p.name for p in SRC.iterdir() if (p / "__init__.py").is_file()
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", str(tests)],
        capture_output=True,
        text=True,
        cwd=tests.parent,
    )
    collected = {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}
    files = {str(p.relative_to(tests.parent)) for p in tests.rglob("test_*.py")}
    assert files - collected == set()
