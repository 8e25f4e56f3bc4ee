"""Issue 26: a training material from a submitted GitHub issue form. Bodies are written as
GitHub renders them from the committed form (`### label`, a blank line, the value,
`_No response_` for an empty optional field); good ones land on the area page after a strict
build, bad ones change nothing and name the field, in the issue's language."""

from __future__ import annotations

import shutil

import pytest
import yaml
from acsdocs import issuebody
from acsdocs.__main__ import main
from acsdocs.materialissue import fenced
from catalogue import build
from conftest import ROOT, copy_project

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "material.yml"
GOOD = {"title_vi": "Bài giảng: Dịch vụ công hiệu quả và năng suất", "title_en": "Lecture: efficient and productive public services",
        "url": "https://example.org/bai-giang.pdf", "language": "vi", "format": "Bài trình chiếu / Slides (slides)",
        "serves": "asean-2021#pa-3\n- `asean-2017#commitment-3`", "audience_vi": "Giảng viên các lớp bồi dưỡng", "audience_en": "Trainers of in-service courses"}


def body(answers: dict, newline: str = "\n") -> str:
    """The body GitHub renders for a form submitted with these answers (by field id)."""
    sections = []
    for element in yaml.safe_load(FORM.read_text(encoding="utf-8"))["body"]:
        if element["type"] != "markdown":
            sections.append(f"### {element['attributes']['label']}\n\n{answers.get(element['id']) or '_No response_'}\n")
    return "\n".join(sections).replace("\n", newline)


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / ".github", project / ".github")
    return project


