"""Read the plan files into one model: schema first, then the id rules, then the model
links itself (items, reverse indexes) and the remaining cross-file rules read it.

Nothing here changes a record after the rules have started: the rules only report."""

from __future__ import annotations

import re
from pathlib import Path

from . import model, rules
from . import schema as schema_mod
from .problems import ERROR, WARNING, Problem
from .settings import Settings
from .yamlfile import Loaded, load_file


def load_folder(folder: Path, settings: Settings) -> tuple[model.Site, list[Problem]]:
    """Read every plan file under ``folder``; return the model and every problem found."""
    loaded_files, unread = [], False
    problems: list[Problem] = model.stray_files(folder, settings)
    for file in model.plan_files(folder):
        if not file.exists():
            continue  # a broken link, reported by stray_files
        loaded, found = load_file(file, settings.shown(file))
        problems += found
        if loaded is not None:
            loaded_files.append(loaded)
        unread = unread or loaded is None
    schema, found = schema_mod.read_schema(settings.schema, settings.shown(settings.schema))
    if found:
        return model.Site(settings.langs), problems + found
    # a file that could not be read hides records others refer to: its own error alone, not their cascade
    incomplete = set(model.RECORD_LISTS) | {"vocabulary"} if unread else set()
    site, found = build_site(loaded_files, settings.langs, schema, settings.schema, settings.shown(settings.schema), incomplete)
    return site, problems + found


def build_site(files: list[Loaded], langs: tuple, schema: dict, schema_path: Path | None = None,
               schema_shown: str = "schema/plans.schema.json", incomplete: set = frozenset()) -> tuple[model.Site, list[Problem]]:
    site = model.Site(langs, files=[f.path for f in files])
    site.incomplete |= incomplete
    problems: list[Problem] = []
    for loaded in files:
        bad: set = set()

        def report(path, message, key=False, severity=ERROR, loaded=loaded, bad=bad):
            line, col = loaded.where(path, key=key)
            problems.append(Problem(loaded.path, line, col, message, severity, "schema"))
            bad.add(path)

        if loaded.data in ({}, None):  # emptied, or only comments: perhaps deliberate, never silent
            problems.append(Problem(loaded.path, 1, 1, "this plan file holds no data (empty, or only comments); delete it, or restore its data with `git checkout -- " + loaded.path + "`", WARNING, "empty"))
            continue
        if not isinstance(loaded.data, dict):
            report((), f"a plan file must be a mapping of sections ({', '.join(model.RECORD_LISTS)}); got {schema_mod.describe(loaded.data)}")
            site.incomplete |= set(model.RECORD_LISTS) | {"vocabulary"}
            continue
        try:
            texts = schema_mod.validate(loaded.data, report, schema)
        except (KeyError, TypeError, AttributeError, ValueError, re.error) as exc:  # a broken schema, not broken data
            line, col = schema_mod.line_of_value(schema_path, exc)
            problems.append(Problem(schema_shown, line, col, f"the schema cannot be applied ({type(exc).__name__}: {exc}); fix that line or restore it with `git checkout -- {schema_shown}`", ERROR, "schema-file"))
            return site, problems
        site.texts += [(loaded, path) for path in texts]
        # Cross-file rules run on every record that matches the schema, so one run reports
        # everything; references into sections that lost a record are not reported as unknown.
        site.incomplete |= model.collect(site, loaded, bad)
    if files and not any(site.vocab.values()) and "vocabulary" not in site.incomplete:
        # one message, not one per kind, status and framework named in the plans
        problems.append(Problem(files[0].path.rsplit("/", 1)[0], 1, 1, "no plan file has a `vocabulary:` (the kinds, statuses and frameworks the plans name); restore the file that had it, e.g. `git checkout -- plans/vocabulary.yml`", ERROR, "reference"))
        site.incomplete.add("vocabulary")
    problems += rules.check_ids(site)
    model.keep_first(site)  # the rules read the model; only the model changes it
    model.link(site)
    problems += rules.check(site)
    return site, problems
