"""The site's settings read from mkdocs.yml without importing MkDocs (``python -m acsdocs``).

The hooks build the same ``Settings`` from MkDocs' validated config; both give the core the
languages, each language's ``nav:``, the theme's folders, MkDocs' validation levels and
the Markdown extensions, so ``validate`` checks exactly what the build will."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import logging
from dataclasses import replace
from pathlib import Path

import yaml

from .configyaml import ConfigLoader as _ConfigLoader
from .problems import Problem
from .settings import Settings, from_languages, line_of

# MkDocs 1.6's `validation:` defaults, as logging levels ('warn', 'info', 'ignore').
LEVELS = {"warn": logging.WARNING, "info": logging.INFO, "ignore": logging.DEBUG, "relative_to_docs": logging.DEBUG}
VALIDATION = {"nav": {"omitted_files": "info", "not_found": "warn", "absolute_links": "info"},
              "links": {"not_found": "warn", "anchors": "info", "absolute_links": "info", "unrecognized_links": "info"}}


def read_mkdocs_yml(path: Path, strict: bool = False) -> tuple[Settings | None, list[Problem]]:
    """Settings from a mkdocs.yml file, or the problems that prevent reading them."""
    shown = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, 1, 1, f"cannot read the site configuration ({exc}); run from the repository root", code="config")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(shown, line, col, f"YAML syntax error in the site configuration: {getattr(exc, 'problem', exc)}", code="config")]
    data = data if isinstance(data, dict) else {}
    plugins = data.get("plugins")
    i18n = next((p["i18n"] for p in plugins or [] if isinstance(p, dict) and isinstance(p.get("i18n"), dict)), None)
    languages = i18n.get("languages") if i18n else None
    if not isinstance(languages, list) or not all(isinstance(e, dict) and isinstance(e.get("locale"), str) for e in languages):
        return None, [Problem(shown, 1, 1, "no `plugins: - i18n: languages:` list with a `locale:` per language; expected e.g. `- locale: vi` with `default: true`", code="config")]
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    extensions = data.get("markdown_extensions") or ()
    navs = {e["locale"]: e.get("nav") if e.get("nav") is not None else data.get("nav") for e in languages}
    settings = from_languages(path.parent, languages, str(data.get("docs_dir") or "docs"), strict, extra.get("edit_base"),
                              data.get("use_directory_urls", True), extensions, site_url=data.get("site_url"), navs=navs,
                              theme_dirs=theme_dirs(path.parent, data.get("theme")), validation=validation_levels(data.get("validation")),
                              markdown=split_extensions(extensions))
    return replace(settings, problems=settings.problems + tuple(stack_problems(path, data))), []


def stack_problems(path: Path, data: dict) -> list[Problem]:
    """What MkDocs refuses while loading its configuration, before any hook runs: a theme, a
    plugin or a Markdown extension that is not installed. Said here at its line of mkdocs.yml."""
    problems = []
    theme = data.get("theme")
    name = theme.get("name") if isinstance(theme, dict) else theme
    themes = sorted(ep.name for ep in importlib.metadata.entry_points(group="mkdocs.themes"))
    if isinstance(name, str) and name not in themes:
        problems.append(Problem("mkdocs.yml", *line_of(path, f"name: {name}" if isinstance(theme, dict) else f"theme: {name}"), f"the theme '{name}' is not installed; installed: {', '.join(themes)}", code="config"))
    plugins = sorted({ep.name for ep in importlib.metadata.entry_points(group="mkdocs.plugins")} | {"search"})
    for entry in data.get("plugins") or []:
        plugin = next(iter(entry)) if isinstance(entry, dict) and entry else entry
        if isinstance(plugin, str) and plugin not in plugins and plugin.split("/")[-1] not in plugins:
            problems.append(Problem("mkdocs.yml", *line_of(path, plugin), f"the plugin '{plugin}' is not installed; installed: {', '.join(plugins)}", code="config"))
    for extension in split_extensions(data.get("markdown_extensions") or [])[0]:
        if importlib.util.find_spec(extension.split(".")[0]) is None and extension.split(".")[0] not in _BUILTIN_EXTENSIONS:
            problems.append(Problem("mkdocs.yml", *line_of(path, extension), f"the Markdown extension '{extension}' is not installed; remove it or add its package to requirements.in", code="config"))
    return problems


# Python-Markdown's own extensions, named without their package
_BUILTIN_EXTENSIONS = {"abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes", "legacy_attrs",
                       "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks", "markdown"}


MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")  # mkdocs.config.defaults: always on, first


def split_extensions(entries) -> tuple[tuple, dict]:
    """`markdown_extensions:` as MkDocs hands it to Python-Markdown (its own three first, each
    name once): names, and each one's settings."""
    names, configs = list(MKDOCS_EXTENSIONS), {}
    entries = [{name: value} for name, value in entries.items()] if isinstance(entries, dict) else entries
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict) and len(entry) == 1:
            name, config = next(iter(entry.items()))
            names.append(str(name))
            if isinstance(config, dict):
                configs[str(name)] = config
        elif isinstance(entry, str):
            names.append(entry)
    return tuple(dict.fromkeys(names)), configs


def validation_levels(raw) -> dict:
    """'nav.omitted_files' -> logging level, from `validation:` (its shorthand included)."""
    raw = raw if isinstance(raw, dict) else {}
    levels = {}
    for group, defaults in VALIDATION.items():
        own = raw.get(group) if isinstance(raw.get(group), dict) else {}
        for key, default in defaults.items():
            value = own.get(key, raw.get(key, default))
            levels[f"{group}.{key}"] = LEVELS.get(value, LEVELS[default]) if isinstance(value, str) else LEVELS[default]
    return levels


def theme_dirs(root: Path, theme) -> tuple:
    """The folders MkDocs looks for templates in: custom_dir, the theme's own, MkDocs' own."""
    theme = {"name": theme} if isinstance(theme, str) else theme if isinstance(theme, dict) else {}
    dirs = []
    if isinstance(theme.get("custom_dir"), str):
        dirs.append((root / theme["custom_dir"]).resolve())
    if isinstance(theme.get("name"), str):
        dirs += [d for d in [_package_dir(ep.value) for ep in importlib.metadata.entry_points(group="mkdocs.themes", name=theme["name"])] if d]
    mkdocs_dir = _package_dir("mkdocs")
    return tuple(dirs + ([mkdocs_dir / "templates"] if mkdocs_dir else []))


def _package_dir(dotted: str) -> Path | None:
    """Where a package lives, found without importing it (nor MkDocs)."""
    top, *rest = dotted.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]).joinpath(*rest)
