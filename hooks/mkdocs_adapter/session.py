"""One build run of the hooks, from the outermost `on_config` to `on_shutdown`: prepare and
stage once, hold the checkout's lock, finish the site, put it in place. MkDocs loads the hooks
file once per process (`mkdocs serve` rebuilds reuse it), so a Run is reset when an outermost
build starts. Under `mkdocs serve`, a save that breaks the input keeps the last good pages on
show, each with the problems on top, instead of leaving every request waiting."""

from __future__ import annotations

import gc
from pathlib import Path

from acsdocs import build as core
from acsdocs.lock import BuildLock
from acsdocs.problems import InputError
from mkdocs.exceptions import PluginError

from . import config as adapter
from . import publish
from .serve import Preview


class Run:
    def __init__(self, log):
        self.log, self.command, self.depth = log, None, 0
        self.preview, self.lock = Preview(), BuildLock()
        self.reset()

    def reset(self) -> None:
        self.state = self.site_dir = self.broken = None
        self.ok = self.links_reported = False
        self.kept: dict = {}  # the default language's 404 page, while the others build

    def begin(self, config) -> None:
        self.lock.release()  # a previous build in this process that ended without saying so
        self.reset()
        self.preview.later.stop()  # an index of the previous save would land in the folder this build empties
        settings = adapter.settings(config, Path(config.docs_dir))
        try:
            self.state = core.prepare(settings)
            self.lock.acquire(settings.root, self.log.info)  # the stage and site/ are this build's alone from here
            site_dir = publish.writable(Path(config.site_dir), self.command != "serve")
        except (InputError, BuildLock.Busy, OSError) as exc:  # through this logger: MkDocs' own drops a message already shown (serve)
            self.log.error(f"Invalid input; nothing was built.\n{exc}" if isinstance(exc, InputError) else f"Nothing was built: {exc}")
            if not (isinstance(exc, InputError) and self.command == "serve" and self.preview.last_good):
                raise PluginError("Nothing was built (see above).") from None
            self.state, site_dir, self.broken = self.preview.last_good, None, str(exc)
            self.lock.acquire(self.state.settings.root, self.log.info)
        self.links_reported = adapter.hand_over(config, self.state, self.log)
        if site_dir is not None:  # `mkdocs build`: into a folder beside site/, which replaces it at the end
            self.site_dir, config.site_dir = Path(config.site_dir), str(site_dir)

    def finish(self, config) -> None:
        try:
            later = self.preview.later if self.command == "serve" else None
            publish.finish(self.state, Path(config.site_dir), config, self.log, later)
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
