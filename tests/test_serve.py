"""`mkdocs serve`: one rebuild per save, and edits to data, interface words and templates
show without a restart (the core re-reads them; nothing is cached across inputs)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT, mini_project, mkdocs_build

pytestmark = pytest.mark.build
BUILD_STARTED = "Building 'vi' documentation"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    return fetch_bytes(url).decode("utf-8")


def fetch_bytes(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return b""


LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)


def assert_serves_a_fresh_build(server, tmp_path):
    """Every page the preview serves, and its search index, are byte for byte what a fresh
    `mkdocs build` of the same files writes: nothing the preview reuses between saves is stale."""
    fresh_project, fresh = tmp_path / "fresh-project", tmp_path / "fresh"
    shutil.copytree(server.project, fresh_project, ignore=shutil.ignore_patterns(".cache"))
    config = fresh_project / "mkdocs.yml"  # `mkdocs serve` publishes at its own address
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: http://127.0.0.1:8000/", f"site_url: {server.url('')}"), encoding="utf-8")
    result = mkdocs_build(fresh_project, fresh, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    entry = (fresh / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert wait_for(lambda: fetch(server.url("pagefind/pagefind-entry.json")) == entry, 60), "the preview's search index is not the fresh one"
    pages = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert LIVERELOAD.sub(b"", fetch_bytes(server.url(page)), count=1) == (fresh / page).read_bytes(), page


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


class Server:
    def __init__(self, project, log, lang: str | None = None):
        self.log = log
        self.port = free_port()
        self.started = f"Building '{lang}' documentation" if lang else BUILD_STARTED
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks"), **({"ACSDOCS_LANG": lang} if lang else {})}
        self.output = open(log, "w", encoding="utf-8")
        self.process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
                                        cwd=project, stdout=self.output, stderr=subprocess.STDOUT, env=env)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.output.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def builds(self) -> int:
        return self.log.read_text(encoding="utf-8").count(self.started)

    def settle(self, quiet: float = 1.5, limit: float = 60) -> int:
        """Wait until no build starts for ``quiet`` seconds and the last one ended. MkDocs' watcher
        polls every 0.5 s, so a second build caused by one save would start within the window.
        (MkDocs drops a
        log line it has shown before, so a build as long as an earlier one may end without its
        "Documentation built in ..." line; the livereload line carries the time of day.)"""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            before = self.builds()
            time.sleep(quiet)
            tail = self.log.read_text(encoding="utf-8").rsplit(self.started, 1)[-1]
            if self.builds() == before and ("Documentation built" in tail or "Reloading browsers" in tail or "Aborted" in tail or "ERROR" in tail):
                return before
        raise AssertionError("mkdocs serve keeps rebuilding:\n" + self.log.read_text(encoding="utf-8")[-3000:])


@pytest.fixture
def server(tmp_path):
    project = mini_project(tmp_path / "project")
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))  # the site's own copy
    server = Server(project, tmp_path / "serve.log")
    server.project = project
    yield server
    server.stop()


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_rebuild_per_save_edits_show_and_errors_recover(server):
    area = server.url("areas/decl/pa-1/")
    assert wait_for(lambda: "Lãnh đạo" in fetch(area), 90), server.log.read_text()
    start = server.settle()
    assert start == 1
    assert not list((server.project / "content").rglob("timeline.md"))  # nothing generated under content/

    edit(server.project / "plans" / "mini.yml", "title: {vi: Lãnh đạo, en: Leadership}", "title: {vi: Lãnh đạo mới sửa, en: Leadership}")
    assert wait_for(lambda: "Lãnh đạo mới sửa" in fetch(area), 60), server.log.read_text()
    assert "Lãnh đạo mới sửa" in fetch(server.url("plans/decl/"))
    # the search index follows the pages a moment later (acsdocs.preview.LaterIndex)
    assert wait_for(lambda: "Lãnh đạo mới sửa" in fetch(server.url("pagefind/pages.vi.json")), 30)
    assert server.settle() == start + 1  # exactly one rebuild for one save

    edit(server.project / "hooks" / "acsdocs" / "templates" / "strings.yml", "materials: {vi: Tài liệu bồi dưỡng,", "materials: {vi: Giáo trình đã đổi tên,")
    assert wait_for(lambda: "Giáo trình đã đổi tên" in fetch(area), 60), server.log.read_text()
    assert server.settle() == start + 2

    edit(server.project / "content" / "vi" / "index.md", "Trang thử nghiệm", "Trang đã sửa")
    assert wait_for(lambda: "Trang đã sửa" in fetch(server.url("")), 60)
    assert server.settle() == start + 3

    plan = server.project / "plans" / "mini.yml"  # a broken save is reported; the next good one recovers
    good = plan.read_text(encoding="utf-8")
    plan.write_text(good.replace("status: issued", "status: isued", 1), encoding="utf-8")
    assert wait_for(lambda: "unknown document status 'isued'" in server.log.read_text(encoding="utf-8"), 60)
    server.settle()
    assert "Traceback" not in server.log.read_text(encoding="utf-8")
    # every request is answered (none waits for a build that cannot succeed): the last good page,
    # with the problem and its place on top, in a new tab as in an open one
    broken = fetch(area)
    assert 'class="acs-build-error"' in broken and "plans/mini.yml:" in broken and "status &#x27;isued&#x27;" in broken, broken[:2000]
    plan.write_text(good.replace("title: {vi: Lãnh đạo mới sửa,", "title: {vi: Lãnh đạo đã khôi phục,", 1), encoding="utf-8")
    assert wait_for(lambda: "Lãnh đạo đã khôi phục" in fetch(area), 60), server.log.read_text()
    server.settle()
    assert "acs-build-error" not in fetch(area)
    edit(plan, 'date: "2022-08-04"', 'date: "2022-08-09"')  # an activity's date: no page's title, headings or description change
    assert wait_for(lambda: "09/08/2022" in fetch(server.url("areas/decl/pa-2/")), 60), server.log.read_text()
    server.settle()
    assert_serves_a_fresh_build(server, server.project.parent)


def test_one_language_preview_builds_only_that_language(tmp_path):
    """`make serve LANG=en`: the English pages alone, at the root, one rebuild per save."""
    project = mini_project(tmp_path / "project")
    server = Server(project, tmp_path / "serve.log", lang="en")
    try:
        area = server.url("areas/decl/pa-1/")
        assert wait_for(lambda: "Leadership" in fetch(area), 90), server.log.read_text()
        start = server.settle()
        assert start == 1
        assert '<html lang="en"' in fetch(area) and fetch(server.url("en/")) == ""
        edit(project / "plans" / "mini.yml", "title: {vi: Lãnh đạo, en: Leadership}", "title: {vi: Lãnh đạo, en: Leadership renamed}")
        assert wait_for(lambda: "Leadership renamed" in fetch(area), 60), server.log.read_text()
        assert "Leadership renamed" in fetch(server.url("plans/decl/"))
        assert wait_for(lambda: "Leadership renamed" in fetch(server.url("pagefind/pages.en.json")), 30)  # the search index follows
        assert server.settle() == start + 1
        assert BUILD_STARTED not in server.log.read_text(encoding="utf-8")  # the other language is never built
    finally:
        server.stop()


def test_a_page_that_warns_warns_on_every_rebuild(server):
    """The preview reuses what Markdown made of unchanged pages, but never hides their warnings."""
    assert wait_for(lambda: "Lãnh đạo" in fetch(server.url("areas/decl/pa-1/")), 90), server.log.read_text()
    start = server.settle()
    page = server.project / "content" / "vi" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](missing.md)\n", encoding="utf-8")
    assert server.settle() == start + 1
    warned = lambda: server.log.read_text(encoding="utf-8").count("'missing.md'")  # noqa: E731
    assert warned() == 1
    edit(server.project / "plans" / "mini.yml", "title: {vi: Lãnh đạo, en: Leadership}", "title: {vi: Lãnh đạo mới, en: Leadership}")
    assert wait_for(lambda: "Lãnh đạo mới" in fetch(server.url("areas/decl/pa-1/")), 60), server.log.read_text()
    assert server.settle() == start + 2
    assert warned() == 2
