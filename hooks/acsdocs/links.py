"""Every link, image and anchor of every staged page, and every `nav:` entry, checked as
MkDocs 1.6 checks them (mkdocs.structure.pages and .nav), but in one pass, each problem at
its place, at the level mkdocs.yml's `validation:` gives. A page's ids and links come from
acsdocs.scan (Python-Markdown with the site's own extensions, as MkDocs converts it).
No MkDocs here."""

from __future__ import annotations

import functools
import logging
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problems import ERROR, WARNING, Problem
from .scan import scanner_for
from .schema import closest, did_you_mean

AMP_SUBSTITUTE = "\x02amp\x03"  # Python-Markdown's mark in obfuscated e-mail links


@dataclass
class Where:
    """How a problem on a staged page is placed: its hand-written source, else the page."""
    shown: str
    source: str  # the text to find a link in ('' for a generated page)
    generated: bool


def place(where: Where, needle: str) -> tuple[str, int, int]:
    """Where ``needle`` is written in the page, else the first marker (what it renders holds
    it), else the page's first line."""
    lines = where.source.split("\n")
    for number, line in enumerate(lines, start=1):
        col = line.find(needle)
        if col >= 0:
            return where.shown, number, col + 1
    return where.shown, next((n for n, line in enumerate(lines, start=1) if line.lstrip().startswith("<!-- acs:")), 1), 1


def check_pages(settings, staged: dict, wheres: dict, unfilled: frozenset = frozenset()) -> list[Problem]:
    """Links, images and anchors of every staged page: ``staged`` maps 'lang/path' to its
    text (or the Path of a file copied as is), ``wheres`` 'lang/path' to a ``Where``. The ids
    of ``unfilled`` pages (their markers could not be filled: reported already) are unknown,
    so links into them are not checked. What generated pages share is reported once."""
    scan = scanner_for(settings).scan
    problems, shared = [], {}
    for lang in settings.langs:
        prefix = f"{lang}/"
        files = {rel[len(prefix):] for rel in staged if rel.startswith(prefix)}
        scans = {path: scan(staged[prefix + path]) for path in sorted(files) if path.endswith(".md")}
        skip = {rel[len(prefix):] for rel in unfilled if rel.startswith(prefix)}
        for path, page in scans.items():
            where = wheres[prefix + path]
            problems += [Problem(*place(where, value), f"'{name}=\"{value[:40]}\"' would run script or leave the site's schemes (http(s), mailto, tel, relative); remove it"
                                 + (" (in a generated page: report it)" if where.generated else ""), ERROR, "html") for name, value in page.unsafe]
            for url, tag in dict.fromkeys(page.links):
                found = _link_problem(settings, f"{settings.docs_dir}/{lang}", path, url, tag, files, scans, skip)
                if found and _level(settings, found[0]):
                    if where.generated:  # the same broken target of many generated pages: one line
                        shared.setdefault((found[0], found[2]), []).append((where, url, found[1]))
                    else:
                        problems.append(Problem(*place(where, url), found[1], WARNING, "link"))
    return problems + [_shared(settings, target, found, wheres) for (_, target), found in shared.items()]


def _shared(settings, target: str, found: list, wheres: dict) -> Problem:
    where, url, message = found[0]
    if len(found) == 1:
        return Problem(*place(where, url), f"{message} (in a generated page)", WARNING, "link")
    page = wheres.get(target.split("#")[0])
    at = (page.shown, 1, 1) if page is not None and not page.generated else (where.shown, 1, 1)
    return Problem(*at, f"{len(found)} generated pages (e.g. {where.shown}) link to '{target.split('/', 1)[1]}', which is not there: {message.split(': ', 1)[-1]}", WARNING, "link")


def _level(settings, key: str) -> str | None:
    level = settings.validation.get(key, logging.WARNING if key.endswith("not_found") else logging.INFO)
    return WARNING if level >= logging.WARNING else None


def _link_problem(settings, folder: str, path: str, url: str, tag: str, files: set, scans: dict, skip: set) -> tuple[str, str, str] | None:
    """(validation key, message, the target it names) for a link MkDocs would warn about."""
    scheme, netloc, target, _, anchor = urlsplit(url)
    what = "image" if tag == "img" else "link"
    lang = folder.rsplit("/", 1)[1]
    if scheme or netloc or AMP_SUBSTITUTE in url:
        return None
    if url.startswith(("/", "\\")):
        return "links.absolute_links", f"the {what} '{url}' starts with '/', which breaks when the site is served from a folder (GitHub Pages); write it relative to this page, e.g. {posixpath.relpath(url.lstrip('/') or 'index.md', posixpath.dirname(path) or '.')}", url
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(target)).lstrip("/")) if target else path
    if resolved not in files and resolved not in theme_files(settings.theme_dirs):
        if not posixpath.splitext(target)[1]:
            return "links.unrecognized_links", f"the {what} '{url}' names no file; link to the page's Markdown file, e.g. {_suggest(resolved + '.md', (f for f in files if f.endswith('.md')), path) or 'page.md'}", f"{lang}/{resolved}"
        best = _suggest(resolved, files, path)
        return "links.not_found", f"the {what} '{url}' leads to nothing: {folder}/{resolved} does not exist" + (f"; did you mean '{best}'?" if best else ""), f"{lang}/{resolved}"
    if anchor and resolved in scans and resolved not in skip and anchor not in scans[resolved].anchors:
        page = "this page" if resolved == path else f"page {resolved}"
        return "links.anchors", f"the link '{url}': {page} has no heading or id '{anchor}'{did_you_mean(anchor, scans[resolved].anchors)}", f"{lang}/{resolved}#{anchor}"
    return None


