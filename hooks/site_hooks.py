"""MkDocs hooks: thin wiring of the acsdocs core into the build. mkdocs-static-i18n runs the
build once per language, nested in the default language's post-build; the outermost build
checks and stages everything once, and `mkdocs build` replaces site/ only when every language
has built. What the hooks need from MkDocs beyond its events: mkdocs_adapter/."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from acsdocs import build as core
from acsdocs import cite, export, layout, linked, links, themewords
from acsdocs.lock import BuildLock
from acsdocs.problems import InputError
from acsdocs.text import slugify
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs_adapter import config as adapter
from mkdocs_adapter import publish
from mkdocs_adapter.serve import Preview

log = logging.getLogger("mkdocs.plugins.acsdocs")
# MkDocs loads a hook file once per process (`mkdocs serve` rebuilds reuse it), so the state
# of one build run lives here and is reset when an outermost build starts.
_run: dict = {"command": None, "ok": False, "depth": 0}
_preview = Preview()  # `mkdocs serve` only: what a rebuild takes from the last good build
_lock = BuildLock()  # one build at a time in a checkout


def on_startup(command, dirty):
    _run["command"] = command
    adapter.install_filter(lambda: _run.get("links_reported", False))
    if command == "serve":
        _preview.start()


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this build's language
def on_config(config):
    if _run["depth"] == 0:  # the outermost build: check and stage everything once
        _begin(config)
    config.nav = links.expand_nav(config.nav, _run["state"].generated[config.theme["language"]])
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    return config


def _begin(config) -> None:
    _lock.release()  # a previous build in this process that ended without saying so
    _run.update({key: None for key in _run if key not in ("command", "depth")}, ok=False)
    _preview.later.stop()  # an index of the previous save would land in the folder this build empties
    settings = adapter.settings(config, Path(config.docs_dir))
    try:
        state = _run["state"] = core.prepare(settings)
        _lock.acquire(settings.root, log.info)  # the stage and site/ are this build's alone from here
        site_dir = publish.writable(Path(config.site_dir), _run["command"] != "serve")
    except (InputError, BuildLock.Busy, OSError) as exc:  # through this logger: MkDocs' own drops a message already shown (serve)
        log.error(f"Invalid input; nothing was built.\n{exc}" if isinstance(exc, InputError) else f"Nothing was built: {exc}")
        raise PluginError("Nothing was built (see above).") from None
    _run["links_reported"] = adapter.hand_over(config, state, log)
    if site_dir is not None:  # `mkdocs build`: into a folder beside site/, which replaces it at the end
        _run["site_dir"], config.site_dir = Path(config.site_dir), str(site_dir)


def on_serve(server, config, builder):
    """Watch what people edit, not the staging folder the build writes."""
    settings = _run["state"].settings
    server.unwatch(str(settings.stage))
    for path in (p for p in (settings.content, settings.plans, settings.schema.parent, settings.templates, settings.locales) if p.is_dir()):
        server.watch(str(path))
    return server


def on_nav(nav, config, files):
    if _run["command"] == "serve":
        _preview.on_nav(config, files)
    return nav


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("document"):  # a document's own page ranks above pages that mention it
        page.meta.setdefault("search", {}).setdefault("boost", 5)
    if _run["command"] == "serve":
        _preview.on_page_markdown(page, markdown)
    return markdown


def on_page_content(content, page, config, files):
    layout.escape_meta(page.meta, page.title, page.is_homepage)  # the theme prints titles unescaped
    return layout.label_table_cells(content)  # cells carry their column's name: tables stack on a phone


def on_env(env, config, files):
    """Interface words for the theme overrides and site.js; the theme's own for a language it lacks."""
    state, lang = _run["state"], config.theme["language"]
    env.loader = themewords.loader(env.loader, state.settings, state.words, lang)
    words = cite.theme_globals(state.words, lang)
    env.globals.update(words)
    if _run["command"] == "serve":
        _preview.on_env(env, tuple(words.items()))
    return env


def on_post_page(output, page, config):
    lang, _, rel = page.file.src_uri.partition("/")
    if mapping := _run["state"].anchors.get(rel):
        output = output.replace("</body>", export.anchor_map_script(mapping) + "</body>", 1)
    return linked.add_head(output, _run["state"], rel, lang, config.get("site_url"))


@event_priority(100)
def on_pre_build(config):
    _run["depth"] += 1


def on_build_error(error):
    _run["depth"] = 0
    _end(ok=False)


def _end(ok: bool) -> None:
    _run["ok"] = ok
    _preview.done(ok=ok)  # `mkdocs serve` keeps what the last good build used
    gc.unfreeze()  # let the collector have this build's objects again
    if _run["command"] == "serve":
        _lock.release()  # `mkdocs build` releases it at shutdown, once site/ is replaced


@event_priority(-120)  # after mkdocs-static-i18n has built the other languages
def _finish_site(config):
    _run["depth"] -= 1
    if _run["depth"] > 0:
        return  # a nested build of another language; the outer build finishes the site
    try:
        publish.finish(_run["state"], Path(config.site_dir), config, log, _preview.later if _run["command"] == "serve" else None)
    except (RuntimeError, OSError, ValueError) as exc:  # a clean failure, site/ kept
        raise PluginError(f"The site could not be finished: {exc}") from None
    _end(ok=True)


@event_priority(-90)  # before mkdocs-static-i18n starts the nested builds
def _keep_404_per_language(config):
    publish.keep_404(Path(config.site_dir), config.theme["language"], _run["state"].settings.default, _run)


on_post_build = CombinedEvent(_keep_404_per_language, _finish_site)


def on_shutdown():
    """`mkdocs build` ends here: the new site replaces the old one only if it all built."""
    try:
        if _run.get("site_dir") is not None:
            publish.replace_site(_run["site_dir"], _run["ok"], log)
    finally:
        _lock.release()
