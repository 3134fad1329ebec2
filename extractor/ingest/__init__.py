"""Ingest: file -> Document.

What it does: picks the reader for a file by its extension and content, and returns a Document.
Formats that carry tables as tables give them to the Document already read: DOCX tables
(docx.py) and, for PDFs, the lattice reader (camelot, pdf_tables.py) and the alignment reader
(paged/alignment.py), each table with its reader's parsing report.
What it does not: repair noise (normalize/), OCR page images (ocr/), or find tables in converted
text (structure/).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..datamodel import Document
from ..datamodel.errors import ExtractionError
from .files import IMAGE_SUFFIXES, PDF_SUFFIXES, SUPPORTED, TEXT_SUFFIXES, WORD_SUFFIXES
from .text import read_text_file


def load(path: str | Path, encoding: Optional[str] = None, max_bytes: int = 20_000_000, ocr: bool = True,
         dpi: int = 200) -> Document:
    p = Path(path)
    if not p.exists():
        raise ExtractionError(str(p), "ingest", "file not found")
    if p.is_dir():
        raise ExtractionError(str(p), "ingest", "is a directory, not a file")
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == "":
        return read_text_file(p, encoding=encoding, max_bytes=max_bytes)
    if suffix in WORD_SUFFIXES:
        from .docx import read_docx

        return read_docx(p)
    if suffix in PDF_SUFFIXES:
        from .pdf import read_pdf

        return read_pdf(p, ocr=ocr, dpi=dpi)
    if suffix in IMAGE_SUFFIXES:
        from .image import read_image

        return read_image(p)
    raise ExtractionError(
        str(p), "ingest", f"unsupported file type '{suffix}' (supported: {', '.join(sorted(SUPPORTED))})"
    )
