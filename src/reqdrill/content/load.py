"""Load a content root: from the cache of validated content when its files are unchanged, else from YAML.

Parsing YAML with positions is most of a content command's time; the cache (contentcache.py)
holds the validated model keyed by the bytes of every file, so unchanged content is decoded in
a few milliseconds without importing the YAML machinery at all. Invalid content is never cached.
"""

from __future__ import annotations

from pathlib import Path

from reqdrill.content.model import Content


def load_content(root: Path) -> Content:
    """Load and validate every file under a content root's decks/ and scenarios/."""
    from reqdrill.content.cache import ContentCache

    cache = ContentCache.for_root(root)
    content = cache.get()
    if content is None:
        from reqdrill.content.loadyaml import load_yaml_content
        from reqdrill.files.collector import collector_paused

        # Parsing makes millions of short-lived objects and keeps the model's; the cyclic
        # collector would rescan the growing model over and over (13% of loading 20,000
        # scenarios, 2% of 2,000). Reference counting frees the rest; cycles wait until after.
        with collector_paused():
            content = load_yaml_content(root)
        cache.put(content)
    return content
