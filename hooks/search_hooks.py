"""MkDocs hook: the site search index (hooks/acsdocs/search.py), built once the whole site is.

Kept apart from site_hooks.py so the search can change on its own; site_hooks.py may instead
call `search.finish(site_dir, langs, default_lang)` at the end of its own post-build step
(after mkdocs-static-i18n merged the languages' search entries) and this file be dropped."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from acsdocs import search
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.plugins.acsdocs.search")


def languages(config) -> tuple[list[str], str]:
    """The languages built and the default one, from mkdocs-static-i18n's `languages:`."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        lang = config.theme["language"]
        return [lang], lang
    return list(i18n.build_languages), i18n.default_language


@event_priority(-130)  # after mkdocs-static-i18n (-100) built every language and merged their search entries
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested build of another language; the outer build finishes the site
    langs, default = languages(config)
    keep = bool(os.environ.get("ACSDOCS_KEEP_MATERIAL_INDEX"))  # scripts/search_benchmark.py measures it
    found = search.finish(Path(config.site_dir), langs, default, keep_source=keep)
    if found:
        log.debug("search index: %s", found)
