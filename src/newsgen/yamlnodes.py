"""Reading user-written YAML through PyYAML's node API, so every message can name its line.

Shared by `newsgen.yaml` (config) and `entities.yaml` (entity curation).
"""

from __future__ import annotations

import yaml

from newsgen.diagnostics import Diagnostic, error, warning


class NodeProblems:
    """Collects diagnostics that all name one file and the line of the node at fault."""

    def __init__(self, path: str, warning_code: str) -> None:
        self.path = path
        self.warning_code = warning_code
        self.found: list[Diagnostic] = []

    def error(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.found.append(error(self.path, node_line(node), "config", message, hint))

    def warning(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.found.append(warning(self.path, node_line(node), self.warning_code, message, hint))


def node_line(node: yaml.Node) -> int:
    """The 1-based line where `node` starts."""
    return node.start_mark.line + 1


def scalar_value(node: yaml.Node) -> object:
    """The Python value of a scalar node (YAML 1.1 rules, as PyYAML's safe loader); other nodes as they are."""
    if not isinstance(node, yaml.ScalarNode):
        return node
    return yaml.constructor.SafeConstructor().construct_object(node)
