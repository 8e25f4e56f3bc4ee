"""The GitHub issue form through which trainers add a training material without Git.

``form_text`` writes ``.github/ISSUE_TEMPLATE/material.yml`` from the schema's ``Material``
(the fields, and which are required), the vocabulary (the formats to choose from), the words of
``templates/material_form.yml`` and the languages of mkdocs.yml: a text in every language
becomes one field per language (``title_vi``, ``title_en``). ``read_form`` reads a form file
back, so that a submitted body's headings map to field ids through the form itself."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import schema as schema_mod
from .configyaml import ConfigLoader as _ConfigLoader
from .generated import ITEM_IDS
from .load import load_folder
from .problems import ERROR, InputError, Problem
from .settings import Settings
from .text import page_url
from .words import load_words
from .yamlfile import load_file

FORM = Path(".github") / "ISSUE_TEMPLATE" / "material.yml"
WORDS = "material_form.yml"
TEXT_REF = "#/$defs/Text"
HEADER = ("# Written by `make material-form` (python -m acsdocs material-form) from schema/plans.schema.json,\n"
          "# plans/ (vocabulary.material_formats), mkdocs.yml (the languages) and\n"
          "# hooks/acsdocs/templates/material_form.yml (the words). Do not edit by hand: a test compares them.\n")


@dataclass(frozen=True)
class Field:
    id: str  # the form's field id: 'title_vi', 'url'
    prop: str  # the Material property it fills: 'title'
    lang: str | None  # the language of one language's text; None for the others
    labels: dict  # language -> the label's words in that language
    required: bool
    kind: str  # input, textarea or dropdown
    options: tuple = ()  # a dropdown's choices, as the form shows them
    keys: tuple = ()  # the vocabulary id behind each choice


def read_words(settings: Settings) -> dict:
    path = settings.templates / WORDS
    loaded, problems = load_file(path, f"hooks/acsdocs/templates/{WORDS}")
    if loaded is None or not isinstance(loaded.data, dict) or not isinstance(loaded.data.get("fields"), dict):
        raise InputError(problems or [Problem(f"hooks/acsdocs/templates/{WORDS}", 1, 1, "the form's words need a `fields:` mapping; restore the file with git", code="form")])
    return loaded.data


def material_schema(settings: Settings) -> dict:
    schema, problems = schema_mod.read_schema(settings.schema, settings.shown(settings.schema))
    material = (schema or {}).get("$defs", {}).get("Material")
    if not isinstance(material, dict):
        raise InputError(problems or [Problem(settings.shown(settings.schema), 1, 1, "the schema has no `Material` definition; restore it with git", code="form")])
    return material


def fields(settings: Settings, words: dict, material: dict, vocab: dict, lang_name) -> list[Field]:
    """The form's fields in the words file's order; a property of the schema without words, or
    words for a property the schema does not have, is an error (the form would drift)."""
    props, required = material.get("properties", {}), set(material.get("required", []))
    shown = f"hooks/acsdocs/templates/{WORDS}"
    drift = [f"the schema's Material has '{p}' but {WORDS} gives it no words; add `{p}: {{label: ...}}` under fields" for p in props if p not in words["fields"]]
    drift += [f"{WORDS} has words for '{p}', which the schema's Material does not have; remove it" for p in words["fields"] if p not in props]
    if drift:
        raise InputError([Problem(shown, 1, 1, message, ERROR, "form") for message in drift])
    result = []
    for prop, spec in words["fields"].items():
        needed = prop in required and not spec.get("derived")
        kind = "dropdown" if spec.get("vocabulary") else "textarea" if spec.get("textarea") else "input"
        keys = tuple(vocab.get(spec["vocabulary"], {})) if spec.get("vocabulary") else ()
        options = tuple(f"{words['joiner'].join(_label(vocab[spec['vocabulary']][k], lang) for lang in settings.langs)} ({k})" for k in keys)
        if props[prop].get("$ref") == TEXT_REF:
            result += [Field(f"{prop}_{code}", prop, code, {lang: f"{in_lang(spec['label'], lang)} ({lang_name(code, lang)})" for lang in settings.langs}, needed, kind)
                       for code in settings.langs]
        else:
            result.append(Field(prop, prop, None, {lang: in_lang(spec["label"], lang) for lang in settings.langs}, needed, kind, options, keys))
    return result


def language_names(words: dict, names) -> callable:
    """(code, lang) -> the name of language ``code`` inside a label in ``lang``: the form's
    own `language_names` (lowercase where the language writes it so), else strings.yml's."""
    own = words.get("language_names") or {}
    return lambda code, lang: (own.get(code) or {}).get(lang) or names.lang_name(code, lang)


