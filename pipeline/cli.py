"""The `planminer` command line (also `python -m pipeline`)."""

from __future__ import annotations

import argparse
import atexit
import json
import os
import sys
import threading
from pathlib import Path
from typing import NoReturn

from pipeline.research.cli import add_compare_subcommands
from pipeline.version import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def add_build_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="build the structured corpus from raw documents",
        description="Read INPUT files and directories (recursively) and write documents.jsonl, "
        "tasks.jsonl and build_report.json into --out.",
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="files or directories")
    p.add_argument("--out", required=True, type=Path, help="output directory")
    p.add_argument(
        "--jobs", "-j", type=_positive_int, default=1, help="worker processes (default 1)"
    )
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="execution engine")
    p.add_argument(
        "--scheduler", help="Dask scheduler address (tcp://host:8786); default: a LocalCluster"
    )
    p.add_argument("--cache-dir", type=Path, help="per-file result cache (default: OUT/../.cache)")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache")
    p.add_argument(
        "--model", type=Path, help="classifier file (default: models/task_classifier.json)"
    )
    p.add_argument(
        "--max-bytes", type=_positive_int, default=100 * 1024 * 1024, help="per-file size limit"
    )
    p.add_argument(
        "--doc-timeout",
        type=_non_negative_float,
        default=300.0,
        help="per-file time limit in seconds (0: none)",
    )
    p.add_argument("--strict", action="store_true", help="exit non-zero when any file has an error")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run_build)


def run_build(args: argparse.Namespace) -> int:
    from pipeline.build import BuildOptions, UsageError, build
    from pipeline.build.process import Limits

    options = BuildOptions(
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        cache_dir=args.cache_dir,
        use_cache=not args.no_cache,
        quiet=args.quiet,
        model_path=args.model,
        limits=Limits(max_bytes=args.max_bytes, timeout_s=args.doc_timeout),
    )
    if args.model and not args.model.is_file():
        print(f"planminer build: error: model file not found: {args.model}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = build(args.inputs, args.out, options)
    except UsageError as err:
        print(f"planminer build: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    totals = report["totals"]
    if not args.quiet:
        print(
            f"{totals['files']} files: {totals['ok']} ok, {totals['skipped']} skipped, {totals['error']} errors "
            f"({totals['cached']} from cache); {totals['documents']} documents, {totals['tasks']} tasks "
            f"-> {args.out}",
            file=sys.stderr,
        )
        for entry in report["files"]:
            if entry["status"] == "error":
                print(f"  error: {entry['path']}: {entry['message']}", file=sys.stderr)
    return EXIT_FAILED if args.strict and totals["error"] else EXIT_OK


def add_eval_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="precision/recall of the extractors on the annotated sets",
        description="Score the deadline, target and agency extractors on corpus/annotations/*.jsonl.",
    )
    p.add_argument("--annotations", type=Path, default=Path("corpus/annotations"))
    p.add_argument("--split", default="all", help="dev, test, blind … or all (default)")
    p.add_argument("--json", action="store_true", help="print figures as JSON")
    p.add_argument("--errors", action="store_true", help="list every item whose records differ")
    p.set_defaults(func=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    from pipeline.extract.evaluate import evaluate_all, format_table

    scores = evaluate_all(args.annotations, args.split, with_errors=args.errors)
    print(json.dumps(scores, ensure_ascii=False, indent=2) if args.json else format_table(scores))
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planminer",
        description="Turn folders of Chinese government action plans into a structured corpus.",
    )
    parser.add_argument("--version", action="version", version=f"planminer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_build_parser(sub)
    add_eval_parser(sub)
    add_compare_subcommands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


def run(argv: list[str] | None = None) -> NoReturn:
    """`python -m pipeline`: run the command and exit with its status.

    A build ends through :func:`exit_without_teardown`; the other commands exit
    normally.
    """
    args = make_parser().parse_args(argv)
    code = int(args.func(args) or 0)
    if args.func is run_build:
        exit_without_teardown(code)
    sys.exit(code)


def exit_without_teardown(code: int) -> NoReturn:
    """End the process with `code` once the command is done, skipping the heap's teardown.

    (perf) A build's main process holds the loaded resources (its forked workers
    inherited them): freeing them object by object at exit costs about 0.1 s and
    serves nothing.  Exit handlers still run and the standard streams are flushed;
    output files are complete by now (written atomically).  While another
    non-daemon thread is alive, the normal exit (which waits for it) is used.
    """
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if others:
        sys.exit(code)
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
