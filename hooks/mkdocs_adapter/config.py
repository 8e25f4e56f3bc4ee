"""The core's Settings from MkDocs' validated config, and the logging filter that keeps
MkDocs' own link and nav checks from repeating what the core has already reported."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from acsdocs import build
from acsdocs.problems import Problem, display
from acsdocs.settings import Settings, field_of, from_languages

CHECKED_BY_THE_CORE = ("mkdocs.structure.pages", "mkdocs.structure.nav")


def settings(config, docs_dir: Path) -> Settings:
    """Languages, paths, each language's nav, theme folders, validation levels, Markdown setup."""
    root = Path(config.config_file_path).resolve().parent
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n else [{"locale": config.theme["language"], "default": True}]
    base_nav = i18n.original_configs.get("nav", config.nav) if i18n else config.nav  # before the plugin gave a language its own
    navs = {field_of(e, "locale"): field_of(e, "nav") if field_of(e, "nav") is not None else base_nav for e in languages}
    validation = {f"{group}.{key}": level for group in ("nav", "links") for key, level in config.validation[group].items()}
    extensions = [e for e in config.markdown_extensions if isinstance(e, str)]  # not the hooks' own Recorder
    return from_languages(root, languages, docs_dir.resolve().relative_to(root).as_posix(), bool(config.strict), config.extra.get("edit_base"),
                          config.use_directory_urls, extensions, site_url=config.site_url, navs=navs, theme_dirs=tuple(Path(d).resolve() for d in config.theme.dirs),
                          validation=validation, markdown=(tuple(extensions), dict(config.mdx_configs or {})))


class KnownToTheCore(logging.Filter):
    """When the core has reported link or nav problems and the build goes on (not --strict),
    MkDocs' checks would repeat them without a place: drop those. When the core reported
    none, MkDocs' messages pass, so anything the core missed still shows and fails --strict.
    While the core's link check waits for MkDocs' conversions, MkDocs' page messages are held
    (``Held``) until it has decided."""

    def __init__(self, passes):
        super().__init__()
        self.passes = passes  # a function of the record: does it pass now?

    def filter(self, record):
        return self.passes(record)


class Held:
    """MkDocs' page messages held back until the core's link check has decided."""

    def __init__(self):
        self.records: list | None = None

    def hold(self) -> None:
        self.records = []

    def keeps(self, record) -> bool:
        if self.records is not None and record.name == CHECKED_BY_THE_CORE[0]:
            self.records.append(record)
            return True
        return False

    def release(self, show: bool) -> None:
        """``show``: the core found nothing: MkDocs' messages are said after all."""
        records, self.records = self.records or [], None
        for record in records if show else ():
            logging.getLogger(record.name).handle(record)


def hand_over(config, state, log) -> bool:
    """Stage the pages, say the warnings, point MkDocs at the stage; whether links were reported."""
    build.stage(state, state.settings.stage)
    gc.freeze()  # the config, theme and state live as long as the build: spare the collector
    for problem in sorted(display(state.warnings), key=Problem.key):
        log.warning(str(problem))
    config.docs_dir, config.extra["default_language"] = str(state.settings.stage), state.settings.default
    return any(p.code in ("link", "nav") for p in state.warnings)


def install_filter(passes) -> None:
    for logger in (logging.getLogger(name) for name in CHECKED_BY_THE_CORE):
        for old in [f for f in logger.filters if type(f).__name__ == KnownToTheCore.__name__]:
            logger.removeFilter(old)  # a previous load of the hooks in the same process
        logger.addFilter(KnownToTheCore(passes))

