"""What open pages need to know: the build epoch, whether the last build failed, and why.

Shared by the rebuild thread (writer) and the HTTP threads (readers, some waiting for the next
epoch), so every access goes through one condition variable.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Status:
    """One snapshot, as sent to the browser by `/__newsgen__/status` and the event stream."""

    epoch: int
    ok: bool
    building: bool
    boot: str
    errors: tuple[str, ...] = ()
    diagnostics: tuple[str, ...] = ()
    styles_only: bool = False  # only stylesheets changed: pages can swap them without reloading

    def as_json(self) -> dict[str, object]:
        return {
            "epoch": self.epoch,
            "ok": self.ok,
            "building": self.building,
            "boot": self.boot,
            "errors": list(self.errors),
            "diagnostics": list(self.diagnostics),
            "styles_only": self.styles_only,
        }


@dataclass(slots=True)
class LiveState:
    """Epoch counter plus the last build's outcome; waiters wake on every change or on close."""

    boot: str = field(default_factory=lambda: secrets.token_hex(6))
    _status: Status | None = None
    _closed: bool = False
    _cond: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self) -> None:
        self._status = Status(epoch=0, ok=True, building=False, boot=self.boot)

    def snapshot(self) -> Status:
        with self._cond:
            assert self._status is not None
            return self._status

    def building(self) -> None:
        """Mark a build as running (the epoch only moves when it finishes)."""
        self._replace(building=True)

    def finished(
        self, ok: bool, errors: list[str], diagnostics: list[str], styles_only: bool = False
    ) -> Status:
        """Record a finished build: the epoch moves on whether it succeeded or not."""
        with self._cond:
            assert self._status is not None
            previous = self._status
            self._status = Status(
                previous.epoch + 1, ok, False, self.boot, tuple(errors), tuple(diagnostics),
                styles_only=styles_only and ok and previous.ok,
            )  # fmt: skip
            self._cond.notify_all()
            return self._status

    def wait_for_change(self, epoch: int, timeout: float) -> Status | None:
        """Block until the epoch differs from `epoch` or `timeout` passes; None once closed."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._epoch() != epoch, timeout)
            return None if self._closed else self._status

    def close(self) -> None:
        """Release every waiting stream so the server can stop promptly."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        with self._cond:
            return self._closed

    def _epoch(self) -> int:
        assert self._status is not None
        return self._status.epoch

    def _replace(self, building: bool) -> None:
        with self._cond:
            assert self._status is not None
            s = self._status
            self._status = Status(s.epoch, s.ok, building, s.boot, s.errors, s.diagnostics)
            self._cond.notify_all()
