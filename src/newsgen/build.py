"""`build()`: the output as the site's files and settings say it should be.

It first asks `newsgen.uptodate` whether the last identical build still stands (nothing it read
has changed), which needs none of the pipeline; only when it does not is the pipeline
(`buildsteps.run`) imported and run: config -> discover -> load + annotate (cached, parallel)
-> entities -> index -> page plan -> render only pages whose fingerprint changed (parallel) ->
staged output -> swap. The stage functions come in a `Stages` value so tests can run the
orchestration with fakes; the stages' machinery lives in `newsgen.buildsteps`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from newsgen.buildsteps.options import BuildOptions, BuildResult, Stages
from newsgen.lazy import lazy_names
from newsgen.report import ConsoleReporter, Reporter
from newsgen.uptodate import check

if TYPE_CHECKING:  # offered here, imported on first use (see `__getattr__`)
    from newsgen.buildsteps.load import load_articles
    from newsgen.buildsteps.one_file import find_site_root, inspect_file
    from newsgen.buildsteps.parallel import parallel_map, worker_count
    from newsgen.buildsteps.run import GC_THRESHOLDS
    from newsgen.buildsteps.site import LoadedSite, load_site, site_config
    from newsgen.buildsteps.write import page_fingerprint

__all__ = [
    "GC_THRESHOLDS",
    "BuildOptions",
    "BuildResult",
    "LoadedSite",
    "Stages",
    "build",
    "find_site_root",
    "inspect_file",
    "load_articles",
    "load_site",
    "page_fingerprint",
    "parallel_map",
    "site_config",
    "worker_count",
]


def build(
    site_dir: Path,
    options: BuildOptions = BuildOptions(),
    reporter: Reporter | None = None,
    stages: Stages | None = None,
) -> BuildResult:
    """Build the site in `site_dir`; never raises for problems in the content or config."""
    started = time.perf_counter()
    reporter = reporter or ConsoleReporter(options.quiet, options.verbose)
    checked = None
    if stages is None:  # fake stages (tests) make other pages: no record is theirs
        checked = check(Path(site_dir), options, started)
        if checked.result is not None:
            reporter.finish(checked.result)
            return checked.result
    from newsgen.buildsteps.run import run_build

    return run_build(Path(site_dir), options, reporter, stages or Stages(), started, checked)


# Names this module has long offered, from the modules that define them: imported on first use,
# so that an up-to-date build does not import the pipeline.
_ELSEWHERE = {
    "GC_THRESHOLDS": "newsgen.buildsteps.run",
    "LoadedSite": "newsgen.buildsteps.site",
    "find_site_root": "newsgen.buildsteps.one_file",
    "inspect_file": "newsgen.buildsteps.one_file",
    "load_articles": "newsgen.buildsteps.load",
    "load_site": "newsgen.buildsteps.site",
    "page_fingerprint": "newsgen.buildsteps.write",
    "parallel_map": "newsgen.buildsteps.parallel",
    "site_config": "newsgen.buildsteps.site",
    "worker_count": "newsgen.buildsteps.parallel",
}
__getattr__ = lazy_names(__name__, _ELSEWHERE)
