"""The measuring stick for converted text: how much of what the PDF route finds in a PDF the text
route finds in the text that common tools make from the same PDF (issue 11).

What it does:

- `CONVERTERS`: name -> function(pdf path) -> text, for the six tools people use to turn a report
  PDF into text, each called the way a new user calls it, with its defaults:
  `pdftotext-layout` (`pdftotext -layout in.pdf -`, poppler-utils), `pdftotext` (`pdftotext in.pdf -`),
  `pypdf` (`page.extract_text()` of every page, joined by newlines), `pdfminer`
  (`pdfminer.high_level.extract_text`), `pymupdf` (`page.get_text()` of every page, each followed
  by a form feed, as PyMuPDF's own example writes it) and `pdfplumber` (`page.extract_text()` of
  every page, joined by newlines). A tool that is not installed raises `ConverterMissing` whose
  message names the tool and how to install it (tests skip with it, the bench prints it).
- `convert(pdf, name, out_dir)`: writes the tool's text as UTF-8 `<pdf stem>.<name>.txt`.
- `facts(report)`: the comparable facts of a Report as a Counter (a multiset: a fact printed twice
  counts twice): for every table row value that is an amount, ("table", row key, amount), the row
  key being the row's code when it has one as printed (not one inferred from a names-only table's
  order: the PDF route keys that row by name), else its name with all whitespace removed (the column
  is left out: the two routes may name a column differently, the amount on the subject's row is
  the fact); every total ("total", key, amount); every amount of an explanation ("explanation",
  subject without whitespace, else its code, field, amount); every amount of a project ("project",
  name without whitespace, field, amount). A row with neither a printed code nor a printed name is
  left out: its key is only its place in the table (`第3行`, `三公经费2`), which another route
  counts differently (form rows of 绩效目标表 and 自评表 are such rows; their amounts count where
  they are read as a project's).
- `agreement(text_report, pdf_report)`: precision, recall and F1 of the text route's facts against
  the PDF route's (multiset intersection), and `confident_wrong`, the text route's facts at
  confidence >= `CONFIDENT` that the PDF route does not have, and `by_part`, the recall per kind
  of fact (table, total, explanation, project).

Amounts are compared as numbers: Decimal equality after trailing zeros are dropped, so 400.20 ==
400.2 and 0.00 == 0 (`amount_key`); no unit conversion is made (万元 and 元 amounts of one report
differ, as they should: both routes read the same printed unit). A count in `confident_wrong` is a
floor: where the text route has a fact more often than the PDF route, the PDF route's occurrences
are matched to the text route's most confident ones first.

What it does not: decide which route is right (the PDF route is the reference because it sees the
page's geometry; where it is wrong itself the measure is wrong with it), compare non-amount values
(names, rates printed as words, staff counts as ints), or look at provenance and review.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

from extractor.datamodel.schema import Field, Report

CONFIDENT = 0.9  # the project's bar: a wrong value at this confidence or above is a defect

Fact = tuple


class ConverterMissing(RuntimeError):
    """A converter's tool is not installed (the message says which and how to install it)."""


