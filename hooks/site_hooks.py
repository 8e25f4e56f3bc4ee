"""MkDocs hooks: thin wiring of the acsdocs core into the build.

mkdocs-static-i18n builds the site once per language in one process, so every event
here runs once per language; the core caches its work by input files."""

from __future__ import annotations

import html
import logging
from pathlib import Path

from acsdocs import build as core
from acsdocs.model import LANGS
from acsdocs.problems import InputError
from acsdocs.render import MarkerError, fill_markers
from acsdocs.text import slugify
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

log = logging.getLogger("mkdocs.plugins.acsdocs")
_reported: set = set()
_saved_404: dict = {}
_depth = [0]  # builds in progress: mkdocs-static-i18n nests the other languages' builds
_state: dict = {}  # the prepared data of the build in progress (set by on_config)


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _lang(config) -> str:
    return config.theme["language"]


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this build's language
def on_config(config):
    root = _root(config)
    try:
        state = _state["current"] = core.prepare(root, strict=config.strict)
        core.write_generated(Path(config.docs_dir), state.pages)
    except InputError as exc:
        raise PluginError(f"Invalid input; nothing was built.\n{exc}") from None
    for problem in state.warnings:
        if str(problem) not in _reported:  # once per process, not once per language
            _reported.add(str(problem))
            log.warning(str(problem))
    config.nav = core.expand_nav(config.nav, state.pages[_lang(config)])
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    return config


def on_page_markdown(markdown, page, config, files):
    # Front matter is text, never markup: the theme prints titles and descriptions unescaped.
    for key, value in page.meta.items():
        if isinstance(value, str):
            page.meta[key] = html.escape(value, quote=True)
    if page.meta.get("document"):  # a document's own page ranks above pages that mention it
        page.meta.setdefault("search", {}).setdefault("boost", 5)
    lang = _lang(config)
    src = page.file.src_uri
    rel = src.split("/", 1)[1] if src.split("/", 1)[0] in LANGS else src
    state = _state["current"]
    try:
        markdown = fill_markers(markdown, state.site, lang, rel, page.meta)
    except MarkerError as exc:
        raise PluginError(f"content/{lang}/{exc}") from None
    return f"{markdown}\n\n{state.abbr[lang]}\n"


def on_post_page(output, page, config):
    src = page.file.src_uri
    rel = src.split("/", 1)[1] if src.split("/", 1)[0] in LANGS else src
    mapping = _state["current"].anchors.get(rel)
    if mapping:
        output = output.replace("</body>", core.anchor_map_script(mapping) + "</body>", 1)
    return output


@event_priority(100)
def on_pre_build(config):
    _depth[0] += 1


def on_build_error(error):
    _depth[0] = 0


@event_priority(-120)  # after mkdocs-static-i18n merged the search index of both languages
def _finish_site(config):
    _depth[0] -= 1
    if _depth[0] > 0:
        return  # a nested build of another language; the outer build finishes the site
    site_dir = Path(config.site_dir)
    state = _state["current"]
    core.export_data(state.site, site_dir, state.warnings)
    core.write_redirects(site_dir, state.moved, {lang: site_dir if lang == LANGS[0] else site_dir / lang for lang in LANGS})
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        core.localise_search_index(index)


@event_priority(-90)  # before mkdocs-static-i18n starts the nested English build
def _keep_404_per_language(config):
    """Each language keeps its own 404 page: the nested build of a language writes its
    404.html over the default language's one at the site root; move it to /<lang>/."""
    site_dir = Path(config.site_dir)
    page = site_dir / "404.html"
    if not page.is_file():
        return
    if _lang(config) == LANGS[0]:
        _saved_404["default"] = page.read_bytes()
    elif "default" in _saved_404:
        (site_dir / _lang(config)).mkdir(exist_ok=True)
        page.replace(site_dir / _lang(config) / "404.html")
        page.write_bytes(_saved_404["default"])


on_post_build = CombinedEvent(_keep_404_per_language, _finish_site)
