"""The validated-content cache: hits skip YAML, any change misses, failures fall back quietly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reqdrill.content.cache import ContentCache, cache_dir
from reqdrill.content.load import load_content
from reqdrill.errors import ContentError

SMALL = Path(__file__).parents[1] / "data" / "small"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REQDRILL_CACHE_DIR", str(tmp_path / "cache"))
    return Path(shutil.copytree(SMALL, tmp_path / "content"))


def test_second_load_comes_from_the_cache(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_content(root)
    assert ContentCache.for_root(root).get() == first
    import reqdrill.content.loadyaml

    monkeypatch.setattr(reqdrill.content.loadyaml, "load_yaml_content", lambda r: pytest.fail("parsed again"))
    assert load_content(root) == first


def test_any_edit_misses_and_replaces_the_entry(root: Path, tmp_path: Path) -> None:
    load_content(root)
    scenario = root / "scenarios" / "tiny-feed.yaml"
    scenario.write_text(scenario.read_text().replace("name: Tiny Feed", "name: Tinier Feed"))
    assert ContentCache.for_root(root).get() is None
    assert load_content(root).scenarios[0].name == "Tinier Feed"
    assert len(list((tmp_path / "cache").iterdir())) == 1


def test_invalid_content_is_never_cached(root: Path, tmp_path: Path) -> None:
    scenario = root / "scenarios" / "tiny-feed.yaml"
    scenario.write_text(scenario.read_text().replace("name: Tiny Feed", 'name: ""'))
    for _ in range(2):
        with pytest.raises(ContentError):
            load_content(root)
    assert not (tmp_path / "cache").exists()


def test_a_corrupt_entry_is_ignored(root: Path) -> None:
    content = load_content(root)
    entry = ContentCache.for_root(root)
    assert entry.path is not None
    entry.path.write_bytes(entry.key + b"\xc1 not msgpack")
    assert load_content(root) == content
    assert entry.get() == content  # rewritten


def test_an_unwritable_cache_is_skipped(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("not a directory")
    monkeypatch.setenv("REQDRILL_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert load_content(root).scenarios[0].id == "tiny-feed"


@pytest.mark.parametrize("value", ["off", "0", ""])
def test_the_cache_can_be_turned_off(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQDRILL_CACHE_DIR", value)
    assert cache_dir() is None


def test_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REQDRILL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "reqdrill"


def test_a_cache_hit_does_not_import_yaml(root: Path, tmp_path: Path) -> None:
    load_content(root)
    probe = (
        "import sys; from pathlib import Path; from reqdrill.content.load import load_content; "
        f"load_content(Path({str(root)!r})); print('yaml' in sys.modules)"
    )
    env = {"REQDRILL_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    assert (
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
        ).stdout
        == "False\n"
    )


def test_a_changed_reqdrill_module_misses(
    root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import reqdrill.content.cache as module

    load_content(root)
    assert ContentCache.for_root(root).get() is not None
    fake = tmp_path / "pkg"
    fake.mkdir()
    for source in Path(module.__file__).parent.glob("*.py"):
        (fake / source.name).write_bytes(source.read_bytes() + b"\n# changed rule\n")
    monkeypatch.setattr(module, "__file__", str(fake / "contentcache.py"))
    assert ContentCache.for_root(root).get() is None
