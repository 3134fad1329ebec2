"""Read plain-text and markdown reports: encoding detection, size and binary guards.

What it does: bytes -> str (UTF-8, UTF-8 with BOM, GB18030/GBK, UTF-16 with BOM, or a given
encoding), rejects empty, binary and oversized files with a clear cause, splits into Lines.
What it does not: clean the text; normalize/ does that.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..datamodel import Document, Line
from ..datamodel.errors import ExtractionError
from .files import sha256_bytes


def _decode(data: bytes, path: str, encoding: Optional[str]) -> tuple[str, str]:
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise ExtractionError(path, "ingest", f"cannot decode as {encoding}: {exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes (truncated conversions) is still worth reading.
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(3, len(text) // 1000):
        return text, "utf-8 (with replaced bytes)"
    raise ExtractionError(
        path, "ingest", f"unknown text encoding (not UTF-8: {utf8_error.reason} at byte {utf8_error.start}; "
        "not GB18030); pass --encoding"
    )


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 32)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a byte-order mark: NUL and low bytes are normal there
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control > len(sample) * 0.01


def read_text_file(path: Path, encoding: Optional[str] = None, max_bytes: int = 20_000_000) -> Document:
    spath = str(path)
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError(spath, "ingest", "empty file (0 bytes)")
    if max_bytes and size > max_bytes:
        raise ExtractionError(
            spath, "ingest",
            f"file too large: {size / 1e6:.1f} MB exceeds the limit of {max_bytes / 1e6:.0f} MB "
            "for a text report (raise it with --max-bytes)",
        )
    data = path.read_bytes()
    if not encoding and _looks_binary(data):
        raise ExtractionError(spath, "ingest", "binary data, not a text report")
    text, used = _decode(data, spath, encoding)
    if not text.strip():
        raise ExtractionError(spath, "ingest", "file holds only whitespace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    return Document(
        path=spath, sha256=sha256_bytes(data), format=fmt, route="text",
        lines=lines, encoding=used, size=size,
    )
