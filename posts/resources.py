"""Where Herald's bundled files live.

`templates/`, `config/` and `examples/` sit at the top of the source tree (the layout shows the
architecture). A checkout or editable install reads them in place; a wheel installs them under
``<prefix>/share/herald/`` (see ``[tool.setuptools.data-files]`` in pyproject.toml).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def bundled_dir(name: str) -> Path:
    """Return the bundled folder ``name`` ("templates", "config" or "examples")."""
    for root in (Path(__file__).resolve().parent.parent, Path(sys.prefix) / "share" / "herald"):
        candidate = root / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Herald's bundled '{name}' folder is missing from this installation")


def example_article() -> Path:
    """The article the quick start formats, queues and publishes."""
    return bundled_dir("examples") / "lab-notes-tide-pools.md"
