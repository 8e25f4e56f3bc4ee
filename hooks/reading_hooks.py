"""MkDocs hooks for reading (issue 13), kept apart from the core wiring in site_hooks.py:
the interface words for the theme templates and the browser script, and table cells that
carry their column's name so tables can stack on a phone.

Each event runs once per language build (mkdocs-static-i18n); the language is the build's."""

from __future__ import annotations

from pathlib import Path

from acsdocs import cite, layout
from acsdocs.settings import from_languages
from acsdocs.words import load_words


def _words(config):
    root = Path(config.config_file_path).resolve().parent
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n else [{"locale": config.theme["language"], "default": True}]
    words, _ = load_words(from_languages(root, languages))  # the core reports problems in its own pass
    return words


def on_env(env, config, files):
    """`acs_words` (key -> text in this build's language) for overrides/*.html, and
    `acs_page_words`, the subset overrides/main.html hands to overrides/assets/site.js."""
    words, lang = _words(config), config.theme["language"]
    env.globals["acs_words"] = {key: words.get(key, lang) for key in words.table}
    env.globals["acs_page_words"] = cite.page_words(words, lang)
    return env


def on_page_content(html, page, config, files):
    return layout.label_table_cells(html)
