"""MkDocs hooks: thin wiring of the acsdocs core into the build.

mkdocs-static-i18n runs the whole build once per configured language, the others nested
inside the default language's post-build. The outermost build prepares everything once
(every check, every page), stages content/ plus the generated pages into a git-ignored
docs_dir, and, for `mkdocs build`, writes into a temporary folder that replaces site/
only when every language has built without error."""

from __future__ import annotations

import functools
import gc
import html
import logging
import os
import shutil
import time
from pathlib import Path

from acsdocs import build as core
from acsdocs import cite, export, layout, linked, links, preview, search, themewords
from acsdocs.problems import InputError
from acsdocs.settings import Settings, field_of, from_languages
from acsdocs.text import slugify
from jinja2 import ChoiceLoader, DictLoader
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.acsdocs")
# MkDocs loads a hook file once per process (`mkdocs serve` rebuilds reuse it), so the state
# of one build run lives here and is reset when an outermost build starts.
_run: dict = {"command": None, "ok": False, "depth": 0}


# `mkdocs serve` only: what the last good build made of each page, by everything it depends on:
# Markdown's HTML (by the page's Markdown and address, every page's address, the Markdown
# settings), the theme's HTML and the search plugin's sections (acsdocs.preview). A rebuild
# makes again only what one of those inputs changed for; the search index follows the pages.
_kept = preview.Kept()
_later = preview.LaterIndex()  # the preview's search index (`mkdocs serve` only)
_warnings = [0]


class _CountWarnings(logging.Handler):
    def emit(self, record):
        _warnings[0] += 1


class _KnownToTheCore(logging.Filter):
    """MkDocs' own link and nav checks repeat what acsdocs.links has already reported (without
    a place) when a build goes on despite it (not --strict): drop them then. When the core
    reported nothing, they pass, so anything the core missed still shows and fails --strict."""

    def filter(self, record):
        return not _run.get("links_reported")


def on_startup(command, dirty):
    _run["command"] = command
    for logger in (logging.getLogger(name) for name in ("mkdocs.structure.pages", "mkdocs.structure.nav")):
        for old in [f for f in logger.filters if type(f).__name__ == _KnownToTheCore.__name__]:
            logger.removeFilter(old)  # a previous load of this file in the same process
        logger.addFilter(_KnownToTheCore())
    if command == "serve":
        logging.getLogger("mkdocs").addHandler(_CountWarnings(logging.WARNING))


def _settings(config) -> Settings:
    root = Path(config.config_file_path).resolve().parent
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n else [{"locale": config.theme["language"], "default": True}]
    docs_dir = Path(_run.get("docs_dir") or config.docs_dir)
    base_nav = i18n.original_configs.get("nav", config.nav) if i18n else config.nav  # before the plugin gave this language its own
    navs = {field_of(e, "locale"): field_of(e, "nav") if field_of(e, "nav") is not None else base_nav for e in languages}
    validation = {f"{group}.{key}": level for group in ("nav", "links") for key, level in config.validation[group].items()}
    return from_languages(root, languages, docs_dir.resolve().relative_to(root).as_posix(), bool(config.strict), config.extra.get("edit_base"), config.use_directory_urls,
                          config.markdown_extensions, navs=navs, theme_dirs=tuple(Path(d).resolve() for d in config.theme.dirs), validation=validation,
                          markdown=(tuple(config.markdown_extensions), {k: v for k, v in (config.mdx_configs or {}).items()}))


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this build's language
def on_config(config):
    if _run["depth"] == 0:  # the outermost build: check and stage everything once
        _reset()
        _later.stop()  # an index of the previous save would land in the folder this build empties
        _run["docs_dir"] = config.docs_dir
        settings = _settings(config)
        try:
            state = _run["state"] = core.prepare(settings)
        except InputError as exc:
            # through this logger: MkDocs' build logger drops a message it has already shown,
            # so under `mkdocs serve` a repeated mistake would go unreported
            log.error(f"Invalid input; nothing was built.\n{exc}")
            raise PluginError("Invalid input (see above); nothing was built.") from None
        core.stage(state, settings.stage)
        # What is alive now (the config, the theme, the prepared state) lives as long as the build:
        # spare it the collector's repeated passes; unfrozen when the build ends or fails.
        gc.freeze()
        for problem in state.warnings:
            log.warning(str(problem))
        _run["links_reported"] = any(p.code in ("link", "nav") for p in state.warnings)
        config.docs_dir = str(settings.stage)
        config.extra["default_language"] = settings.default
        if _run["command"] in ("build", "gh-deploy"):
            _run["site_dir"] = Path(config.site_dir)
            config.site_dir = str(_building(Path(config.site_dir)))
    state = _run["state"]
    config.nav = links.expand_nav(config.nav, state.generated[config.theme["language"]])
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    return config


