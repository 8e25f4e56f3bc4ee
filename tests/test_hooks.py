"""Level 2: the hook events on a real, validated MkDocs config (no full build)."""

from __future__ import annotations

import pytest
from conftest import mini_project
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError


def configured(project):
    config = load_config(str(project / "mkdocs.yml"))
    return config.plugins.on_config(config)  # mkdocs-static-i18n first, then the hooks


def test_on_config_stages_pages_outside_content_and_expands_the_nav(tmp_path):
    project = mini_project(tmp_path / "p")
    config = configured(project)
    stage = project / ".cache" / "stage"
    assert config.docs_dir == str(stage)
    assert (stage / "vi" / "areas" / "decl" / "pa-1.md").is_file() and (stage / "en" / "timeline.md").is_file()
    assert "<!-- acs:" not in (stage / "vi" / "dec.md").read_text(encoding="utf-8")  # markers filled
    assert sorted(p.relative_to(project / "content").as_posix() for p in (project / "content").rglob("*.md")) == [
        "en/dec.md", "en/index.md", "en/sources.md", "vi/dec.md", "vi/index.md", "vi/sources.md"]
    assert config.mdx_configs["toc"]["slugify"]("Đà Nẵng") == "da-nang"


def test_nav_entries_of_generated_sections_are_expanded(tmp_path):
    project = mini_project(tmp_path / "p")
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8") + "nav:\n  - index.md\n  - Areas: areas/index.md\n", encoding="utf-8")
    config = configured(project)
    assert config.nav[1] == {"Areas": ["areas/index.md", "areas/decl/pa-1.md", "areas/decl/pa-2.md"]}


def test_on_config_stops_on_invalid_input_before_writing(tmp_path, caplog):
    project = mini_project(tmp_path / "p")
    (project / "plans" / "bad.yml").write_text("documents:\n  - id: X\n", encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"))
    with pytest.raises(PluginError, match="Nothing was built"):
        config.plugins.on_config(config)
    assert "plans/bad.yml:2:5: error: document is missing the required field 'kind'" in caplog.text
    assert not (project / ".cache").exists()
