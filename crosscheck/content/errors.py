"""Content problems that carry the file, line and column a teacher has to fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one content file, 1-based line and column."""

    path: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        """Format as `file:line:col: message`, the form editors and teachers can jump to."""
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.col}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"


class ContentError(Exception):
    """Raised when a content file cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class QuoteError(LookupError):
    """A quote that is not in an article, or is there more than once."""


class QuoteNotFound(QuoteError):
    """The quote does not occur in the article."""


class QuoteAmbiguous(QuoteError):
    """The quote occurs more than once in the article."""
