"""Command line: ``python -m acsdocs validate [--strict] [-f mkdocs.yml]`` (and ``schema-doc``,
``material-form``, ``material-from-issue``: see ``--help``).

Runs exactly the checks of the build (``build.prepare``: plans, schema, interface words,
content pages and their markers, redirects, rendering of every page) without MkDocs, so
whatever it accepts the build renders. Prints ``file:line:column: severity: message`` and
exits 1 on an error (or, with --strict, on a warning)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from . import memo
from .build import prepare
from .mkdocsyml import read_mkdocs_yml
from .problems import InputError, format_problems
from .scan import save_all
from .schemadoc import reference


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acsdocs", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="run every check of the build without building")
    check.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    check.add_argument("--strict", action="store_true", help="treat warnings (such as a missing translation) as errors")
    check.add_argument("--all", action="store_true", help="list every missing translation of a language in progress, not one summary line")
    sub.add_parser("schema-doc", help="print the plan-file reference generated from the schema")
    material_commands(sub)
    args = parser.parse_args(argv)
    if args.command == "schema-doc":
        sys.stdout.write(reference())
        return 0
    settings, problems = read_mkdocs_yml(args.config_file.resolve() if args.config_file.exists() else args.config_file)
    if settings is None:  # one convention with the build: 1 for any problem of the input, 2 for a wrong command line
        print(format_problems(problems), file=sys.stderr)
        return 1
    if args.command in ("material-form", "material-from-issue"):
        return materials(args, settings)
    try:
        state = prepare(replace(settings, strict=args.strict))
    except InputError as exc:
        print(exc.report(every=args.all), file=sys.stderr)
        return 1
    finally:
        save_all()  # what the pages hold, kept by their text for the next run
        memo.save()  # the data's model and generated pages, kept by a digest of their inputs
    if state.warnings:
        print(format_problems(state.warnings, every=args.all), file=sys.stderr)
    site = state.site
    pages = sum(len(p) for p in state.generated.values())
    print(f"OK: {len(site.files)} plan file(s), {len(site.documents)} document(s), {len(site.items)} item(s), "
          f"{len(site.activities)} activit{'y' if len(site.activities) == 1 else 'ies'}; {len(state.files)} page(s) and files "
          f"in {len(settings.langs)} language(s), {pages} of them generated.")
    return 0


def material_commands(sub) -> None:
    form = sub.add_parser("material-form", help="print the GitHub issue form for training materials (.github/ISSUE_TEMPLATE/material.yml)")
    convert = sub.add_parser("material-from-issue", help="a training material from a submitted issue form's body, checked as the build checks it")
    convert.add_argument("body", type=Path, metavar="BODY_FILE", help="the issue's body as GitHub renders it (### label, blank line, value)")
    convert.add_argument("--write", action="store_true", help="append the material to plans/materials.yml when it passes")
    convert.add_argument("--form", type=Path, help="the issue form (default: .github/ISSUE_TEMPLATE/material.yml beside mkdocs.yml)")
    convert.add_argument("--summary", type=Path, help="also write Markdown for the issue comment or the pull request to this file")
    for command in (form, convert):
        command.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="the site's mkdocs.yml (default: ./mkdocs.yml)")
        command.add_argument("--site-url", help="the published site's address, for links (default: $SITE_URL, else the address the form links to, else mkdocs.yml's site_url)")


def materials(args, settings) -> int:
    """The training-material form (issue 26): write it, or read a submitted one."""
    from . import issueform, materialissue

    site_url = issueform.address(settings, args.site_url, args.config_file)
    if args.command == "material-form":
        try:
            sys.stdout.write(issueform.form_text(settings, site_url))
        except InputError as exc:
            print(exc, file=sys.stderr)
            return 2
        return 0
    return materialissue.run(settings, args.body, args.form, site_url, args.write, args.summary)


if __name__ == "__main__":
    sys.exit(main())
