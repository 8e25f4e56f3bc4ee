"""One pass over every input, then the staging folder the build reads from. No MkDocs here.

``prepare`` reads plans/, the schema, the interface words and every content page, checks
all of them, renders every generated page and fills every marker, and either returns the
whole result or raises ``InputError`` with every problem; nothing is written before that.
``stage`` then mirrors content/ plus the generated pages into a git-ignored folder that
MkDocs uses as its docs_dir, so content/ only ever holds what people wrote. (Generated
pages cannot live in memory: mkdocs-static-i18n 1.3.1 rebuilds every file from its source
path under docs_dir and drops the others, upstream issue ultrabug/mkdocs-static-i18n#263.)"""

from __future__ import annotations

import functools
import html
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import facts, memo, templatecheck, verdict
from .feeds import CALENDAR, CALENDARS, FEED
from .generated import abbreviations, untranslated_page
from .model import Site, plan_files
from .pages import ContentPage, check_page, read_page
from .problems import ERROR, TRANSLATION, WARNING, InputError, Problem, fails
from .scan import scanner_for
from .search import BUNDLE, MATERIAL_INDEX
from .settings import Settings
from .text import page_url
from .words import Words

PAGE_SUFFIXES = (".md", ".markdown", ".mdown")
# Folders at the root of the built site that the build fills itself (the theme's assets first):
# no redirect page goes there, and no file of content/ may be named like what the build writes.
OWN_FOLDERS = ("assets", "data", BUNDLE, MATERIAL_INDEX.parts[0], CALENDARS)


@dataclass
class State:
    settings: Settings
    site: Site
    words: Words
    warnings: list
    files: dict  # staged path ('vi/areas/index.md') -> text, or the Path of a file copied as is
    generated: dict  # lang -> set of generated page paths
    moved: dict = field(default_factory=dict)  # old page path (.md) -> relative URL of its new address
    anchors: dict = field(default_factory=dict)  # page path (.md) -> {old item id: URL of its new place}
    link_check: tuple = ()  # what verdict.page_links needs, when the build checks links after converting the pages


_cache: dict = {}


def _inputs(settings: Settings) -> list[Path]:
    roots = [settings.content, settings.templates, settings.locales]
    files = [p for root in roots if root.is_dir() for p in root.rglob("*") if p.is_file() or p.is_symlink()]
    return sorted(files) + plan_files(settings.plans) + [settings.schema]


def signature(settings: Settings) -> tuple:
    """What the inputs look like now: a change in any file (or a new one) changes it."""
    def stat(path: Path):
        try:
            s = path.stat()
            return (str(path), s.st_mtime_ns, s.st_size)
        except OSError:
            return (str(path), None)
    return (settings, settings.checks_key()) + tuple(stat(p) for p in _inputs(settings))


def prepare(settings: Settings, links_later: bool = False) -> State:
    """Every check and every rendering, once per state of the inputs (mkdocs-static-i18n runs
    the build once per language in one process; `mkdocs serve` rebuilds on each save).
    Every problem of every input is collected, then reported at once. ``links_later``: the
    pages' links are left to ``verdict.page_links`` (`mkdocs build` checks them from its own
    conversion of each page)."""
    key = (signature(settings), links_later)
    if _cache.get("key") == key:
        return _cache["state"]
    problems: list[Problem] = list(settings.problems)
    data = memo.load(settings)
    words, site = data.words, data.site
    problems += data.word_problems + data.site_problems
    pages, found = read_content(settings)
    problems += found + untranslated_pages(settings, pages)
    if any(p.severity == ERROR for p in problems):  # later checks need a sound model and words
        raise InputError(problems)
    broken = set()  # pages whose markers cannot be filled: staged as written, their links still checked
    for page in (p for lang_pages in pages.values() for p in lang_pages.values()):
        found = check_page(page, site)
        problems += found
        broken |= {page.shown} if any(p.severity == ERROR for p in found) else set()
    found = check_document_pages(site, settings, pages)
    if any(p.severity == ERROR for p in found):  # its items' links would point nowhere
        raise InputError(problems + found)
    problems += templatecheck.theme_overrides(settings)
    try:
        if not data.generated:
            memo.render_generated(settings, data)
        state = render_all(settings, data, pages, problems + found, broken)
    except jinja2.TemplateSyntaxError as exc:  # the site's own copy of a core template
        raise InputError(problems + found + [templatecheck.syntax_problem(exc, settings.shown)]) from None
    problems = state.warnings + words.problems + verdict.check(settings, state, pages, frozenset(broken), links_later)
    if links_later and fails(problems, settings.strict):  # nothing will be converted: the whole verdict now
        problems += verdict.page_links(settings, state)
    if fails(problems, settings.strict):
        raise InputError(problems)
    state.warnings = problems
    _cache.update(key=key, state=state)
    return state


