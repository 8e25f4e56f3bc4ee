"""Templates people edit (the site's copy of the core's templates, the theme overrides) are
input too: a syntax error in one is reported at its file and line, before anything is built,
instead of a traceback from the middle of the build. No MkDocs here."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .problems import ERROR, Problem


def syntax_problem(exc: jinja2.TemplateSyntaxError, shown) -> Problem:
    where = shown(Path(exc.filename)) if exc.filename else (exc.name or "template")
    return Problem(where, exc.lineno or 1, 1, f"template syntax error: {exc.message}; fix the tag on this line "
                                              "(every {% if %}, {% for %}, {% block %} needs its {% end… %})", ERROR, "template")


def theme_overrides(settings) -> list[Problem]:
    """Every template of the theme's custom_dir (the first theme folder when it is the site's)."""
    custom = [Path(d) for d in settings.theme_dirs[:1] if Path(d).resolve().is_relative_to(settings.root.resolve())]
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])  # as MkDocs' theme environment
    problems = []
    for path in sorted(p for folder in custom for p in folder.rglob("*.html")):
        try:
            env.parse(path.read_text(encoding="utf-8"), name=path.name, filename=str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(syntax_problem(exc, settings.shown))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(settings.shown(path), 1, 1, f"the template cannot be read ({exc}); restore it from git", ERROR, "template"))
    return problems
