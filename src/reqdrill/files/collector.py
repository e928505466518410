"""Pausing Python's cyclic garbage collector while a bulk step makes many acyclic objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block, then restore it as it was.

    Loading content, rendering notes and drawing drill batches make hundreds of thousands of
    objects that live to the end of the step and form no cycles; the collector would only rescan
    them again and again. Reference counting still frees everything; cycles wait until after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
