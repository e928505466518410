"""Shared fixtures: the bundled content, a CLI runner that explains its failures."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from reqdrill.cli import cli
from reqdrill.content.load import load_content
from reqdrill.content.model import Content
from reqdrill.content.paths import bundled_root

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")

DATA = Path(__file__).parent / "data"

# Tests never read or fill the user's cache of validated content: each run gets its own.
_CACHE = tempfile.mkdtemp(prefix="reqdrill-test-cache-")
os.environ["REQDRILL_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)
# Nor the user's practice history: interviews run by tests are recorded in a scratch file.
_HISTORY = tempfile.mkdtemp(prefix="reqdrill-test-history-")
os.environ["REQDRILL_HISTORY"] = os.path.join(_HISTORY, "history.sqlite3")
atexit.register(shutil.rmtree, _HISTORY, True)


@pytest.fixture(scope="session")
def content() -> Content:
    """The bundled content, loaded once."""
    return load_content(bundled_root())


CliInvoke = Callable[..., Result]


@pytest.fixture
def cli_invoke() -> CliInvoke:
    """Run the CLI in-process; on an unexpected exit code, show its output and traceback."""

    def invoke(
        *args: str, expect: int = 0, input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        result = CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=True)
        if result.exit_code != expect:
            tb = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
            pytest.fail(
                f"reqdrill {' '.join(args)} exited {result.exit_code}, expected {expect}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}\n{tb}"
            )
        return result

    return invoke
