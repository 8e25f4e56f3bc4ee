"""Theme templates compiled once per process and shared between the languages' environments
(acsdocs.compiled), never handed to an environment that would compile them otherwise."""

from __future__ import annotations

import jinja2
import pytest
from acsdocs.compiled import Shared

TEMPLATES = {"page.html": "{% set n = 2 %}<p>{{ title }} {{ n * 3 }}</p>{% include 'part.html' %}",
             "part.html": "{# a note #}<i>{{ title|upper }}</i>"}


def environment(shared, templates=TEMPLATES, **settings):
    env = jinja2.Environment(loader=jinja2.DictLoader(dict(templates)), **settings)
    env.bytecode_cache = shared
    return env


@pytest.fixture
def compiles(monkeypatch):
    """The names Jinja compiled, in order."""
    seen = []
    real = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        seen.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return seen


def test_a_second_environment_alike_compiles_nothing_and_renders_the_same(compiles):
    shared = Shared()
    first = environment(shared).get_template("page.html").render(title="Lãnh đạo")
    assert sorted(compiles) == ["page.html", "part.html"]
    second = environment(shared).get_template("page.html").render(title="Lãnh đạo")
    assert second == first == "<p>Lãnh đạo 6</p><i>LÃNH ĐẠO</i>"
    assert len(compiles) == 2


def test_an_edited_template_is_compiled_again_and_replaces_its_old_code(compiles):
    shared = Shared()
    environment(shared).get_template("page.html").render(title="a")
    edited = dict(TEMPLATES, **{"part.html": "<b>{{ title }}</b>"})
    assert environment(shared, edited).get_template("page.html").render(title="a") == "<p>a 6</p><b>a</b>"
    assert compiles.count("part.html") == 2 and compiles.count("page.html") == 1
    assert len(shared.codes) == 2  # the old code of part.html is gone


@pytest.mark.parametrize("settings", [
    {"variable_start_string": "[[", "variable_end_string": "]]"},
    {"trim_blocks": True},
    {"extensions": ["jinja2.ext.loopcontrols"]},
    {"autoescape": True},
    {"enable_async": True},
])
def test_an_environment_that_compiles_otherwise_gets_its_own_code(compiles, settings):
    shared = Shared()
    plain = environment(shared)
    other = environment(shared, **settings)
    for env in (plain, other, plain, other):
        env.get_template("page.html"), env.get_template("part.html")
    assert compiles == ["page.html", "part.html"] * 2
    if settings.get("autoescape"):
        assert "&lt;x&gt;" in other.get_template("page.html").render(title="<x>")
        assert "<x>" in plain.get_template("page.html").render(title="<x>")
