"""The `newsgen` command: argument parsing and exit codes, over the library's functions.

Exit codes: 0 success (warnings allowed), 1 content or config errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsgen import __version__
from newsgen.build import BuildOptions, build

# The other commands import what they need when they run: `newsgen build` with nothing to do
# should import none of the pipeline (see `newsgen.uptodate`).

USAGE_ERROR = 2

MAIN_EPILOG = """\
examples:
  newsgen init mysite            create a new site with sample articles
  newsgen build mysite           build mysite/ into mysite/build/
  newsgen serve mysite           preview with live reload at http://127.0.0.1:8000/
  newsgen inspect FILE --json    what newsgen reads from one article file
  newsgen entities --kind person the people found across the archive

Run `newsgen COMMAND --help` for a command's options.
"""

BUILD_EPILOG = """\
examples:
  newsgen build                          the site in the current folder -> build/
  newsgen build mysite -o public         write into public/ instead
  newsgen build --base-url https://example.org/archive/
  newsgen build --strict -q              for CI: fail on any warning, print only problems
  newsgen build --clean                  ignore the cache and re-read every file

Files are staged next to the output folder and moved in only once every page has rendered
(never under --strict with problems), so an interrupted build leaves the last one intact.
Bad article files are reported and left out; the rest of the site is still built.
newsgen refuses to replace a non-empty folder it did not create (no .newsgen-output file).
exit status: 0 built (warnings allowed), 1 errors (or warnings with --strict), 2 bad usage
"""

SERVE_EPILOG = """\
examples:
  newsgen serve                          http://127.0.0.1:8000/
  newsgen serve mysite --port 8080 --drafts
"""

INSPECT_EPILOG = """\
examples:
  newsgen inspect content/world/talks-resume.txt
  newsgen inspect wire-copy.txt --json   works on a file outside any site too
"""

ENTITIES_EPILOG = """\
examples:
  newsgen entities                       every entity, most-mentioned first
  newsgen entities --kind place --min-articles 3
  newsgen entities --unresolved --json   names not matched to a canonical entity
