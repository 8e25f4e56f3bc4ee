"""Problems found in the input, reported like a compiler: ``path:line:column: message``.

Each problem carries a code (``schema``, ``reference``, ``missing-translation``, …) so
that reports and tests select problems by kind, never by searching their wording."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
TRANSLATION = "missing-translation"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    severity: str = ERROR
    code: str = field(default="input")
    lang: str = field(default="", compare=False)  # the language a missing translation is missing in

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def key(self) -> tuple:
        """The order of a report: syntax errors first (what follows may only echo them), then by place."""
        return (self.code != "syntax", self.path, self.line, self.column, self.code, self.message)


class InputError(Exception):
    """Raised with every problem at once; the build stops before writing anything."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.key)
        super().__init__(format_problems(self.problems))

    def report(self, every: bool = False) -> str:
        return format_problems(self.problems, every)


def fails(problems: list[Problem], strict: bool) -> bool:
    """Whether these problems stop the build: any error, or any warning under --strict."""
    return any(p.severity == ERROR or strict for p in problems)


GROUP_FROM = 6  # missing translations of one language: from this many on, one summary line


def display(problems: list[Problem]) -> list[Problem]:
    """What is printed: every problem, except that a language in progress (many texts, words,
    formats not yet translated) gets one summary line instead of one per file and kind; its
    untranslated pages keep a line each. `validate --all` prints every line."""
    by_lang: dict = {}
    for p in problems:
        if p.code == TRANSLATION and p.lang:
            by_lang.setdefault(p.lang, []).append(p)
    grouped = {lang: found for lang, found in by_lang.items() if len(found) >= GROUP_FROM}
    kept = [p for p in problems if not (p.code == TRANSLATION and p.lang in grouped)]
    for lang, found in grouped.items():
        first = sorted(found, key=Problem.key)[0]
        files = sorted({p.path for p in found})
        kept.append(Problem(first.path, first.line, first.column, f"'{lang}' is not translated yet: {len(files)} files lack its texts, words or formats ({', '.join(files[:4])}{', …' if len(files) > 4 else ''}); "
                            "`python -m acsdocs validate --all` lists each place, as does data/translation-report.json of a build without --strict", WARNING, TRANSLATION, lang))
    return kept


def format_problems(problems: list[Problem], every: bool = False) -> str:
    problems = sorted(set(problems if every else display(problems)), key=Problem.key)
    errors = sum(p.severity == ERROR for p in problems)
    lines = [str(p) for p in problems]
    lines.append(f"{errors} error(s), {len(problems) - errors} warning(s).")
    return "\n".join(lines)
