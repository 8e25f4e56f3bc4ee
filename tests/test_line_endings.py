"""Files as Windows editors save them: pages and plan files with CRLF line endings and a
byte-order mark build exactly the site that the same files with LF build."""

from __future__ import annotations

import pytest
from catalogue import build, digest
from conftest import mini_project

pytestmark = pytest.mark.build


def test_crlf_and_bom_build_the_same_site(tmp_path):
    unix = mini_project(tmp_path / "unix")
    windows = mini_project(tmp_path / "windows")
    for path in [*(windows / "content").rglob("*.md"), *(windows / "plans").glob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    first, second = build(unix, tmp_path / "site-unix"), build(windows, tmp_path / "site-windows")
    assert first.code == 0 and second.code == 0, second.output[-2000:]
    assert digest(tmp_path / "site-unix") == digest(tmp_path / "site-windows")
