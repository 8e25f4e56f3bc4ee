"""The end of a build: data files, redirects, linked data and the search index written into
the built site; each language's 404 page kept; and, for `mkdocs build`, the new site put in
place of site/ only when everything built."""

from __future__ import annotations

import gc
import os
import resource
import shutil
import time
from pathlib import Path

from acsdocs import build, export, linked, scan, search


def finish(state, site_dir: Path, config, log, later=None, release=None) -> None:
    """Everything the hooks add to the built site; ``later``: the serve preview's index;
    ``release``: called before the search indexer starts, to let go of what is no longer needed."""
    export.export_data(state, site_dir)
    export.write_redirects(state, site_dir)
    linked.publish(state, site_dir, config)
    keep = bool(os.environ.get("ACSDOCS_KEEP_MATERIAL_INDEX"))  # scripts/search_benchmark.py measures it
    langs, default = list(state.settings.langs), state.settings.default
    syllables = [lang for lang in langs if state.words.syllables(lang)]
    if later is not None:  # the pages are served now; their search index follows
        later.start(site_dir, state.settings.root / ".cache" / "preview-search", langs, default, log.error, syllables)
        return
    if release is not None:
        release()
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


def writable(site_dir: Path, build: bool) -> Path | None:
    """For `mkdocs build`, the folder it writes into (beside site/, emptied); raises OSError,
    with what to do, when the output cannot be written. None under `mkdocs serve`."""
    if not build:
        return None
    partial = building(site_dir)
    try:
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        (partial / ".write-test").write_bytes(b"")
        (partial / ".write-test").unlink()
        if site_dir.exists() and not os.access(site_dir.parent, os.W_OK):
            raise PermissionError(f"cannot replace {site_dir}")
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise OSError(f"the site cannot be written to {site_dir} ({exc.strerror or exc}); make its folder writable or build elsewhere with -d <folder>") from None
    return partial


def replace_site(final: Path, ok: bool, log) -> None:
    """The new site replaces the old one only if it all built; the old one stays whole otherwise.
    Raises Abort (a clean exit 1) when the replacement itself fails."""
    from mkdocs.exceptions import Abort

    partial, old = building(final), final.parent / f".{final.name}.old"
    if not ok:
        shutil.rmtree(partial, ignore_errors=True)
        log.error(f"The build failed; {final} was left as it was.")
        return
    try:
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        partial.rename(final)
    except OSError as exc:
        if old.exists() and not final.exists():
            old.rename(final)  # the last good site back in place
        shutil.rmtree(partial, ignore_errors=True)
        raise Abort(f"The new site could not replace {final} ({exc.strerror or exc}); {final} was left as it was. Make its folder writable and build again.") from None
    shutil.rmtree(old, ignore_errors=True)


def release(pages: list, config, state) -> None:
    """Before the search step: let go of the built pages' Markdown and HTML, Material's section
    index (written already), the link check's scans and the hooks' own texts and model, for the
    search records to reuse; the search step gives the memory back to the system before Pagefind's
    indexer (a child process about as large as the site's text) builds the index
    (acsdocs.pagefind_service.write_index), so that the two processes' peaks do not add up."""
    for page in pages:
        page.markdown = page.content = None
    pages.clear()
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index"):  # Material's search plugin
            plugin.search_index = plugin.search_index_prev = None
        if isinstance(getattr(plugin, "search_entries", None), list):  # mkdocs-static-i18n's copy of every language's
            plugin.search_entries.clear()
    scan.forget()
    build.forget(state)
    gc.unfreeze()  # frozen (mkdocs_adapter.config.hand_over), the model's cycles would outlive the build
    gc.collect()