def _reset() -> None:
    for key in [k for k in _run if k not in ("command", "depth")]:
        del _run[key]
    _run["ok"] = False


def on_serve(server, config, builder):
    """Watch what people edit, not the staging folder the build writes."""
    settings = _run["state"].settings
    server.unwatch(str(settings.stage))
    for path in (settings.content, settings.plans, settings.schema.parent, settings.templates, settings.locales):
        if path.is_dir():
            server.watch(str(path))
    return server


def on_nav(nav, config, files):
    if _run["command"] == "serve":
        _run["surroundings"] = (config.theme["language"], config.use_directory_urls, repr(config.validation), repr(config.markdown_extensions),
                                repr(sorted(config.mdx_configs.items())), tuple((f.src_uri, f.url) for f in files.documentation_pages()))
        search_plugin = config.plugins.get("material/search") or config.plugins.get("search")
        if search_plugin is not None and hasattr(search_plugin, "search_index"):
            preview.reuse_sections(search_plugin.search_index, _kept)
    return nav


def _page_key(context):
    """Everything a page's HTML from the theme depends on (`mkdocs serve` reuses it when equal)."""
    page, config = context.get("page"), context.get("config")
    if page is None or getattr(page, "file", None) is None or config is None:
        return None  # the sitemap and other pages of the theme's own
    if _run.get("theme_inputs") is None:  # once per language: every page's title is known by now
        _run["theme_inputs"] = (_run["surroundings"], _run["words_digest"], preview.nav_shape(context["nav"].items), _theme_files(config),
                                preview.digest(Path(config.config_file_path).read_text(encoding="utf-8")), repr(config.theme.get("features")))
    return (_run["theme_inputs"], page.file.src_uri, page.url, str(page.title), preview.digest(page.content or ""), preview.toc_shape(page.toc), repr(page.meta), repr(config.extra))


def _theme_files(config) -> tuple:
    folder = Path(config.theme.custom_dir or config.config_file_path).resolve()
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*")) if p.is_file()) if config.theme.custom_dir else ()


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("document"):  # a document's own page ranks above pages that mention it
        page.meta.setdefault("search", {}).setdefault("boost", 5)
    if _run["command"] == "serve":
        page.render = functools.partial(_render, page, (_run["surroundings"], page.file.src_uri, markdown))
    return markdown


def _render(page, key, config, files):
    """Page.render, or what it made of the same input in the last build. A page whose
    conversion warned is converted again each time, so every build shows its warnings."""
    kept = _kept.get(key)
    if kept is None:
        warnings = _warnings[0]
        Page.render(page, config, files)
        if _warnings[0] > warnings:
            return
        links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
        kept = (page.content, page.toc, page._title_from_render, frozenset(page.present_anchor_ids or ()), links)
    else:
        page.content, page.toc, page._title_from_render = kept[:3]
        page.present_anchor_ids = set(kept[3])
        page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in kept[4].items()}
    _kept.put(key, kept)


def on_page_content(content, page, config, files):
    """The theme prints titles unescaped: give it the title escaped exactly once."""
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = Markup(html.escape(title))
    elif not page.is_homepage:  # the home page's tab shows the site's name alone
        page.meta["title"] = Markup(page.title or "")  # from the first heading: already HTML
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = Markup(html.escape(page.meta["description"]))
    return layout.label_table_cells(content)  # cells carry their column's name: tables stack on a phone


