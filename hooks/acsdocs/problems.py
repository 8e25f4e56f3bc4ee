"""Problems found in the input, reported like a compiler: ``path:line:column: message``."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


class InputError(Exception):
    """Raised with every problem at once; the build stops before writing anything."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    lines = [str(p) for p in sorted(problems)]
    lines.append(f"{errors} error(s), {warnings} warning(s) in plans.")
    return "\n".join(lines)
