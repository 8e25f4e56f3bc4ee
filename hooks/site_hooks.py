"""MkDocs hooks: thin wiring of the acsdocs core into the build.

mkdocs-static-i18n runs the whole build once per configured language, the others nested
inside the default language's post-build. The outermost build prepares everything once
(every check, every page) and stages content/ plus the generated pages into a git-ignored
docs_dir; `mkdocs build` writes into a temporary folder that replaces site/ only when every
language has built. What the hooks need from MkDocs beyond its events: mkdocs_adapter/."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from acsdocs import build as core
from acsdocs import cite, export, layout, linked, links, themewords
from acsdocs.problems import InputError, Problem, display
from acsdocs.text import slugify
from jinja2 import ChoiceLoader, DictLoader
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


def on_startup(command, dirty):
    _run["command"] = command
    adapter.install_filter(lambda: _run.get("links_reported", False))
    if command == "serve":
        _preview.start()


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this build's language
def on_config(config):
    if _run["depth"] == 0:  # the outermost build: check and stage everything once
        _run.update({key: None for key in _run if key not in ("command", "depth")}, ok=False)
        _preview.later.stop()  # an index of the previous save would land in the folder this build empties
        settings = adapter.settings(config, Path(config.docs_dir))
        try:
            state = _run["state"] = core.prepare(settings)
        except InputError as exc:  # through this logger: MkDocs' own drops a message already shown (serve)
            log.error(f"Invalid input; nothing was built.\n{exc}")
            raise PluginError("Invalid input (see above); nothing was built.") from None
        core.stage(state, settings.stage)
        gc.freeze()  # the config, theme and state live as long as the build: spare the collector
        for problem in sorted(display(state.warnings), key=Problem.key):
            log.warning(str(problem))
        _run["links_reported"] = any(p.code in ("link", "nav") for p in state.warnings)
        config.docs_dir = str(settings.stage)
        config.extra["default_language"] = settings.default
        if _run["command"] in ("build", "gh-deploy"):
            _run["site_dir"] = Path(config.site_dir)
            config.site_dir = str(publish.building(Path(config.site_dir)))
    config.nav = links.expand_nav(config.nav, _run["state"].generated[config.theme["language"]])
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    return config


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
    """Interface words for the theme overrides (`acs_words`) and for overrides/assets/site.js
    (`acs_page_words`), in this build's language; the theme's own words for a language it lacks."""
    state, lang = _run["state"], config.theme["language"]
    if lang in themewords.missing(state.settings):
        env.loader = ChoiceLoader([env.loader, DictLoader({themewords.PARTIAL.format(lang=lang): themewords.partial(state.words, lang)})])
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
    _run.update(ok=False, depth=0)
    _preview.done(ok=False)
    gc.unfreeze()  # `mkdocs serve` goes on: let the collector have this build's objects


@event_priority(-120)  # after mkdocs-static-i18n has built the other languages
def _finish_site(config):
    _run["depth"] -= 1
    if _run["depth"] > 0:
        return  # a nested build of another language; the outer build finishes the site
    try:
        publish.finish(_run["state"], Path(config.site_dir), config, log, _preview.later if _run["command"] == "serve" else None)
    except (RuntimeError, OSError, ValueError) as exc:  # a clean failure, site/ kept
        raise PluginError(f"The site could not be finished: {exc}") from None
    _run["ok"] = True
    _preview.done(ok=True)  # keep only what this build used
    gc.unfreeze()


@event_priority(-90)  # before mkdocs-static-i18n starts the nested builds
def _keep_404_per_language(config):
    publish.keep_404(Path(config.site_dir), config.theme["language"], _run["state"].settings.default, _run)


on_post_build = CombinedEvent(_keep_404_per_language, _finish_site)


def on_shutdown():
    """`mkdocs build` ends here: the new site replaces the old one only if it all built."""
    if _run.get("site_dir") is not None:
        publish.replace_site(_run["site_dir"], _run["ok"], log)
