"""Load a YAML file into plain Python values, remembering where every value stands.

PyYAML accepts duplicate keys silently and turns unquoted dates into ``datetime.date``;
this loader refuses the first and keeps dates as the strings the maintainer wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .problems import Problem

try:  # libyaml is several times faster on large plan folders
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path = tuple  # a path into the data: ("documents", 0, "items", 2, "id")


@dataclass
class Loaded:
    """The data of one file plus the line and column (1-based) of each path."""

    path: str
    data: object
    marks: dict = field(default_factory=dict)
    key_marks: dict = field(default_factory=dict)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Line and column of a path, or of the nearest enclosing value that has one."""
        table = self.key_marks if key else self.marks
        while path:
            if path in table:
                return table[path]
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


def _scalar(node: yaml.ScalarNode) -> object:
    tag = node.tag
    value = node.value
    if tag == "tag:yaml.org,2002:int":
        digits = value.replace("_", "")
        try:
            return int(digits, 0) if digits[:2].lower() in ("0x", "0o", "0b") else int(digits)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value)
        except ValueError:
            return value
    return value  # strings, and timestamps kept as written


def load_text(text: str, path: str, first_line: int = 1) -> tuple[Loaded | None, list[Problem]]:
    """Parse ``text``; return the loaded file, or None with the syntax problem.
    ``first_line``: the file's line number of the text's first line (front matter)."""
    shift = first_line - 1
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + shift, mark.column + 1) if mark else (first_line, 1)
        what = exc.problem or "invalid YAML"
        return None, [Problem(path, line, col, f"YAML syntax error: {what}; check indentation, colons and quotes around this line")]
    except yaml.YAMLError as exc:  # e.g. an unknown tag or a stray character
        return None, [Problem(path, 1, 1, f"YAML error: {exc}")]
    loaded = Loaded(path, None, {(): (first_line, 1)})
    problems: list[Problem] = []
    if root is None:
        loaded.data = {}
        return loaded, problems

    def _mark(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + shift, node.start_mark.column + 1

    def build(node: yaml.Node, at: Path) -> object:
        loaded.marks[at] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    line, col = _mark(key_node)
                    problems.append(Problem(path, line, col, "a key must be plain text; expected `name: value`"))
                    continue
                key = key_node.value
                if key == "<<":
                    line, col = _mark(key_node)
                    problems.append(Problem(path, line, col, "merge keys (`<<`) are not supported; write the fields out"))
                    continue
                if key in result:
                    line, col = _mark(key_node)
                    first = loaded.key_marks[at + (key,)][0]
                    problems.append(Problem(path, line, col, f"duplicate key '{key}' (first at line {first}); YAML would silently keep only the last one; remove or rename one"))
                    continue
                loaded.key_marks[at + (key,)] = _mark(key_node)
                result[key] = build(value_node, at + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [build(child, at + (i,)) for i, child in enumerate(node.value)]
        return _scalar(node)

    loaded.data = build(root, ())
    return loaded, problems
