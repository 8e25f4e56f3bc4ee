"""The data's part of a run, kept for the next one: the interface words, the plan files' model,
every generated page and what their checks found, under a digest of everything they are made
from. validate after an edit of a hand-written page then reads them instead of reading every
plan file and rendering every generated page again (at 10,000 activities that was 95% of it).

The digest covers every byte of every input (each file under plans/, the schema, the words,
the templates, the locales), the code of this package, the versions of Python and of the
libraries that read and render, mkdocs.yml's settings and the dates a page can depend on (the
build's date, the as-of date of the computed flag). Anything else changed: a miss, and the
data are read and rendered again, so a run decides exactly what it would have decided without
the memo. A damaged, unreadable or foreign file is a miss too.

The file is a pickle under the project's own `.cache/` (git-ignored, written by these hooks):
whoever can write there can already change the hooks themselves. No MkDocs here."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import computed
from .agencies import build_date
from .generated import generated_pages
from .load import load_folder
from .pages import ContentPage, fill
from .render import Renderer
from .scan import package_version, setup_key
from .words import load_words

NAME = "data.pickle"
FORMAT = 2  # raise when what is kept changes shape
CORE = Path(__file__).resolve().parent


@dataclass
class Data:
    words: object  # acsdocs.words.Words
    word_problems: list  # what reading the words found
    site: object  # acsdocs.model.Site
    site_problems: list  # what reading and checking the plan files found
    key: str  # the digest of the inputs they were made from
    generated: dict = field(default_factory=dict)  # lang -> {path: Markdown}; empty until rendered
    rendering_problems: list = field(default_factory=list)  # what the words met while rendering them
    filled: dict = field(default_factory=dict)  # (lang, path, text) of a hand-written page -> (filled text, problems)
    earlier: dict = field(default_factory=dict)  # ``filled`` of the run that saved these (not saved again)


def digest(settings) -> str:
    h = hashlib.sha256()
    for part in _environment(settings):
        h.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    for root in (CORE, settings.plans, settings.schema, settings.templates, settings.locales):
        for path in _files(root):
            h.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
            h.update(_content(path) + b"\0")
    return h.hexdigest()


def _environment(settings) -> list:
    """What else the data's pages can depend on: mkdocs.yml's settings (the Markdown setup with
    callables by name, as acsdocs.scan keys it), the code's versions, the dates."""
    versions = [package_version(name) for name in ("Jinja2", "MarkupSafe", "PyYAML", "Markdown", "pymdown-extensions")]
    read = (settings.root, settings.langs, sorted(settings.names.items()), settings.docs_dir, settings.edit_base,
            settings.problems, settings.navs, settings.theme_dirs, sorted(settings.validation.items()))
    as_of = [computed.as_of(where) for where in (settings.templates, CORE / "templates")]  # the site's copy, the renderer's
    return [FORMAT, sys.version, versions, read, setup_key(*settings.markdown), build_date(), as_of]


def _files(root: Path) -> list[Path]:
    if not root.is_dir():
        return [root]
    return sorted(p for p in root.rglob("*") if "__pycache__" not in p.parts and not p.is_dir())


def _content(path: Path) -> bytes:
    """A file's bytes as the loaders read them (a link: where it points and its target's bytes)."""
    parts = []
    try:
        if path.is_symlink():
            parts.append(b"L" + os.readlink(path).encode("utf-8", "surrogateescape"))
        parts.append(b"F" + path.read_bytes() if path.is_file() else b"N")
    except OSError as exc:  # unreadable: the loaders report it; its state still keys the memo
        parts.append(f"E{type(exc).__name__}".encode())
    return b"\0".join(parts)


def load(settings) -> Data:
    """The interface words and the plan files' model, with what their checks found; those of
    an earlier run with the same inputs (acsdocs.memo) come with its generated pages."""
    key = digest(settings)
    kept = recall(settings, key)
    if kept is not None:
        return kept
    words, word_problems = load_words(settings)
    site, site_problems = load_folder(settings.plans, settings)
    return Data(words, word_problems, site, site_problems, key)


def render_generated(settings, data: Data) -> None:
    """Every generated page of every language, kept (acsdocs.memo) for the next run."""
    data.generated = {lang: generated_pages(data.site, data.words, lang) for lang in settings.langs}
    data.rendering_problems = list(data.words.problems)
    keep(settings, data)


def filled(settings, data: Data, page: ContentPage) -> str:
    """A hand-written page with its markers filled: the same text with the same data (an
    earlier run's, acsdocs.memo) gives the same page and the same problems."""
    key = (page.lang, page.path, page.front + page.body)
    text, found = data.earlier.get(key) or (None, [])
    if text is None:
        before = len(data.words.problems)
        text = fill(page, Renderer(data.site, data.words, page.lang, page.path, settings.templates))
        found = data.words.problems[before:]
    else:
        data.words.problems += found
    data.filled[key] = (text, found)
    return text


_kept: dict = {}  # store path -> Data of this run, for ``save``


def recall(settings, key: str) -> Data | None:
    """The data of an earlier run with the same digest, else None."""
    try:
        with open(_store(settings), "rb") as f:
            if pickle.load(f) != key:  # the key first: another state's data are not read
                return None
            data = pickle.load(f)
    except Exception:  # noqa: BLE001 - missing, damaged, truncated, foreign: a miss, never a failure
        return None
    if not (isinstance(data, Data) and data.key == key and data.generated):
        return None
    data.words.problems[:] = data.rendering_problems  # as they were before any page was filled
    data.earlier, data.filled = data.filled, {}
    return data


def keep(settings, data: Data) -> None:
    """This run's data, for ``save`` (validate saves them; a build only reads them)."""
    _kept.clear()
    _kept[_store(settings)] = data


def forget() -> None:
    _kept.clear()


def save() -> None:
    """What ``keep`` was given, written whole or not at all (a folder that cannot take it is skipped)."""
    for store, value in _kept.items():
        out = None
        try:
            store.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=store.parent, prefix=".data.", delete=False) as out:
                pickle.dump(value.key, out, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(replace(value, earlier={}), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(out.name, store)
        except (OSError, pickle.PicklingError, RecursionError):
            if out is not None:
                Path(out.name).unlink(missing_ok=True)
    _kept.clear()


def _store(settings) -> Path:
    return settings.stage.parent / NAME
