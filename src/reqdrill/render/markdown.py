"""Markdown escaping: content text → inline Markdown that renders as exactly that text.

Targets CommonMark and GitHub Flavored Markdown (including GitHub's `$` math and `@` mentions).
"""

from __future__ import annotations

import functools
import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones that
# can start markup inline: emphasis, code, links, raw HTML, entities, tables, strikethrough, math,
# mentions, and `#` (a heading's closing sequence would otherwise be dropped).
_SPECIAL = "\\`*_[]<>&|~$@#"
_TABLE = str.maketrans({c: "\\" + c for c in _SPECIAL} | {"\r": " ", "\n": " "})
# At the start of a line these open a list, a setext heading or an ordered list.
_LEADING = re.compile(r"^(?:[-+=]|\d{1,9}[.)])")


# Cached because a batch renders the same content strings on sheet after sheet.
@functools.lru_cache(maxsize=65536)
def escape(text: str) -> str:
    """Escape content text for use inside a Markdown line, after other text; line breaks become spaces."""
    return text.strip().translate(_TABLE)


@functools.lru_cache(maxsize=65536)
def inline(text: str) -> str:
    """Escape content text for use anywhere in a line, including its start."""
    escaped = escape(text)
    match = _LEADING.match(escaped)
    if match:
        end = match.end()
        escaped = escaped[: end - 1] + "\\" + escaped[end - 1 :]
    return escaped


def bold(text: str) -> str:
    """Escaped text in strong emphasis, or nothing for empty text."""
    return f"**{escape(text)}**" if text.strip() else ""