def _label(entry, lang: str) -> str:
    return in_lang(entry["label"], lang)


def in_lang(text: dict, lang: str) -> str:
    """Words in one language; a language the words file does not have yet gets the first it has."""
    return text.get(lang) or next(iter(text.values()))


def label(words: dict, field: Field, langs: tuple) -> str:
    """A field's label as the form shows it: each language's words, joined."""
    return words["joiner"].join(field.labels[lang] for lang in langs)


def site_address(config: Path) -> str:
    """mkdocs.yml's `site_url` as the build reads it (SITE_URL from the environment)."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    value = data.get("site_url") if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""


def address_in_form(settings: Settings, form: Path) -> str:
    """The site address an existing form links to (its link to the item ids), so that
    writing the form again keeps it; '' when there is none."""
    try:
        text = form.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    found = re.search(r"\]\((https?://[^()\s]*?)" + re.escape(page_url(ITEM_IDS, settings.default, settings.default)) + r"\)", text)
    return found.group(1) if found else ""


def address(settings: Settings, given: str | None, config: Path) -> str:
    """The published site's address for links: given (--site-url), else $SITE_URL, else the
    one the committed form already links to, else mkdocs.yml's site_url (the local preview)."""
    return given or os.environ.get("SITE_URL") or address_in_form(settings, settings.root / FORM) or site_address(config)


def items_address(settings: Settings, site_url: str, lang: str) -> str:
    """Where the page of every item id is published, in one language."""
    return site_url.rstrip("/") + "/" + page_url(ITEM_IDS, lang, settings.default)


def form_data(settings: Settings, words: dict, site_url: str) -> dict:
    """The issue form as GitHub reads it (the GitHub issue-form syntax)."""
    site, problems = load_folder(settings.plans, settings)
    if any(p.severity == ERROR for p in problems):
        raise InputError(problems)
    names, _ = load_words(settings)
    langs = settings.langs

    def both(text: dict, sep: str = "\n\n", **values) -> str:
        return sep.join(in_lang(text, lang).format(**{k: v(lang) for k, v in values.items()}) for lang in langs)

    body = [{"type": "markdown", "attributes": {"value": both(words["intro"]) + "\n"}}]
    for field in fields(settings, words, material_schema(settings), site.vocab, language_names(words, names)):
        spec = words["fields"][field.prop]
        attributes = {"label": label(words, field, langs),
                      "description": both(spec["description"], items=lambda lang: items_address(settings, site_url, lang))}
        if spec.get("placeholder") and field.kind != "dropdown":
            attributes["placeholder"] = spec["placeholder"]
        if field.kind == "dropdown":
            attributes["options"] = list(field.options)
        body.append({"type": field.kind, "id": field.id, "attributes": attributes, "validations": {"required": field.required}})
    return {"name": both(words["name"], " / "), "description": both(words["about"], " / "),
            "title": f"[{both(words['title'], ' / ')}]: ", "labels": [words["label"]], "body": body}


class _Dumper(yaml.SafeDumper):
    """Text of several lines as a literal block (|), as a person would write the form."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def form_text(settings: Settings, site_url: str) -> str:
    data = form_data(settings, read_words(settings), site_url)
    return HEADER + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def read_form(path: Path, shown: str) -> list[dict]:
    """The fields of a form file: [{id, label, required, type, options}], or InputError."""
    loaded, problems = load_file(path, shown)
    body = loaded.data.get("body") if loaded is not None and isinstance(loaded.data, dict) else None
    if not isinstance(body, list):
        raise InputError(problems or [Problem(shown, 1, 1, "not an issue form (no `body:` list); write it with `make material-form`", code="form")])
    found = []
    for element in body:
        if isinstance(element, dict) and element.get("id") and isinstance(element.get("attributes"), dict):
            attributes, validations = element["attributes"], element.get("validations") or {}
            found.append({"id": element["id"], "label": str(attributes.get("label", "")).strip(), "type": element.get("type"),
                          "required": validations.get("required") is True, "options": list(attributes.get("options") or [])})
    return found
