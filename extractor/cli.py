"""The command line: `extractor extract | batch | evaluate | schema`.

What it does: parses arguments, calls the pipeline or the batch runner, writes JSON to a file or
stdout and messages to stderr (never mixed), and sets the exit code: 0 success, 1 a file could not
be extracted, 2 usage error.
What it does not: contain extraction logic.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Optional

from .datamodel import json_schema
from .datamodel.errors import ExtractionError
from .evidence.policy import REVIEW_THRESHOLD
from .pipeline import Options, extract

log = logging.getLogger("extractor")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with a short message
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _options(args) -> Options:
    return Options(encoding=args.encoding, keep_contacts=args.keep_contacts, review_threshold=args.review_threshold,
                   max_bytes=int(args.max_mb * 1_000_000), ocr=not args.no_ocr, ocr_engine=args.ocr_engine,
                   dpi=args.dpi, ner=not args.no_ner)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--encoding", help="text encoding of the input (default: detect UTF-8 / UTF-8 BOM / GB18030)")
    p.add_argument("--keep-contacts", action="store_true",
                   help="keep 填表人 names and phone numbers in the JSON (left out by default)")
    p.add_argument("--review-threshold", type=float, default=REVIEW_THRESHOLD,
                   help=f"fields below this confidence go to the review queue (default {REVIEW_THRESHOLD})")
    p.add_argument("--max-mb", type=float, default=20.0, help="refuse text files larger than this (default 20 MB)")
    p.add_argument("--ocr-engine", choices=["rapid", "paddle"], default="rapid",
                   help="OCR engine for scans and images: rapid (PP-OCR on ONNX Runtime, default) or paddle "
                        "(PaddleOCR, optional extra)")
    p.add_argument("--dpi", type=int, default=200, help="resolution PDF pages are rendered at for OCR (default 200)")
    p.add_argument("--no-ocr", action="store_true", help="do not OCR pages without a text layer")
    p.add_argument("--no-ner", action="store_true", help="rules alone: do not run the NER layer (models/ner-zh)")
    p.add_argument("-v", "--verbose", action="store_true", help="progress logs on stderr")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="extractor", description="Chinese public-finance disclosure reports to validated JSON.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("extract", help="extract one report to JSON")
    p.add_argument("input", help="report file (.txt, .md)")
    p.add_argument("-o", "--output", default="-", help="output JSON file, '-' for stdout (default)")
    p.add_argument("--pretty", action="store_true", help="indented JSON")
    _common(p)
    b = sub.add_parser("batch", help="extract many reports to JSON lines")
    b.add_argument("inputs", nargs="+", help="files, directories or glob patterns")
    b.add_argument("-o", "--output", required=True, help="output JSONL file ('-' for stdout, no resume)")
    b.add_argument("--force", action="store_true", help="redo files already in the output")
    b.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    _common(b)
    e = sub.add_parser("evaluate", help="compare an extracted report JSON with a truth file, field by field",
                       description="Precision, recall and F1 of an extracted report (the JSON `extractor extract` "
                                   "wrote) against a truth file in the format of tests/expected/FORMAT.md, per part "
                                   "and in total, with the mismatches.")
    e.add_argument("truth", help="truth JSON (tests/expected/FORMAT.md)")
    e.add_argument("output", help="the extracted report JSON to score")
    e.add_argument("--mismatches", type=int, default=20, help="mismatches to list (default 20, 0: none)")
    e.add_argument("--json", action="store_true", help="the scores as JSON on stdout")
    sub.add_parser("schema", help="print the JSON Schema of the output")
    return parser


def _evaluate(args) -> int:
    from .evaluate import as_dict, compare, load_report, load_truth, summary

    try:
        truth = load_truth(args.truth)
    except (OSError, ValueError) as exc:
        print(f"extractor: cannot read the truth file {args.truth}: {exc}", file=sys.stderr)
        return 1
    try:
        report = load_report(args.output)
    except (OSError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        print(f"extractor: cannot read the report JSON {args.output}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    score = compare(report, truth)
    if args.json:
        print(json.dumps(as_dict(score), ensure_ascii=False, indent=2))
    else:
        print(summary(score, args.mismatches))
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="%(levelname)s %(message)s", stream=sys.stderr)
    if args.command == "schema":
        print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
        return 0
    if args.command == "evaluate":
        return _evaluate(args)
    if args.command == "extract":
        try:
            report = extract(args.input, _options(args))
        except ExtractionError as exc:
            print(f"extractor: cannot extract {exc.path}: {exc.cause}", file=sys.stderr)
            return 1
        text = report.model_dump_json(indent=2 if args.pretty else None)
        if args.output == "-":
            sys.stdout.write(text + "\n")
        else:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
        log.info("%s: %s, %d tables, %d explanations, %d projects, %d checks failed, %d to review, %.3f s",
                 args.input, report.status, len(report.tables), len(report.explanations), len(report.projects),
                 sum(not c.passed for c in report.checks), len(report.review), report.timings.get("total", 0))
        for p in report.problems:
            log.info("%s: %s [%s] %s", args.input, p.severity, p.stage, p.message)
        return 0 if report.status == "ok" else 1
    if args.command == "batch":
        from .batch import run_batch

        if args.workers < 1:
            parser.error("--workers must be at least 1")
        output = None if args.output == "-" else Path(args.output)
        summary = run_batch(args.inputs, output, _options(args), workers=args.workers, force=args.force,
                            progress=not args.no_progress)
        s = summary.as_dict()
        print(f"files {s['files']}  ok {s['ok']}  partial {s['partial']}  failed {s['failed']}  "
              f"skipped {s['skipped']}  fields {s['fields']}  review {s['review']}  "
              f"seconds {s['seconds']}  files/s {s['files_per_second']}", file=sys.stderr)
        if summary.files == 0:
            print("extractor: no input files found", file=sys.stderr)
            return 2
        return 1 if summary.failed or summary.partial else 0
    parser.error("unknown command")
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
