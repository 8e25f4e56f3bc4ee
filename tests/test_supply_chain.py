"""Supply chain: the workflow runs actions pinned by commit SHA and bounds every job in time;
the Python locks carry a hash for every pin and match the hand-edited .in files."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_every_action_is_pinned_by_commit_sha_with_its_release():
    uses = re.findall(r"^\s*(?:- )?uses:\s*(\S+)(.*)$", WORKFLOW.read_text(encoding="utf-8"), flags=re.M)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action}: pin it by commit SHA"
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), f"{action}: add the release as a comment (# v1.2.3)"


def test_every_job_has_a_timeout():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    assert {name: job.get("timeout-minutes") for name, job in jobs.items() if not job.get("timeout-minutes")} == {}


def _pins(text: str) -> dict[str, str]:
    return {m.group(1).lower().replace("_", "-"): m.group(2)
            for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", text, flags=re.M)}


def test_locks_hash_every_pin_and_follow_the_in_files():
    for lock, sources in (("requirements.txt", ["requirements.in"]),
                          ("requirements-dev.txt", ["requirements.in", "requirements-dev.in"]),
                          ("requirements-audit.txt", ["requirements.in", "requirements-dev.in", "requirements-audit.in"])):
        text = (ROOT / lock).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text)
        for entry in entries:
            if re.match(r"[A-Za-z0-9_.-]+==", entry):
                assert "--hash=sha256:" in entry, f"{lock}: {entry.splitlines()[0]} has no hash"
        wanted = {}
        for source in sources:
            wanted.update(_pins((ROOT / source).read_text(encoding="utf-8")))
        assert _pins(text) == wanted, f"{lock} is stale: run `make pins`"
