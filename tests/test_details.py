"""Reader and publisher details (issue 24), without a browser: edit links to the file each page
is made from, phone-card cells, lead agencies on area pages, the citation of a whole document
and its date styles, the site owner's block, and a document's official text, sector and scope."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from acsdocs import cite, facts, layout, linked, owner
from acsdocs.generated import generated_pages
from acsdocs.load import load_folder
from acsdocs.render import Renderer, environment
from acsdocs.words import load_words
from conftest import ROOT, copy_project, mini_project, mkdocs_build, once, settings_of

SETTINGS = settings_of(ROOT)
EDIT_BASE = "https://github.com/acme/asean-site/edit/main/"
EDIT_LINK = re.compile(r'<a class="acs-edit" href="([^"]+)" rel="nofollow">')


@pytest.fixture(scope="module")
def site():
    loaded, problems = load_folder(ROOT / "plans", SETTINGS)
    assert not [p for p in problems if p.severity == "error"]
    return loaded


# -- edit links ----------------------------------------------------------------------

def _build_with_edit_base(folder: Path) -> Path:
    project = copy_project(folder / "project")
    result = mkdocs_build(project, folder / "site", env={"EDIT_BASE": EDIT_BASE})
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


@pytest.fixture(scope="session")
def edit_site(tmp_path_factory) -> Path:
    """The real site built as the Pages workflow builds it: with EDIT_BASE."""
    return once(tmp_path_factory, "edit-site", _build_with_edit_base)


def reader_pages(site: Path) -> list[Path]:
    """Every page built from a file: not the 404 pages (the theme's) nor redirect stubs."""
    return [p for p in sorted(site.rglob("*.html"))
            if p.name != "404.html" and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000]]


def test_every_page_has_one_edit_link_to_the_file_it_was_made_from(edit_site):
    project = edit_site.parent / "project"
    langs = ("vi", "en")
    checked = 0
    for page in reader_pages(edit_site):
        text = page.read_text(encoding="utf-8")
        rel = page.parent.relative_to(edit_site).as_posix()
        lang = rel.split("/")[0] if rel.split("/")[0] in langs[1:] else langs[0]
        path = rel.removeprefix(lang).strip("/") if lang != langs[0] else ("" if rel == "." else rel)
        links = EDIT_LINK.findall(text)
        assert len(links) == 1, f"{rel}: {len(links)} edit links"
        target, _, line = links[0].removeprefix(EDIT_BASE).partition("#L")
        assert (project / target).is_file(), f"{rel}: {target}"
        markdown = f"content/{lang}/{path or 'index'}.md"
        if (project / markdown).is_file():  # hand-written: its own Markdown
            assert target == markdown and not line, rel
        else:  # generated: the plan file and the line of the record it comes from
            assert target.startswith("plans/") and line.isdigit(), f"{rel}: {links[0]}"
            record = (project / target).read_text(encoding="utf-8").splitlines()[int(line) - 1]
            assert re.match(r"\s*- (id|from|term): ", record), f"{rel}: line {line} is '{record}'"
            last = path.rsplit("/", 1)[-1]
            if path.count("/") >= 1 and last != "":  # a page of one record names it
                assert record.strip() == f"- id: {last}", f"{rel}: line {line} is '{record}'"
        checked += 1
    assert checked >= 70


@pytest.mark.parametrize("path,expected", [
    ("agencies/mofa.md", ("plans/agencies.yml", "- id: mofa")),
    ("areas/asean-2021/pa-2.md", ("plans/asean-2021.yml", "- id: pa-2")),
    ("plans/qd-896.md", ("plans/qd-896.yml", "- id: qd-896")),
    ("compare/qd-1439.md", ("plans/qd-1439.yml", "- id: qd-1439")),
    ("materials.md", ("plans/materials.yml", "- id: ")),
    ("agencies/index.md", ("plans/agencies.yml", "- id: moha")),
])
def test_a_generated_page_comes_from_its_record(site, path, expected):
    file, line = facts.generated_source(site, path)
    assert file == expected[0]
    assert (ROOT / file).read_text(encoding="utf-8").splitlines()[line - 1].strip().startswith(expected[1])


