"""Interface words and date formats: data files, one entry per configured language.

``templates/strings.yml`` maps each key to its text per language; ``locales/<lang>.yml``
says how that language writes dates. Both are read again whenever they change, so an
edit shows under ``mkdocs serve`` without a restart. A missing word is a
missing-translation warning (the default language's word stands in); an unknown key
used by a template is an error found in the same pass as every other problem."""

from __future__ import annotations

import copy
import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .problems import ERROR, TRANSLATION, WARNING, Problem
from .schema import closest, did_you_mean
from .settings import Settings
from .yamlfile import load_text, read_text_file

LOCALE_KEYS = ("day", "month", "months", "quarter", "quarters", "syllables", "day_written", "months_written", "synonyms")
_SAMPLE_DATE = {"y": 2018, "m": 10, "d": 29, "month": "October", "q": 4, "quarter": "IV"}


@dataclass
class Words:
    langs: tuple
    table: dict  # key -> {lang: text}
    formats: dict  # lang -> {day, month, months, syllables}: what its locale file says
    names: dict = field(default_factory=dict)  # lang -> its own name (from mkdocs.yml)
    problems: list = field(default_factory=list)  # unknown keys met while rendering

    def get(self, key: str, lang: str) -> str:
        entry = self.table.get(key)
        if entry is None:
            self.problems.append(Problem("hooks/acsdocs/templates/strings.yml", 1, 1, f"a template uses the interface word '{key}', which strings.yml does not define; add `{key}: {{{', '.join(f'{code}: ...' for code in self.langs)}}}`", ERROR, "strings"))
            return key
        return entry.get(lang) or entry.get(self.langs[0]) or key

    def lang_name(self, code: str, lang: str) -> str:
        """The name of language ``code`` in language ``lang`` ('Tiếng Anh'); its own name otherwise."""
        entry = self.table.get(f"lang_{code}") or {}
        return entry.get(lang) or self.names.get(code, code)

    def syllables(self, lang: str) -> bool:
        """Whether the language writes a word as syllables separated by spaces (its locale file
        says `syllables: true`): then search matches adjacent syllables as a unit (acsdocs.search)."""
        return (self.formats.get(lang) or {}).get("syllables") is True

    def synonyms(self, lang: str) -> dict:
        """What readers type for a word in the search box ('qđ', 'ccvc') -> what it stands for
        (a text or a list of them): the locale file's `synonyms:`; search looks for both."""
        return dict((self.formats.get(lang) or {}).get("synonyms") or {})

    def date(self, value: str | None, lang: str, written: bool = False) -> str:
        """'2018-10-29' as the language writes it; partial dates stay partial. ``written``: a
        whole date as the body of a formal letter writes it (`day_written`, `months_written`)."""
        if not value:
            return ""
        fmt = self.formats.get(lang) or {}
        if "-Q" in str(value):
            return self._quarter(str(value), fmt)
        parts = [int(p) for p in str(value).split("-")]
        if len(parts) == 1 or not fmt:
            return str(value)
        pattern = fmt.get("day" if len(parts) == 3 else "month")
        if written and len(parts) == 3 and fmt.get("day_written"):
            pattern = fmt["day_written"]
        if not pattern:
            return str(value)
        months = (written and len(parts) == 3 and fmt.get("months_written")) or fmt.get("months") or []
        values = {"y": parts[0], "m": parts[1], "d": parts[2] if len(parts) > 2 else 1,
                  "month": months[parts[1] - 1] if len(months) == 12 else parts[1]}
        return pattern.format(**values)

    @staticmethod
    def _quarter(value: str, fmt: dict) -> str:
        """'2019-Q1' as the language writes a quarter ('quý I/2019', 'Q1 2019'); ISO without a pattern."""
        year, _, number = value.partition("-Q")
        names = fmt.get("quarters") or []
        pattern = fmt.get("quarter")
        if not pattern:
            return value
        return pattern.format(y=int(year), q=int(number), quarter=names[int(number) - 1] if len(names) == 4 else number)


def load_words(settings: Settings) -> tuple[Words, list[Problem]]:
    problems: list[Problem] = []
    strings = "hooks/acsdocs/templates/strings.yml"
    table = _read(settings.templates / "strings.yml", strings, problems, mapping_of_mappings=True)
    if not table and not problems:
        problems.append(Problem(strings, 1, 1, f"the file holds no interface words; restore it with `git checkout -- {strings}`", ERROR, "strings"))
    formats = {}
    for lang in settings.langs:
        locale = settings.locales / f"{lang}.yml"
        if locale.is_file():
            shown, before = f"hooks/acsdocs/locales/{lang}.yml", len(problems)
            formats[lang] = _usable_locale(_read(locale, shown, problems), shown, problems)
            if not formats[lang] and len(problems) == before:
                problems.append(Problem(shown, 1, 1, f"the file says nothing, though it is where '{lang}' says how it writes dates; restore it with `git checkout -- {shown}`, or delete it for ISO dates", ERROR, "strings"))
        else:
            problems.append(Problem(f"hooks/acsdocs/locales/{lang}.yml", 1, 1, f"no date formats for language '{lang}'; pages show ISO dates (2018-10-29); copy locales/{settings.default}.yml and translate it", WARNING, TRANSLATION, lang))
    for lang in settings.langs:
        missing = [(key, entry["_line"]) for key, entry in table.items() if not entry.get(lang) and not key.startswith(("lang_", "theme."))]
        if len(missing) > 3:
            keys = ", ".join(k for k, _ in missing[:8]) + (", …" if len(missing) > 8 else "")
            problems.append(Problem(strings, missing[0][1], 1, f"{len(missing)} interface words have no {lang} text ({keys}); add `{lang}: ...` to each (readers see the {settings.default} words until then)", WARNING, TRANSLATION, lang))
        else:
            problems += [Problem(strings, line, 1, f"interface word '{key}' has no {lang} text; add `{lang}: ...` (readers see the {settings.default} word until then)", WARNING, TRANSLATION, lang) for key, line in missing]
    problems += _unknown_languages(table, settings.langs, strings)
    return Words(settings.langs, table, formats, dict(settings.names)), problems


