"""A plain text table whose last column is the one that gives way.

Every other column keeps its full width, never wrapped or dropped, in an 80-column terminal or a
pipe; the last (a title) is cut with an ellipsis to what is left. Widths are terminal cells, so
wide characters line up.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size

GAP = "  "


def fit_rows(header: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[str]:
    """The header and the rows as lines of at most ``width`` cells (unless the fixed columns
    alone are wider: then only the last column is left out)."""
    fixed = [max(cell_len(line[i]) for line in (header, *rows)) for i in range(len(header) - 1)]
    room = width - sum(fixed) - len(GAP) * len(fixed)
    return [_line(line, fixed, room) for line in (header, *rows)]


def _line(cells: Sequence[str], fixed: list[int], room: int) -> str:
    padded = [set_cell_size(text, size) for text, size in zip(cells, fixed, strict=False)]
    last = cells[-1]
    if cell_len(last) > room:
        last = set_cell_size(last, room - 1) + "…" if room > 1 else ""
    return GAP.join([*padded, last]).rstrip()
