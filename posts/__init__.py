"""Herald's content side: reading articles, counting by platform rules, condensing, the queue.

The top-level names are imported lazily so that ``import posts`` stays cheap: ``from posts import
load_article, condense, measure`` loads only the module that defines the name asked for.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["condense", "load_article", "measure"]

_LAZY = {
    "load_article": "posts.article",
    "condense": "posts.condensing",
    "measure": "posts.counting",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'posts' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
