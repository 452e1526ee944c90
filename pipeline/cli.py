"""`sarkit` on the command line. Thin: each command calls one library function."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from .formats import FORMATS

log = logging.getLogger("sarkit")


def _cmd_extract(args: argparse.Namespace) -> int:
    """Exit codes: 0 every file read; 1 some files could not be read (status error); 2 usage, or the
    output folder cannot take the results; 3 a system tool some files need is missing."""
    from .batch import OutputFolderError, SetupError, run_batch

    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = set(formats) - set(FORMATS)
    if unknown or not formats:
        return _usage(f"unknown output format(s): {', '.join(sorted(unknown)) or '(none)'}; choose from "
                      f"{', '.join(FORMATS)}")
    missing = [p for p in args.inputs if not os.path.lexists(p)]
    if missing:
        return _usage(f"no such file or folder: {', '.join(missing)}")
    try:
        summary = run_batch(args.inputs, args.out, workers=args.workers, timeout=args.timeout,
                            memory_mb=args.memory_mb or None, recycle_after=args.recycle, scheduler=args.scheduler,
                            use_dask=args.dask, formats=formats, progress=False if args.quiet else None)
    except OutputFolderError as exc:
        print(f"sarkit: output folder: {exc}", file=sys.stderr)
        return 2
    except SetupError as exc:
        print(f"sarkit: {exc}", file=sys.stderr)
        return 2
    if summary.unique == 0:
        log.warning("no documents found in %s (looked for .docx .doc .pdf .html .rtf .odt .txt and Word, PDF and "
                    "HTML files by content)%s", ", ".join(args.inputs),
                    f"; {summary.skipped} other files skipped" if summary.skipped else "")
    print(summary.line())
    if not args.quiet:
        print(f"sarkit: tables in {args.out}/ (documents, standards, indicators, findings); "
              f"`sarkit report {args.out}` writes a page to look at them", file=sys.stderr)
    shown = 50 if not args.verbose else len(summary.problems)
    for status, file, why in summary.problems[:shown]:
        print(f"  {status}: {file}: {why}", file=sys.stderr)
    if len(summary.problems) > shown:
        print(f"  … and {len(summary.problems) - shown} more (-v lists them all; the documents table has "
              "every one)", file=sys.stderr)
    if summary.counts["missing_tool"]:
        return 3  # install the tool and run again: those files are redone
    return 1 if summary.counts["error"] else 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import ReportError, write_report

    try:
        path = write_report(args.out_dir)
    except ReportError as exc:
        print(f"sarkit: {exc}", file=sys.stderr)
        return 2
    print(f"sarkit: wrote {path}; open it in a browser (file://{os.path.abspath(path)})")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_corpus, format_report

    report = evaluate_corpus(args.corpus)
    print(format_report(report, verbose=bool(args.verbose)))
    return 0 if report.wrong_unflagged == 0 else 1


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate_files

    return validate_files(args.files, as_json=args.json, timeout=args.timeout, memory_mb=args.memory_mb or None,
                          lang=args.lang)


def _positive(kind: type, minimum: float):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}")
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum:g}, not {text}")
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    # Options every command takes, before or after its name (sqlite-utils and OCRmyPDF do the same).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="only errors: no progress, no notes")
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                        help="say more: each file as it is done (-v), debugging (-vv)")
    common.add_argument("--log", metavar="FILE", default=argparse.SUPPRESS,
                        help="also write a log of the run (every file, its status and time) to FILE")

    ap = argparse.ArgumentParser(prog="sarkit", parents=[common],
                                 description="Thai self-assessment reports (SAR) to tidy tables.",
                                 epilog="sarkit COMMAND --help tells more. Exit codes of extract: 0 all files "
                                        "read, 1 some could not be read, 2 usage or output folder, 3 a system "
                                        "tool missing; Ctrl-C: 130.")
    from .version import sarkit_version

    ap.add_argument("--version", action="version", version=f"sarkit {sarkit_version()}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser("extract", parents=[common], help="read reports (files or folders) and write the tables")
    ex.add_argument("inputs", nargs="+", help="files or folders (read recursively)")
    ex.add_argument("--out", required=True, help="output folder")
    ex.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated, from {', '.join(FORMATS)}")
    ex.add_argument("--workers", type=_positive(int, 1), default=None,
                    help="worker processes (default: the machine's cores)")
    ex.add_argument("--timeout", type=_positive(float, 1), default=120.0, help="seconds one file may take (default 120)")
    ex.add_argument("--memory-mb", type=_positive(int, 0), default=2048,
                    help="memory one file may add to its worker, in MB (an address-space cap), 0 for none")
    ex.add_argument("--recycle", type=_positive(int, 1), default=200, help="replace each worker after this many files")
    ex.add_argument("--scheduler", help="run on a dask.distributed cluster: tcp://HOST:PORT")
    ex.add_argument("--dask", action="store_true", help="run on a local Dask cluster")
    ex.add_argument("--frameworks", help="folder of framework YAML files (default: the bundled catalogue)")
    ex.set_defaults(func=_cmd_extract)

    rp = sub.add_parser("report", parents=[common], help="write OUT_DIR/report.html: the run's summary, charts "
                        "and every flagged value with its evidence")
    rp.add_argument("out_dir", help="the output folder of `sarkit extract`")
    rp.set_defaults(func=_cmd_report)

    ev = sub.add_parser("eval", parents=[common], help="compare extraction with the truth files of a corpus")
    ev.add_argument("corpus", help="folder of documents with <name>.truth.json beside each")
    ev.set_defaults(func=_cmd_eval)

    va = sub.add_parser("validate", parents=[common], help="check submitted reports and print a verdict")
    va.add_argument("files", nargs="+")
    va.add_argument("--json", action="store_true", help="machine-readable output (schemas/output/validate.schema.json)")
    va.add_argument("--lang", choices=("th", "en"), default="th", help="th: Thai first, English after (default); "
                    "en: English only")
    va.add_argument("--timeout", type=_positive(float, 1), default=120.0, help="seconds one file may take (default 120)")
    va.add_argument("--memory-mb", type=_positive(int, 0), default=2048, help="memory the file may take, in MB (an address-space cap), 0 for none")
    va.add_argument("--frameworks", help="folder of framework YAML files (default: the bundled catalogue)")
    va.set_defaults(func=_cmd_validate)
    return ap


def _usage(message: str) -> int:
    print(f"sarkit: {message}", file=sys.stderr)
    return 2


def _setup_logging(args: argparse.Namespace) -> None:
    quiet, verbose = getattr(args, "quiet", False), getattr(args, "verbose", 0) or 0
    args.quiet, args.verbose = quiet, verbose
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("sarkit: %(message)s"))
    console.setLevel(level)
    root.addHandler(console)
    root.setLevel(logging.DEBUG if verbose > 1 else logging.WARNING)  # other libraries: warnings only
    logging.getLogger("sarkit").setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    if getattr(args, "log", None):
        fh = logging.FileHandler(args.log, encoding="utf-8")
        fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        fh.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
        root.addHandler(fh)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _setup_logging(args)
    except OSError as exc:
        return _usage(f"--log: {exc.strerror or exc}: {args.log}")
    from .frameworks import FrameworkError, load_catalogue
    from .scales import ScaleError, scales

    if getattr(args, "frameworks", None):
        os.environ["SARKIT_FRAMEWORKS"] = args.frameworks  # so that worker processes see it too
    try:
        load_catalogue()  # a malformed framework file stops us here, with its file and line
        scales()
    except (FrameworkError, ScaleError) as exc:
        print(f"sarkit: framework catalogue: {exc}", file=sys.stderr)
        return 2
    return args.func(args)


def entry() -> int:
    """The console script: Ctrl-C ends with one line and exit 130, not a traceback; a closed pipe
    (`sarkit validate --json … | head`) ends quietly."""
    try:
        return main()
    except KeyboardInterrupt:
        print("sarkit: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


if __name__ == "__main__":
    sys.exit(entry())
