"""Valid HTML: the W3C Nu HTML Checker finds no error on any page of the built site.

vnu-jar comes from the npm registry, pinned in package.json / package-lock.json (`npm ci`),
and runs on Debian's Java (`make setup-dev` installs default-jre-headless when `java` is
missing). One Java process checks every page. Material's templates gave 392 errors (an empty
tabindex on navigation section labels, autocomplete on two checkboxes), and 6 more once
section index pages lost their table-of-contents checkbox (a label for no control); they are
fixed by minimal copies in overrides/, which the last tests keep in step with Material.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL = Path(__import__("material").__file__).parent / "templates"


def test_every_page_is_valid_html(built_site):
    java = shutil.which("java")
    # a missing gate fails (never skips): `make check` installs both
    assert java is not None and VNU.is_file(), "the Nu HTML Checker needs `java` and node_modules/vnu-jar: run `make setup-dev`"
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    assert len(pages) > 20
    result = subprocess.run(
        [java or "java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--exit-zero-always", "--format", "json", *pages],
        capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or "{}").get("messages")
    assert messages is not None, result.stderr[-2000:]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error", "fatal")]
    report = "\n".join(f"{m.get('url', '').split(str(built_site), 1)[-1]}:{m.get('lastLine', '?')}: {m.get('message')}"
                       for m in errors[:40])
    assert errors == [], f"{len(errors)} HTML error(s) from the Nu HTML Checker:\n{report}"


def _body(template: str) -> str:
    """A template without its leading {#- ... -#} comment."""
    return re.sub(r"\A\{#-.*?-#\}\n", "", template, count=1, flags=re.S)


CHANGES = {
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
    ],
    "partials/nav-item.html": [
        (' tabindex="{{ tabindex }}">', ' {% if tabindex %}tabindex="{{ tabindex }}"{% endif %}>'),
    ],
    "partials/toc.html": [
        ('    <label class="md-nav__title" for="__toc">',
         '    {% set toggle = page in nav.pages and not (page.is_index and page.parent and "navigation.indexes" in features) %}\n'
         '    <label class="md-nav__title"{% if toggle %} for="__toc"{% endif %}>'),
    ],
}


@pytest.mark.parametrize("name", CHANGES)
def test_overridden_template_is_materials_with_the_stated_change(name):
    """If Material changes the template, this fails: copy it again and redo the change."""
    expected = _body((MATERIAL / name).read_text(encoding="utf-8"))
    for old, new in CHANGES[name]:
        assert old in expected, f"Material's {name} changed: copy it again into overrides/"
        expected = expected.replace(old, new)
    assert _body((ROOT / "overrides" / name).read_text(encoding="utf-8")) == expected
