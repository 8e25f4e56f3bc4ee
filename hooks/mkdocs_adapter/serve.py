"""`mkdocs serve` only: a rebuild takes from the last good build what did not change.

Three things are kept between rebuilds, each by everything it depends on (acsdocs.preview):
what Markdown made of a page (by replacing the page's ``render`` with ``Preview.render``),
the page's HTML from the theme (through Jinja's ``get_template``) and the search plugin's
sections (through ``SearchIndex.add_entry_from_context``). The search index is written after
the pages are served. The attributes used are listed in tests/test_adapter_contract.py."""

from __future__ import annotations

import functools
import html
import logging
import re
from pathlib import Path

from acsdocs import preview
from mkdocs.structure.pages import Page


class _CountWarnings(logging.Handler):
    def __init__(self, counter: list):
        super().__init__(logging.WARNING)
        self.counter = counter

    def emit(self, record):
        self.counter[0] += 1


class Preview:
    def __init__(self):
        self.kept = preview.Kept()
        self.later = preview.LaterIndex()
        self.warnings = [0]
        self.surroundings = self.words_digest = self.theme_inputs = None
        self.last_good = None  # the prepared state of the last good build, served again while a save is broken

    def start(self) -> None:
        logging.getLogger("mkdocs").addHandler(_CountWarnings(self.warnings))

    def on_nav(self, config, files) -> None:
        """What every page's Markdown depends on beside its own text; the search sections."""
        self.surroundings = (config.theme["language"], config.use_directory_urls, repr(config.validation), repr(config.markdown_extensions),
                             repr(sorted(config.mdx_configs.items())), tuple((f.src_uri, f.url) for f in files.documentation_pages()))
        search_plugin = config.plugins.get("material/search") or config.plugins.get("search")
        if search_plugin is not None and hasattr(search_plugin, "search_index"):
            preview.reuse_sections(search_plugin.search_index, self.kept)

    def on_page_markdown(self, page, markdown: str) -> None:
        page.render = functools.partial(self.render, page, (self.surroundings, page.file.src_uri, markdown))

    def on_env(self, env, words_globals: tuple) -> None:
        self.words_digest = preview.digest(repr(words_globals))
        self.theme_inputs = None
        preview.reuse_pages(env, self.page_key, self.kept)

    def render(self, page, key, config, files) -> None:
        """Page.render, or what it made of the same input in the last build. A page whose
        conversion warned is converted again each time, so every build shows its warnings."""
        kept = self.kept.get(key)
        if kept is None:
            warnings = self.warnings[0]
            Page.render(page, config, files)
            if self.warnings[0] > warnings:
                return
            links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
            kept = (page.content, page.toc, page._title_from_render, frozenset(page.present_anchor_ids or ()), links)
        else:
            page.content, page.toc, page._title_from_render = kept[:3]
            page.present_anchor_ids = set(kept[3])
            page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in kept[4].items()}
        self.kept.put(key, kept)

    def page_key(self, context):
        """Everything a page's HTML from the theme depends on (reused when equal)."""
        page, config = context.get("page"), context.get("config")
        if page is None or getattr(page, "file", None) is None or config is None:
            return None  # the sitemap and other pages of the theme's own
        if self.theme_inputs is None:  # once per language: every page's title is known by now
            self.theme_inputs = (self.surroundings, self.words_digest, preview.nav_shape(context["nav"].items), _theme_files(config),
                                 preview.digest(Path(config.config_file_path).read_text(encoding="utf-8")), repr(config.theme.get("features")))
        return (self.theme_inputs, page.file.src_uri, page.url, str(page.title), preview.digest(page.content or ""),
                preview.toc_shape(page.toc), repr(page.meta), repr(config.extra))

    def done(self, ok: bool, state=None) -> None:
        self.kept.done(ok=ok)  # a failed build keeps the last good one's
        self.last_good = state or self.last_good

    @staticmethod
    def banner(page_html: str, problems: str) -> str:
        """The page with the problems of the latest save on top (the preview serves the last good pages)."""
        box = ('<div role="alert" class="acs-build-error" style="position:sticky;top:0;z-index:10;margin:0;padding:.8em 1em;'
               'background:#fff3cd;color:#3d2e00;border-bottom:3px solid #b58100;font:14px/1.4 system-ui,sans-serif">'
               "<strong>Bản lưu mới nhất có lỗi; đây là bản tốt gần nhất. · The latest save has problems; this is the last good preview.</strong>"
               f'<pre style="white-space:pre-wrap;margin:.5em 0 0;font-size:13px">{html.escape(problems)}</pre></div>')
        return re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + box, page_html, count=1)


def _theme_files(config) -> tuple:
    if not config.theme.custom_dir:
        return ()
    folder = Path(config.theme.custom_dir).resolve()
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*")) if p.is_file())
