"""The checks over the whole staged site, after every page is rendered: links, images and
anchors of every page, `nav:` both ways, page templates, the theme's words for each
language. With the checks of the data and the pages (acsdocs.build), they are everything
the build can fail on, so MkDocs' own validation finds nothing new. No MkDocs here."""

from __future__ import annotations

from . import htmlpolicy, links, themewords
from .pages import where
from .problems import Problem
from .settings import line_of


def check(settings, state, pages: dict, broken: frozenset = frozenset(), links_later: bool = False) -> list[Problem]:
    """``broken``: the pages (as shown) whose markers could not be filled. ``links_later``:
    the pages' links are checked by ``page_links`` once MkDocs has converted every page."""
    wheres = _wheres(settings, state, pages)
    unfilled = frozenset(rel for rel, where in wheres.items() if where.shown in broken and not where.generated)
    state.link_check = (wheres, unfilled)
    problems = [] if links_later else page_links(settings, state)
    config = settings.root / "mkdocs.yml"
    for lang in settings.langs:
        staged = {rel.split("/", 1)[1] for rel in state.files if rel.startswith(f"{lang}/") and rel.endswith(".md")}
        nav = links.expand_nav(settings.navs.get(lang), state.generated[lang])
        problems += links.nav_problems(settings, lang, nav, staged, state.generated[lang], lambda page, lang=lang: wheres[f"{lang}/{page}"].shown,
                                       lambda needle: ("mkdocs.yml", *line_of(config, needle)))
    for page in (p for lang_pages in pages.values() for p in lang_pages.values()):
        found = links.template_problem(page, settings.theme_dirs, where(page, "template", at_key=True))
        problems += [found] if found else []
        problems += htmlpolicy.check(page.body, page.shown, page.body_line)
    return problems + themewords.problems(settings, state.words, lambda needle: ("mkdocs.yml", *line_of(config, needle)))


def page_links(settings, state) -> list[Problem]:
    """Links, images and anchors of every staged page (acsdocs.links.check_pages)."""
    return links.check_pages(settings, state.files, *state.link_check)


def _wheres(settings, state, pages: dict) -> dict:
    wheres = {}
    for rel in state.files:
        lang, _, path = rel.partition("/")
        page = pages.get(lang, {}).get(path)
        if page is not None and path not in state.generated[lang]:
            wheres[rel] = links.Where(page.shown, page.front + page.body, False)
        else:
            wheres[rel] = links.Where(f"{settings.docs_dir}/{rel}", "", True)
    return wheres
