"""Issue 26: the issue form for training materials is written from the schema, the vocabulary
and mkdocs.yml's languages (`make material-form`); these tests fail when they drift apart."""

from __future__ import annotations

import json

import pytest
import yaml
from acsdocs import issueform
from acsdocs.load import load_folder
from acsdocs.problems import InputError
from conftest import ROOT, copy_project, settings_of

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "material.yml"


def _form() -> dict:
    return yaml.safe_load(FORM.read_text(encoding="utf-8"))


def test_the_committed_form_is_what_make_material_form_writes(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    settings = settings_of(ROOT)
    written = issueform.form_text(settings, issueform.address(settings, None, ROOT / "mkdocs.yml"))
    assert written == FORM.read_text(encoding="utf-8"), "the form is stale: run `make material-form` and commit it"


def test_the_form_offers_the_vocabulary_and_requires_what_the_schema_requires():
    settings = settings_of(ROOT)
    site, _ = load_folder(settings.plans, settings)
    fields = {e["id"]: e for e in _form()["body"] if e["type"] != "markdown"}
    options = [option.rsplit("(", 1)[1].rstrip(")") for option in fields["format"]["attributes"]["options"]]
    assert options == list(site.vocab["material_formats"])
    material = json.loads(settings.schema.read_text(encoding="utf-8"))["$defs"]["Material"]
    texts = {p for p, s in material["properties"].items() if s.get("$ref") == "#/$defs/Text"}
    expected = {f"{p}_{lang}" for p in texts for lang in settings.langs} | set(material["properties"]) - texts
    assert set(fields) == expected
    required = {f for f in fields if fields[f]["validations"]["required"]}
    wanted = {f"{p}_{lang}" if p in texts else p for p in material["required"] for lang in settings.langs} - {"id"}  # the id can be made
    assert required == wanted == {"title_vi", "title_en", "language", "format", "serves"}
    assert {"title_vi", "title_en", "url", "format", "serves", "language", "date", "sources"} <= set(fields)


def test_the_form_links_each_language_to_its_page_of_item_ids():
    description = next(e for e in _form()["body"] if e.get("id") == "serves")["attributes"]["description"]
    assert "/item-ids/)" in description and "/en/item-ids/)" in description
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("- item-ids.md") == 2  # in the menu of both languages


def test_a_new_format_reaches_the_form(tmp_path):
    project = copy_project(tmp_path / "project")
    vocabulary = project / "plans" / "vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace("  material_formats:\n", "  material_formats:\n    - id: video\n      label: {vi: Video, en: Video}\n"), encoding="utf-8")
    written = issueform.form_text(settings_of(project), "https://example.org/")
    assert "- Video / Video (video)" in written and written != FORM.read_text(encoding="utf-8")


def test_a_schema_property_without_words_fails(tmp_path):
    project = copy_project(tmp_path / "project")
    schema = project / "schema" / "plans.schema.json"
    data = json.loads(schema.read_text(encoding="utf-8"))
    data["$defs"]["Material"]["properties"]["isbn"] = {"type": "string"}
    schema.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="the schema's Material has 'isbn' but material_form.yml gives it no words"):
        issueform.form_text(settings_of(project), "https://example.org/")


@pytest.mark.parametrize("guide, heading", [("guide.md", "## Add training materials"), ("huong-dan.md", "## Thêm tài liệu bồi dưỡng")])
def test_the_guides_list_every_format_and_point_to_the_item_ids(guide, heading):
    settings = settings_of(ROOT)
    site, _ = load_folder(settings.plans, settings)
    section = (ROOT / "docs" / guide).read_text(encoding="utf-8").split(heading, 1)[1].split("\n## ", 1)[0]
    assert [f for f in site.vocab["material_formats"] if f"`{f}`" not in section] == []
    assert "`id`" in section and "/item-ids/" in section and "make material-form" in section
