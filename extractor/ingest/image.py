"""Read page images (PNG, JPEG, TIFF including multi-page TIFF) as pages for the OCR stage.

What it does: checks the file (empty, not an image, broken, absurdly large) with a clear cause,
and gives one ScanPage per frame whose loader decodes it on demand (a 300-page TIFF is not held in
memory at once).
What it does not: OCR (ocr/).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..datamodel import Document, ScanPage
from ..datamodel.errors import ExtractionError
from .files import sha256_bytes

MAX_PIXELS = 120_000_000  # 12k x 10k; beyond that decoding alone needs gigabytes


def read_image(path: Path) -> Document:
    spath = str(path)
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError(spath, "ingest", "empty file (0 bytes)")
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(spath) as im:
            frames = getattr(im, "n_frames", 1)
            w, h = im.size
            im.load()
    except Image.DecompressionBombError:
        raise ExtractionError(spath, "ingest", f"image too large to read (over {MAX_PIXELS // 1_000_000} megapixels)") from None
    except UnidentifiedImageError:
        raise ExtractionError(spath, "ingest", "not an image file PIL can read (unknown or corrupt format)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ExtractionError(spath, "ingest", f"broken or truncated image: {exc}") from None
    if w * h > MAX_PIXELS:
        raise ExtractionError(spath, "ingest", f"image too large: {w}x{h} px")

    def loader(index: int):
        def load():
            with Image.open(spath) as im:
                im.seek(index)
                return np.asarray(im.convert("RGB"))
        return load

    scans = [ScanPage(page=i + 1, at=0, load=loader(i)) for i in range(frames)]
    data = path.read_bytes()
    return Document(path=spath, sha256=sha256_bytes(data), format="image", route="ocr", lines=[],
                    scans=scans, pages=frames, size=size)
