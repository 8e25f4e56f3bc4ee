"""The benchmark's synthetic plans are valid under the schema (so it measures real builds)."""

from __future__ import annotations

import importlib.util
import shutil

import yaml
from acsdocs.load import load_folder
from conftest import ROOT, settings_of


def test_synthetic_plans_validate(tmp_path):
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    for name in ("plans", "schema"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    settings = settings_of(tmp_path)
    plans = settings.plans
    files = benchmark.synthetic_plans(300)
    for name, data in files.items():
        (plans / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site, problems = load_folder(plans, settings)
    assert [str(p) for p in problems] == []
    assert sum(1 for a in site.activities if a["id"].startswith("bench-")) == 300
    assert all(site.documents[d]["fictional"] for d in site.documents if d.startswith("bench-"))
