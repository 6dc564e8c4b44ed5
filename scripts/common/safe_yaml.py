"""The one YAML loader every file goes through: safe tags only, and aliases that cannot explode.

A safe loader builds each anchored value once, but whatever walks the result afterwards (a hash,
the schema, the dumper) expands every alias: nine lines of nested aliases become a billion
strings. Documents whose aliases expand past a small budget, or refer to themselves, are refused
while they are still a small graph of nodes.
"""

from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, SequenceNode

# Values an alias may stand for, all aliases of a document together. Hand-written YAML that uses
# anchors (shared defaults) stays far below; an alias bomb needs millions.
MAX_ALIAS_EXPANSION = 10_000

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def check_aliases(root: Node) -> None:
    """Raise a ConstructorError when the document's aliases expand too far or form a cycle."""
    sizes: dict[int, int] = {}  # expanded size of each node already walked, by id
    budget = MAX_ALIAS_EXPANSION
    # Iterative depth-first walk: a deeply nested document must not overflow Python's stack.
    stack: list[tuple[Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in open_nodes:
            raise ConstructorError(None, None, "an alias refers to the value that contains it", node.start_mark)
        if key in sizes:
            # Seen before: this occurrence is an alias, standing for a copy of the whole value.
            budget -= sizes[key]
            if budget < 0:
                raise ConstructorError(
                    None, None, f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values", node.start_mark
                )
            continue
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))


class Loader(_Base):  # type: ignore[misc,valid-type]
    """libyaml's safe loader (fast), with the alias check, and impossible dates kept as strings."""

    def get_single_node(self) -> Node | None:
        node = super().get_single_node()
        if node is not None:
            check_aliases(node)
        return node


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    # An impossible date (2024-13-45) stays a string, for the schema to report with its key.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load(text: str) -> object:
    """Parse one YAML document with the safe loader; yaml.YAMLError when it is invalid or a bomb."""
    return yaml.load(text, Loader=Loader)  # Loader is a safe loader


def describe_error(exc: yaml.YAMLError, first_line: int = 1) -> tuple[str, int | None]:
    """(problem, line) of a YAML error; `first_line` is the file line where the YAML starts."""
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + first_line if mark is not None else None
    return str(getattr(exc, "problem", None) or exc), line
