"""The import graph of posts/ and scheduler/: no package cycles; content never imports publishing.

Every import counts, including those inside functions and under ``TYPE_CHECKING``: a lazy import
is still a dependency. A node is a subpackage (``posts.queue``) or a top-level module
(``posts.config``, ``scheduler.tick``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOP = ("posts", "scheduler")


def node(module: str) -> str:
    """``posts.queue.drafts`` → ``posts.queue``; ``scheduler.tick`` → ``scheduler.tick``."""
    return ".".join(module.split(".")[:2])


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every posts/scheduler module ``path`` imports (relative imports resolved)."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for item in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(item, ast.Import):
            found.update(alias.name for alias in item.names)
        elif isinstance(item, ast.ImportFrom):
            base = package[: len(package) - item.level + 1] if item.level else []
            found.add(".".join([*base, *([item.module] if item.module else [])]))
    return {m for m in found if m.split(".")[0] in TOP}


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for top in TOP:
        for path in (ROOT / top).rglob("*.py"):
            source = node(module_name(path))
            targets = {node(m) for m in imported(path)} - {source}
            edges.setdefault(source, set()).update(targets)
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle, as a path that ends where it starts, or None."""
    done: set[str] = set()

    def visit(at: str, path: list[str]) -> list[str] | None:
        if at in path:
            return [*path[path.index(at) :], at]
        if at in done:
            return None
        for target in sorted(edges.get(at, ())):
            found = visit(target, [*path, at])
            if found:
                return found
        done.add(at)
        return None

    return next((c for start in sorted(edges) if (c := visit(start, []))), None)


def test_no_package_import_cycles() -> None:
    assert cycle(graph()) is None


def test_content_never_imports_publishing() -> None:
    edges = graph()
    leaks = sorted(f"{a} -> {b}" for a, targets in edges.items() if a.startswith("posts")
                   for b in targets if b.startswith("scheduler"))  # fmt: skip
    assert leaks == []


def test_the_check_sees_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