def _unknown_languages(table: dict, langs: tuple, shown: str) -> list[Problem]:
    """Texts in a code the site does not configure are kept for the forks that do (a words
    file may hold more languages than one site publishes), except a misspelt code: one close
    to a configured language that lacks the same words (its texts would never be shown).
    One problem per code, at its first use, as plans/ reports them."""
    first: dict = {}  # code -> (key, line) of its first use
    count: Counter = Counter()
    for key, entry in table.items():
        for code in (c for c in entry if c != "_line" and c not in langs and _misspelt(c, entry, langs)):
            first.setdefault(code, (key, entry["_line"]))
            count[code] += 1
    return [Problem(shown, line, 1, f"'{code}' is not a language of this site ({count[code]} word(s), first '{key}'){did_you_mean(code, langs)}; configured in mkdocs.yml: {', '.join(langs)}", ERROR, "strings")
            for code, (key, line) in first.items()]


def _misspelt(code: str, entry: dict, langs: tuple) -> bool:
    meant = closest(code, langs)
    return meant is not None and not entry.get(meant)


def _usable_locale(data: dict, shown: str, problems: list) -> dict:
    """What a locale file says that can be used; each setting that cannot is an error at its
    line, and is left out (dates then show as ISO, search does not join syllables)."""
    lines = data.pop("_lines", {})
    usable = {}
    for key, value in data.items():
        error = _locale_error(str(key), value)
        if error:
            problems.append(Problem(shown, *lines.get(key, (1, 1)), error, ERROR, "strings"))
        else:
            usable[key] = value
    return usable


def _locale_error(key: str, value) -> str | None:
    if key not in LOCALE_KEYS:
        return f"unknown setting '{key}'{did_you_mean(key, LOCALE_KEYS)}; known: {', '.join(LOCALE_KEYS)}"
    if key == "syllables":
        return None if isinstance(value, bool) else f"'syllables' should be true or false; got {value!r}"
    if key == "synonyms":
        return _synonyms_error(value)
    if key == "quarters":
        if isinstance(value, list) and len(value) == 4 and all(isinstance(m, str) and m for m in value):
            return None
        return "'quarters' should list the 4 quarters' names, the first first, e.g. `quarters: [I, II, III, IV]`"
    if key in ("months", "months_written"):
        if isinstance(value, list) and len(value) == 12 and all(isinstance(m, str) and m for m in value):
            return None
        return "'months' should list the 12 months' names, January first, e.g. `months: [January, February, ...]`"
    if not isinstance(value, str):
        return f"'{key}' should be a date pattern in quotes, e.g. `{key}: \"{{d}} {{month}} {{y}}\"`"
    try:
        value.format(**_SAMPLE_DATE)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
        return f"'{key}' is not a usable date pattern ({type(exc).__name__}: {exc}); its placeholders are {{d}}, {{m}}, {{y}}, {{month}}, {{q}} and {{quarter}}, e.g. \"{{d}} {{month}} {{y}}\""
    return None


def _synonyms_error(value) -> str | None:
    """`synonyms:` maps what a reader types to a text, or a list of texts, it stands for."""
    def text(v) -> bool:
        return isinstance(v, str) and bool(v.strip())
    if isinstance(value, dict) and all(text(str(k)) and (text(v) or (isinstance(v, list) and v and all(map(text, v)))) for k, v in value.items()):
        return None
    return "'synonyms' should map what readers type to what it stands for, e.g. `synonyms: {qđ: quyết định, tt: [thủ tướng, thông tư]}`"


def _read(path: Path, shown: str, problems: list, mapping_of_mappings: bool = False) -> dict:
    text, found = read_text_file(path, shown)
    problems += found
    if text is None:
        return {}
    data, found = _parsed(text, shown, mapping_of_mappings)
    problems += found
    return copy.deepcopy(data)  # the caller's own copy: the parsed one is kept for the next build


@functools.lru_cache(maxsize=16)
def _parsed(text: str, shown: str, mapping_of_mappings: bool) -> tuple[dict, list[Problem]]:
    """What a words file says, by its text: parsed again only when the text changes."""
    problems: list[Problem] = []
    return _table(text, shown, problems, mapping_of_mappings), problems


def _table(text: str, shown: str, problems: list, mapping_of_mappings: bool) -> dict:
    loaded, found = load_text(text, shown)
    problems += found
    data = loaded.data if loaded else None
    if not isinstance(data, dict):
        if loaded is not None:
            problems.append(Problem(shown, 1, 1, "expected a mapping of `key: value` lines", ERROR, "strings"))
        return {}
    if not mapping_of_mappings:  # a locale file: its settings, and where each one is
        return {**data, "_lines": {key: loaded.where((key,)) for key in data}}
    table = {}
    for key, entry in data.items():
        line, col = loaded.where((key,))
        if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
            problems.append(Problem(shown, line, col, f"'{key}' should map each language to its text; expected e.g. `{key}: {{vi: ..., en: ...}}`", ERROR, "strings"))
            continue
        table[str(key)] = {**entry, "_line": line}
    return table