def forget(state: State) -> None:
    """Let go of a finished build's texts and model (`mkdocs build`, before its search indexer
    starts): the state is dropped from the cache of ``prepare``, which made it, and emptied."""
    if _cache.get("state") is state:
        _cache.clear()
    state.files, state.generated, state.site = {}, {}, None
    memo.forget()


def read_content(settings: Settings) -> tuple[dict, list[Problem]]:
    """lang -> {path: ContentPage} for every page of every configured language."""
    problems: list[Problem] = []
    pages: dict = {lang: {} for lang in settings.langs}
    content = settings.content
    if not content.is_dir():
        return pages, [Problem(settings.shown(content), 1, 1, f"the pages folder '{settings.docs_dir}' (docs_dir in mkdocs.yml) does not exist", code="file")]
    for stray in sorted(p for p in content.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES):
        problems.append(Problem(settings.shown(stray), 1, 1, f"a page outside every language's folder is not published; move it into {settings.docs_dir}/{settings.default}/ (and its translations into the others)", code="file"))
    for folder in sorted(p for p in content.iterdir() if p.is_dir()):
        if folder.name not in settings.langs and len(folder.name) == 2:
            problems.append(Problem(settings.shown(folder), 1, 1, f"folder '{folder.name}' looks like a language but mkdocs.yml configures only {', '.join(settings.langs)}; add it to the i18n plugin's languages or rename the folder", code="language"))
    for lang in settings.langs:
        for source in sorted((content / lang).rglob("*")):
            path = source.relative_to(content / lang).as_posix()
            shown = settings.shown(source)
            if source.is_symlink() and not source.exists():
                problems.append(Problem(shown, 1, 1, "this link points to a file that does not exist; remove it or restore its target", code="file"))
            elif source.is_file() and (path in (FEED, CALENDAR) or path.split("/")[0] in OWN_FOLDERS[1:]):
                problems.append(Problem(shown, 1, 1, f"the build writes '{path}' itself and would replace this file; rename it or move it to another folder", code="file"))
            elif source.suffix.lower() in PAGE_SUFFIXES and source.suffix != ".md":
                problems.append(Problem(shown, 1, 1, f"pages must end in .md; rename it to {source.stem}.md", code="file"))
            elif source.suffix == ".md" and source.is_file():
                page, found = read_page(source, lang, path, shown)
                problems += found
                # an unreadable page still exists: its translations are not reported missing
                pages[lang][path] = page or ContentPage(lang, path, shown, "", "", 1)
    return pages, problems


