"""Validate plain data against the project's JSON Schema (the subset it uses).

The schema file is the single source of truth: it validates, it is published for
editors, and it generates the reference page in docs/. Messages name the field, say
what was expected, and give an example taken from the schema itself.

Patterns match the whole string (``re.fullmatch``: Python's ``$`` would accept a trailing
newline). ``format: partial-date`` (a name of our own, which other JSON Schema tools
ignore) also refuses dates missing from the calendar, such as 2022-02-31.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from . import dates
from .problems import Problem

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "plans.schema.json"

_TYPES = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}
_NAMES = {"object": "a mapping (key: value)", "array": "a list (- item)", "string": "text",
          "integer": "a whole number", "number": "a number", "boolean": "true or false"}


def load_schema(path: Path = SCHEMA_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def line_of_value(path: Path | None, exc: Exception) -> tuple[int, int]:
    """Where in the schema file the value an error names is ('Txt' for KeyError: 'Txt'): the
    first line holding it in quotes, or 1:1."""
    value = exc.args[0] if exc.args and isinstance(exc.args[0], str) else None
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path and value else []
    except (OSError, UnicodeDecodeError):
        lines = []
    pattern = re.compile(r'"[^"]*\b' + re.escape(value) + r'\b[^"]*"') if value else None
    found = ((n, pattern.search(line)) for n, line in enumerate(lines, 1))
    return next(((n, match.start() + 1) for n, match in found if match), (1, 1))


def read_schema(path: Path, shown: str) -> tuple[dict | None, list[Problem]]:
    """The schema file, or the problem that prevents reading it (read anew each build)."""
    fix = f"restore it with `git checkout -- {shown}`"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return None, [Problem(shown, 1, 1, f"cannot read the schema ({exc.strerror or exc}); {fix}", code="schema-file")]
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, 1, 1, f"the schema is not UTF-8 text ({exc.reason}); {fix}", code="schema-file")]
    except json.JSONDecodeError as exc:
        return None, [Problem(shown, exc.lineno, exc.colno, f"the schema is not valid JSON ({exc.msg}); fix the JSON or {fix}", code="schema-file")]
    if not isinstance(schema, dict) or not isinstance(schema.get("$defs", {}), dict):
        return None, [Problem(shown, 1, 1, f"the schema must be a JSON object with `$defs`; {fix}", code="schema-file")]
    return schema, []


def closest(word: str, choices) -> str | None:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices, prefix: str = "") -> str:
    close = closest(word, choices)
    return f"; did you mean '{prefix}{close}'?" if close else ""


def visible(text: str) -> str:
    """Text for a one-line message: control and invisible characters written as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    text = visible(str(value))
    return f"text '{text}'" if len(text) < 60 else f"text '{text[:57]}...'"


