"""Does a post template print its ``body`` as it is, whatever the body says?

Packing renders one post's template many times with every piece fixed but the body (budget
probes, trial packings, the final numbering). When the template only ever prints the body
unchanged, the output for any non-empty body is the output for a placeholder with the
placeholder replaced, so the template runs once per post and the rest is string splicing.

This is decided from the template's syntax tree, never by trying bodies: ``body`` must appear
only as ``{{ body }}`` or as an item of ``[…] | select | join(…)`` (the bundled templates' form:
a non-empty body is kept by ``select`` and printed by ``join``), inside nothing but ``if`` and
``for`` blocks, never assigned, and the template must pull in no other template. Anything else
(a filter on the body, a test of it, a macro, an include) means the template is run for every
body, as before.
"""

from __future__ import annotations

from collections.abc import Iterator

from jinja2 import nodes

BODY = "body"
_FOREIGN = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
_OPEN_BLOCKS = (nodes.Template, nodes.If, nodes.For)  # print what they hold as it is


def prints_verbatim(tree: nodes.Template, name: str = BODY) -> bool:
    """Is every use of ``name`` in ``tree`` a verbatim print (see the module doc)?"""
    if next(tree.find_all(_FOREIGN), None) is not None:
        return False
    return all(_printed_as_is(path) for path in _uses(tree, name, ()))


def _uses(
    node: nodes.Node, name: str, above: tuple[nodes.Node, ...]
) -> Iterator[tuple[nodes.Node, ...]]:
    """The path from the root to each ``Name`` node called ``name``, that node last."""
    path = (*above, node)
    if isinstance(node, nodes.Name) and node.name == name:
        yield path
    for child in node.iter_child_nodes():
        yield from _uses(child, name, path)


def _printed_as_is(path: tuple[nodes.Node, ...]) -> bool:
    *above, name = path
    if not isinstance(name, nodes.Name) or name.ctx != "load" or not above:
        return False
    if _in_joined_list(above, name):
        above = above[:-3]
    output = above.pop() if above else None
    return isinstance(output, nodes.Output) and all(isinstance(n, _OPEN_BLOCKS) for n in above)


def _in_joined_list(above: list[nodes.Node], name: nodes.Name) -> bool:
    """``[…, body, …] | select | join(sep)``: a non-empty body is printed unchanged."""
    if len(above) < 3:
        return False
    items, select, join = above[-1], above[-2], above[-3]
    return (
        isinstance(items, nodes.List)
        and any(item is name for item in items.items)
        and _plain_filter(select, "select", items, 0)
        and _plain_filter(join, "join", select, 1)
        and isinstance(join, nodes.Filter)
        and all(isinstance(a, nodes.Const) and isinstance(a.value, str) for a in join.args)
    )


def _plain_filter(node: nodes.Node, name: str, of: nodes.Node, most_args: int) -> bool:
    return (
        isinstance(node, nodes.Filter)
        and node.name == name
        and node.node is of
        and len(node.args) <= most_args
        and not node.kwargs
        and node.dyn_args is None
        and node.dyn_kwargs is None
    )
