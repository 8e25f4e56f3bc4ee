"""MkDocs hooks: thin wiring of the acsdocs core into the build. mkdocs-static-i18n runs the
build once per language, nested in the default language's post-build; the outermost build
checks and stages everything once (mkdocs_adapter.session), and `mkdocs build` replaces site/
only when every language has built. What the hooks need from MkDocs beyond its events:
mkdocs_adapter/."""

from __future__ import annotations

import logging
from pathlib import Path

from acsdocs import cite, export, layout, linked, links, searchrecords, themewords
from acsdocs.scan import Recorder
from acsdocs.text import slugify
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs_adapter import config as adapter
from mkdocs_adapter import publish
from mkdocs_adapter.serve import Preview
from mkdocs_adapter.session import Run

log = logging.getLogger("mkdocs.plugins.acsdocs")
_run = Run(log)


def on_startup(command, dirty):
    _run.command = command
    adapter.install_filter(_run.passes)
    if command == "serve":
        _run.preview.start()


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this build's language
def on_config(config):
    if _run.depth == 0:  # the outermost build: check and stage everything once
        _run.begin(config)
    config.nav = links.expand_nav(config.nav, _run.state.generated[config.theme["language"]])
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    if _run.recorder is not None:  # each page's ids and links, as MkDocs converts it (one Recorder, even in a copied config)
        config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, Recorder)] + [_run.recorder]
    return config


def on_serve(server, config, builder):
    """Watch what people edit, not the staging folder the build writes."""
    settings = _run.state.settings
    server.unwatch(str(settings.stage))
    for path in (p for p in (settings.content, settings.plans, settings.schema.parent, settings.templates, settings.locales) if p.is_dir()):
        server.watch(str(path))
    return server


def on_nav(nav, config, files):
    if _run.command == "serve":
        _run.preview.on_nav(config, files)
    return nav


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("document"):  # a document's own page ranks above pages that mention it
        page.meta.setdefault("search", {}).setdefault("boost", 5)
    if _run.command == "serve":
        _run.preview.on_page_markdown(page, markdown)
    return markdown


def on_page_content(content, page, config, files):
    _run.record(page)
    layout.escape_meta(page.meta, page.title, page.is_homepage)  # the theme prints titles unescaped
    content = layout.first_definitions_in_folds(content)  # a term's definition once per folded list, not on every line
    return layout.label_table_cells(content)  # cells carry their column's name: tables stack on a phone


def on_env(env, config, files):
    """Interface words for the theme overrides and site.js; the theme's own for a language it lacks."""
    state, lang = _run.state, config.theme["language"]
    env.loader = themewords.loader(env.loader, state.settings, state.words, lang)
    env.bytecode_cache = _run.compiled
    words = cite.theme_globals(state.words, lang, searchrecords.id_words(state.site))
    env.globals.update(words)
    if _run.command == "serve":
        _run.preview.on_env(env, tuple(words.items()))
    return env


def on_post_page(output, page, config):
    lang, _, rel = page.file.src_uri.partition("/")
    output = Preview.banner(output, _run.broken) if _run.broken else output
    if mapping := _run.state.anchors.get(rel):
        output = output.replace("</body>", export.anchor_map_script(mapping) + "</body>", 1)
    return linked.add_head(output, _run.state, rel, lang, config.get("site_url"))


@event_priority(100)
def on_pre_build(config):
    _run.depth += 1


def on_build_error(error):
    _run.depth = 0
    _run.end(ok=False)


@event_priority(-120)  # after mkdocs-static-i18n has built the other languages
def _finish_site(config):
    _run.depth -= 1
    if _run.depth == 0:  # not a nested build of another language: the outer build finishes the site
        _run.finish(config)


@event_priority(-90)  # before mkdocs-static-i18n starts the nested builds
def _keep_404_per_language(config):
    publish.keep_404(Path(config.site_dir), config.theme["language"], _run.state.settings.default, _run.kept)


on_post_build = CombinedEvent(_keep_404_per_language, _finish_site)


def on_shutdown():
    _run.shutdown()