def test_edit_address_names_the_line_as_github_does():
    assert facts.edit_address("plans/agencies.yml", 12) == "plans/agencies.yml#L12"
    assert facts.edit_address("content/vi/index.md") == "content/vi/index.md"


def test_without_edit_base_no_page_has_or_mentions_an_edit_link(built_site):
    words = load_words(SETTINGS)[0]
    said = [words.get("edit_page", lang) for lang in SETTINGS.langs]
    for page in reader_pages(built_site):
        text = page.read_text(encoding="utf-8")
        assert "acs-edit" not in text and not any(s in text for s in said), page


# -- phone cards ---------------------------------------------------------------------

def test_each_named_cell_holds_its_content_in_one_element():
    table = ("<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n<th></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
             '<td>x <a href="#">y</a> (z)</td>\n<td align="right">1</td>\n<td>free</td>\n</tr>\n</tbody>\n</table>')
    out = layout.label_table_cells(table)
    assert '<td data-label="A"><div class="acs-cell">x <a href="#">y</a> (z)</div></td>' in out
    assert '<td data-label="B" align="right"><div class="acs-cell">1</div></td>' in out
    assert "<td>free</td>" in out  # a column without a name is left as it is
    narrow = table.replace("<th></th>\n", "").replace("<td>free</td>\n", "")
    assert layout.label_table_cells(narrow) == narrow  # two columns fit a phone


# -- lead agencies on area pages -------------------------------------------------------

@pytest.fixture(scope="module")
def words():
    loaded, problems = load_words(SETTINGS)
    assert not [p for p in problems if p.severity == "error"]
    return loaded


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_area_page_says_who_leads_each_item_and_activity(site, words, lang):
    page = generated_pages(site, words, lang)["areas/asean-2021/pa-2.md"]
    lead, unknown = words.get("lead", lang), words.get("responsible_not_stated", lang)
    national = page.split("{ #national }", 1)[1].split("\n## ", 1)[0]
    measures = [line for line in national.splitlines() if line.startswith("- [")]
    assert measures and all(unknown in line or f"{lead}: [" in line for line in measures)
    collected = page.split("{ #activities", 1)[1].split("\n## ", 1)[0]
    activities = [line for line in collected.splitlines() if line.startswith("- [")]
    assert activities and all(unknown in line or f"{lead}: [" in line for line in activities)
    forum = next(line for line in activities if "act-good-governance-forum-2022-08-04" in line)
    assert f"{lead}: [{site.agencies['moha']['name'][lang]}](../../agencies/moha.md)" in forum  # s004 names the chair
    assert page.split("{ #figures }")[0].count(unknown) == 1  # the area itself: no source names a lead


@pytest.mark.parametrize("record,expected", [
    ({"lead": "moha", "lead_role": {"vi": "Chủ tịch ACCSM 21"}}, "Chủ trì: [Bộ Nội vụ](agencies/moha.md) (Chủ tịch ACCSM 21)"),
    ({"lead": "moha", "coordinating": ["mofa", "ministries-sectors-localities"]},
     "Chủ trì: [Bộ Nội vụ](agencies/moha.md); {coordinating}: [Bộ Ngoại giao](agencies/mofa.md), [Các bộ, ngành, địa phương](agencies/ministries-sectors-localities.md)"),
    ({"coordinating": ["mofa"]}, "Chủ trì: {not_stated}; {coordinating}: [Bộ Ngoại giao](agencies/mofa.md)"),
    ({}, "{nobody}"),
])
def test_the_responsible_line_names_lead_and_coordinating_bodies(site, words, record, expected):
    r = Renderer(site, words, "vi", "index.md")
    template = environment(SETTINGS.templates).from_string('{% import "macros.md.j2" as m with context %}{{ m.responsible(rec) }}')
    text = template.render(r=r, site=site, lang="vi", langs=site.langs, _=r._, rec=record)
    assert text.strip() == expected.format(coordinating=words.get("coordinating", "vi").lower(), not_stated=words.get("not_stated", "vi").lower(),
                                           nobody=words.get("responsible_not_stated", "vi"))


