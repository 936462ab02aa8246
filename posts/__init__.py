"""Herald's content side: reading articles, counting by platform rules, condensing, the queue.

The top-level names are imported lazily so that ``import posts`` stays cheap: ``from posts import
load_article, condense, measure`` loads only the module that defines the name asked for.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__all__ = ["condense", "load_article", "measure"]

_LAZY = {
    "load_article": "posts.article",
    "condense": "posts.condense",
    "measure": "posts.counting",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'posts' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


class _Package(types.ModuleType):
    """``posts.condense`` is both a subpackage and the function it exports.

    Importing a subpackage makes Python set it as an attribute of its parent, which would turn
    ``from posts import condense`` into the module once anything imported ``posts.condense``.
    Refusing that one assignment keeps the name lazy, so it always resolves to the function;
    ``from posts.condense import ...`` is unaffected (it goes through ``sys.modules``).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
