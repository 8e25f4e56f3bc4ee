"""Command line: ``python -m acsdocs validate [PLANS_DIR] [--strict]``.

Validates every plan file without building the site; prints problems as
``file:line:column: severity: message`` and exits 1 on an error (or, with --strict,
on a warning)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model import load_folder
from .problems import ERROR, format_problems
from .schemadoc import reference


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acsdocs", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="validate the plan files without building")
    check.add_argument("plans", nargs="?", default="plans", type=Path, help="folder of plan files (default: plans)")
    check.add_argument("--strict", action="store_true", help="treat warnings (such as a missing translation) as errors")
    sub.add_parser("schema-doc", help="print the plan-file reference generated from the schema")
    args = parser.parse_args(argv)
    if args.command == "schema-doc":
        sys.stdout.write(reference())
        return 0
    if not args.plans.is_dir():
        print(f"{args.plans}: error: no such folder; run from the repository root or name the plans folder", file=sys.stderr)
        return 2
    site, problems = load_folder(args.plans, root=args.plans.resolve().parent)
    if problems:
        print(format_problems(problems), file=sys.stderr)
    failed = any(p.severity == ERROR for p in problems) or (args.strict and problems)
    if not failed:
        print(f"OK: {len(site.files)} plan file(s), {len(site.documents)} document(s), {len(site.items)} item(s), "
              f"{len(site.activities)} activit{'y' if len(site.activities) == 1 else 'ies'}.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
