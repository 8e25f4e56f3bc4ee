"""A fork needs one YAML file: the fictional worked example builds into a cross-linked plan."""

from __future__ import annotations

import pytest
from conftest import ROOT

pytestmark = pytest.mark.build


@pytest.fixture
def fork_site(variant_site):
    return variant_site


def read(site, page):
    return (site / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_plan_gets_its_own_labelled_page(fork_site, lang):
    page = read(fork_site, f"{lang}plans/example-province-plan/index.html")
    assert "00/KH-UBND" in page
    assert ("không có thật" if not lang else "not real") in page
    assert 'id="task-1"' in page and 'id="act-example-province-training-course"' in page


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_plan_is_cross_linked(fork_site, lang):
    assert "plans/example-province-plan/#task-1" in read(fork_site, f"{lang}decision-1439/index.html")
    assert "plans/example-province-plan/#act-example-province-training-course" in read(fork_site, f"{lang}areas/asean-2021/pa-2/index.html")
    assert "example-province-plan" in read(fork_site, f"{lang}timeline/index.html")
    assert 'href="example-province-plan/"' in read(fork_site, f"{lang}plans/index.html")
    assert "example-province-plan" in read(fork_site, "data/plans.json")


def test_the_example_is_not_published_by_default():
    assert not list((ROOT / "plans").glob("*example*"))
    assert "fictional: true" in read(ROOT, "docs/examples/local-plan.yml")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_plan_is_in_the_feed_calendar_and_its_agency_page(fork_site, lang):
    """No code change: the one YAML file reaches the feed, the calendars and the agency pages."""
    feed = read(fork_site, f"{lang}feed.xml")
    assert f"{lang}plans/example-province-plan/#act-example-province-training-course" in feed
    assert "document/example-province-plan" in feed and "status/example-province-training-course/2019-06-01" in feed
    for calendar in ("calendar.ics", "calendars/example-province-plan.ics"):
        text = read(fork_site, calendar).replace("\r\n ", "")
        assert "UID:activity-example-province-training-course@" in text and "UID:item-example-province-plan-task-1-deadline@" in text
    agency = read(fork_site, f"{lang}agencies/example-province-committee/index.html")
    assert "example-province-training-course" in agency and "#task-1" in agency
    assert 'data-overdue="true"' in agency  # the example's deadline (12/2019) has passed with no completion recorded
    assert "example-province-committee" in read(fork_site, f"{lang}agencies/index.html")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_relation_diagram_of_decision_1439_shows_the_declaration_and_the_local_plan(fork_site, lang):
    page = read(fork_site, f"{lang}decision-1439/index.html")
    svg = page[page.index('<figure class="acs-relations" id="relations-qd-1439">'):]
    svg = svg[: svg.index("</figure>")]
    assert 'data-doc="asean-2017"' in svg and 'data-doc="example-province-plan"' in svg
    assert 'href="../declaration-2017/"' in svg and 'href="../plans/example-province-plan/"' in svg
    assert svg.count("<line ") == 2
    listing = page[page.index("</figure>"):]  # the same relations as a list
    assert 'href="../declaration-2017/"' in listing[:3000] and 'href="../plans/example-province-plan/"' in listing[:3000]
    # both directions: the declaration's page shows the decision and the plan below it
    declaration = read(fork_site, f"{lang}declaration-2017/index.html")
    assert 'data-doc="qd-1439"' in declaration and 'data-doc="example-province-plan"' in declaration
    assert ("Chưa xác định" if not lang else "Not determined") in page  # no source states its validity
