"""Level 2: the hook events on a real, validated MkDocs config (no full build)."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT, copy_project
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def configured(project):
    config = load_config(str(project / "mkdocs.yml"))
    return config.plugins.on_config(config)  # mkdocs-static-i18n first, then the hooks


def hooks_module():
    spec = importlib.util.spec_from_file_location("site_hooks_under_test", ROOT / "hooks" / "site_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_on_config_writes_generated_pages_and_expands_the_nav(project):
    config = configured(project)
    assert (project / "content" / "vi" / "areas" / "asean-2021" / "pa-3.md").is_file()
    assert (project / "content" / "en" / "timeline.md").is_file()
    section = next(entry for entry in config.nav if "Lĩnh vực ưu tiên" in entry)["Lĩnh vực ưu tiên"]
    assert section[0] == "areas/index.md" and "areas/asean-2021/pa-5.md" in section
    assert config.mdx_configs["toc"]["slugify"]("Đà Nẵng") == "da-nang"


def test_on_config_stops_on_invalid_plans_before_writing(project):
    (project / "plans" / "bad.yml").write_text("documents:\n  - id: X\n", encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"))
    with pytest.raises(PluginError, match=r"plans/bad.yml:2:5: error: document is missing the required field 'kind'"):
        config.plugins.on_config(config)
    assert not list((project / "content" / "vi").rglob("pa-*.md"))


def test_on_page_markdown_fills_markers_and_adds_tooltips(project):
    config = configured(project)
    hooks = hooks_module()
    hooks.on_config(config)
    file = File("vi/decision-896.md", str(project / "content"), config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.read_source(config)
    markdown = hooks.on_page_markdown(page.markdown, page, config, None)
    assert "<!-- acs:" not in markdown
    assert "{ #task-7 .acs-item }" in markdown
    assert "\n*[" in markdown  # glossary abbreviations for tooltips


def test_unknown_marker_is_a_clean_build_error(project):
    config = configured(project)
    hooks = hooks_module()
    hooks.on_config(config)
    (project / "content" / "vi" / "extra.md").write_text("# X\n\n<!-- acs:nonsense -->\n", encoding="utf-8")
    file = File("vi/extra.md", str(project / "content"), config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.read_source(config)
    with pytest.raises(PluginError, match="content/vi/extra.md: unknown marker 'acs:nonsense'"):
        hooks.on_page_markdown(page.markdown, page, config, None)
