"""`mkdocs serve` picks up an edit to a plan file without a restart and settles (no rebuild loop)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT, copy_project

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def builds(log) -> int:
    return log.read_text(encoding="utf-8").count("Building 'vi' documentation")


def settle(log, quiet: float = 8, limit: float = 90) -> None:
    """Wait until no build starts for ``quiet`` seconds; fail if that never happens."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = builds(log)
        time.sleep(quiet)
        if builds(log) == before and "Documentation built" in log.read_text(encoding="utf-8").rsplit("Building documentation", 1)[-1]:
            return
    raise AssertionError("mkdocs serve keeps rebuilding:\n" + log.read_text(encoding="utf-8")[-3000:])


def test_serve_picks_up_a_plan_edit_and_settles(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/plans/asean-2021/"
    try:
        assert wait_for(lambda: "ACCSM" in fetch(url), 120), (tmp_path / "serve.log").read_text()
        settle(tmp_path / "serve.log")
        plan = project / "plans" / "asean-2021.yml"
        text = plan.read_text(encoding="utf-8")
        assert "Số hoạt động/dự án/sáng kiến theo lĩnh vực ưu tiên" in text
        plan.write_text(text.replace("Số hoạt động/dự án/sáng kiến theo lĩnh vực ưu tiên", "Tiêu đề đã sửa khi xem trước", 1), encoding="utf-8")
        assert wait_for(lambda: "Tiêu đề đã sửa khi xem trước" in fetch(url), 120), (tmp_path / "serve.log").read_text()
        settle(tmp_path / "serve.log")  # fails if the edit started a rebuild loop
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
