"""The end of a build: data files, redirects, linked data and the search index written into
the built site; each language's 404 page kept; and, for `mkdocs build`, the new site put in
place of site/ only when everything built."""

from __future__ import annotations

import os
import resource
import shutil
import time
from pathlib import Path

from acsdocs import export, linked, search


def finish(state, site_dir: Path, config, log, later=None) -> None:
    """Everything the hooks add to the built site; ``later``: the serve preview's index."""
    export.export_data(state, site_dir)
    export.write_redirects(state, site_dir)
    linked.publish(state, site_dir, config)
    keep = bool(os.environ.get("ACSDOCS_KEEP_MATERIAL_INDEX"))  # scripts/search_benchmark.py measures it
    langs, default = list(state.settings.langs), state.settings.default
    syllables = [lang for lang in langs if state.words.syllables(lang)]
    if later is not None:  # the pages are served now; their search index follows
        later.start(site_dir, state.settings.root / ".cache" / "preview-search", langs, default, log.error, syllables)
        return
    cpu = cpu_seconds()
    counts = search.finish(site_dir, langs, default, keep_source=keep, syllables=syllables)
    sections = ", ".join(f"{lang} {n['sections']}" for lang, n in counts.items())
    log.info(f"Search index (Pagefind): sections {sections}; {cpu_seconds() - cpu:.2f} s CPU")  # scripts/benchmark.py reads it


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the search indexer)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def keep_404(site_dir: Path, lang: str, default: str, kept: dict) -> None:
    """Each language keeps its own 404 page: a nested build writes its 404.html over the
    default language's one at the site root; move it to /<lang>/ and restore the root's."""
    page = site_dir / "404.html"
    if not page.is_file():
        return
    if lang == default:
        kept["404"] = page.read_bytes()
    elif kept.get("404") is not None:
        (page.parent / lang).mkdir(exist_ok=True)
        page.replace(page.parent / lang / "404.html")
        page.write_bytes(kept["404"])


def building(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.building"


def replace_site(final: Path, ok: bool, log) -> None:
    """The new site replaces the old one only if it all built."""
    partial = building(final)
    if not ok:
        shutil.rmtree(partial, ignore_errors=True)
        log.error(f"The build failed; {final} was left as it was.")
        return
    old = final.parent / f".{final.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    shutil.rmtree(old, ignore_errors=True)
