"""Shared fixtures: the repository root, a copy of the mini plans, a built site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def mkdocs_build(project: Path, dest: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict` of ``project`` into ``dest``."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(dest), *extra],
        cwd=project, capture_output=True, text=True, env=environ, timeout=600,
    )


def copy_project(dest: Path) -> Path:
    """A copy of the repository's site sources (not its build output or tooling)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", ".generated.json")
    for name in ("mkdocs.yml", "content", "plans", "hooks", "overrides", "schema", "docs"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / name)
    # generated pages are rebuilt from plans/ by the build itself
    manifest = ROOT / "content" / ".generated.json"
    for page in json.loads(manifest.read_text()) if manifest.is_file() else []:
        (dest / "content" / page).unlink(missing_ok=True)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's site, built once per test session with a real strict build."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    dest = tmp_path_factory.mktemp("site")
    result = mkdocs_build(project, dest)
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture
def mini_plans(tmp_path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(FIXTURES / "mini" / "plans", folder)
    return folder


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