# -- the citation of a whole document, and the date written out ---------------------------

def test_a_letter_writes_the_date_out(words):
    assert words.date("2022-11-15", "vi", written=True) == "15 tháng 11 năm 2022"
    assert words.date("2022-02-05", "vi", written=True) == "05 tháng 02 năm 2022"  # a zero before days under 10, January and February
    assert words.date("2022-03-05", "vi", written=True) == "05 tháng 3 năm 2022"
    assert words.date("2022-11", "vi", written=True) == words.date("2022-11", "vi")  # only a whole date is written out
    assert words.date("2022-11-15", "en", written=True) == words.date("2022-11-15", "en") == "15 November 2022"


@pytest.mark.parametrize("lang,expected", [
    ("vi", {"numeric": "Quyết định số 1439/QĐ-TTg ngày 29/10/2018 của Thủ tướng Chính phủ phê duyệt Đề án triển khai Tuyên bố ASEAN "
                       "về vai trò của nền công vụ làm chất xúc tác trong việc đạt được Tầm nhìn Cộng đồng ASEAN 2025",
            "written": "Quyết định số 1439/QĐ-TTg ngày 29 tháng 10 năm 2018 của Thủ tướng Chính phủ phê duyệt Đề án triển khai Tuyên bố ASEAN "
                       "về vai trò của nền công vụ làm chất xúc tác trong việc đạt được Tầm nhìn Cộng đồng ASEAN 2025"}),
    ("en", {"numeric": "Decision No. 1439/QĐ-TTg dated 29 October 2018 of the Prime Minister approving the Project to implement the "
                       "ASEAN Declaration on the Role of the Civil Service as a Catalyst for Achieving the ASEAN Community Vision 2025"}),
])
def test_a_document_is_cited_as_a_whole_as_its_first_mention(site, words, lang, expected):
    found = cite.document_citations(Renderer(site, words, lang), site.documents["qd-1439"])
    assert found["numeric"] == expected["numeric"]
    assert found["written"] == expected.get("written", expected["numeric"])


def test_the_attribute_block_carries_the_document_citation_and_its_details(site, words):
    doc = site.documents["qd-896"]
    text = Renderer(site, words, "vi", "decision-896.md").render("attributes.md.j2", doc=doc)
    block = re.search(r'<script type="application/json" class="acs-document-citation">(.*?)</script>', text)[1]
    assert json.loads(block)["written"].startswith("Quyết định số 896/QĐ-BNV ngày 15 tháng 11 năm 2022 của Bộ trưởng Bộ Nội vụ phê duyệt")
    assert f"| {words.get('sector', 'vi')} | Quản lý nhà nước về công vụ, công chức |" in text
    assert f"| {words.get('scope', 'vi')} | Công tác hợp tác quốc tế" in text
    assert f"| {words.get('official_text', 'vi')} | {words.get('official_text_missing', 'vi')} |" in text


def test_an_official_text_is_linked_and_named_in_the_linked_data(site, words):
    doc = dict(site.documents["qd-896"].data, official_text="https://vbpl.vn/bonoivu/Pages/vbpq-toanvan.aspx?ItemID=1")
    r = Renderer(site, words, "en", "decision-896.md")
    text = r.render("attributes.md.j2", doc=doc)
    assert f"| {words.get('official_text', 'en')} | [{words.get('official_text_open', 'en')}](https://vbpl.vn/bonoivu/Pages/vbpq-toanvan.aspx?ItemID=1) |" in text
    data = linked.official_details(r, doc, "https://example.org/site/")
    assert data["encoding"] == {"@type": "LegislationObject", "contentUrl": doc["official_text"],
                                "legislationLegalValue": "https://schema.org/OfficialLegalValue"}
    assert data["about"] == {"@type": "Thing", "name": "State management of the civil service and civil servants"}
    assert data["description"].startswith("Scope: The Ministry of Home Affairs' international cooperation")
    inside = linked.official_details(r, dict(doc, official_text="/files/qd-896.pdf"), "https://example.org/site/")
    assert inside["encoding"]["contentUrl"] == "https://example.org/site/files/qd-896.pdf"
    assert linked.official_details(r, site.documents["asean-2017"], "https://example.org/") == {}


