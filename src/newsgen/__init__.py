"""newsgen: a static site generator for news archives.

The public API is small: `build()` with `BuildOptions`, `load_config()`, `inspect_file()` and
`init_site()`; the command line (`newsgen`) is a thin layer over them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Kept equal to pyproject.toml's version by a test; read at import time, importlib.metadata
# would cost a no-change build a noticeable share of its time.
__version__ = "0.1.0"

from newsgen.build import BuildOptions, BuildResult, Stages, build  # noqa: E402
from newsgen.diagnostics import Diagnostic  # noqa: E402
from newsgen.lazy import lazy_names  # noqa: E402

if TYPE_CHECKING:
    from newsgen.buildsteps.one_file import inspect_file
    from newsgen.config import SiteConfig, UrlConfig, load_config, read_settings
    from newsgen.scaffold import init_site

__all__ = [
    "BuildOptions",
    "BuildResult",
    "Diagnostic",
    "SiteConfig",
    "Stages",
    "UrlConfig",
    "__version__",
    "build",
    "inspect_file",
    "init_site",
    "load_config",
    "read_settings",
]

# The rest of the API is imported on first use: `newsgen build` with nothing to do imports none
# of the pipeline (see `newsgen.uptodate`).
_ELSEWHERE = {
    "SiteConfig": "newsgen.config",
    "UrlConfig": "newsgen.config",
    "init_site": "newsgen.scaffold",
    "inspect_file": "newsgen.buildsteps.one_file",
    "load_config": "newsgen.config",
    "read_settings": "newsgen.config",
}
__getattr__ = lazy_names(__name__, _ELSEWHERE)