def flow(value: object) -> str:
    """A value written as compact YAML, for examples in messages."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, str):
        return f'"{value}"' if re.fullmatch(r"[0-9-]+", value) else value
    return json.dumps(value)


class Validator:
    """Walks data and schema together, calling ``report(path, message, key=False)``."""

    def __init__(self, schema: dict, report):
        self.root = schema
        self.report = report
        self.texts: list[tuple] = []  # paths of values checked against the `Text` definition

    def resolve(self, node: dict) -> tuple[dict, str | None]:
        name = None
        while "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            merged = dict(self.root["$defs"][name])
            merged.update({k: v for k, v in node.items() if k != "$ref"})
            node = merged
        return node, name

    def example(self, schema: dict, field: str) -> str:
        schema, _ = self.resolve(schema)
        examples = schema.get("examples")
        if examples:
            return f"; example: {field}: {flow(examples[0])}"
        if "enum" in schema:
            return f"; example: {field}: {schema['enum'][0]}"
        return ""

    def expected(self, schema: dict) -> str:
        text = schema.get("description", "")
        return text.split(". ")[0].rstrip(".") if text else ""

    def check(self, value: object, schema: dict, path: tuple, field: str = "file", what: str = "file") -> None:
        schema, name = self.resolve(schema)
        what = name.lower() if name else what
        if name == "Text" and isinstance(value, dict):
            self.texts.append(path)
        kind = schema.get("type")
        if kind and not (isinstance(value, _TYPES[kind]) and not (kind in ("integer", "number") and isinstance(value, bool))):
            self.report(path, f"'{field}' should be {_NAMES[kind]}; got {describe(value)}{self.example(schema, field)}")
            return
        if "enum" in schema and value not in schema["enum"]:
            options = ", ".join(map(str, schema["enum"]))
            self.report(path, f"'{field}' must be one of: {options}; got {describe(value)}{did_you_mean(value, schema['enum'])}")
            return
        if isinstance(value, str):
            self.check_text(value, schema, path, field)
        elif isinstance(value, int) and not isinstance(value, bool):
            if value < schema.get("minimum", value):
                self.report(path, f"'{field}' must be at least {schema['minimum']}; got {value}")
        elif isinstance(value, list):
            if len(value) < schema.get("minItems", 0):
                self.report(path, f"'{field}' needs at least {schema['minItems']} entry; got an empty list{self.example(schema.get('items', {}), '- ')}")
            if schema.get("uniqueItems"):
                self.check_unique(value, path, field)
            items = schema.get("items")
            if items:
                for i, child in enumerate(value):
                    self.check(child, items, path + (i,), field, what)
        elif isinstance(value, dict):
            self.check_object(value, schema, path, field, what)

    def check_unique(self, value: list, path: tuple, field: str) -> None:
        """The first entry listed again (each id once: a repeated one adds nothing but work)."""
        seen: dict = {}
        for i, child in enumerate(value):
            if repr(child) in seen:
                again = sum(1 for c in value if c == child) - 1
                self.report(path + (i,), f"'{field}' lists {describe(child)} again (entries {seen[repr(child)] + 1} and {i + 1}"
                                         f"{f', {again} repeats in all' if again > 1 else ''}); list each once")
                return
            seen[repr(child)] = i

    def check_text(self, value: str, schema: dict, path: tuple, field: str) -> None:
        expected = self.expected(schema).lower() or f"the pattern {schema.get('pattern')}"
        if len(value.strip()) < schema.get("minLength", 0):
            self.report(path, f"'{field}' is empty; write the text or remove the field")
        elif len(value) > schema.get("maxLength", len(value)):
            self.report(path, f"'{field}' is too long ({len(value)} characters); expected at most {schema['maxLength']} "
                              f"characters{self.example(schema, field)}")
        elif "pattern" in schema and not re.fullmatch(schema["pattern"], value):
            self.report(path, f"'{field}' is not valid: {describe(value)}; expected {expected}{self.example(schema, field)}")
        elif schema.get("format") == "partial-date" and dates.parse(value) is None:
            self.report(path, f"'{field}' is not a real date: {describe(value)} ({dates.problem(value)}); "
                              f"expected {expected}{self.example(schema, field)}")

    def check_object(self, value: dict, schema: dict, path: tuple, field: str, what: str) -> None:
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, child in value.items():
            if key in props:
                self.check(child, props[key], path + (key,), key, what)
            elif extra is False:
                self.report(path + (key,), f"unknown field '{visible(key)}' in {what}{did_you_mean(key, props)}; allowed fields: {', '.join(props)}", key=True)
            elif isinstance(extra, dict):
                self.check(child, extra, path + (key,), key, what)
        for key in schema.get("required", []):
            if key not in value:
                self.report(path, f"{what} is missing the required field '{key}'{self.example(props.get(key, {}), key)}")
        if len(value) < schema.get("minProperties", 0):
            self.report(path, f"'{field}' is empty{self.example(schema, field)}")


def validate(data: object, report, schema: dict | None = None) -> list[tuple]:
    """Check ``data`` against the schema; return the paths of its text objects."""
    schema = schema or load_schema()
    validator = Validator(schema, report)
    validator.check(data, schema, ())
    return validator.texts
