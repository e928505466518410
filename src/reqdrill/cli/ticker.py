"""A running timer in the prompt of a terminal drill: `[0:12 / 0:30] > `, redrawn every second.

The redraw rewrites only the prompt's clock, with the cursor saved and restored, and only while
the typed line fits on one terminal line; without readline the clock shows at each prompt.
"""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Callable


def clock_text(seconds: float) -> str:
    whole = int(max(0.0, seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class Ticker:
    """Shows elapsed time against a target in the prompt, and keeps it current while typing."""

    def __init__(self, clock: Callable[[], float], start: float, target: float) -> None:
        self.clock, self.start, self.target = clock, start, target
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._width = 0

    def clock_part(self) -> str:
        return f"[{clock_text(self.clock() - self.start)} / {clock_text(self.target)}]"

    def prompt(self) -> str:
        text = self.clock_part()
        self._width = len(text)
        return f"{text} > "

    def __enter__(self) -> Ticker:
        try:
            import readline  # noqa: F401  (line editing; lets the ticker see the typed line)
        except ImportError:
            return self
        if sys.stdout.isatty():
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1.5)

    def _run(self) -> None:
        import readline

        while not self._stop.wait(1.0):
            typed = readline.get_line_buffer()
            text = self.clock_part()
            fits = len(text) + 3 + len(typed) < shutil.get_terminal_size().columns
            if fits and len(text) == self._width:
                # save the cursor, rewrite the clock at the start of the line, restore the cursor
                sys.stdout.write(f"\x1b7\r{text}\x1b8")
                sys.stdout.flush()
