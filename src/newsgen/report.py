"""How a build talks to its user: progress, diagnostics and the final summary.

`build()` only calls the `Reporter` protocol; `ConsoleReporter` prints to stderr (a progress bar
on a terminal, errors one line each, warnings grouped by code), `RecordingReporter` keeps
everything for tests.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

from newsgen.diagnostics import Diagnostic, count_by_code

if TYPE_CHECKING:
    from newsgen.build import BuildResult

EXAMPLES_PER_CODE = 3
PROGRESS_MIN_ITEMS = 200


class Reporter(Protocol):
    def stage(self, name: str, total: int = 0) -> None:
        """A stage begins; `total` items will be `advance`d (0: no progress to show)."""

    def advance(self, count: int = 1) -> None:
        """`count` more items of the current stage are done."""

    def finish(self, result: BuildResult) -> None:
        """The build is over: summarise it."""


@dataclass
class RecordingReporter:
    """Keeps every call, for tests."""

    stages: list[tuple[str, int]] = field(default_factory=list)
    advanced: int = 0
    results: list[BuildResult] = field(default_factory=list)

    def stage(self, name: str, total: int = 0) -> None:
        self.stages.append((name, total))

    def advance(self, count: int = 1) -> None:
        self.advanced += count

    def finish(self, result: BuildResult) -> None:
        self.results.append(result)


def summary_lines(result: BuildResult, verbose: bool = False) -> list[str]:
    """Errors one line each, warnings grouped by code with a few examples, then the counts."""
    lines = [d.format() for d in result.diagnostics if d.severity == "error"]
    warnings = [d for d in result.diagnostics if d.severity == "warning"]
    by_code: dict[str, list[Diagnostic]] = defaultdict(list)
    for diag in warnings:
        by_code[diag.code].append(diag)
    for severity, code, count in count_by_code(warnings):
        lines.append(f"{count} {severity}{'s' if count != 1 else ''} [{code}]:")
        shown = by_code[code] if verbose else by_code[code][:EXAMPLES_PER_CODE]
        lines.extend(f"  {d.format()}" for d in shown)
        if len(shown) < count:
            lines.append(f"  ... and {count - len(shown)} more (-v shows all)")
    lines.append(
        f"{result.articles} articles; pages: {result.pages_written} written, "
        f"{result.pages_unchanged} unchanged, {result.pages_removed} removed; "
        f"{len(result.errors)} errors, {len(warnings)} warnings; {result.elapsed_s:.2f} s"
    )
    return lines


class ConsoleReporter:
    """Progress on a terminal's stderr; the summary unless quiet (errors are always printed)."""

    def __init__(self, quiet: bool = False, verbose: bool = False, stream: TextIO | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.verbose = verbose
        self.interactive = not quiet and _is_tty(self.stream)
        self.name, self.total, self.done, self.last_draw = "", 0, 0, 0.0

    def stage(self, name: str, total: int = 0) -> None:
        self._clear()
        self.name, self.total, self.done = name, total, 0
        if self.verbose:
            print(f"{name}...", file=self.stream)

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.interactive or max(self.total, self.done) < PROGRESS_MIN_ITEMS:
            return
        now = time.monotonic()
        if now - self.last_draw > 0.1 or self.done == self.total:
            self.last_draw = now
            self.stream.write("\r" + progress_line(self.name, self.done, self.total))
            self.stream.flush()

    def _clear(self) -> None:
        if self.interactive and self.last_draw:
            self.stream.write("\r" + " " * 70 + "\r")
            self.last_draw = 0.0

    def finish(self, result: BuildResult) -> None:
        self._clear()
        lines = summary_lines(result, self.verbose)
        if self.quiet:
            lines = [d.format() for d in result.errors]
        for line in lines:
            print(line, file=self.stream)


def progress_line(name: str, done: int, total: int) -> str:
    """`render     [#####-----] 120/240`, or a plain count when the total is not known."""
    if total <= 0:
        return f"{name:<10} {done}"
    filled = int(30 * min(done, total) / total)
    return f"{name:<10} [{'#' * filled}{'-' * (30 - filled)}] {done}/{total}"


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
