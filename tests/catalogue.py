"""Run the real `mkdocs build --strict` command in this process (the CLI, its plugins and
the hooks, as a maintainer runs them), so a catalogue of broken inputs costs a fraction of
a second per case instead of an interpreter start each."""

from __future__ import annotations

import hashlib
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from mkdocs.__main__ import cli


@dataclass
class Outcome:
    code: int
    output: str
    exception: BaseException | None

    @property
    def traceback(self) -> bool:
        """An exception other than the clean exit of the command line."""
        return self.exception is not None and not isinstance(self.exception, SystemExit)


@contextmanager
def _env(values: dict):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build(project: Path, dest: Path, strict: bool = True) -> Outcome:
    args = ["build", *(["--strict"] if strict else []), "-f", str(project / "mkdocs.yml"), "-d", str(dest)]
    cwd = os.getcwd()
    os.chdir(project)
    try:
        with _env({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795389662"}):
            result = CliRunner().invoke(cli, args, catch_exceptions=True)
    finally:
        os.chdir(cwd)
    return Outcome(result.exit_code, result.output, result.exception)


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def apply(project: Path, edit: dict, root: Path) -> None:
    """One careless edit: {write|append|replace|latin1|delete|link|hooks: ...}."""
    if edit.get("hooks"):  # the case edits the site's own copy of the core's data files
        shutil.copytree(root / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    for rel, text in (edit.get("write") or {}).items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    for rel, text in (edit.get("append") or {}).items():
        with open(project / rel, "a", encoding="utf-8") as f:
            f.write(text)
    for rel, (old, new) in (edit.get("replace") or {}).items():
        text = (project / rel).read_text(encoding="utf-8")
        assert old in text, f"{rel} has no {old!r}"
        (project / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
    for rel, text in (edit.get("latin1") or {}).items():
        (project / rel).write_bytes(text.encode("latin-1"))
    for rel in edit.get("delete") or []:
        path = project / rel
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    for rel, target in (edit.get("link") or {}).items():
        (project / rel).symlink_to(target)


def write_plan_case(spec: dict, folder: Path) -> None:
    """Write a tests/cases/errors/*.yml case as plans/case.yml in ``folder``. ``expand:
    {"@@X": [text, n]}`` puts text n times in place of @@X (inputs too long to keep in the case)."""
    text = spec["file"]
    for mark, (piece, times) in (spec.get("expand") or {}).items():
        text = text.replace(mark, piece * times)
    (folder / "case.yml").write_text(text, encoding="utf-8", newline="")
