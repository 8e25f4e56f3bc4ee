"""Who runs a copy of the site: the optional ``extra.site_owner`` block of mkdocs.yml.

A ministry, province or school that publishes a fork names itself and how to reach it; the
theme's footer (overrides/partials/copyright.html) shows one line for each. This module only
checks the block, at its line in mkdocs.yml, the way every other input is checked: a text in
every language of the site, an https address, a plausible mail address, no unknown key."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .configyaml import ConfigLoader
from .problems import ERROR, TRANSLATION, WARNING, Problem

KEY = "site_owner"
TEXTS = ("name", "contact")
FIELDS = TEXTS + ("email", "url")
EMAIL = re.compile(r"^[^@\s<>\"'()\[\],;:\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
URL = re.compile(r"^https://[^\s<>\"'\\]+$")


def problems(root: Path, langs: tuple) -> list[Problem]:
    """What is wrong with mkdocs.yml's ``extra.site_owner`` (nothing when it is absent)."""
    node = _owner_node(root / "mkdocs.yml")
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        return [_at(node, f"extra.{KEY} should be a mapping with `name:` (and `contact:`, `email:`, `url:`); remove it if the site has no owner to name")]
    found, given = [], {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if key not in FIELDS:
            found.append(_at(key_node, f"unknown key '{key}' in extra.{KEY}; known: {', '.join(FIELDS)}"))
        given[key] = value
    if "name" not in given:
        found.append(_at(node, f"extra.{KEY} needs `name:` with the body's name in each language ({', '.join(langs)})"))
    for key in TEXTS:
        if key in given:
            found += _text_problems(given[key], key, langs)
    if "email" in given and not (isinstance(given["email"], yaml.ScalarNode) and EMAIL.match(str(given["email"].value))):
        found.append(_at(given["email"], f"extra.{KEY}.email should be a mail address, e.g. lienhe@example.gov.vn"))
    if "url" in given and not (isinstance(given["url"], yaml.ScalarNode) and URL.match(str(given["url"].value))):
        found.append(_at(given["url"], f"extra.{KEY}.url should be the body's https:// address, e.g. https://example.gov.vn/"))
    return found


def _text_problems(node, key: str, langs: tuple) -> list[Problem]:
    if not isinstance(node, yaml.MappingNode):
        return [_at(node, f"extra.{KEY}.{key} should give the text in each language, e.g. `{key}: {{{', '.join(f'{code}: ...' for code in langs)}}}`")]
    texts = {str(k.value): v for k, v in node.value}
    found = [_at(k, f"extra.{KEY}.{key} has a text in '{k.value}', which is not a language of this site ({', '.join(langs)})")
             for k, _ in node.value if str(k.value) not in langs]
    found += [_at(v, f"extra.{KEY}.{key}.{code} should be one line of text") for code, v in texts.items()
              if code in langs and not (isinstance(v, yaml.ScalarNode) and str(v.value).strip())]
    missing = [code for code in langs if code not in texts]
    if missing:
        warning = _at(node, f"extra.{KEY}.{key} has no {', '.join(missing)} text; add `{missing[0]}: ...` (readers see another language's until then)", WARNING, TRANSLATION)
        found.append(Problem(warning.path, warning.line, warning.column, warning.message, WARNING, TRANSLATION, missing[0]))
    return found


def _at(node, message: str, severity: str = ERROR, code: str = "config") -> Problem:
    return Problem("mkdocs.yml", node.start_mark.line + 1, node.start_mark.column + 1, message, severity, code)


def _owner_node(path: Path):
    """The node of ``extra.site_owner`` in mkdocs.yml, or None (no file, no block, unreadable:
    reading mkdocs.yml itself reports those)."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    for name in ("extra", KEY):
        if not isinstance(root, yaml.MappingNode):
            return None
        root = next((value for key, value in root.value if getattr(key, "value", None) == name), None)
    return root
