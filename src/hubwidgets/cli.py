"""The ``hubwidgets`` command: thin argparse shells over the library.

Exit status: 0 success, 1 problems in the data (or a failed step), 2 bad usage.
Every command that reads a catalog takes ``--data DIR`` after its name.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__

Command = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Bad arguments: reported on stderr with exit status 2."""


# Control characters other than tab and line breaks: in a title they could drive the terminal
# (retitle it, clear the screen, hide lines). \r is kept for progress bars.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` safe to print: control characters and undecodable file-name bytes as escapes."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class _VisibleStream:
    """Wraps stdout/stderr so everything printed goes through :func:`visible`."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR", default=None,
                        help="catalog folder (notes/*.md, hubs/*.yaml) or any folder of Markdown "
                        "notes (an Obsidian vault); default: the bundled one")


def _load(args: argparse.Namespace):
    from .api import Catalog

    if args.data is not None and not Path(args.data).is_dir():
        raise UsageError(f"--data {args.data}: no such folder")
    return Catalog.load(args.data, strict=getattr(args, "strict", False))


# -- import-page ----------------------------------------------------------------------------
def _cmd_import_page(args: argparse.Namespace) -> int:
    from .folderfiles import read_text
    from .pageimport import import_page

    page = Path(args.page)
    if not page.is_file():
        raise UsageError(f"{page}: no such file")
    text, problems = read_text(str(page), str(page), page.stat().st_size, 20 * 2**20)
    if text is None:
        for p in problems:
            print(f"hubwidgets: {p}", file=sys.stderr)
        return 1
    result = import_page(text, hub_id=args.hub, source=page.name)
    for p in result.problems:
        print(f"{page}:{p.line or ''}: {p.severity}: {p.message}", file=sys.stderr)
    data = Path(args.data or "data")
    written = result.write(data)
    hub = result.hub
    print(f"imported {page.name} -> {data}/hubs/{hub.id}.yaml: {len(hub.sections)} sections, "
          f"{len(result.notes)} notes ({len(written['created'])} created, "
          f"{len(written['updated'])} updated, {len(written['unchanged'])} unchanged)")
    for gap in result.gaps:
        print(f"  gap: {gap}")
    for nid in written["skipped"]:
        print(f"{data / 'notes' / nid}.md: kept as it is: it cannot be read as a note (see "
              "`hubwidgets validate`); fix or remove it, then import again", file=sys.stderr)
    return 1 if written["skipped"] or any(p.severity == "error" for p in result.problems) else 0


def _add_import_page(sub) -> Command:
    p = sub.add_parser("import-page", help="import a copied topic-hub page (plain text)",
                       description="Read a copied topic-hub page into notes/*.md and hubs/ID.yaml. "
                       "Existing notes keep their body, tags and links.")
    p.add_argument("page", metavar="PAGE.txt", help="the page's text, as copied from a browser")
    p.add_argument("--hub", metavar="ID", default=None, help="hub id (default: slug of the title)")
    p.add_argument("--data", metavar="DIR", default=None, help="catalog folder to write (default: ./data)")
    return _cmd_import_page


# -- validate -------------------------------------------------------------------------------
def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validation_report

    report = validation_report(_load(args))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0 if report["ok"] else 1
    print(f"{report['data']}: {report['notes']} notes, {len(report['hubs'])} hubs")
    for h in report["hubs"]:
        def fig(found, declared):
            return str(found) if declared in (None, found) else f"{found} of {declared} declared"

        print(f"  hub {h['hub']}: {fig(h['notes_found'], h['notes_declared'])} notes, "
              f"{fig(h['sections_found'], h['sections_declared'])} sections")
        for s in h["sections"]:
            mark = "" if s["notes_declared"] in (None, s["notes_found"]) else "  <- gap"
            print(f"    {s['position']:>2}. {s['title']}: "
                  f"{fig(s['notes_found'], s['notes_declared'])}{mark}")
    for p in report["problems"]:
        where = p["file"] or f"hub {p['hub']}"
        line = f":{p['line']}" if p["line"] else ""
        field = f" [{p['field']}]" if p["field"] else ""
        print(f"{where}{line}: {p['severity']}: {p['message']}{field}")
    print(f"{report['errors']} errors, {report['warnings']} warnings")
    return 0 if report["ok"] else 1


def _add_validate(sub) -> Command:
    p = sub.add_parser("validate", help="check a catalog folder and report per hub",
                       description="Report counts found vs declared, duplicate ids, missing notes, "
                       "dangling links, orphans, malformed files. Exit 0 when there are no errors "
                       "(warnings alone are fine), 1 when there are.")
    _add_data(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--strict", action="store_true",
                   help="check hubwidgets' own format: front matter, slug ids and titles required, "
                   "duplicate ids are errors (by default a vault's notes are read as they are)")
    return _cmd_validate


# -- related --------------------------------------------------------------------------------
def _cmd_related(args: argparse.Namespace) -> int:
    from .datadir import bundled_data_dir
    from .extras import require
    from .similarity import write_related

    require("similarity")  # one line and exit 1, before anything is read or written
    data = Path(args.data) if args.data else bundled_data_dir()
    if not data.is_dir():
        raise UsageError(f"--data {data}: no such folder")
    path = write_related(data, k=args.k)
    print(f"wrote {path}")
    return 0


def _add_related(sub) -> Command:
    p = sub.add_parser("related", help="compute text-similarity links into related.json",
                       description="Compute each note's nearest notes (TF-IDF cosine over title, "
                       "summary, tags and the body's prose, code left out) and store them in "
                       "DIR/related.json. Needs "
                       "scikit-learn: pip install 'hubwidgets[similarity]'.")
    _add_data(p)
    p.add_argument("-k", type=int, default=8, help="neighbours kept per note (default 8)")
    return _cmd_related


# -- list / search --------------------------------------------------------------------------
def _cmd_list(args: argparse.Namespace) -> int:
    cat = _load(args)
    for row in cat.hubs.itertuples(index=False):
        print(f"{row.id}\t{row.n_notes} notes\t{row.n_sections} sections\t{row.title}")
    return 0


def _add_list(sub) -> Command:
    p = sub.add_parser("list", help="list the hubs of a catalog")
    _add_data(p)
    return _cmd_list


def _marked(text: str, marks: list, bold: bool) -> str:
    """``text`` with the ``[start, end)`` marks in bold (a terminal) or in ``[brackets]``."""
    out, at = [], 0
    for start, end in marks:
        word = text[start:end]
        out += [text[at:start], f"\033[1m{word}\033[0m" if bold else f"[{word}]"]
        at = end
    return "".join(out) + text[at:]


def _cmd_search(args: argparse.Namespace) -> int:
    cat = _load(args)
    found = cat.search(args.query, limit=args.limit, fuzzy=not args.no_fuzzy, snippets=args.limit)
    if found.attrs.get("hint"):
        print(f"note: {found.attrs['hint']}")
    bold = sys.stdout.isatty()
    for row in found.itertuples(index=False):
        print(f"{row.score:>6.2f}  {row.id}\t{row.title}")
        if row.snippet:
            print(f"        {_marked(row.snippet, row.snippet_marks, bold)}")
    return 0


def _add_search(sub) -> Command:
    p = sub.add_parser("search", help="search note titles, summaries, tags and bodies",
                       description='Words match by prefix; "exact phrase", a OR b, -word, (groups), '
                                   "tag:, section:, hub:, title:, path:, folder: filters.")
    p.add_argument("query")
    _add_data(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--no-fuzzy", action="store_true", help="no typo tolerance")
    return _cmd_search


# -- export-html ----------------------------------------------------------------------------
def _cmd_export_html(args: argparse.Namespace) -> int:
    cat = _load(args)
    path = cat.export_html(args.hub, args.out)
    size = path.stat().st_size
    print(f"wrote {path} ({size / 1024:.0f} KiB): open it in any browser, no Jupyter needed")
    return 0


def _add_export_html(sub) -> Command:
    p = sub.add_parser("export-html", help="write a hub as one self-contained HTML page",
                       description="Write a hub (sections, cards, view-as, search, reader) as one HTML "
                       "file that needs no kernel, no CDN and no network: for sharing with people "
                       "who have no Jupyter.")
    p.add_argument("hub", nargs="?", default=None, help="hub id (default: every note)")
    _add_data(p)
    p.add_argument("--out", "-o", metavar="FILE", required=True, help="the HTML file to write")
    return _cmd_export_html


# -- convert --------------------------------------------------------------------------------
def _cmd_convert(args: argparse.Namespace) -> int:
    from .convert import ConvertReport, convert_hub, convert_note

    if (args.hub is None) == (args.note is None):
        raise UsageError("give a hub id or --note ID (one of the two)")
    if args.execute:
        from .extras import require

        require("execute")  # one line and exit 1, before any notebook is written
    cat = _load(args)
    if args.hub is not None:
        report = convert_hub(args.hub, args.out, catalog=cat, force=args.force, execute=args.execute,
                             workers=args.workers, timeout=args.timeout)
    else:
        cat.get(args.note)
        report = convert_note(args.note, args.out, catalog=cat, force=args.force)
        if args.execute:
            from .execute import execute_notebooks

            for path, error in execute_notebooks(report.written + report.unchanged,
                                                 timeout=args.timeout).items():
                if error:
                    report.failed.append(path)
                    report.errors[path] = error
    assert isinstance(report, ConvertReport)
    for path in report.skipped:
        print(f"skipped {path}: edited since it was generated (use --force to overwrite)",
              file=sys.stderr)
    for path in report.refused + report.failed:
        print(f"{'failed' if path in report.failed else 'refused'} {path}: "
              f"{report.errors.get(path, '')}", file=sys.stderr)
    print(f"{args.out}: {report.summary()}" + ("; executed" if args.execute else ""))
    return 0 if report.ok else 1


def _add_convert(sub) -> Command:
    p = sub.add_parser("convert", help="convert notes to runnable notebooks",
                       description="Write one notebook per note of a hub plus index.ipynb (or one "
                       "note with --note). Re-running rewrites only what changed; notebooks edited "
                       "by a person are skipped unless --force.")
    p.add_argument("hub", nargs="?", default=None, help="hub id")
    p.add_argument("--note", metavar="ID", default=None, help="convert one note instead of a hub")
    _add_data(p)
    p.add_argument("--out", "-o", metavar="DIR", required=True, help="output folder")
    p.add_argument("--execute", action="store_true", help="also run the notebooks (nbclient)")
    p.add_argument("--force", action="store_true", help="overwrite notebooks edited by a person")
    p.add_argument("--workers", type=int, default=2, help="notebooks run at once (default 2)")
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    return _cmd_convert


COMMANDS: list[Callable] = [_add_import_page, _add_validate, _add_related, _add_list, _add_search,
                            _add_export_html, _add_convert]


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Command]]:
    parser = argparse.ArgumentParser(
        prog="hubwidgets", description="Explore topic hubs of research notes inside Jupyter.")
    parser.add_argument("--version", action="version", version=f"hubwidgets {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    handlers: dict[str, Command] = {}
    for add in COMMANDS:
        before = set(sub.choices)
        handler = add(sub)
        for name in set(sub.choices) - before:
            handlers[name] = handler
    return parser, handlers


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status. User text is printed with :func:`visible`."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _VisibleStream(sys.stdout), _VisibleStream(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _one_line_warning(command: str):
    """``warnings.showwarning`` for the CLI: a missing extra as one line, without source lines."""
    def show(msg, category, *_args, **_kwargs) -> None:
        print(f"hubwidgets {command}: warning: {msg}", file=sys.stderr)
    return show


def _main(argv: Sequence[str] | None) -> int:
    from .extras import MissingExtraError, MissingExtraWarning
    from .problems import HubwidgetsError, UnknownNameError

    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", MissingExtraWarning)
            warnings.showwarning = _one_line_warning(args.command)
            return handlers[args.command](args)
    except MissingExtraError as exc:
        print(f"hubwidgets {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        parser.exit(2, f"hubwidgets {args.command}: error: {exc}\n")
    except UnknownNameError as exc:
        print(f"hubwidgets {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except (HubwidgetsError, OSError) as exc:
        print(f"hubwidgets {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
