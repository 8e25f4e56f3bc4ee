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

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)


class InputError(Exception):
    """Raised with every problem at once; the build stops before writing anything."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.key)
        super().__init__(format_problems(self.problems))


def fails(problems: list[Problem], strict: bool) -> bool:
    """Whether these problems stop the build: any error, or any warning under --strict."""
    return any(p.severity == ERROR or strict for p in problems)


def format_problems(problems: list[Problem]) -> str:
    problems = sorted(set(problems), key=Problem.key)
    errors = sum(p.severity == ERROR for p in problems)
    lines = [str(p) for p in problems]
    lines.append(f"{errors} error(s), {len(problems) - errors} warning(s).")
    return "\n".join(lines)
