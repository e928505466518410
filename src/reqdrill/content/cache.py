"""A cache of validated content, keyed by reqdrill's version and the bytes of every content file.

The key hashes what validation reads (each YAML file's path and bytes) and how reqdrill's own
modules stand (size and modification time, so a changed rule in a source checkout misses too),
so any edit, added or removed file misses. Each content root has one entry, overwritten when
its content changes: the key in its first line, then the validated model as msgpack, decoded
back with type checks.
The cache lives in $REQDRILL_CACHE_DIR, else $XDG_CACHE_HOME/reqdrill or ~/.cache/reqdrill;
`REQDRILL_CACHE_DIR=off` turns it off. Any failure to read or write it just means no cache.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import msgspec

from reqdrill import __version__
from reqdrill.content.model import Content
from reqdrill.content.paths import DECKS_DIR, SCENARIOS_DIR, yaml_files

OFF = ("off", "0", "no", "false")

# BLAKE2b straight from its built-in module: `hashlib` would first load OpenSSL (`_hashlib`),
# several milliseconds of every cached start-up, for a digest that only has to notice changes.
try:
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b


def cache_dir() -> Path | None:
    """Where cached content lives, or None when caching is turned off."""
    configured = os.environ.get("REQDRILL_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in OFF or not configured.strip() else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reqdrill"


class ContentCache:
    """The cache entry for one content root, as its files are now."""

    def __init__(self, path: Path | None, key: bytes = b"") -> None:
        self.path = path
        self.key = key

    @classmethod
    def for_root(cls, root: Path) -> ContentCache:
        """The entry for a content root, keyed by every file the loader would read."""
        directory = cache_dir()
        if directory is None:
            return cls(None)
        digest = blake2b(f"reqdrill {__version__}\0".encode())
        # scandir rather than Path.glob: its entries carry the stat results, and no pattern matching
        with os.scandir(os.path.dirname(__file__)) as entries:
            modules = sorted((e.name, e.stat()) for e in entries if e.name.endswith(".py"))
        for name, stat in modules:
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        for sub in (DECKS_DIR, SCENARIOS_DIR):
            for path in yaml_files(root / sub):
                try:
                    data = path.read_bytes()
                except OSError:
                    return cls(None)  # the loader will report it; nothing to cache
                digest.update(f"{sub}/{path.name}\0{len(data)}\0".encode())
                digest.update(data)
        name = blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest()
        return cls(directory / f"content-{name}.msgpack", digest.hexdigest().encode() + b"\n")

    def get(self) -> Content | None:
        """The cached content, or None on a miss or an unreadable entry."""
        if self.path is None:
            return None
        try:
            with open(self.path, "rb") as f:
                if f.read(len(self.key)) != self.key:
                    return None
                return msgspec.msgpack.decode(f.read(), type=Content)
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return None

    def put(self, content: Content) -> None:
        """Store validated content; a cache that cannot be written is skipped silently."""
        if self.path is None:
            return
        from reqdrill.files.atomic import atomic_write

        with contextlib.suppress(Exception):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, self.key + msgspec.msgpack.encode(content))
