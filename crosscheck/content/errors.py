"""Content problems that carry the file, line and column a teacher has to fix."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one content file, 1-based line and column; `fix` says what to write instead, when known.

    The workspace shows `message` and `fix` beside the line; `str()` gives the one-line form of `content check`.
    """

    path: str
    line: int
    col: int
    message: str
    severity: str = "error"
    fix: str = field(default="", kw_only=True)

    def __str__(self) -> str:
        """Format as `file:line:col: message; fix`, the form editors and teachers can jump to."""
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        fix = f"; {self.fix}" if self.fix else ""
        return f"{self.path}:{self.line}:{self.col}: {prefix}{self.message}{fix}"

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"


class QuoteError(LookupError):
    """A quote that is not in an article, or is there more than once."""


class QuoteNotFound(QuoteError):
    """The quote does not occur in the article; `quote` is what was looked for."""

    def __init__(self, message: str, quote: str = ""):
        super().__init__(message, quote)
        self.quote = quote

    def __str__(self) -> str:
        """The message alone."""
        return str(self.args[0])


class QuoteAmbiguous(QuoteError):
    """The quote occurs more than once in the article."""