def check_document_pages(site: Site, settings: Settings, pages: dict) -> list[Problem]:
    """A document's own page must exist in every language."""
    problems = []
    for doc in site.documents.values():
        page = doc.get("page")
        if not page:
            continue
        missing = [lang for lang in settings.langs if f"{page}.md" not in pages[lang]]
        origin = doc.origin.at("page")
        if len(missing) == len(settings.langs):
            problems.append(Problem(*origin, f"page '{page}' does not exist: create {settings.docs_dir}/{settings.default}/{page}.md (and its translations), or remove `page:` to get a generated page", code="reference"))
        elif missing:
            problems.append(Problem(*origin, f"page '{page}' has no {', '.join(missing)} version: create {settings.docs_dir}/{missing[0]}/{page}.md", WARNING, TRANSLATION, missing[0]))
        presented = next((pages[lang][f"{page}.md"] for lang in settings.langs if f"{page}.md" in pages[lang]), None)
        if presented is not None and presented.meta.get("document") != doc["id"]:  # its items' links would find no anchors there
            problems.append(Problem(*origin, f"page '{page}' does not present document '{doc['id']}': its front matter says `document: {presented.meta.get('document') or '(nothing)'}`; name the page that says `document: {doc['id']}`, or add that line to {presented.shown}", code="reference"))
    return problems


def render_all(settings: Settings, data: memo.Data, pages: dict, problems: list, broken: frozenset = frozenset()) -> State:
    site, words = data.site, data.words
    files: dict = {}
    generated: dict = {}
    notices: list = []  # (lang, path, the language that has the page)
    problems = list(problems)
    abbrs = {lang: abbreviations(site, lang) for lang in settings.langs}
    stamp = functools.partial(_stamp, settings, site, words, pages, facts.git_times(settings.root), abbrs)
    for lang in settings.langs:
        made = dict(data.generated[lang])
        generated[lang] = set(made)
        clashes = sorted(set(made) & set(pages[lang]))
        problems += [Problem(pages[lang][p].shown, 1, 1, "this hand-written page has the address of a generated page; rename or move it", code="clash") for p in clashes]
        for path, page in pages[lang].items():
            made.setdefault(path, page.front + page.body if page.shown in broken else memo.filled(settings, data, page))
        notices += [(lang, path, other) for path, other in untranslated(settings, pages, lang).items()]
        files |= {f"{lang}/{path}": stamp(lang, path, text) for path, text in made.items()}
        for source in sorted((settings.content / lang).rglob("*")):
            if source.is_file() and source.suffix != ".md":
                files[f"{lang}/{source.relative_to(settings.content / lang).as_posix()}"] = source
    scan = scanner_for(settings).scan
    for lang, path, other in notices:  # every id of the page it stands for, so that links into it still land
        text = untranslated_page(site, words, lang, path, other, settings.default)
        ids = sorted(scan(files[f"{other}/{path}"]).anchors - scan(text).anchors)
        files[f"{lang}/{path}"] = stamp(lang, path, text + "\n\n" + "".join(f'<span id="{html.escape(i)}"></span>' for i in ids))
    known = set(pages[settings.default]) | generated[settings.default]
    moved, anchors, found = plan_redirects(site, known)
    return State(settings, site, words, problems + found, files, generated, moved, anchors)


def _stamp(settings: Settings, site: Site, words: Words, pages: dict, times: dict, abbrs: dict, lang: str, path: str, text: str) -> str:
    """A page as staged: its text, the line saying where its facts come from, the abbreviations."""
    # a notice for a page not yet translated stands for (and edits) the page of another language
    stands_for = lang if path in pages[lang] else next((other for other in settings.langs if path in pages[other]), lang)
    inputs, edit = page_inputs(settings, site, stands_for, path, pages[stands_for].get(path))
    line = facts.line(words, lang, inputs, times, settings.edit_base, edit)
    return f"{text.rstrip()}\n\n{line}\n\n{abbrs[lang]}\n"


def page_inputs(settings: Settings, site: Site, lang: str, path: str, page) -> tuple[list[str], str | None]:
    """The files a page is made from (for its date) and the one to edit: a hand-written page's
    Markdown; for a generated page, the plan file and line of its record (facts.generated_source)."""
    if page is not None and page.body:  # hand-written: its file, and its document's plan file
        doc = site.documents.get(page.meta.get("document", "")) if isinstance(page.meta.get("document"), str) else None
        own = f"{settings.docs_dir}/{lang}/{path}"
        return [own] + ([doc.origin.loaded.path] if doc else []), own
    folder, _, rest = path.partition("/")
    doc = site.documents.get(rest.split("/")[0].removesuffix(".md")) if folder in ("plans", "compare", "areas") else None
    found = facts.generated_source(site, path)
    return [doc.origin.loaded.path] if doc is not None else list(site.files), facts.edit_address(*found) if found else None


