"""One build run of the hooks, from the outermost `on_config` to `on_shutdown`: prepare and
stage once, hold the checkout's lock, finish the site, put it in place. MkDocs loads the hooks
file once per process (`mkdocs serve` rebuilds reuse it), so a Run is reset when an outermost
build starts. Under `mkdocs serve`, a save that breaks the input keeps the last good pages on
show, each with the problems on top, instead of leaving every request waiting."""

from __future__ import annotations

import functools
import gc
from pathlib import Path

from acsdocs import build as core
from acsdocs import verdict
from acsdocs.compiled import Shared
from acsdocs.lock import BuildLock
from acsdocs.problems import InputError, Problem, display, fails
from acsdocs.scan import Recorder, save_all, scanner_for
from mkdocs.exceptions import PluginError

from . import config as adapter
from . import publish
from .serve import Preview

INVALID = "Invalid input; nothing was published."  # site/ is left as it was


class Run:
    def __init__(self, log):
        self.log, self.command, self.depth = log, None, 0
        self.preview, self.lock, self.held = Preview(), BuildLock(), adapter.Held()
        self.compiled = Shared()  # each language's theme environment reuses the templates another compiled
        self.reset()

    def reset(self) -> None:
        self.state = self.site_dir = self.broken = None
        self.ok = self.links_reported = False
        self.kept: dict = {}  # the default language's 404 page, while the others build
        self.held.release(show=False)  # a build that failed before its link check
        # `mkdocs build` converts each page once: the core's link check reads MkDocs' conversions
        self.recorder = Recorder() if self.command == "build" else None
        self.pages: list = []  # the pages MkDocs built (`mkdocs build`), to let go of before the search indexer starts

    def passes(self, record) -> bool:
        """Whether one of MkDocs' link or nav messages is said now (adapter.KnownToTheCore)."""
        return not self.links_reported and not self.held.keeps(record)

    def begin(self, config) -> None:
        self.lock.release()  # a previous build in this process that ended without saying so
        self.reset()
        self.preview.later.stop()  # an index of the previous save would land in the folder this build empties
        settings = adapter.settings(config, Path(config.docs_dir))
        try:
            self.state = core.prepare(settings, links_later=self.recorder is not None)
            self.lock.acquire(settings.root, self.log.info)  # the stage and site/ are this build's alone from here
            site_dir = publish.writable(Path(config.site_dir), self.command != "serve")
        except (InputError, BuildLock.Busy, OSError) as exc:  # through this logger: MkDocs' own drops a message already shown (serve)
            self.log.error(f"{INVALID}\n{exc}" if isinstance(exc, InputError) else f"Nothing was built: {exc}")
            if not (isinstance(exc, InputError) and self.command == "serve" and self.preview.last_good):
                raise PluginError("Nothing was built (see above).") from None
            self.state, site_dir, self.broken = self.preview.last_good, None, str(exc)
            self.lock.acquire(self.state.settings.root, self.log.info)
        self.links_reported = adapter.hand_over(config, self.state, self.log)
        if self.recorder is not None:
            self.held.hold()
        if site_dir is not None:  # `mkdocs build`: into a folder beside site/, which replaces it at the end
            self.site_dir, config.site_dir = Path(config.site_dir), str(site_dir)

    def record(self, page) -> None:
        """The ids and links of the page MkDocs has just converted, for the core's link check."""
        scan = self.recorder.take() if self.recorder is not None else None
        if scan is not None:
            scanner_for(self.state.settings).record(page.markdown, scan)
            self.pages.append(page)

    def check_links(self) -> None:
        """The core's link check over every language's pages, from MkDocs' conversions."""
        if self.recorder is None:
            return
        scanner = scanner_for(self.state.settings)
        before = scanner.converted
        problems = verdict.page_links(self.state.settings, self.state)
        self.log.debug(f"Link check: {scanner.converted - before} page(s) converted again, the others as MkDocs converted them")
        save_all()
        self.links_reported = any(p.code == "link" for p in problems) or self.links_reported
        self.held.release(show=not self.links_reported)
        if fails(problems, self.state.settings.strict):
            self.log.error(f"{INVALID}\n{InputError(problems)}")
            raise PluginError("Nothing was published (see above).")
        for problem in sorted(display(problems), key=Problem.key):
            self.log.warning(str(problem))

    def finish(self, config) -> None:
        self.check_links()
        try:
            later = self.preview.later if self.command == "serve" else None
            release = functools.partial(publish.release, self.pages, config, self.state) if self.recorder is not None else None
            publish.finish(self.state, Path(config.site_dir), config, self.log, later, release)
        except (RuntimeError, OSError, ValueError) as exc:  # a clean failure, site/ kept
            raise PluginError(f"The site could not be finished: {exc}") from None
        self.end(ok=True)

    def end(self, ok: bool) -> None:
        self.ok = ok
        good = self.state if ok and not self.broken and self.command == "serve" else None
        self.preview.done(ok=ok, state=good)  # serve keeps the last good build's
        gc.unfreeze()  # let the collector have this build's objects again
        if self.command == "serve":
            self.lock.release()  # `mkdocs build` releases it at shutdown, once site/ is replaced

    def shutdown(self) -> None:
        """`mkdocs build` ends here: the new site replaces the old one only if it all built."""
        try:
            if self.site_dir is not None:
                publish.replace_site(self.site_dir, self.ok, self.log)
        finally:
            self.lock.release()
