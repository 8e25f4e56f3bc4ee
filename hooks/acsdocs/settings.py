"""The site's settings, read from mkdocs.yml: languages, default language and paths.

Nothing in the core names a language: every function that needs the languages takes a
``Settings``. The hooks build one from MkDocs' validated config; the command line reads
mkdocs.yml itself (without importing MkDocs), so both see the same languages."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import owner
from .problems import Problem

CORE = Path(__file__).resolve().parent
# Markdown extensions the generated pages are written for (ids, notes, folded details, tables…).
NEEDED_EXTENSIONS = ("abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details")


@dataclass(frozen=True)
class Settings:
    root: Path
    langs: tuple[str, ...]  # every configured language, the default first
    names: dict = field(default_factory=dict, compare=False, hash=False)  # lang -> its own name
    docs_dir: str = "content"
    strict: bool = False
    edit_base: str = ""  # where "suggest an edit" links point (extra.edit_base in mkdocs.yml)
    problems: tuple = field(default=(), compare=False, hash=False)  # what mkdocs.yml says that cannot be used
    # What the build's own checks read (acsdocs.links): each language's `nav:` (None: every page),
    # the theme's folders (custom_dir first), MkDocs' validation levels, the Markdown setup.
    navs: dict = field(default_factory=dict, compare=False, hash=False)
    theme_dirs: tuple = field(default=(), compare=False, hash=False)
    validation: dict = field(default_factory=dict, compare=False, hash=False)
    markdown: tuple = field(default=((), {}), compare=False, hash=False)  # (extensions, their configs)

    def checks_key(self) -> str:
        """What the fields above say, for caches keyed by the settings."""
        return repr((self.navs, self.theme_dirs, sorted(self.validation.items()), self.markdown))

    @property
    def default(self) -> str:
        return self.langs[0]

    @property
    def content(self) -> Path:
        return self.root / self.docs_dir

    @property
    def plans(self) -> Path:
        return self.root / "plans"

    @property
    def schema(self) -> Path:
        return self.root / "schema" / "plans.schema.json"

    @property
    def templates(self) -> Path:
        """The site's own copy of the templates (a fork edits them), else the core's."""
        return self._own("templates")

    @property
    def locales(self) -> Path:
        return self._own("locales")

    def _own(self, name: str) -> Path:
        own = self.root / "hooks" / "acsdocs" / name
        return own if own.is_dir() else CORE / name

    @property
    def stage(self) -> Path:
        """Where the build reads its pages from: content/ plus the generated pages."""
        return self.root / ".cache" / "stage"

    def lang_dir(self, lang: str) -> str:
        """The folder of a language in the built site, relative to its root ('' for the default)."""
        return "" if lang == self.default else lang

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project root when inside it."""
        try:  # absolute, not resolved: a broken link is shown under its own name
            return Path(os.path.abspath(path)).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def from_languages(root: Path, languages: list, docs_dir: str = "content", strict: bool = False, edit_base: str = "", directory_urls=True,
                   extensions=NEEDED_EXTENSIONS, site_url=None, **checks) -> Settings:
    """Settings from the i18n plugin's ``languages`` list (mappings or config objects with
    ``locale``, ``name``, ``default``); the default language first, then the file's order."""
    entries = [(field_of(e, "locale"), field_of(e, "name"), bool(field_of(e, "default"))) for e in languages]
    entries.sort(key=lambda e: not e[2])
    problems = tuple(config_problems(Path(root), [e[0] for e in entries if e[2]], edit_base, directory_urls, extensions)
                     + owner.problems(Path(root), tuple(e[0] for e in entries)) + publish_problems(Path(root), site_url))
    return Settings(Path(root), tuple(e[0] for e in entries), {e[0]: e[1] or e[0] for e in entries},
                    docs_dir=docs_dir, strict=strict, edit_base=edit_base if isinstance(edit_base, str) else "", problems=problems, **checks)


def config_problems(root: Path, defaults: list, edit_base, directory_urls=True, extensions=NEEDED_EXTENSIONS) -> list[Problem]:
    """What mkdocs.yml says that the hooks cannot use, each at its line in mkdocs.yml."""
    problems = []
    names = [next(iter(e)) if isinstance(e, dict) and e else e for e in extensions or ()]
    missing = [name for name in NEEDED_EXTENSIONS if name not in names]
    if missing:
        problems.append(Problem("mkdocs.yml", *line_of(root / "mkdocs.yml", "markdown_extensions:"), f"markdown_extensions lacks {', '.join(missing)}, which the generated pages are written for; add `- {missing[0]}`", code="config"))
    if directory_urls is not True:
        problems.append(Problem("mkdocs.yml", *line_of(root / "mkdocs.yml", "use_directory_urls:"), "use_directory_urls must stay true: the pages link to each other as folders (decision-896/); remove the line", code="config"))
    if len(defaults) != 1:
        problems.append(Problem("mkdocs.yml", *line_of(root / "mkdocs.yml", "default:"), f"exactly one language of the i18n plugin's `languages:` needs `default: true`; found {len(defaults)}{': ' if defaults else ''}{', '.join(map(str, defaults))}", code="config"))
    if edit_base not in (None, "") and not (isinstance(edit_base, str) and edit_base.startswith("https://")):
        problems.append(Problem("mkdocs.yml", *line_of(root / "mkdocs.yml", "edit_base:"), f"extra.edit_base should be the https:// address that a page's path is added to, e.g. https://github.com/<owner>/<repo>/edit/main/; got {edit_base!r}", code="config"))
    return problems


def publish_problems(root: Path, site_url) -> list[Problem]:
    """A build for publishing (ACSDOCS_PUBLISH=1, set by the Pages workflow) needs the site's real
    address: feeds, calendars, linked data and the sitemap would otherwise name this machine."""
    host = re.sub(r"^[a-z]+://", "", str(site_url or "")).split("/")[0].split(":")[0]
    if os.environ.get("ACSDOCS_PUBLISH") and host in ("", "127.0.0.1", "localhost"):
        return [Problem("mkdocs.yml", *line_of(root / "mkdocs.yml", "site_url:"), f"a build for publishing needs the site's address, but site_url is {site_url!r}; set SITE_URL (the Pages workflow sets it from the Pages settings)", code="config")]
    return []


def line_of(path: Path, key: str) -> tuple[int, int]:
    """Line and column of the first `key` in a YAML file (1:1 when it cannot be read)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    pattern = re.compile(r"(?<![\w-])" + re.escape(key))  # 'default:', not 'fallback_to_default:'
    found = ((n, pattern.search(line.split(" #")[0])) for n, line in enumerate(lines, 1))
    return next(((n, match.start() + 1) for n, match in found if match), (1, 1))


def field_of(entry, key):
    return entry.get(key) if isinstance(entry, dict) else getattr(entry, key, None)