def untranslated(settings: Settings, pages: dict, lang: str) -> dict:
    """Hand-written pages missing in ``lang``: path -> the language that has it."""
    missing = {}
    for other in settings.langs:
        for path in sorted(set(pages[other]) - set(pages[lang])):
            missing.setdefault(path, other)
    return missing


def untranslated_pages(settings: Settings, pages: dict) -> list[Problem]:
    return [Problem(pages[other][path].shown, 1, 1, f"this page has no {lang} translation; add {settings.docs_dir}/{lang}/{path} (readers see a notice until then)", WARNING, TRANSLATION)
            for lang in settings.langs for path, other in untranslated(settings, pages, lang).items()]


def stage(state: State, folder: Path) -> int:
    """Mirror the staged files into ``folder``: write what changed, remove what is gone.
    Returns how many files were written (none when nothing changed, so `mkdocs serve`
    never sees its own output)."""
    written = 0
    for rel, value in state.files.items():
        target = folder / rel
        data = value.read_bytes() if isinstance(value, Path) else value.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written += 1
    wanted = {folder / rel for rel in state.files}
    for path in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def plan_redirects(site: Site, known_pages: set) -> tuple[dict, dict, list]:
    """Old addresses from `redirects:`: whole pages get a redirect page; renamed item ids on
    a page that still exists get a client-side map. Targets must exist; old pages must not,
    nor may an old address be a language's folder or one the build fills itself."""
    moved, anchors, problems = {}, {}, []
    for record in site.redirects:
        old_page, _, old_id = record["from"].partition("#")
        new_page, _, new_id = record["to"].partition("#")
        where = record.origin
        top = old_page.split("/", 1)[0]
        if top in site.langs or top in OWN_FOLDERS:
            what = "a language's folder" if top in site.langs else "a folder the build writes itself"
            problems.append(Problem(*where.at("from"), f"'{top}' is {what}, so no old page can have lived there; write the old page's path as it was inside each language, e.g. tuyen-bo-2021", code="redirect"))
            continue
        old_md, new_md = f"{old_page}.md", f"{new_page}.md"
        if new_md not in known_pages:
            problems.append(Problem(*where.at("to"), f"redirect target page '{new_page}' does not exist; name a page without .md, e.g. decision-896", code="redirect"))
            continue
        fragment = f"#{new_id}" if new_id else ""
        target = fragment if new_md == old_md else posixpath.relpath(page_url(new_md) or ".", page_url(old_md) or ".") + "/" + fragment
        if old_id and old_md not in known_pages:
            problems.append(Problem(*where.at("from"), f"a renamed item id needs its old page '{old_page}' to exist; to redirect a whole page, leave out '#{old_id}'", code="redirect"))
        elif old_id and _has_anchor(site, old_md, old_id):
            problems.append(Problem(*where.at("from"), f"'{old_id}' is still an item on '{old_page}', so readers already land on it; remove this redirect", code="redirect"))
        elif old_id:
            anchors.setdefault(old_md, {})[old_id] = target
        elif old_md in known_pages:
            problems.append(Problem(*where.at("from"), f"page '{old_page}' still exists, so it cannot redirect; remove the redirect or the page", code="redirect"))
        else:
            moved[old_md] = target
    return moved, anchors, problems


def _has_anchor(site: Site, page_md: str, anchor: str) -> bool:
    return any(item.doc.get("page") and f"{item.doc['page']}.md" == page_md and item["id"] == anchor
               for item in site.items.values())
