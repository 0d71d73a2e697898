"""YAML with a bound on what aliases expand to.

An alias (`*name`) repeats an anchored value without repeating its text, so ten lines of
YAML can stand for a billion values (the "billion laughs"): building them is cheap, but
anything that walks, prints or copies the result then runs for hours. The document is
composed first; its size as expanded is counted on the node graph, each node once, so
counting is linear in the text; and a document over the limit (or one that contains
itself) is refused before any value is built.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class YamlLimits:
    # Values (scalars, lists, mappings) a document may stand for once its aliases are expanded.
    # A config or a front matter holds tens; a thousand times more is still far from a hang.
    max_expanded_values: int = 100_000


YAML_LIMITS = YamlLimits()


class YamlTooLarge(yaml.YAMLError):
    """A document whose aliases expand past the limit, or that contains itself."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = None


def expanded_size(node: yaml.Node, limit: int) -> int:
    """How many values the node stands for with every alias expanded; YamlTooLarge past `limit`.

    Each distinct node is sized once (an alias is the same node object as its anchor), and
    the walk is iterative, so a deep document cannot exhaust the stack either."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        key = id(current)
        if key in sizes:
            continue
        children = _children(current)
        if children_done:
            in_progress.discard(key)
            total = 1 + sum(sizes[id(child)] for child in children)
            if total > limit:
                raise YamlTooLarge(f"aliases expand to more than {limit:,} values (refused: an alias bomb?)")
            sizes[key] = total
            continue
        if key in in_progress:
            raise YamlTooLarge("an alias refers to the value that contains it (refused)")
        in_progress.add(key)
        stack.append((current, True))
        for child in children:
            if id(child) in in_progress:
                raise YamlTooLarge("an alias refers to the value that contains it (refused)")
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(node)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def load_bounded(text: str, loader: type = yaml.SafeLoader, limits: YamlLimits = YAML_LIMITS):
    """Like yaml.load(text, Loader=loader) for one document, refusing alias bombs (YamlTooLarge)."""
    instance = loader(text)
    try:
        node = instance.get_single_node()
        if node is None:
            return None
        expanded_size(node, limits.max_expanded_values)
        return instance.construct_document(node)
    finally:
        instance.dispose()
