"""A submitted issue form, read back from the body GitHub renders, and the YAML it adds.

GitHub writes each answered field as ``### <label>``, a blank line and the value, and
``_No response_`` for an optional field left empty. The headings map back to field ids
through the form file (``issueform.read_form``); the values become one material record, and
the record becomes text appended to plans/materials.yml (never a re-dump of the file)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from .text import fold

NO_RESPONSE = "_No response_"
HEADING = re.compile(r"^###[ \t]+(.*?)[ \t]*$")
CHOICE = re.compile(r"\(([^()]*)\)\s*$")  # a dropdown choice ends with its vocabulary id: 'Sách / Book (book)'
MAX_ID = 64


@dataclass
class Answer:
    id: str  # the form's field id
    value: str | None  # None: left empty
    line: int  # where its heading stands in the body


def parse_body(text: str, form: list[dict]) -> tuple[dict, list[tuple]]:
    """{field id: Answer} for every heading of the form found in the body, and the form's
    own problems as (field id or None, message key, line): a required field left empty, or
    a body with none of the form's headings."""
    labels = {f["label"]: f for f in form}
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    answers: dict = {}
    current, collected = None, []
    for number, line in enumerate(lines + ["### "], 1):
        heading = HEADING.match(line)
        if heading and (heading.group(1) in labels or number == len(lines) + 1):
            if current is not None and current.id not in answers:
                value = "\n".join(collected).strip()
                current.value = None if value in ("", NO_RESPONSE) else value
                answers[current.id] = current
            field = labels.get(heading.group(1))
            current, collected = (Answer(field["id"], None, number) if field else None), []
        elif current is not None:
            collected.append(line)
    if not answers:
        return answers, [(None, "no_form", 1)]
    missing = [(f["id"], "required", answers[f["id"]].line if f["id"] in answers else 1)
               for f in form if f["required"] and (f["id"] not in answers or answers[f["id"]].value is None)]
    return answers, missing


def reply_language(answers: dict, fields: list, langs: tuple, letters: dict) -> str:
    """The language to answer in: the first language (mkdocs.yml's order) whose own letters
    occur in what the trainer typed, leaving out the fields written for another language and
    the choices of a dropdown (the form's own words); else the first language that lists no
    letters (whose text needs none); else the default."""
    typed = {f.id: f.lang for f in fields if f.kind != "dropdown"}
    for lang in langs:
        own = set(str(letters.get(lang) or ""))
        texts = [a.value.lower() for a in answers.values() if a.value and a.id in typed and typed[a.id] in (None, lang)]
        if own and any(char in own for text in texts for char in text):
            return lang
    return next((lang for lang in langs if not letters.get(lang)), langs[0])


def derive_id(title: str) -> str:
    """A stable id from a title: its letters without diacritics, words joined by hyphens,
    cut at a word boundary to 64 characters ('Nền công vụ' -> 'nen-cong-vu')."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")
    if len(slug) > MAX_ID:
        cut = slug[:MAX_ID]
        slug = cut.rsplit("-", 1)[0] if slug[MAX_ID] != "-" and "-" in cut else cut
    return slug.strip("-") or "material-" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:8]


def _lines(value: str) -> list[str]:
    """One entry per line; list bullets and code quotes around an entry are dropped."""
    entries = (line.strip().lstrip("-*•").strip().strip("`").strip() for line in value.split("\n"))
    return [entry for entry in entries if entry]


def record(answers: dict, fields: list, default: str) -> tuple[dict, bool]:
    """The material the answers describe, in the form's order, and whether its id was made
    from the default language's title (no id given)."""
    material: dict = {}
    for field in fields:
        answer = answers.get(field.id)
        if answer is None or answer.value is None:
            continue
        value = answer.value
        if field.lang:
            material.setdefault(field.prop, {})[field.lang] = value
        elif field.prop == "serves":
            material["serves"] = _lines(value)
        elif field.prop == "sources":
            material["sources"] = [s for s in re.split(r"[\s,;]+", value) if s]
        elif field.kind == "dropdown":
            choice = CHOICE.search(value)
            material[field.prop] = choice.group(1).strip() if choice else value.strip()
        else:
            material[field.prop] = value.strip()
    derived = "id" not in material
    if derived:
        titles = material.get("title") or {}
        material["id"] = derive_id(titles.get(default) or next(iter(titles.values()), ""))
    return material, derived


def snippet(material: dict, order: list, indent: str) -> tuple[str, list[tuple]]:
    """The record as YAML text for the end of a `materials:` list, every value a quoted
    scalar (so no answer can add a key or a record), and for each line the form field it
    comes from: (field id, the value) or, for a text's own line, (property, None)."""
    lines: list[tuple[str, tuple]] = []
    inner = indent + "  "
    for n, prop in enumerate(p for p in order if p in material):
        head = f"{indent}- " if n == 0 else inner
        value = material[prop]
        if isinstance(value, dict):
            lines.append((f"{head}{prop}:", (prop, None)))
            lines += [(f"{inner}  {lang}: {_quoted(text)}", (f"{prop}_{lang}", text)) for lang, text in value.items()]
        elif isinstance(value, list):
            lines.append((f"{head}{prop}:", (prop, None)))
            lines += [(f"{inner}  - {_quoted(entry)}", (prop, entry)) for entry in value]
        else:
            lines.append((f"{head}{prop}: {_quoted(value)}", (prop, value)))
    return "".join(text + "\n" for text, _ in lines), [where for _, where in lines]


def _quoted(value: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def appended(text: str, addition: str) -> tuple[str, int] | None:
    """The file's text with ``addition`` after its last line, and the line where the
    addition starts; None when the file does not end with its `materials:` list."""
    tops = [m.group(1) for m in re.finditer(r"^([^\s#-][^:\n]*):", text, flags=re.M)]
    if not tops or tops[-1] != "materials" or re.search(r"^materials:\s*\[", text, flags=re.M):
        return None
    base = text if text.endswith("\n") else text + "\n"
    return base + "\n" + addition, base.count("\n") + 2


def list_indent(text: str) -> str:
    """How the file indents the entries of its `materials:` list (two spaces if it has none)."""
    tail = text[text.rfind("\nmaterials:") + 1:] if "\nmaterials:" in text else text
    entry = re.search(r"^( *)- ", tail, flags=re.M)
    return entry.group(1) if entry else "  "