def on_env(env, config, files):
    """Interface words for the theme overrides (`acs_words`) and for overrides/assets/site.js
    (`acs_page_words`), in this build's language."""
    words, lang = _run["state"].words, config.theme["language"]
    if lang in themewords.missing(_run["state"].settings):  # a language the theme does not ship: its words from ours
        env.loader = ChoiceLoader([env.loader, DictLoader({themewords.PARTIAL.format(lang=lang): themewords.partial(words, lang)})])
    env.globals["acs_words"] = {key: words.get(key, lang) for key in words.table}
    env.globals["acs_page_words"] = cite.page_words(words, lang)
    env.globals["acs_syllables"] = words.syllables(lang)  # how search.js pairs what is typed
    if _run["command"] == "serve":
        _run["words_digest"] = preview.digest(repr((env.globals["acs_words"], env.globals["acs_page_words"], env.globals["acs_syllables"])))
        _run["theme_inputs"] = None
        preview.reuse_pages(env, _page_key, _kept)
    return env


def on_post_page(output, page, config):
    lang, _, rel = page.file.src_uri.partition("/")
    mapping = _run["state"].anchors.get(rel)
    if mapping:
        output = output.replace("</body>", export.anchor_map_script(mapping) + "</body>", 1)
    return linked.add_head(output, _run["state"], rel, lang, config.get("site_url"))


@event_priority(100)
def on_pre_build(config):
    _run["depth"] += 1


def on_build_error(error):
    _run["ok"] = False
    _run["depth"] = 0
    _kept.done(ok=False)
    gc.unfreeze()  # `mkdocs serve` goes on: let the collector have this build's objects


@event_priority(-120)  # after mkdocs-static-i18n has built the other languages
def _finish_site(config):
    _run["depth"] -= 1
    if _run["depth"] > 0:
        return  # a nested build of another language; the outer build finishes the site
    state, site_dir = _run["state"], Path(config.site_dir)
    try:
        export.export_data(state, site_dir)
        export.write_redirects(state, site_dir)
        linked.publish(state, site_dir, config)
    except (RuntimeError, OSError) as exc:  # a clean failure, site/ kept
        raise PluginError(f"The site could not be finished: {exc}") from None
    keep = bool(os.environ.get("ACSDOCS_KEEP_MATERIAL_INDEX"))  # scripts/search_benchmark.py measures it
    langs, default = list(state.settings.langs), state.settings.default
    syllables = [lang for lang in langs if state.words.syllables(lang)]
    try:
        if _run["command"] == "serve":  # the pages are served now; their search index follows
            _later.start(site_dir, state.settings.root / ".cache" / "preview-search", langs, default, log.error, syllables)
        else:
            cpu = _cpu_seconds()
            counts = search.finish(site_dir, langs, default, keep_source=keep, syllables=syllables)
            sections = ", ".join(f"{lang} {n['sections']}" for lang, n in counts.items())
            log.info(f"Search index (Pagefind): sections {sections}; {_cpu_seconds() - cpu:.2f} s CPU")  # scripts/benchmark.py reads it
    except (RuntimeError, OSError, ValueError) as exc:  # the search indexer: a clean failure, site/ kept
        raise PluginError(f"The search index could not be built: {exc}") from None
    _run["ok"] = True
    _kept.done(ok=True)  # keep only what this build used: a failed build keeps the last good one's
    gc.unfreeze()


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the search indexer)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@event_priority(-90)  # before mkdocs-static-i18n starts the nested builds
def _keep_404_per_language(config):
    """Each language keeps its own 404 page: a nested build writes its 404.html over the
    default language's one at the site root; move it to /<lang>/ and restore the root's."""
    settings, page = _run["state"].settings, Path(config.site_dir) / "404.html"
    lang = config.theme["language"]
    if not page.is_file():
        return
    if lang == settings.default:
        _run["404"] = page.read_bytes()
    elif "404" in _run:
        (page.parent / lang).mkdir(exist_ok=True)
        page.replace(page.parent / lang / "404.html")
        page.write_bytes(_run["404"])


on_post_build = CombinedEvent(_keep_404_per_language, _finish_site)


def _building(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.building"


def on_shutdown():
    """`mkdocs build` ends here: the new site replaces the old one only if it all built."""
    final = _run.get("site_dir")
    if final is None:
        return
    partial = _building(final)
    if not _run["ok"]:
        shutil.rmtree(partial, ignore_errors=True)
        log.error(f"The build failed; {final} was left as it was.")
        return
    old = final.parent / f".{final.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    shutil.rmtree(old, ignore_errors=True)
