"""The theme's own words for a language it does not ship (Material 9 has no Lao or Khmer).

Material reads its interface words from ``partials/languages/<lang>.html``, falling back to
English word by word. For a configured language the theme lacks, the hooks add that file,
made here from the site's words: ``strings.yml`` entries named ``theme.<key>`` (the keys of
the theme's English file, e.g. ``theme.search.placeholder``). No per-language template is
copied, and a language becomes complete by adding words, not files. No MkDocs here."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader

from .problems import TRANSLATION, WARNING, Problem

PARTIAL = "partials/languages/{lang}.html"
FALLBACK = re.compile(r"""import\s+["']([^"']+)["']\s+as\s+fallback""")
KEY = re.compile(r'^\s*"([\w.-]+)":', re.M)
PREFIX = "theme."


def missing(settings) -> list[str]:
    """Configured languages whose words the theme reads from a file it does not have."""
    dirs = [Path(d) for d in settings.theme_dirs]
    if not any((d / "partials" / "language.html").is_file() for d in dirs):
        return []  # a theme that does not read per-language files
    return [lang for lang in settings.langs if not any((d / PARTIAL.format(lang=lang)).is_file() for d in dirs)]


def loader(base, settings, words, lang: str):
    """The theme's template loader, with this language's words file where the theme lacks it."""
    if lang not in missing(settings):
        return base
    return ChoiceLoader([base, DictLoader({PARTIAL.format(lang=lang): partial(words, lang)})])


def theme_keys(settings) -> list[str]:
    """The keys of the theme's fallback words file, the one its partials/language.html imports
    `as fallback` (Material: English), which stands in for every word a language lacks."""
    files = [Path(d) / name for name in ("partials/language.html",) for d in settings.theme_dirs]
    chooser = next((f for f in files if f.is_file()), None)
    found = FALLBACK.search(chooser.read_text(encoding="utf-8")) if chooser else None
    for folder in (Path(d) for d in settings.theme_dirs) if found else ():
        fallback = folder / found.group(1)
        if fallback.is_file():
            return [k for k in KEY.findall(fallback.read_text(encoding="utf-8")) if k not in ("language", "direction")]
    return []


def partial(words, lang: str, direction: str = "ltr") -> str:
    """The theme's language file for ``lang``: its code, direction and the words given."""
    table = {"language": lang, "direction": direction}
    # the theme prints these unescaped, in text and in attributes: escaped here, they stay text
    table |= {key[len(PREFIX):]: html.escape(entry[lang]) for key, entry in words.table.items() if key.startswith(PREFIX) and entry.get(lang)}
    body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in table.items())
    # Jinja reads the mapping as its own literal: JSON strings are valid Jinja strings.
    return "{% macro t(key) %}{{ {\n" + body + "\n}[key] }}{% endmacro %}\n"


def problems(settings, words, config_line) -> list[Problem]:
    """One line per language whose theme words are incomplete, at its `locale:` in mkdocs.yml."""
    keys = theme_keys(settings)
    found = []
    for lang in missing(settings):
        lacking = [k for k in keys if not (words.table.get(PREFIX + k) or {}).get(lang)]
        if lacking:
            found.append(Problem(*config_line(f"locale: {lang}"), f"the theme has no interface words for '{lang}' ({len(lacking)} of {len(keys)} missing, e.g. {PREFIX}{lacking[0]}); readers see English ones until strings.yml gives `{PREFIX}{lacking[0]}: {{{lang}: ...}}` and the others", WARNING, TRANSLATION, lang))
    return found
