"""What ingest knows about files before reading them: the formats by suffix, and content hashes.

What it does: the suffix sets of every supported format (one copy, used by ingest, batch and the
command line) and the sha256 of a file's bytes (`sha256_bytes`, or `sha256_file` streamed for batch
runs, so a huge file is never held in memory to be hashed).
What it does not: read or check a file's content (text.py, docx.py, pdf.py, image.py).
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
WORD_SUFFIXES = {".docx", ".doc", ".wps"}
PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
SUPPORTED = TEXT_SUFFIXES | WORD_SUFFIXES | PDF_SUFFIXES | IMAGE_SUFFIXES


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> Optional[str]:
    """The file's sha256, read in 1 MB blocks; None when it cannot be read."""
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None
