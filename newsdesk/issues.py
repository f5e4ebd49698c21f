"""Problems found in the inputs: every rejected file and every warning, with where and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    file: str
    level: str  # "rejected" (the input is not published), "warning", or "fatal"
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class FatalInputError(Exception):
    """An input the build cannot go on without (for example a broken registry)."""

    def __init__(self, issues: list[Issue]):
        super().__init__("\n".join(str(i) for i in issues))
        self.issues = issues
