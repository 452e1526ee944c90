"""`sarkit` on the command line. Thin: each command calls one library function."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections import Counter

from .export import FORMATS


def _cmd_extract(args: argparse.Namespace) -> int:
    from . import extract
    from .export import write_dataset

    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = set(formats) - set(FORMATS)
    if unknown:
        print(f"sarkit: unknown output format(s): {', '.join(sorted(unknown))}; choose from {', '.join(FORMATS)}",
              file=sys.stderr)
        return 2
    ds = extract(args.inputs, progress=not args.quiet)
    written = write_dataset(ds, args.out, formats)
    counts = Counter(ds.documents["status"]) if len(ds.documents) else Counter()
    summary = ", ".join(f"{counts[s]} {s}" for s in ("ok", "needs_review", "no_assessment", "error") if counts[s])
    print(f"sarkit: {len(ds.documents)} files ({summary or 'none'}); "
          f"{len(ds.indicators)} indicators, {int(ds.indicators['level'].notna().sum()) if len(ds.indicators) else 0} "
          f"levels; wrote {len(written)} files to {args.out}")
    for _, row in ds.documents[ds.documents["status"] == "error"].iterrows():
        print(f"  error: {row['file']}: {row['error']}", file=sys.stderr)
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_corpus, format_report

    report = evaluate_corpus(args.corpus)
    print(format_report(report, verbose=args.verbose))
    return 0 if report.wrong_unflagged == 0 else 1


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate_files

    return validate_files(args.files, as_json=args.json)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="sarkit", description="Thai self-assessment reports to tidy tables.")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="read reports (files or folders) and write the tables")
    ex.add_argument("inputs", nargs="+", help="files or folders (read recursively)")
    ex.add_argument("--out", required=True, help="output folder")
    ex.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated, from {', '.join(FORMATS)}")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    ex.add_argument("--frameworks", help="folder of framework YAML files (default: the bundled catalogue)")
    ex.set_defaults(func=_cmd_extract)

    ev = sub.add_parser("eval", help="compare extraction with the truth files of a corpus")
    ev.add_argument("corpus", help="folder of documents with <name>.truth.json beside each")
    ev.add_argument("--verbose", "-v", action="store_true", help="list every disagreement")
    ev.set_defaults(func=_cmd_eval)

    va = sub.add_parser("validate", help="check submitted reports and print a verdict")
    va.add_argument("files", nargs="+")
    va.add_argument("--json", action="store_true", help="machine-readable output")
    va.add_argument("--frameworks", help="folder of framework YAML files (default: the bundled catalogue)")
    va.set_defaults(func=_cmd_validate)
    return ap


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="sarkit: %(message)s")
    args = build_parser().parse_args(argv)
    from .frameworks import FrameworkError, load_catalogue

    if getattr(args, "frameworks", None):
        os.environ["SARKIT_FRAMEWORKS"] = args.frameworks  # so that worker processes see it too
    try:
        load_catalogue()  # a malformed framework file stops us here, with its file and line
    except FrameworkError as exc:
        print(f"sarkit: framework catalogue: {exc}", file=sys.stderr)
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
