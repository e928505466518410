"""The one exception hierarchy. The CLI turns any ReqdrillError into a clean exit 1."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One content error, located in a file: `file:line:col: key.path: message`."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.path}: {self.message}"


class ReqdrillError(Exception):
    """Base of every error reqdrill reports to the user; never shown with a traceback."""


class ContentError(ReqdrillError):
    """Raised when content files are malformed; carries every problem found in one run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class SelectionError(ReqdrillError):
    """Raised when a request names something the content lacks, or asks more than it can give."""


class OutputError(ReqdrillError):
    """Raised when an output cannot be written: missing or unwritable directory, full disk."""


class HistoryError(ReqdrillError):
    """Raised when the practice history cannot be read or written: not a reqdrill history (damaged,
    another program's database, a newer schema), busy, or not writable. The file is left untouched."""
