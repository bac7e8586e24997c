"""newsgen: a static site generator for news archives.

The public API is small: `build()` with `BuildOptions`, `load_config()`, `inspect_file()` and
`init_site()`; the command line (`newsgen`) is a thin layer over them.
"""

from __future__ import annotations

# Kept equal to pyproject.toml's version by a test; read at import time, importlib.metadata
# would cost a no-change build a noticeable share of its time.
__version__ = "0.1.0"

from newsgen.build import BuildOptions, BuildResult, Stages, build, inspect_file  # noqa: E402
from newsgen.config import SiteConfig, UrlConfig, load_config, read_settings  # noqa: E402
from newsgen.diagnostics import Diagnostic  # noqa: E402
from newsgen.scaffold import init_site  # noqa: E402

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
