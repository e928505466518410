"""The loader: the malformed-content corpus, round trips, and robustness against any input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from contentio import dump_content, to_yaml
from reqdrill.content.load import load_content
from reqdrill.errors import ContentError
from strategies import contents

DATA = Path(__file__).parents[1] / "data"
SMALL = DATA / "small"
CASES = sorted(p.name for p in (DATA / "malformed").iterdir())


def overlay(case: Path, root: Path) -> Path:
    """Copy the small valid content into `root`, then apply a malformed case's files."""
    shutil.copytree(SMALL, root)
    for f in case.rglob("*"):
        rel = f.relative_to(case)
        if f.is_file() and rel.name not in ("expected.txt", "DELETE"):
            shutil.copyfile(f, root / rel)
    if (case / "DELETE").exists():
        for rel in (case / "DELETE").read_text().split():
            (root / rel).unlink()
    return root


def problems_of(root: Path) -> list[str]:
    """The loader's problem lines, with the content root stripped from file names."""
    with pytest.raises(ContentError) as info:
        load_content(root)
    return [str(p).replace(f"{root}/", "") for p in info.value.problems]


def test_small_content_is_valid() -> None:
    content = load_content(SMALL)
    assert [s.id for s in content.scenarios] == ["tiny-feed"]


def test_corpus_has_at_least_25_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", CASES)
def test_malformed_case_reports_expected_problems(name: str, tmp_path: Path) -> None:
    case = DATA / "malformed" / name
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert problems_of(overlay(case, tmp_path / "content")) == expected


def test_every_error_in_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    lines = problems_of(overlay(DATA / "malformed" / "errors-in-several-files", tmp_path / "c"))
    assert {line.split(":")[0] for line in lines} == {
        "decks/drills.yaml",
        "decks/framework.yaml",
        "scenarios/tiny-feed.yaml",
    }


def test_file_over_one_mebibyte_is_rejected(tmp_path: Path) -> None:
    root = overlay(DATA / "malformed" / "empty-file", tmp_path / "c")
    scenario = root / "scenarios" / "tiny-feed.yaml"
    scenario.write_text((SMALL / "scenarios" / "tiny-feed.yaml").read_text() + "#" + "x" * 1024 * 1024 + "\n")
    size = scenario.stat().st_size
    assert problems_of(root) == [
        f"scenarios/tiny-feed.yaml:1:1: (root): file is {size:,} bytes; the limit is 1 MiB (1,048,576 bytes)"
    ]


def test_file_of_exactly_one_mebibyte_is_accepted(tmp_path: Path) -> None:
    root = shutil.copytree(SMALL, tmp_path / "c")
    scenario = root / "scenarios" / "tiny-feed.yaml"
    text = scenario.read_text()
    scenario.write_text(text + "#" + "x" * (1024 * 1024 - len(text.encode()) - 2) + "\n")
    assert scenario.stat().st_size == 1024 * 1024
    assert load_content(root).scenarios[0].id == "tiny-feed"


@settings(max_examples=25)
@given(contents())
def test_dump_and_load_round_trip(tmp_path_factory: pytest.TempPathFactory, content: object) -> None:
    root = dump_content(content, tmp_path_factory.mktemp("content"))  # type: ignore[arg-type]
    assert load_content(root) == content


def _paths(data: object, path: tuple = ()) -> list[tuple]:
    """Every path to a value inside nested dicts and lists."""
    out = [path] if path else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*path, i))
    return out


def _get(data: object, path: tuple) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(root)"