def convert(project, text: str, capsys, *extra: str) -> tuple[int, str, str]:
    path = project.parent / "issue.md"
    path.write_text(text, encoding="utf-8")
    code = main(["material-from-issue", str(path), "-f", str(project / "mkdocs.yml"), *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.build
def test_a_good_body_is_appended_as_text_and_lands_on_the_area_page(project, tmp_path, capsys):
    target = project / "plans" / "materials.yml"
    before = target.read_text(encoding="utf-8")
    code, out, err = convert(project, body(GOOD, "\r\n"), capsys, "--write", "--summary", str(tmp_path / "pr.md"))
    assert code == 0, err
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before) and after[len(before):] == "\n" + out  # appended, comments and order kept
    added = yaml.safe_load(after)["materials"][-1]
    assert added["id"] == "bai-giang-dich-vu-cong-hieu-qua-va-nang-suat"
    assert added["serves"] == ["asean-2021#pa-3", "asean-2017#commitment-3"] and added["format"] == "slides"
    summary = (tmp_path / "pr.md").read_text(encoding="utf-8")
    assert "/areas/asean-2021/pa-3/>" in summary and "/en/areas/asean-2021/pa-3/>" in summary and out.strip() in summary
    result = build(project, tmp_path / "site")
    assert result.code == 0, result.output[-3000:]
    area = (tmp_path / "site" / "areas" / "asean-2021" / "pa-3" / "index.html").read_text(encoding="utf-8")
    assert "Bài giảng: Dịch vụ công hiệu quả và năng suất" in area and "#material-bai-giang-dich-vu-cong-hieu-qua-va-nang-suat" in area
    english = (tmp_path / "site" / "en" / "areas" / "asean-2021" / "pa-3" / "index.html").read_text(encoding="utf-8")
    assert "Lecture: efficient and productive public services" in english
    assert "asean-2021#pa-3" in (tmp_path / "site" / "en" / "item-ids" / "index.html").read_text(encoding="utf-8")


BAD = [
    ("javascript-url", {"url": "javascript:alert(1)"}, "«Đường dẫn»: chỉ nhận một địa chỉ bắt đầu bằng https://"),
    ("unknown-item", {"serves": "asean-2021#pa-3\nasean-2021#pa-9"}, "«Các mục tài liệu phục vụ»: mỗi dòng ghi đúng một mã mục"),
    ("bad-date", {"date": "2021-13"}, "«Thời gian xuất bản»: ghi theo dạng 2021, 2021-10 hoặc 2021-10-09"),
    ("duplicate-id", {"id": "book-nen-cong-vu-trai-tim-cong-dong-asean"}, "«Mã tài liệu»: trang đã có một tài liệu mang mã 'book-nen-cong-vu-trai-tim-cong-dong-asean'"),
    ("half-translated", {"audience_en": ""}, "«Đối tượng (tiếng Anh)»: ghi đối tượng bằng mọi ngôn ngữ của trang"),
    ("missing-title", {"title_vi": ""}, "«Tên tài liệu (tiếng Việt)»: ô này bắt buộc"),
]


@pytest.mark.parametrize("answers, expected", [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_a_bad_body_changes_nothing_and_names_the_field(project, capsys, answers, expected):
    target = project / "plans" / "materials.yml"
    before = target.read_bytes()
    code, out, err = convert(project, body({**GOOD, **answers}), capsys, "--write")
    assert code == 1 and out == ""
    assert expected in err, err
    assert err.startswith("issue.md:") and "Traceback" not in err
    assert target.read_bytes() == before


def test_a_material_sent_twice_is_a_duplicate_named_on_the_title_its_id_comes_from(project, capsys):
    assert convert(project, body(GOOD), capsys, "--write")[0] == 0
    written = (project / "plans" / "materials.yml").read_bytes()
    code, _, err = convert(project, body(GOOD), capsys, "--write")
    assert code == 1
    assert "«Tên tài liệu (tiếng Việt)»: trang đã có một tài liệu mang mã 'bai-giang-dich-vu-cong-hieu-qua-va-nang-suat'" in err
    assert "duplicate material id" in err  # the build's own words follow
    assert (project / "plans" / "materials.yml").read_bytes() == written


def test_an_english_body_gets_english_messages(project, capsys, tmp_path):
    """The rule: Vietnamese when a letter only Vietnamese uses occurs in what the trainer typed
    outside the English fields; here nothing Vietnamese was typed."""
    english = {"title_en": "Public service delivery", "language": "en", "format": "Báo cáo nghiên cứu / Study report (report)",
               "serves": "asean-2021#pa-3", "url": "ftp://example.org/report.pdf"}
    code, _, err = convert(project, body(english), capsys, "--summary", str(tmp_path / "comment.md"))
    assert code == 1
    assert "«Title (Vietnamese)»: this field is required; fill it in and save the issue" in err
    comment = (tmp_path / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith("The form was not accepted yet.") and "```text\n" in comment


def test_answers_stay_values_whatever_they_hold(project, capsys):
    """A title that looks like YAML cannot add a key or a record: every value is quoted."""
    tricky = 'Bài giảng "A"\n  - id: evil\n    format: book # x'
    target = project / "plans" / "materials.yml"
    before = [m["id"] for m in yaml.safe_load(target.read_text(encoding="utf-8"))["materials"]]
    code, out, err = convert(project, body({**GOOD, "title_vi": tricky, "id": "bai-giang-a"}), capsys, "--write")
    assert code == 0, err
    materials = yaml.safe_load(target.read_text(encoding="utf-8"))["materials"]
    assert [m["id"] for m in materials] == before + ["bai-giang-a"]
    assert materials[-1]["title"]["vi"] == tricky


def test_a_body_without_the_form_is_refused(project, capsys):
    code, _, err = convert(project, "I would like to add a book about the civil service.\n", capsys, "--write")
    assert code == 1 and "open a new issue with the form «Add a training material»" in err


def test_parse_reads_what_github_renders():
    form = [{"id": "a", "label": "A / Á", "required": True}, {"id": "b", "label": "B", "required": False}]
    answers, problems = issuebody.parse_body("### A / Á\r\n\r\nline 1\r\n### not a label\r\n\r\n### B\r\n\r\n_No response_\r\n", form)
    assert problems == [] and answers["a"].value == "line 1\n### not a label" and answers["b"].value is None
    assert issuebody.parse_body("### B\n\nx\n", form)[1] == [("a", "required", 1)]


def test_derived_ids_are_stable_and_valid():
    assert issuebody.derive_id("Nền công vụ: Trái tim của Cộng đồng ASEAN") == "nen-cong-vu-trai-tim-cua-cong-dong-asean"
    long = issuebody.derive_id("Đào tạo " * 20)
    assert len(long) <= 64 and long.endswith("tao") and not long.endswith("-")
    assert issuebody.derive_id("ภาษาไทย").startswith("material-")


def test_fences_cannot_be_closed_by_the_text():
    assert fenced("a ``` b", "text").startswith("````text\n")
