"""Command line: ``python -m acsdocs validate [--strict] [-f mkdocs.yml]``.

Runs exactly the checks of the build (``build.prepare``: plans, schema, interface words,
content pages and their markers, redirects, rendering of every page) without MkDocs, so
whatever it accepts the build renders. Prints ``file:line:column: severity: message`` and
exits 1 on an error (or, with --strict, on a warning)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .build import prepare
from .mkdocsyml import read_mkdocs_yml
from .problems import InputError, format_problems
from .schemadoc import reference


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acsdocs", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="run every check of the build without building")
    check.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    check.add_argument("--strict", action="store_true", help="treat warnings (such as a missing translation) as errors")
    check.add_argument("--all", action="store_true", help="list every missing translation of a language in progress, not one summary line")
    sub.add_parser("schema-doc", help="print the plan-file reference generated from the schema")
    args = parser.parse_args(argv)
    if args.command == "schema-doc":
        sys.stdout.write(reference())
        return 0
    settings, problems = read_mkdocs_yml(args.config_file.resolve() if args.config_file.exists() else args.config_file)
    if settings is None:
        print(format_problems(problems), file=sys.stderr)
        return 2
    try:
        state = prepare(replace(settings, strict=args.strict))
    except InputError as exc:
        print(exc.report(every=args.all), file=sys.stderr)
        return 1
    if state.warnings:
        print(format_problems(state.warnings, every=args.all), file=sys.stderr)
    site = state.site
    pages = sum(len(p) for p in state.generated.values())
    print(f"OK: {len(site.files)} plan file(s), {len(site.documents)} document(s), {len(site.items)} item(s), "
          f"{len(site.activities)} activit{'y' if len(site.activities) == 1 else 'ies'}; {len(state.files)} page(s) and files "
          f"in {len(settings.langs)} language(s), {pages} of them generated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
