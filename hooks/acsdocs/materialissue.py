"""``python -m acsdocs material-from-issue BODY_FILE [--write]``: a training material from the
body of a submitted issue form (issueform, issuebody), checked by the build's own single pass.

The would-be plans/materials.yml (the file as it is, the new record appended as text) is
checked by ``build.prepare`` in a temporary copy of the project's inputs, strict, exactly as
the build would check the file. Each problem the check reports on the new lines names the form
field it comes from, by its label, with the fix, in the language of the issue
(``issuebody.reply_language``). Only a clean check writes, and only the appended text."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import issuebody, issueform
from .build import prepare
from .problems import TRANSLATION, InputError, Problem
from .render import Renderer
from .settings import Settings
from .text import page_url

TARGET = "materials.yml"
COPIED = ("plans", "schema", "hooks/acsdocs/templates", "hooks/acsdocs/locales")


@dataclass
class Outcome:
    lang: str
    messages: list = field(default_factory=list)  # 'body:line:col: error: «label»: fix'
    addition: str = ""  # the YAML text appended
    text: str = ""  # the whole would-be file
    pages: list = field(default_factory=list)  # addresses of the pages that will show the material


def check(settings: Settings, rel: str, text: str):
    """The build's single pass (strict) over a copy of the inputs where ``rel`` holds
    ``text``: (the prepared state or None, the problems)."""
    with tempfile.TemporaryDirectory(prefix="acs-material-") as tmp:
        root = Path(tmp).resolve()
        for name in (settings.docs_dir, *COPIED):
            if (settings.root / name).is_dir():
                shutil.copytree(settings.root / name, root / name, symlinks=True)
        (root / rel).write_text(text, encoding="utf-8")
        try:
            state = prepare(replace(settings, root=root, strict=True))
        except InputError as exc:
            return None, exc.problems
        return state, state.warnings


def convert(settings: Settings, words: dict, body: str, body_shown: str, form_path: Path, site_url: str) -> Outcome:
    """Read, map, check; raises InputError when the form, its words or the target cannot be used."""
    form = issueform.read_form(form_path, settings.shown(form_path))
    fields = _fields(settings, words)
    answers, form_problems = issuebody.parse_body(body, form)
    out = Outcome(issuebody.reply_language(answers, fields, settings.langs, words.get("letters") or {}))
    say = _Speaker(words, fields, out.lang, body_shown, answers, settings.langs)
    if form_problems:
        out.messages = [say(fid, line=line, key=key) for fid, key, line in form_problems]
        return out
    material, derived = issuebody.record(answers, fields, settings.default)
    target = settings.plans / TARGET
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    addition, where = issuebody.snippet(material, list(issueform.material_schema(settings).get("properties", {})), issuebody.list_indent(current))
    joined = issuebody.appended(current, addition)
    if joined is None:
        raise InputError([Problem(settings.shown(target), 1, 1, "the file must end with its `materials:` list (entries under it, not `[]`) for a material to be appended; move that list to the end", code="form")])
    out.text, start = joined
    out.addition = addition
    state, problems = check(settings, f"plans/{TARGET}", out.text)
    shown = settings.shown(target)
    for problem in problems:
        offset = problem.line - start
        if problem.path == shown and 0 <= offset < len(where):
            out.messages.append(say.problem(problem, where[offset], material, derived))
        else:
            out.messages.append(say(None, key="site", detail=str(problem)))
    if state is not None and not out.messages:
        out.pages = addresses(settings, state, material, site_url)
    return out


def _fields(settings: Settings, words: dict) -> list:
    from .load import load_folder
    from .words import load_words

    site, _ = load_folder(settings.plans, settings)
    names, _ = load_words(settings)
    return issueform.fields(settings, words, issueform.material_schema(settings), site.vocab, issueform.language_names(words, names))


class _Speaker:
    """Messages in the reply language, each naming a form field by its label."""

    def __init__(self, words: dict, fields: list, lang: str, body_shown: str, answers: dict, langs: tuple):
        self.words, self.lang, self.shown, self.answers, self.langs = words, lang, body_shown, answers, langs
        self.fields = {f.id: f for f in fields}

    def text(self, entry: dict, **values) -> str:
        value = issueform.in_lang(entry, self.lang)
        return value.format(**values) if values else value

    def label(self, field_id: str) -> str:
        return self.fields[field_id].labels[self.lang] if field_id in self.fields else field_id

    def __call__(self, field_id, line=None, key=None, fix=None, detail="") -> str:
        """'body:line:1: error: «label»: the fix (the check's words)'; no field: the body's or the site's problem."""
        messages = self.words["messages"]
        if field_id is None:
            what = self.text(messages[key], name=self.text(self.words["name"]))
        else:
            prop = self.fields[field_id].prop if field_id in self.fields else field_id
            own = (self.words["fields"].get(prop) or {}).get("fix")
            fix = fix or (self.text(messages[key]) if key else self.text(own) if own else "")
            what = f"«{self.label(field_id)}»: {fix}"
        answer = self.answers.get(field_id)
        at = line or (answer.line if answer else 1)
        return f"{self.shown}:{at}:1: error: {what}" + (f" ({self.text(messages['check'])}: {detail})" if detail else "")

    def problem(self, problem: Problem, where: tuple, material: dict, derived: bool) -> str:
        """A problem the check found on a line of the new record, on the field it came from."""
        field_id, value = where
        prop = self.fields[field_id].prop if field_id in self.fields else field_id
        if isinstance(material.get(prop), dict) and (value is None or problem.code == TRANSLATION):
            # a text's own line, or a language it lacks: the field of the first language missing
            field_id = next((f"{prop}_{lang}" for lang in self.langs if lang not in material[prop]), f"{prop}_{self.langs[0]}")
        fix = None
        if problem.code == "duplicate" and field_id == "id":
            fix = self.text(self.words["messages"]["duplicate"], id=material["id"], id_label=self.label("id"))
            field_id = f"title_{self.langs[0]}" if derived else "id"
        return self(field_id, fix=fix, detail=f"{problem.severity}: {problem.message}")


