"""Reading, printing and citing (issue 13): template whitespace, citations, page words.
Pure functions and templates, called directly (no MkDocs)."""

from __future__ import annotations

import re

import pytest
from acsdocs.generated import generated_pages
from acsdocs.load import load_folder
from acsdocs.render import Renderer
from acsdocs.words import load_words
from conftest import ROOT, settings_of

SETTINGS = settings_of(ROOT)
TEMPLATES = SETTINGS.templates


@pytest.fixture(scope="module")
def site():
    loaded, problems = load_folder(ROOT / "plans", SETTINGS)
    assert not [p for p in problems if p.severity == "error"]
    return loaded


@pytest.fixture(scope="module")
def words():
    loaded, problems = load_words(SETTINGS)
    assert not [p for p in problems if p.severity == "error"]
    return loaded


@pytest.fixture
def mini_words(mini_settings):
    return load_words(mini_settings)[0]


def render_items(site, words, lang, kind="task"):
    doc = site.documents["qd-896"]
    items = [i for i in doc["items"] if i["kind"] == kind]
    return Renderer(site, words, lang, "decision-896.md").render("items.md.j2", doc=doc, items=items, level=3)


# -- template whitespace -----------------------------------------------------------

def test_no_template_line_loses_its_line_break():
    """With trim_blocks, a block tag closing a line of output eats that line's newline, so the
    next line runs on ("Thời hạn: 2026 Phục vụ:"). Such a tag must be written `+%}`."""
    offenders = []
    for path in sorted(TEMPLATES.glob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            output = re.sub(r"\{%.*?%\}|\{#.*?#\}", "", line)
            if output.strip() and re.search(r"(?<![+-])%\}\s*$", line):
                offenders.append(f"{path.name}:{number}: {line.strip()[:80]}")
    assert offenders == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_plans_index_lists_one_document_per_line(mini_site, mini_words, lang):
    text = generated_pages(mini_site, mini_words, lang)["plans/index.md"].split("\n## ", 1)[0]
    bullets = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(bullets) == len(mini_site.documents)
    assert all(line.count("](") == 1 for line in bullets)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_deadline_is_its_own_paragraph(site, words, lang):
    """Task 7 of Decision 896 has a deadline and contributes to other items: 'Thời hạn: 2026'
    and the next heading used to run together in one paragraph."""
    block = render_items(site, words, lang).split("{ #task-7 .acs-item }", 1)[1].split("{ #task-8", 1)[0]
    deadline, serves = words.get("deadline", lang), words.get("serves", lang)
    assert f"\n\n**{deadline}:** 2026\n\n**{serves}:**\n\n" in block


# -- citations ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def site_with_example(tmp_path_factory):
    """The real plans plus the fork example, so every document kind has a document."""
    import shutil
    folder = tmp_path_factory.mktemp("cite") / "plans"
    shutil.copytree(ROOT / "plans", folder)
    shutil.copy(ROOT / "docs" / "examples" / "local-plan.yml", folder)
    loaded, problems = load_folder(folder, SETTINGS)
    assert not [p for p in problems if p.severity == "error"]
    return loaded


CITATIONS = {
    # ministry-decision: authority as the Decision names it, subject, the site's numbering marked
    ("vi", "qd-896#task-7"): "Quyết định số 896/QĐ-BNV ngày 15/11/2022 của Bộ trưởng Bộ Nội vụ phê duyệt Đề án “Tăng cường hợp tác quốc tế về xây dựng nền công vụ giai đoạn 2022-2026”, Nhiệm vụ 7 (đánh số theo trang này): Xây dựng đội ngũ theo khung năng lực, đạt chuẩn vào năm 2026",
    ("en", "qd-896#task-7"): "Decision No. 896/QĐ-BNV dated 15 November 2022 of the Minister of Home Affairs approving the Project “Strengthening International Cooperation on Building the Civil Service, 2022–2026”, Task 7 (numbering by this site): Staff built on a competency framework, to standard by 2026",
    # pm-decision: the subject as s000 names the project (issue 24: citations named no subject)
    ("vi", "qd-1439#solution-3"): "Quyết định số 1439/QĐ-TTg ngày 29/10/2018 của Thủ tướng Chính phủ phê duyệt Đề án triển khai Tuyên bố ASEAN về vai trò của nền công vụ làm chất xúc tác trong việc đạt được Tầm nhìn Cộng đồng ASEAN 2025, Giải pháp 3: Đào tạo, bồi dưỡng và xây dựng cộng đồng chuyên gia về ASEAN",
    ("en", "qd-1439#solution-3"): "Decision No. 1439/QĐ-TTg dated 29 October 2018 of the Prime Minister approving the Project to implement the ASEAN Declaration on the Role of the Civil Service as a Catalyst for Achieving the ASEAN Community Vision 2025, Solution 3: Training and communities of ASEAN experts",
    # asean-declaration: title and date; a year alone stays a year
    ("vi", "asean-2021#pa-2"): "Tuyên bố ASEAN về tăng cường sự thích ứng của nền công vụ đối với các thách thức mới (2021), Lĩnh vực ưu tiên 2: Phát triển kỹ năng của công chức",
    ("en", "asean-2021#pa-2"): "ASEAN Declaration on Strengthening the Adaptability of the Civil Service to New Challenges (working translation) (2021), Priority area 2: Skills development for civil servants",
    ("vi", "asean-2017#commitment-1"): "Tuyên bố ASEAN về vai trò của nền công vụ làm chất xúc tác trong việc đạt được Tầm nhìn Cộng đồng ASEAN 2025 (29/04/2017), Cam kết: Hợp tác nâng cao năng lực và chia sẻ thực tiễn tốt",
    ("en", "asean-2017#commitment-1"): "ASEAN Declaration on the Role of the Civil Service as a Catalyst for Achieving the ASEAN Community Vision 2025 (29 April 2017), Commitment: Joint capacity building and sharing of good practice",
    # local-plan (the fork example): no authority given, so the issuer
    ("vi", "example-province-plan#task-1"): "Kế hoạch số 00/KH-UBND ngày 01/06/2019 của Ủy ban nhân dân Tỉnh Mẫu (hư cấu), Nhiệm vụ 1: Bồi dưỡng công chức của tỉnh về Cộng đồng ASEAN",
    ("en", "example-province-plan#task-1"): "Plan No. 00/KH-UBND dated 1 June 2019 of the People's Committee of Sample Province (fictional), Task 1: Train the province's civil servants on the ASEAN Community",
}


@pytest.mark.parametrize("lang,ref", sorted(CITATIONS))
def test_citation_in_administrative_style(site_with_example, words, lang, ref):
    from acsdocs import cite
    assert cite.item_citation(Renderer(site_with_example, words, lang), ref) == CITATIONS[lang, ref]


def test_every_document_kind_has_a_citation_golden(site_with_example):
    kinds = {site_with_example.item_doc(ref)["kind"] for _, ref in CITATIONS}
    assert kinds == set(site_with_example.vocab["document_kinds"])


@pytest.mark.parametrize("lang,url,accessed,expected", [
    ("vi", "https://example.org/decision-896/#task-7", "29/11/2026", ". https://example.org/decision-896/#task-7 (truy cập ngày 29/11/2026)"),
    ("en", "https://example.org/en/decision-896/#task-7", "29 November 2026", ". https://example.org/en/decision-896/#task-7 (accessed 29 November 2026)"),
])
def test_full_citation_of_task_7_of_decision_896(site, words, lang, url, accessed, expected):
    from acsdocs import cite
    text = cite.full_citation(Renderer(site, words, lang), "qd-896#task-7", url, accessed)
    assert text == CITATIONS[lang, "qd-896#task-7"] + expected


def test_citation_style_is_data_not_code(words):
    """Patterns live in strings.yml: the citation code names no language."""
    source = (ROOT / "hooks" / "acsdocs" / "cite.py").read_text(encoding="utf-8")
    assert not re.search(r"""["'](vi|en)["']""", source)
    from acsdocs import cite
    for key in cite.CITE_KEYS + cite.PAGE_WORD_KEYS:
        assert key in words.table, key


def test_pages_carry_the_citations_of_their_items(site, words):
    text = render_items(site, words, "vi")
    import json
    block = re.search(r'<script type="application/json" class="acs-citations">(.*?)</script>', text)[1]
    assert json.loads(block)["task-7"] == CITATIONS["vi", "qd-896#task-7"]


@pytest.mark.parametrize("lang,expected", [("vi", "nguồn Bộ Nội vụ – Trang thông tin ACCSM 21, 05/08/2022"),
                                            ("en", "source Ministry of Home Affairs – ACCSM 21 website, 5 August 2022")])
def test_source_ids_in_data_text_read_as_names(site, words, lang, expected):
    """Data text that names a source by its id ('s002') reads as the source's name."""
    from acsdocs import cite
    text = {"vi": "Theo báo cáo (nguồn s002).", "en": "According to the report (source s002)."}[lang]
    named = cite.name_sources(text, site, Renderer(site, words, lang)._source_name, lang)
    assert expected in named and "s002" not in named
