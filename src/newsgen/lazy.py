"""Names a module offers from other modules, imported on first use (PEP 562)."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_names(owner: str, elsewhere: dict[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` for `owner` that imports each name of `elsewhere` (name -> the
    module defining it) when it is first asked for, so importing `owner` stays cheap."""

    def __getattr__(name: str) -> object:
        module = elsewhere.get(name)
        if module is None:
            raise AttributeError(f"module {owner!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    return __getattr__
