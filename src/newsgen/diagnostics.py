"""Problems found while building, as values that travel beside the data.

Every stage returns its diagnostics instead of logging or raising, so the build can go on with
the rest of the files and summarise everything at the end. `path` is relative to the site root.

Codes (stable; group warnings in the summary and in tests):
  error   binary-file         the file is not text
  error   read-failed         the file could not be read (permissions, vanished)
  error   front-matter        the YAML front matter is invalid or not a mapping
  error   empty-article       no headline could be found
  error   config              newsgen.yaml or entities.yaml is invalid
  error   template            a template failed to load or render
  error   output              the output folder cannot be written or replaced
  warning encoding-fallback   not UTF-8; decoded as cp1252
  warning front-matter-key    a front matter value has the wrong type and was ignored
  warning undated             no date found for the article
  warning slug-collision      two articles wanted the same URL; a suffix was added
  warning read-more-unresolved  a `Read more:` headline matches no article
  warning config-key          an unknown key in newsgen.yaml
  warning cache               the build cache was unreadable and was ignored
  warning entities            entities.yaml has a questionable entry
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: where it is, how bad, a stable code, what happened and what to do."""

    path: str
    line: int | None
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """`content/x.txt:3: error[front-matter]: message (hint: ...)`, the one-line form."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.severity}[{self.code}]: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


def error(path: str, line: int | None, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, "error", code, message, hint)


def warning(path: str, line: int | None, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, "warning", code, message, hint)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def count_by_code(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, str, int]]:
    """(severity, code, count) sorted errors first, then by code: the build summary's lines."""
    counts = Counter((d.severity, d.code) for d in diagnostics)
    return sorted(
        ((sev, code, n) for (sev, code), n in counts.items()),
        key=lambda row: (row[0] != "error", row[1]),
    )