# -- who runs the site ---------------------------------------------------------------------

OWNER = """  site_owner:
    name: {vi: "Sở Nội vụ tỉnh Mẫu", en: "Department of Home Affairs, Sample Province"}
    contact: {vi: "Phòng Cải cách hành chính, điện thoại 0200 000 000", en: "Administrative Reform Office, telephone 0200 000 000"}
    email: lienhe@example.gov.vn
    url: https://example.gov.vn/
"""


def with_owner(project: Path, block: str = OWNER) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('  edit_base: !ENV [EDIT_BASE, ""]\n', '  edit_base: !ENV [EDIT_BASE, ""]\n' + block, 1), encoding="utf-8")
    return project


def test_a_site_without_an_owner_block_is_fine(mini):
    assert owner.problems(mini, ("vi", "en")) == []
    assert owner.problems(ROOT, SETTINGS.langs) == []  # the repository's own block is a comment


@pytest.mark.parametrize("block,needle,expected", [
    (OWNER, "", None),
    (OWNER.replace("email: lienhe@example.gov.vn", "email: lienhe at example"), "email:",
     "12: error: extra.site_owner.email should be a mail address, e.g. lienhe@example.gov.vn"),
    (OWNER.replace("url: https://example.gov.vn/", "url: javascript:alert(1)"), "url:",
     "10: error: extra.site_owner.url should be the body's https:// address, e.g. https://example.gov.vn/"),
    (OWNER.replace(', en: "Department of Home Affairs, Sample Province"', ""), "name: {vi",
     "11: warning: extra.site_owner.name has no en text; add `en: ...` (readers see another language's until then)"),
    (OWNER.replace("    url:", "    adress: x\n    url:"), "adress:",
     "5: error: unknown key 'adress' in extra.site_owner; known: name, contact, email, url"),
    ("  site_owner: Sở Nội vụ\n", "site_owner:",
     "15: error: extra.site_owner should be a mapping with `name:` (and `contact:`, `email:`, `url:`); remove it if the site has no owner to name"),
])
def test_the_owner_block_is_checked_at_its_place(mini, block, needle, expected):
    with_owner(mini, block)
    found = [str(p) for p in owner.problems(mini, ("vi", "en"))]
    if expected is None:
        assert found == []
        return
    lines = (mini / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith(needle))
    assert found == [f"mkdocs.yml:{line}:{expected}"]


def test_the_footer_says_who_runs_the_site_and_how_to_reach_them(tmp_path):
    project = with_owner(mini_project(tmp_path / "owned"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    vi = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    en = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<p class="acs-owner">Cơ quan vận hành trang: <a href="https://example.gov.vn/">Sở Nội vụ tỉnh Mẫu</a>.</p>' in vi
    assert "Contact: Administrative Reform Office, telephone 0200 000 000 · <a href=\"mailto:lienhe@example.gov.vn\">lienhe@example.gov.vn</a>" in en
    assert "not published by any government body" not in en  # a body runs it: the notice says study material
    plain = (tmp_path / "plain")
    result = mkdocs_build(mini_project(plain), tmp_path / "plain-site")
    assert result.returncode == 0
    assert "acs-owner" not in (tmp_path / "plain-site" / "en" / "index.html").read_text(encoding="utf-8")


def test_the_i18n_plugin_gives_what_the_root_404_reads(mini):
    """overrides/404.html lists each language's main sections from the i18n plugin's languages."""
    from mkdocs.config import load_config
    config = load_config(str(mini / "mkdocs.yml"))
    languages = config.plugins.get("i18n").config.languages
    assert [entry.locale for entry in languages] == ["vi", "en"]
    assert all(hasattr(entry, "nav") and hasattr(entry, "site_name") for entry in languages)