def _pdftotext(pdf: Path, *flags: str) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise ConverterMissing("pdftotext is not installed (Debian/Ubuntu: apt-get install poppler-utils; "
                               "or run scripts/install_system_packages.sh)")
    done = subprocess.run([exe, *flags, str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")  # pdftotext writes UTF-8 by default


def pdftotext_layout(pdf: Path) -> str:
    """`pdftotext -layout in.pdf -`: columns kept apart by spaces, as laid out on the page."""
    return _pdftotext(pdf, "-layout")


def pdftotext_plain(pdf: Path) -> str:
    """`pdftotext in.pdf -`: poppler's reading order, no layout."""
    return _pdftotext(pdf)


def _module(name: str, package: str):
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ConverterMissing(f"{package} is not installed (pip install {package}; it is in the test extra: "
                               f"pip install -e '.[test]'): {exc}") from None


def pypdf_text(pdf: Path) -> str:
    """pypdf: `page.extract_text()` of every page, joined by newlines."""
    pypdf = _module("pypdf", "pypdf")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)


def pdfminer_text(pdf: Path) -> str:
    """pdfminer.six: `pdfminer.high_level.extract_text(path)`."""
    high_level = _module("pdfminer.high_level", "pdfminer.six")
    return high_level.extract_text(str(pdf))


def pymupdf_text(pdf: Path) -> str:
    """PyMuPDF: `page.get_text()` of every page, each followed by a form feed."""
    pymupdf = _module("pymupdf", "pymupdf")
    with pymupdf.open(str(pdf)) as doc:
        return "".join(page.get_text() + "\f" for page in doc)


def pdfplumber_text(pdf: Path) -> str:
    """pdfplumber: `page.extract_text()` of every page, joined by newlines."""
    pdfplumber = _module("pdfplumber", "pdfplumber")
    with pdfplumber.open(str(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


CONVERTERS: dict[str, Callable[[Path], str]] = {
    "pdftotext-layout": pdftotext_layout,
    "pdftotext": pdftotext_plain,
    "pypdf": pypdf_text,
    "pdfminer": pdfminer_text,
    "pymupdf": pymupdf_text,
    "pdfplumber": pdfplumber_text,
}


def convert(pdf: Path, name: str, out_dir: Path) -> Path:
    """Convert `pdf` with the converter `name`; the text is written as UTF-8 to
    out_dir/<pdf stem>.<name>.txt, whose path is returned. Raises ConverterMissing."""
    pdf, out_dir = Path(pdf), Path(out_dir)
    text = CONVERTERS[name](pdf)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{pdf.stem}.{name}.txt"
    out.write_text(text, encoding="utf-8")
    return out


def amount_key(value: Decimal) -> Decimal:
    """The amount as compared: trailing zeros dropped (400.20 -> 400.2, 0.00 -> 0, 100 stays 100)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1)) + 0  # + 0 turns -0 into 0
    return value.normalize()


def _squeeze(text) -> str:
    return "".join(str(text or "").split())


def _amount_fields(model) -> Iterator[tuple[str, Field]]:
    """(attribute, Field) for the attributes of an explanation or project that hold an amount."""
    for attr in type(model).model_fields:
        f = getattr(model, attr, None)  # None on a model pickled before the attribute existed
        if isinstance(f, Field) and isinstance(f.value, Decimal):
            yield attr, f


def _printed_code(row) -> bool:
    """The row has a code, and one its text printed: a code the text route inferred from the names'
    order (`code.from_name_order`, a table that prints names only) is not compared, since the PDF
    route keys the same row by its name."""
    code = row.code
    return code is not None and bool(code.value) and not any(r.kind == "code.from_name_order" for r in code.repairs)


_ROW_PLACE = re.compile(r"第\d+行")


def _positional(row, key: str) -> bool:
    """A row with no printed code and no printed name, keyed by nothing or by its place (`第3行`,
    `三公经费2`: a name the reader made up from the row's position). Another route counts rows
    differently, so such a key says nothing about which row it is: not compared."""
    return not _printed_code(row) and not (row.name.raw or "").strip() and (
        not key or key[-1].isdigit() or bool(_ROW_PLACE.fullmatch(key)))


def fact_fields(report: Report) -> Iterator[tuple[Fact, Field]]:
    """Every comparable fact of the report with the Field it was read from (see the module text)."""
    for table in report.tables:
        for row in table.rows:
            key = row.code.value if _printed_code(row) else _squeeze(row.name.value)
            if _positional(row, key):
                continue
            for f in row.values.values():
                if isinstance(f.value, Decimal):
                    yield ("table", str(key), amount_key(f.value)), f
    for key, f in report.totals.items():
        if isinstance(f.value, Decimal):
            yield ("total", key, amount_key(f.value)), f
    for e in report.explanations:
        # keyed by the printed subject: a route that cannot see the report's tables may take another
        # year's code from the catalogue for the same printed subject (its code field says so)
        key = _squeeze(e.subject.value) if e.subject is not None and e.subject.value else (
            e.code.value if e.code is not None else "")
        for attr, f in _amount_fields(e):
            yield ("explanation", str(key), attr, amount_key(f.value)), f
    for p in report.projects:
        for attr, f in _amount_fields(p):
            yield ("project", _squeeze(p.name.value), attr, amount_key(f.value)), f


def facts(report: Report) -> Counter:
    """The report's comparable facts as a multiset."""
    return Counter(fact for fact, _ in fact_fields(report))


def agreement(text_report: Report, pdf_report: Report) -> dict:
    """The text route's facts against the PDF route's: {"text": n, "pdf": n, "matched": n,
    "precision", "recall", "f1", "confident_wrong": [facts, one per occurrence], "by_part": {"table" |
    "total" | "explanation" | "project": (matched, PDF route's facts)}}. With no facts on a side its
    ratio is 1.0 when the other side has none either, else 0.0."""
    ours = facts(text_report)
    ref = facts(pdf_report)
    matched = sum((ours & ref).values())
    n_ours, n_ref = sum(ours.values()), sum(ref.values())
    precision = matched / n_ours if n_ours else float(n_ref == 0)
    recall = matched / n_ref if n_ref else float(n_ours == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    confident = Counter(fact for fact, f in fact_fields(text_report) if f.confidence >= CONFIDENT)
    wrong = []
    for fact, n in sorted(confident.items(), key=lambda kv: str(kv[0])):
        wrong.extend([fact] * max(0, n - ref[fact]))
    by_part: dict[str, tuple[int, int]] = {}
    for fact, n in ref.items():
        got, total = by_part.get(fact[0], (0, 0))
        by_part[fact[0]] = (got + min(n, ours[fact]), total + n)
    return {"text": n_ours, "pdf": n_ref, "matched": matched, "precision": precision, "recall": recall,
            "f1": f1, "confident_wrong": wrong, "by_part": by_part}