def _suggest(resolved: str, candidates, path: str) -> str | None:
    """The closest existing file, written relative to the linking page."""
    best = closest(resolved, sorted(candidates))
    return posixpath.relpath(best, posixpath.dirname(path) or ".") if best else None


@functools.lru_cache(maxsize=4)
def theme_files(dirs: tuple) -> frozenset:
    """Files a theme adds to the site (its assets), which a page may link to."""
    skip = (".html", ".py", ".pyc", ".yml", ".md")
    found = set()
    for folder in (Path(d) for d in dirs):
        if folder.is_dir():
            found |= {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.name.endswith(skip)}
    return frozenset(found)


def template_exists(dirs: tuple, name: str) -> bool:
    return any((Path(d) / name).is_file() for d in dirs)


def page_template(dirs: tuple, name: str) -> bool:
    """A template a page can be rendered with: the theme's root (base.html) or one that extends
    another. A fragment (a partial) expects what its includer defines: as a page it crashes."""
    path = next(Path(d) / name for d in dirs if (Path(d) / name).is_file())
    try:
        return name == "base.html" or re.search(r"{%-?\s*extends\b", path.read_text(encoding="utf-8")) is not None
    except (OSError, UnicodeDecodeError):
        return False


def expand_nav(nav: list | None, generated: set) -> list | None:
    """A titled nav entry pointing at a generated index page (``Areas: areas/index.md``)
    becomes a section holding that index and every generated page beside it. An untitled
    one stays a page (MkDocs has no section without a title); the pages beside it are then
    in no menu, which nav_problems reports."""
    if nav is None:
        return None

    def expand(entry, titled: bool):
        if isinstance(entry, dict):
            return {title: expand(value, True) for title, value in entry.items()}
        if isinstance(entry, list):
            return [expand(e, False) for e in entry]
        if titled and isinstance(entry, str) and entry.endswith("/index.md") and entry in generated:
            folder = entry[: -len("index.md")]
            return [entry] + sorted(p for p in generated if p.startswith(folder) and p != entry)
        return entry

    return expand(nav, False)


def nav_problems(settings, lang: str, nav, pages: set, generated: set, shown_of, config_line) -> list[Problem]:
    """`nav:` both ways: every entry names a page, every page is in the menu (generated pages
    that are not: one line per language)."""
    if nav is None:
        return []
    problems, named = [], set()
    for _title, entry in _entries(nav):
        scheme, netloc, *_ = urlsplit(entry)
        if scheme or netloc:
            continue
        if entry.startswith("/"):
            key, message = "nav.absolute_links", f"the menu entry '{entry}' starts with '/' and is left as a link; name a page of {settings.docs_dir}/{lang}/ without the '/'"
        elif Path(entry).as_posix() in pages:
            named.add(Path(entry).as_posix())
            continue
        else:
            key, message = "nav.not_found", f"the menu entry '{entry}' ({lang}) names no page: {settings.docs_dir}/{lang}/{entry} does not exist{did_you_mean(entry, sorted(pages))}"
        if _level(settings, key):
            problems.append(Problem(*config_line(entry), message, WARNING, "nav"))
    if "index.md" not in named:  # mkdocs-static-i18n finds the language's home page through the menu only
        problems.append(Problem(*config_line(f"locale: {lang}"), f"the menu of '{lang}' has no home page; add `- index.md` to its `nav:` (mkdocs-static-i18n looks for the home page there)", WARNING, "nav"))
    omitted = sorted(pages - named)
    if omitted and _level(settings, "nav.omitted_files"):
        problems += [Problem(shown_of(page), 1, 1, "the page is in no menu; add it to `nav:` in mkdocs.yml (a language other than the default has its own `nav:` under the i18n plugin), or delete it", WARNING, "nav")
                     for page in omitted if page not in generated]
        made = [page for page in omitted if page in generated]
        if made:
            listed = ", ".join(made[:5]) + (", …" if len(made) > 5 else "")
            problems.append(Problem(*config_line(f"locale: {lang}"), f"{len(made)} generated page(s) of '{lang}' are in no menu ({listed}); add them to its `nav:`, or a folder's index (e.g. `- {made[0].rsplit('/', 1)[0] if '/' in made[0] else 'areas'}/index.md`), which lists every page beside it", WARNING, "nav"))
    return problems


def _entries(nav):
    if isinstance(nav, dict):
        for title, value in nav.items():
            yield from ([(title, value)] if isinstance(value, str) else _entries(value))
    elif isinstance(nav, list):
        for entry in nav:
            yield from _entries(entry)
    elif isinstance(nav, str):
        yield None, nav


def template_problem(page, dirs: tuple, where) -> Problem | None:
    """A page's `template:` must be one the theme has: MkDocs would stop with a traceback."""
    name = page.meta.get("template")
    if name is None or (isinstance(name, str) and template_exists(dirs, name) and page_template(dirs, name)):
        return None
    if isinstance(name, str) and template_exists(dirs, name):
        return Problem(*where, f"'template: {name}' is a piece the theme puts into pages, not a page template; remove the line or name one that extends another, e.g. main.html", ERROR, "template")
    return Problem(*where, f"'template: {name}' is not a template of the theme (overrides/ or Material's); remove the line or name one, e.g. main.html", ERROR, "template")
