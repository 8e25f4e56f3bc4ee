"""Generate the reference page of the plan files from the JSON Schema (docs/plans-schema.md).

A test fails when the committed page differs from this output or a field has no
description, so the reference can never drift from what the validator accepts."""

from __future__ import annotations

from . import yamlfile
from .schema import flow, load_schema

HEADER = """# Plan files: field reference

<!-- Generated from schema/plans.schema.json by `make schema-doc`; do not edit by hand. -->

Every file in `plans/` is YAML, checked against [`schema/plans.schema.json`](../schema/plans.schema.json)
(published with the site at `/data/plans.schema.json`). Start each file with this line so that
editors with the YAML language server validate while you type:

```yaml
# yaml-language-server: $schema=../schema/plans.schema.json
```

"""

LIMITS = f"""## What a plan file may hold

Plain data only; each refusal is reported with its line and column and the fix.

- UTF-8 text without a byte-order mark, at most {yamlfile.MAX_FILE_BYTES // 2**20} MiB; one YAML document (no second `---`).
- No tags (`!include`, `!!python/...`) and no merge keys (`<<:`); write the values out.
- Anchors and aliases (`&name`, `*name`) may repeat a value, but all the aliases of a file expand to
  at most {yamlfile.MAX_ALIAS_VALUES:,} values.
- At most {yamlfile.MAX_DEPTH} levels of nesting; whole numbers up to 2^53 in size; at most {yamlfile.MAX_TEXT:,} characters in one value.
- Text is read in Unicode NFC, so a word typed with combining accents matches the same word typed precomposed.
"""


def _type(spec: dict) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    kind = spec.get("type", "")
    if kind == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if "enum" in spec:
        return " or ".join(f"`{v}`" for v in spec["enum"])
    if kind == "object" and isinstance(spec.get("additionalProperties"), dict):
        return f"mapping of {_type(spec['additionalProperties'])}"
    return kind


def _row(name: str, spec: dict, required: bool, defs: dict) -> str:
    target = defs.get(spec["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in spec else {}
    description = spec.get("description") or target.get("description", "")
    example = spec.get("examples") or target.get("examples")
    example_text = f" Example: `{name}: {flow(example[0])}`." if example else ""
    once = " Each entry once." if spec.get("uniqueItems") else ""
    return f"| `{name}` | {_type(spec)} | {'yes' if required else ''} | {description}{once}{example_text} |"


def undocumented(schema: dict | None = None) -> list[str]:
    """Fields and definitions that have no description (the test wants none)."""
    schema = schema or load_schema()
    missing = []
    defs = schema["$defs"]
    for owner, node in [("(file)", schema)] + list(defs.items()):
        if not node.get("description"):
            missing.append(owner)
        for name, spec in node.get("properties", {}).items():
            target = defs.get(spec["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in spec else {}
            if not (spec.get("description") or target.get("description")):
                missing.append(f"{owner}.{name}")
    return missing


def reference(schema: dict | None = None) -> str:
    schema = schema or load_schema()
    defs = schema["$defs"]
    out = [HEADER, LIMITS, "## The file\n", schema["description"], "",
           "| field | type | required | meaning |", "|---|---|---|---|"]
    out += [_row(n, s, n in schema.get("required", []), defs) for n, s in schema["properties"].items()]
    for name, node in defs.items():
        out += ["", f"## {name}", "", node.get("description", "")]
        if "properties" in node:
            out += ["", "| field | type | required | meaning |", "|---|---|---|---|"]
            out += [_row(n, s, n in node.get("required", []), defs) for n, s in node["properties"].items()]
        else:
            extra = []
            if "pattern" in node:
                extra.append(f"Pattern: `{node['pattern']}`.")
            if "examples" in node:
                extra.append(f"Example: `{flow(node['examples'][0])}`.")
            if extra:
                out += ["", " ".join(extra)]
    return "\n".join(out).rstrip() + "\n"