def addresses(settings: Settings, state, material: dict, site_url: str) -> list[str]:
    """The addresses of the pages that will show the material, in every language: the area
    pages of the items it serves (or their documents' pages), then the materials page."""
    base = site_url.rstrip("/") + "/"
    found = []
    for lang in settings.langs:
        r = Renderer(state.site, state.words, lang, templates=settings.templates)
        for ref in material["serves"]:
            page = r.area_page(ref)
            doc_id, _, item_id = ref.partition("#")
            target = (page, "") if page else (r.doc_page(doc_id), item_id)
            found.append(base + page_url(target[0], lang, settings.default) + (f"#{target[1]}" if target[1] else ""))
        found.append(base + page_url("materials.md", lang, settings.default) + f"#material-{material['id']}")
    return list(dict.fromkeys(found))


def fenced(text: str, info: str = "") -> str:
    """``text`` in a Markdown code block whose fence no line of it can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip()}\n{fence}\n"


def summary(words: dict, out: Outcome) -> str:
    """The Markdown for the issue (what to fix) or the pull request (what it adds)."""
    def say(key: str) -> str:
        return issueform.in_lang(words["messages"][key], out.lang)
    if out.messages:
        return f"{say('failed')}\n\n{fenced(chr(10).join(out.messages), 'text')}"
    pages = "".join(f"- <{address}>\n" for address in out.pages)
    return f"{say('passed')}\n\n{fenced(out.addition, 'yaml')}\n{say('pages')}\n\n{pages}"


def write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def run(settings: Settings, body_file: Path, form: Path | None, site_url: str, write_file: bool, summary_file: Path | None) -> int:
    """The command: 0 and the YAML on stdout when the material passes (written with --write);
    1 and a message per field on stderr when the answers need fixing; 2 when the project's
    own files (the form, its words, plans/materials.yml) cannot be used."""
    try:
        body = body_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{body_file}:1:1: error: cannot read the issue body ({exc}); save it as UTF-8 text", file=sys.stderr)
        return 2
    try:
        words = issueform.read_words(settings)
        out = convert(settings, words, body, body_file.name, form or settings.root / issueform.FORM, site_url)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    if summary_file is not None:
        summary_file.write_text(summary(words, out), encoding="utf-8")
    if out.messages:
        print("\n".join(out.messages), file=sys.stderr)
        return 1
    sys.stdout.write(out.addition)
    if write_file:
        write(settings.plans / TARGET, out.text)
    return 0
