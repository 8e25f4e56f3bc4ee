"""The attributes of MkDocs, Material, mkdocs-static-i18n and Jinja that hooks/mkdocs_adapter/
relies on beyond the documented events. A release that renames or drops one fails here, by
name, instead of breaking the preview or the settings in a way no other test pins down."""

from __future__ import annotations

import inspect

import jinja2
import pytest
from acsdocs.mkdocsyml import VALIDATION
from conftest import mini_project
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_static_i18n.plugin import I18n


def test_page_render_sets_what_the_preview_keeps():
    """mkdocs_adapter/serve.py keeps and restores these after Page.render."""
    assert list(inspect.signature(Page.render).parameters) == ["self", "config", "files"]
    source = inspect.getsource(Page.render)
    for name in ("self.content", "self.toc", "self._title_from_render", "self.present_anchor_ids", "self.links_to_anchors"):
        assert name in source, name
    assert "self._title_from_render" in inspect.getsource(Page)  # where the title comes from after render
    assert callable(Files.get_file_from_path) and callable(Files.documentation_pages)


def test_material_search_index_is_extended_as_the_preview_expects():
    assert "self.search_index = SearchIndex(" in inspect.getsource(SearchPlugin.on_config)
    assert list(inspect.signature(SearchIndex.add_entry_from_context).parameters) == ["self", "page"]
    assert "self.entries" in inspect.getsource(SearchIndex.__init__)


def test_jinja_get_template_keeps_its_signature():
    assert list(inspect.signature(jinja2.Environment.get_template).parameters)[:4] == ["self", "name", "parent", "globals"]


def test_i18n_keeps_the_original_nav():
    """mkdocs_adapter/config.py reads the nav from before the plugin gave a language its own."""
    assert "self.original_configs = {}" in inspect.getsource(type(I18n()).__mro__[1].__init__)


@pytest.fixture
def config(tmp_path):
    project = mini_project(tmp_path / "p")
    return load_config(str(project / "mkdocs.yml"))


def test_config_gives_what_the_settings_read(config):
    assert [str(d) for d in config.theme.dirs]
    assert config.plugins.get("i18n").config.languages[0].locale == "vi"
    for group, keys in VALIDATION.items():
        assert set(keys) <= set(config.validation[group]), group
    assert isinstance(config.mdx_configs, dict) and isinstance(config.markdown_extensions, list)
