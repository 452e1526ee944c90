"""`sarkit` on the command line. Thin: each command calls one library function."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from .export import FORMATS


def _cmd_extract(args: argparse.Namespace) -> int:
    from .batch import OutputFolderError, SetupError, run_batch

    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = set(formats) - set(FORMATS)
    if unknown:
        print(f"sarkit: unknown output format(s): {', '.join(sorted(unknown))}; choose from {', '.join(FORMATS)}",
              file=sys.stderr)
        return 2
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
    print(summary.line())
    docs = summary.dataset.documents
    for _, row in docs[docs["status"].isin(["error", "missing_tool"])].iterrows():
        print(f"  {row['status']}: {row['file']}: {row['error']}", file=sys.stderr)
    # 3: some files need a system tool that is not installed (install it and run again: they are redone)
    return 3 if (docs["status"] == "missing_tool").any() else 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_corpus, format_report

    report = evaluate_corpus(args.corpus)
    print(format_report(report, verbose=args.verbose))
    return 0 if report.wrong_unflagged == 0 else 1


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate_files

    return validate_files(args.files, as_json=args.json, timeout=args.timeout, memory_mb=args.memory_mb or None)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="sarkit", description="Thai self-assessment reports to tidy tables.")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="read reports (files or folders) and write the tables")
    ex.add_argument("inputs", nargs="+", help="files or folders (read recursively)")
    ex.add_argument("--out", required=True, help="output folder")
    ex.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated, from {', '.join(FORMATS)}")
    ex.add_argument("--quiet", action="store_true", help="no progress bar (it is off anyway when not on a terminal)")
    ex.add_argument("--workers", type=int, default=None, help="worker processes (default: the machine's cores)")
    ex.add_argument("--timeout", type=float, default=120.0, help="seconds one file may take (default 120)")
    ex.add_argument("--memory-mb", type=int, default=2048, help="address-space cap per worker in MB, 0 for none")
    ex.add_argument("--recycle", type=int, default=200, help="replace each worker after this many files")
    ex.add_argument("--scheduler", help="run on a dask.distributed cluster: tcp://HOST:PORT")
    ex.add_argument("--dask", action="store_true", help="run on a local Dask cluster")
    ex.add_argument("--frameworks", help="folder of framework YAML files (default: the bundled catalogue)")
    ex.set_defaults(func=_cmd_extract)

    ev = sub.add_parser("eval", help="compare extraction with the truth files of a corpus")
    ev.add_argument("corpus", help="folder of documents with <name>.truth.json beside each")
    ev.add_argument("--verbose", "-v", action="store_true", help="list every disagreement")
    ev.set_defaults(func=_cmd_eval)

    va = sub.add_parser("validate", help="check submitted reports and print a verdict")
    va.add_argument("files", nargs="+")
    va.add_argument("--json", action="store_true", help="machine-readable output")
    va.add_argument("--timeout", type=float, default=120.0, help="seconds one file may take (default 120)")
    va.add_argument("--memory-mb", type=int, default=2048, help="address-space cap in MB, 0 for none")
    va.add_argument("--frameworks", help="folder of framework YAML files (default: the bundled catalogue)")
    va.set_defaults(func=_cmd_validate)
    return ap


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="sarkit: %(message)s")
    args = build_parser().parse_args(argv)
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
