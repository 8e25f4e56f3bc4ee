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