def _line_col(text: str, path: tuple, *, key: bool = False) -> tuple[int, int]:
    """Where PyYAML's own composer puts a path: an independent oracle for our positions."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for part in path:
        if isinstance(part, int):
            node = node.value[part]
        else:
            key_node, node = next((k, v) for k, v in node.value if k.value == part)
    mark = (key_node if key else node).start_mark
    return mark.line + 1, mark.column + 1


@settings(max_examples=60)
@given(contents(max_scenarios=2, max_tradeoffs=2), st.data())
def test_single_field_corruption_is_located(tmp_path_factory: pytest.TempPathFactory, content, data) -> None:  # type: ignore[no-untyped-def]
    root = dump_content(content, tmp_path_factory.mktemp("content"))
    files = sorted(p for p in root.rglob("*.yaml"))
    target = data.draw(st.sampled_from(files))
    doc = yaml.safe_load(target.read_text(encoding="utf-8"))
    kind = data.draw(st.sampled_from(["wrong-type", "missing", "unknown-key", "duplicate-id"]))
    rel = str(target.relative_to(root))
    if kind == "wrong-type":
        leaves = [p for p in _paths(doc) if isinstance(_get(doc, p), str)]
        path = data.draw(st.sampled_from(leaves))
        _get(doc, path[:-1])[path[-1]] = ["not", "text"]  # type: ignore[index]
        text = to_yaml(doc)
        expected = (rel, _line_col(text, path), _dotted(path), "expected ")
    elif kind == "missing":
        required = [p for p in _paths(doc) if isinstance(p[-1], str) and _get(doc, p) is not None]
        path = data.draw(st.sampled_from(required))
        assume(
            path[-1]
            not in (
                "why",
                "example",
                "order",
                "time_limit_seconds",
                "questions_per_category",
                "scenario",
                "tradeoffs",
                "prompts",
                "choices",
            )
            or "requirements" in path
        )
        assume(not (path[0] == "tradeoffs" and len(path) > 2 and path[-1] == "tradeoffs"))
        assume(not (path[0] == "categories" and path[-1] == "field"))  # a question's field is optional
        # The classifier vocabulary's lists are optional; so are a category cue's, all but its id.
        assume(
            not (
                path[0] == "classifier"
                and (
                    len(path) == 2 or (len(path) == 4 and path[1] == "categories" and path[-1] != "category")
                )
            )
        )
        # The interviewer section's lists are optional, and so is every key of a field's cues
        # but its `field`; a tradeoff's or probe kind's cues need their id and terms.
        assume(
            not (
                path[0] == "interviewer" and (len(path) == 2 or (path[1] == "fields" and path[-1] != "field"))
            )
        )
        assume(len(path) > 1 or rel.startswith("scenarios"))  # deck sections are optional per file
        del _get(doc, path[:-1])[path[-1]]  # type: ignore[attr-defined]
        text = to_yaml(doc)
        expected = (rel, _line_col(text, path[:-1]), _dotted(path[:-1]), f"missing required key {path[-1]!r}")
    elif kind == "unknown-key":
        mappings = [p for p in [(), *_paths(doc)] if isinstance(_get(doc, p), dict)]
        path = data.draw(st.sampled_from(mappings))
        _get(doc, path)["zzz_unknown"] = "x"  # type: ignore[index]
        text = to_yaml(doc)
        message_start = "unknown key 'zzz_unknown'; "
        expected = (
            rel,
            _line_col(text, (*path, "zzz_unknown"), key=True),
            _dotted((*path, "zzz_unknown")),
            message_start,
        )
    else:
        # Category ids are fixed by the framework and scenario ids by file names: other rules apply.
        ids = [p for p in _paths(doc) if p[-1] == "id" and "choices" not in p and len(p) > 3]
        assume(ids)
        path = data.draw(st.sampled_from(ids))
        other = content.categories[0].templates[0].id
        assume(_get(doc, path) != other)
        _get(doc, path[:-1])["id"] = other  # type: ignore[index]
        text = to_yaml(doc)
        original = ("decks/content.yaml", ("categories", 0, "templates", 0, "id"))
        first = text if rel == original[0] else (root / original[0]).read_text(encoding="utf-8")
        # A duplicate is reported where it occurs second: at the corrupted item or at the original.
        alternatives = [
            (rel, _line_col(text, path), _dotted(path), f"duplicate id {other!r}"),
            (original[0], _line_col(first, original[1]), _dotted(original[1]), f"duplicate id {other!r}"),
        ]
    target.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content(root)
    found = [
        (p.file.replace(f"{root}/", ""), (p.line, p.col), p.path, p.message) for p in info.value.problems
    ]
    if kind != "duplicate-id":
        alternatives = [expected]
    assert any(
        f[:3] == e[:3] and f[3].startswith(e[3]) and ("got a list" in f[3]) == (kind == "wrong-type")
        for f in found
        for e in alternatives
    ), f"expected one of {alternatives} among {found}"


@settings(max_examples=100)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_loader_raises_only_content_errors_on_arbitrary_bytes(
    tmp_path_factory: pytest.TempPathFactory, blob: bytes
) -> None:
    root = shutil.copytree(SMALL, tmp_path_factory.mktemp("c") / "c")
    (root / "scenarios" / "tiny-feed.yaml").write_bytes(blob)
    try:
        load_content(root)
    except ContentError as exc:
        assert exc.problems
        assert all(p.file.endswith("tiny-feed.yaml") or "drills.yaml" in p.file for p in exc.problems)


@settings(max_examples=60)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=10), c, max_size=4),
        max_leaves=20,
    )
)
def test_loader_raises_only_content_errors_on_arbitrary_yaml(
    tmp_path_factory: pytest.TempPathFactory, doc: object
) -> None:
    root = shutil.copytree(SMALL, tmp_path_factory.mktemp("c") / "c")
    (root / "decks" / "extra.yaml").write_text(to_yaml(doc), encoding="utf-8")
    try:
        load_content(root)
    except ContentError as exc:
        assert exc.problems