"""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _base_url(text: str) -> str:
    from newsgen.config import normalise_base_url

    normalised = normalise_base_url(text)
    if normalised is None:
        raise argparse.ArgumentTypeError(
            f"expected an http(s) URL or a path starting with /, got {text!r}"
        )
    return normalised


def _port(text: str) -> int:
    value = _positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"must be at most 65535, got {value}")
    return value


def _command(sub: Any, name: str, summary: str, epilog: str) -> argparse.ArgumentParser:
    return sub.add_parser(  # type: ignore[no-any-return]
        name,
        help=summary,
        description=summary,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _site_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "site", nargs="?", default=".", type=Path, help="the site folder (default: current folder)"
    )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgen",
        description="newsgen builds a static website from a folder of news articles "
        "(plain-text wire copy or Markdown with YAML front matter).",
        epilog=MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsgen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_build(_command(sub, "build", "Build the site into its output folder.", BUILD_EPILOG))
    _add_serve(_command(sub, "serve", "Preview the site with live reload.", SERVE_EPILOG))
    _add_inspect(_command(sub, "inspect", "Show what newsgen reads from one file.", INSPECT_EPILOG))
    init = _command(sub, "init", "Create a new site with sample articles.", "example:\n  newsgen init mysite\n")
    init.add_argument("dir", type=Path, help="folder to create (must be absent or empty)")
    _add_entities(
        _command(sub, "entities", "List the people, organizations and places found.", ENTITIES_EPILOG)
    )
    return parser


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="DIR", type=Path,
                        help="output folder (default: output_dir of newsgen.yaml, i.e. build/)")  # fmt: skip
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft")


def _add_build(parser: argparse.ArgumentParser) -> None:
    _site_argument(parser)
    _add_output_options(parser)
    parser.add_argument("--base-url", metavar="URL", type=_base_url,
                        help="override base_url of newsgen.yaml (a URL, or a path like /archive/)")  # fmt: skip
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings as errors; nothing is replaced unless all is clean")  # fmt: skip
    parser.add_argument("--clean", action="store_true", help="ignore the build cache")
    parser.add_argument("-j", "--jobs", metavar="N", type=_positive_int,
                        help="worker processes (default: all cores)")  # fmt: skip
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    talk.add_argument("-v", "--verbose", action="store_true", help="print every warning and stage")


def _add_serve(parser: argparse.ArgumentParser) -> None:
    _site_argument(parser)
    _add_output_options(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", default=8000, type=_port, help="port (default: %(default)s)")
    parser.add_argument("--open", action="store_true", help="open the site in a browser")


def _add_inspect(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="an article file (.txt or .md)")
    parser.add_argument("--json", action="store_true", help="print the full JSON view")


def _add_entities(parser: argparse.ArgumentParser) -> None:
    _site_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--kind", choices=["person", "organization", "place", "other"],
                        help="only this kind of entity")  # fmt: skip
    parser.add_argument("--min-articles", metavar="N", type=_positive_int, default=1,
                        help="only entities found in at least N articles (default: 1)")  # fmt: skip
    parser.add_argument("--unresolved", action="store_true",
                        help="list names that were not merged into a canonical entity")  # fmt: skip
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft")


def _need_site(parser: argparse.ArgumentParser, site: Path) -> None:
    if not site.is_dir():
        parser.error(f"site folder not found: {site}")


def _output(path: Path | None) -> str | None:
    """`-o` is relative to the current folder, as a user typing it expects."""
    return os.path.abspath(path) if path is not None else None


def run_build(args: argparse.Namespace) -> int:
    options = BuildOptions(output_dir=_output(args.output), base_url=args.base_url,
                           drafts=args.drafts, strict=args.strict, clean=args.clean,
                           jobs=args.jobs, quiet=args.quiet, verbose=args.verbose)  # fmt: skip
    return build(args.site, options).exit_code


def run_serve(args: argparse.Namespace) -> int:
    from newsgen.serve import serve

    options = BuildOptions(output_dir=_output(args.output), drafts=args.drafts)
    return int(serve(args.site, args.host, args.port, options, open_browser=args.open))


def run_inspect(args: argparse.Namespace) -> int:
    from newsgen.buildsteps.one_file import inspect_file

    try:
        view = inspect_file(args.file)
    except OSError as exc:
        print(f"newsgen inspect: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(view, ensure_ascii=False, indent=2, default=str))
    else:
        print(readable_summary(view))
    return 0 if view.get("article", True) is not None else 1


def readable_summary(view: dict[str, Any]) -> str:
    """The JSON view as `key: value` lines, long lists cut short."""
    lines = []
    for key, value in view.items():
        if isinstance(value, list):
            lines.append(f"{key}: {len(value)}")
            lines.extend(f"  - {_short(item)}" for item in value[:8])
            if len(value) > 8:
                lines.append(f"  ... {len(value) - 8} more")
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {_short(v)}" for k, v in value.items())
        else:
            lines.append(f"{key}: {_short(value)}")
    return "\n".join(lines)


def _short(value: Any, width: int = 100) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= width else text[: width - 1] + "…"


def run_init(args: argparse.Namespace) -> int:
    from newsgen.scaffold import ScaffoldError, init_site

    try:
        written = init_site(args.dir)
    except ScaffoldError as exc:
        print(f"newsgen init: {exc}", file=sys.stderr)
        return USAGE_ERROR
    print(f"Created a new site in {args.dir} ({len(written)} files). Next:")
    print(f"  newsgen build {args.dir}\n  newsgen serve {args.dir}")
    return 0


def run_entities(args: argparse.Namespace) -> int:
    from newsgen.buildsteps.site import load_site
    from newsgen.entities import entity_report

    site = load_site(args.site, BuildOptions(drafts=args.drafts, quiet=True))
    for problem in site.diagnostics:
        if problem.severity == "error":
            print(problem.format(), file=sys.stderr)
    if site.resolution is None:
        return 1
    report = entity_report(site.resolution, kind=args.kind, min_articles=args.min_articles,
                           unresolved=args.unresolved)  # fmt: skip
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else _table(report))
    return 0


def _table(rows: Any) -> str:
    """Rows of dicts as aligned columns."""
    rows = list(rows)
    if not rows:
        return "(none)"
    if not isinstance(rows[0], dict):
        return "\n".join(str(row) for row in rows)
    columns = list(rows[0])
    cells = [[_short(str(row.get(c, "")), 40) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines)


COMMANDS = {"build": run_build, "serve": run_serve, "inspect": run_inspect,
            "init": run_init, "entities": run_entities}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command in ("build", "serve", "entities"):
        _need_site(parser, args.site)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("newsgen: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `newsgen entities | head`: the reader left, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
