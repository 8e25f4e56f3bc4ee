"""Shared fixtures: the repository root, small fixture sites, one build of the real site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from acsdocs.mkdocsyml import read_mkdocs_yml
from acsdocs.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
EPOCH = "1795389662"  # a fixed SOURCE_DATE_EPOCH: the same inputs give the same bytes
# Pages that depend on the build date (past-deadline marks) read it from here in every test.
os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # the tests are deterministic whatever the caller exports
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English", "th": "ภาษาไทย"}


def mkdocs_build(project: Path, dest: Path, *extra: str, env: dict | None = None, strict: bool = True) -> subprocess.CompletedProcess:
    """A real `mkdocs build` (strict unless told) of ``project`` into ``dest``, as a maintainer runs it."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks"), "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-f", str(project / "mkdocs.yml"), "-d", str(dest), *extra],
        cwd=project, capture_output=True, text=True, env=environ, timeout=600,
    )


def copy_project(dest: Path) -> Path:
    """A copy of the repository's site sources (not its build output or tooling)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", ".cache")
    for name in ("mkdocs.yml", "content", "plans", "hooks", "overrides", "schema", "docs"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def mini_project(dest: Path, langs: tuple = ("vi", "en")) -> Path:
    """The small fixture site (tests/fixtures/mini) in ``langs``, the first the default.
    Pages of a language the fixture has no folder for are copied from the last one."""
    shutil.copytree(FIXTURES / "mini", dest, ignore=shutil.ignore_patterns("mkdocs.yml"))
    shutil.copytree(ROOT / "schema", dest / "schema")
    for lang in langs:
        if not (dest / "content" / lang).is_dir():
            shutil.copytree(dest / "content" / "en", dest / "content" / lang)
    entries = ", ".join(f"{{locale: {lang}, name: {LANG_NAMES.get(lang, lang)}, build: true{', default: true' if i == 0 else ''}}}"
                        for i, lang in enumerate(langs))
    config = (FIXTURES / "mini" / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("@ROOT@", ROOT.as_posix()).replace("@LANGUAGES@", f"[{entries}]").replace("language: vi", f"language: {langs[0]}")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def settings_of(project: Path, strict: bool = False) -> Settings:
    settings, problems = read_mkdocs_yml(project / "mkdocs.yml")
    assert problems == [], problems
    return replace(settings, strict=strict)


@pytest.fixture
def mini(tmp_path) -> Path:
    """A fresh copy of the mini site (vi, en)."""
    return mini_project(tmp_path / "mini")


@pytest.fixture
def mini_settings(mini) -> Settings:
    return settings_of(mini)


@pytest.fixture
def mini_plans(mini) -> Path:
    return mini / "plans"


@pytest.fixture
def mini_site(mini_plans, mini_settings):
    """The mini fixture's model, loaded and checked (no problem)."""
    from acsdocs.load import load_folder
    site, problems = load_folder(mini_plans, mini_settings)
    assert problems == []
    return site


def once(tmp_path_factory, name: str, make) -> Path:
    """``make(folder)`` run once per test run, even when pytest-xdist runs the tests in several
    workers: the first worker to ask makes it in a folder they share; the others wait and reuse it."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent / "shared"
    shared.mkdir(exist_ok=True)
    done = shared / f"{name}.done"
    with FileLock(str(shared / f"{name}.lock")):
        if not done.exists():
            folder = shared / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            done.write_text(str(make(folder)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    return once(tmp_path_factory, "project", copy_project)


def _build_real_site(project: Path):
    def make(folder: Path) -> Path:
        result = mkdocs_build(project, folder / "site")
        assert result.returncode == 0, result.stderr
        return folder / "site"
    return make


@pytest.fixture(scope="session")
def built_site(built_project, tmp_path_factory) -> Path:
    """The repository's site, built once per test session with a real strict build."""
    return once(tmp_path_factory, "built", _build_real_site(built_project))


SUB_PATH = "/asean-site/"
REDIRECTS = """redirects:
  - from: tuyen-bo-2021
    to: declaration-2021
  - from: decision-896#nhiem-vu-7
    to: decision-896#task-7
"""


def _build_variant(folder: Path) -> Path:
    project = copy_project(folder / "project")
    example = (ROOT / "docs" / "examples" / "local-plan.yml").read_text(encoding="utf-8")
    (project / "plans" / "my-province.yml").write_text(example.replace("../../schema/", "../schema/"), encoding="utf-8")
    (project / "plans" / "renamed.yml").write_text(REDIRECTS, encoding="utf-8")
    result = mkdocs_build(project, folder / "site", env={"SITE_URL": f"https://example.github.io{SUB_PATH}"})
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


@pytest.fixture(scope="session")
def variant_site(tmp_path_factory) -> Path:
    """The real site as a fork publishes it: the worked example of a local plan added, two
    renamed addresses, and a GitHub project page under a sub-path. One build serves the
    fork, redirect and project-page tests."""
    return once(tmp_path_factory, "variant", _build_variant)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright (never a downloaded browser)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from browser import CHROMIUM, CHROMIUM_ARGS

    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def base_url(built_site):
    """The built site served on 127.0.0.1."""
    from browser import serve

    with serve(built_site) as url:
        yield url
