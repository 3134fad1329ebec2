"""Scanned versions of the synthetic reports: page images with realistic degradation, for testing
an OCR route.

- `write_scan(seed, kind, path, dpi=200, degrade=0.5, fmt="pdf", pages=None)` lays the report out
  with `write_pdf` (a temporary PDF), rasterises each page with pypdfium2 at `dpi`, degrades
  each page image (deterministic from the seed) and writes a scanned PDF with no text layer
  (one image per page, page size in points kept), PNG / JPEG files (one per page, `_p01` …) or one
  multi-page TIFF. Returns (truth, page_log): the truth of the report (as write_pdf returns it) and
  one dict per written page (see `plan_pages`).
- `clean_page_image(seed, kind, page, dpi)`: the clean raster of one page (numpy uint8), what a
  scan at degrade 0 writes.
- `page_texts(seed, kind)`: the text of each page from the clean PDF's text layer (the reference text
  for a character error rate).
- `plan_pages(seed, n_pages, dpi, degrade)`: the per-page degradation parameters alone (no pixels).

Degradations, each scaled by `degrade` (0 = the clean raster, 0.3–0.5 mild, 1.0 hard), in the order
they happen to a real sheet: a red round seal (公章) stamped over text near the bottom of the page and
a fold shadow (physical), skew of up to ±3° and, at degrade >= 0.8 only, a rare whole-page rotation
by 90 / 180 / 270° (placement on the scanner), Gaussian blur (optics), contrast / brightness change,
Gaussian and salt-and-pepper noise (sensor), JPEG re-encoding (quality 95 → 40). Pages are scanned
in grayscale or colour (drawn per report unless `color` is given); dpi=None picks 150 / 200 / 240 /
300 per report.

Needs numpy, opencv-python-headless, pillow, pypdfium2 and what pdf_writer.py needs (fpdf2, a CJK
font). Command line (`main`):

    python scripts/render_scans.py --out /tmp/scans --count 5 --kind mixed --degrade 0.5

It does not lay the report out itself: pdf_writer.py does.
"""
from __future__ import annotations

import argparse
import functools
import io
import json
import math
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Optional, Union

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from .kinds import KINDS, resolve_kind
from .pdf_writer import write_pdf


FORMATS = ("pdf", "png", "jpeg", "tiff")
EXTENSIONS = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "tiff": ".tif"}
AUTO_DPIS = (150, 200, 240, 300)          # dpi=None: one of these per report
MAX_SKEW = 3.0                            # degrees, at degrade 1
MAX_BLUR = 1.2                            # Gaussian sigma in px at 200 dpi, at degrade 1
MAX_NOISE = 12.0                          # Gaussian noise std (0–255 scale), at degrade 1
MAX_SALT_PEPPER = 0.002                   # fraction of pixels set to black / white, at degrade 1
JPEG_BEST, JPEG_WORST = 95, 40            # JPEG quality from light to hard degradation
SEAL_P, FOLD_P = 0.3, 0.3                 # chance of a seal / a fold on a page, at degrade 1
ROTATE_FROM = 0.8                         # whole-page rotations only at degrade >= this
ROTATE_P = 0.06                           # chance a page is a rotation candidate
ROTATE_SHARE = 5                          # at most one page in ROTATE_SHARE rotated
SEAL_INK = np.array([0.80, 0.10, 0.12], dtype=np.float32)   # red stamp ink (RGB, 0–1)


# ---------------------------------------------------------------------------------------------
# The clean report
# ---------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _clean_pdf(seed: int, kind: str) -> tuple[bytes, str]:
    """The PDF of write_pdf (through a temporary file) and its truth as JSON text."""
    with tempfile.TemporaryDirectory(prefix="render_scans_") as tmp:
        path = Path(tmp) / "report.pdf"
        truth = write_pdf(seed, kind, path)
        return path.read_bytes(), json.dumps(truth, ensure_ascii=False)


def clean_pdf(seed: int, kind: str) -> tuple[bytes, dict]:
    """(PDF bytes, truth) of the clean report `seed` of `kind` (cached)."""
    data, truth = _clean_pdf(seed, resolve_kind(kind, seed))
    return data, json.loads(truth)


def _raster(page: "pdfium.PdfPage", dpi: int) -> np.ndarray:
    """The page rendered at dpi as an RGB uint8 array (H, W, 3)."""
    return page.render(scale=dpi / 72, rev_byteorder=True).to_numpy().copy()


def _gray(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def clean_page_image(seed: int, kind: str, page: int, dpi: int = 200, color: bool = False) -> np.ndarray:
    """The clean raster of page `page` (1-based) at dpi: grayscale (H, W) uint8, or RGB (H, W, 3)
    with color=True. A scan at degrade 0 writes exactly this image."""
    data, _ = clean_pdf(seed, kind)
    doc = pdfium.PdfDocument(data)
    try:
        if not 1 <= page <= len(doc):
            raise ValueError(f"page {page} out of 1..{len(doc)}")
        rgb = _raster(doc[page - 1], dpi)
    finally:
        doc.close()
    return rgb if color else _gray(rgb)


def page_texts(seed: int, kind: str) -> list[str]:
    """The text of each page (index 0 = page 1) from the clean PDF's text layer (pypdfium2
    get_text_range), line ends normalised to "\\n": the reference text of a scanned page."""
    data, _ = clean_pdf(seed, kind)
    doc = pdfium.PdfDocument(data)
    try:
        return [p.get_textpage().get_text_range().replace("\r\n", "\n") for p in doc]
    finally:
        doc.close()


# ---------------------------------------------------------------------------------------------
# Degradation parameters
# ---------------------------------------------------------------------------------------------

def plan_pages(seed: int, n_pages: int, dpi: Optional[int] = 200, degrade: float = 0.5,
               color: Optional[bool] = None) -> tuple[dict, list[dict], np.random.Generator]:
    """The degradation of a report of n_pages, from numpy.random.default_rng(seed): (report,
    pages, rng). report = {dpi, mode ("L" grayscale / "RGB")}; pages[i] (page i + 1) = {page, dpi,
    skew_deg, rotation, blur, noise, salt_pepper, contrast, brightness, jpeg_quality, seal, fold,
    fold_dir, fold_pos}. Every page draws the same number of values whatever `degrade` is, so the
    plan of a page does not depend on which pages are written; rng then gives each page's pixel
    stream (rng.spawn). Rotations: only at degrade >= 0.8, candidates with chance 0.06 each, at
    most n_pages // 5 of them (the lowest draws) rotated."""
    if not 0.0 <= degrade <= 1.0:
        raise ValueError(f"degrade must be within 0..1, not {degrade}")
    rng = np.random.default_rng(seed)
    auto_dpi = int(rng.choice(AUTO_DPIS))
    auto_color = bool(rng.random() < 0.5)
    dpi = auto_dpi if dpi is None else int(dpi)
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, not {dpi}")
    report = {"dpi": dpi, "mode": "RGB" if (auto_color if color is None else color) else "L"}
    d = float(degrade)
    out, rot_draw = [], []
    for i in range(n_pages):
        u = rng.random(16).tolist()
        skew = MAX_SKEW * d * (2 * u[0] - 1)
        blur = MAX_BLUR * d * (0.5 + 0.5 * u[1]) * dpi / 200
        noise = MAX_NOISE * d * (0.5 + 0.5 * u[2])
        sp = MAX_SALT_PEPPER * d * (0.3 + 0.7 * u[3])
        contrast = 1 + d * (-0.18 + 0.23 * u[4])             # 0.82 .. 1.05 at degrade 1
        brightness = d * (-18 + 30 * u[5])                   # -18 .. +12 grey levels at degrade 1
        quality = round(JPEG_BEST - (JPEG_BEST - JPEG_WORST) * d * (0.6 + 0.4 * u[6]))
        seal = bool(u[7] < SEAL_P * d)
        fold = bool(u[8] < FOLD_P * d)
        fold_dir = "v" if u[9] < 0.4 else "h"
        fold_pos = (1 / 3, 1 / 2, 2 / 3)[min(2, int(u[10] * 3))] + 0.06 * (u[11] - 0.5)
        rotation = (90, 180, 270)[0 if u[13] < 0.3 else 1 if u[13] < 0.7 else 2]
        rot_draw.append((u[12], i, rotation))
        zero = d == 0
        out.append({
            "page": i + 1, "dpi": dpi,
            "skew_deg": 0.0 if zero else round(skew, 3) + 0.0, "rotation": 0,
            "blur": 0.0 if zero else round(blur, 3),
            "noise": 0.0 if zero else round(noise, 3),
            "salt_pepper": 0.0 if zero else round(sp, 5),
            "contrast": round(contrast, 4), "brightness": round(brightness, 3),
            "jpeg_quality": None if zero else int(quality),
            "seal": seal, "fold": fold,
            "fold_dir": fold_dir if fold else None, "fold_pos": round(fold_pos, 4) if fold else None,
        })
    if d >= ROTATE_FROM:
        cands = sorted((u, i, r) for u, i, r in rot_draw if u < ROTATE_P)
        for _, i, r in cands[:n_pages // ROTATE_SHARE]:
            out[i]["rotation"] = r
    return report, out, rng


# ---------------------------------------------------------------------------------------------
# Pixel operations
# ---------------------------------------------------------------------------------------------

def _star(cx: float, cy: float, r_out: float, r_in: float, phase: float = -math.pi / 2) -> np.ndarray:
    pts = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = phase + k * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return np.round(np.array(pts) * 16).astype(np.int32)


def _glyph(mask: np.ndarray, rng: np.random.Generator, cx: float, cy: float, size: float,
           up: tuple[float, float], thick: int) -> None:
    """Text-like strokes in a cell of `size` centred at (cx, cy), its top pointing along `up`."""
    ux, uy = up
    rx, ry = -uy, ux                                   # the reading direction (right of up)
    for _ in range(int(rng.integers(4, 8))):
        kind = rng.random()
        a, b = rng.uniform(-0.42, 0.42, 2) * size
        ln = rng.uniform(0.35, 0.85) * size
        if kind < 0.4:                                 # horizontal
            p0, p1 = (a - ln / 2, b), (a + ln / 2, b)
        elif kind < 0.75:                              # vertical
            p0, p1 = (a, b - ln / 2), (a, b + ln / 2)
        else:                                          # slanted
            s = 1 if rng.random() < 0.5 else -1
            p0, p1 = (a - ln / 3, b - s * ln / 3), (a + ln / 3, b + s * ln / 3)
        pts = []
        for u, v in (p0, p1):                          # u to the right, v upwards
            u, v = float(np.clip(u, -size / 2, size / 2)), float(np.clip(v, -size / 2, size / 2))
            pts.append((int(round((cx + u * rx + v * ux) * 16)), int(round((cy + u * ry + v * uy) * 16))))
        cv2.line(mask, pts[0], pts[1], 1.0, thick, cv2.LINE_AA, 4)


def seal_mask(rng: np.random.Generator, dpi: int) -> np.ndarray:
    """A round official seal (公章) as an ink coverage mask (float32 0..1, square): a ring, a
    five-pointed star, text-like strokes along the upper arc and a short row below the star, inked
    unevenly, turned by a random angle."""
    radius = 21 / 25.4 * dpi * rng.uniform(0.9, 1.05)          # 40–45 mm seals
    ring = max(2, int(round(1.1 / 25.4 * dpi * rng.uniform(0.85, 1.15))))
    size = int(2 * radius + 2 * ring + 8)
    c = size / 2
    m = np.zeros((size, size), np.float32)
    cv2.circle(m, (int(c * 16), int(c * 16)), int((radius - ring / 2) * 16), 1.0, ring, cv2.LINE_AA, 4)
    cv2.fillPoly(m, [_star(c, c, 0.27 * radius, 0.11 * radius)], 1.0, cv2.LINE_AA, 4)
    thick = max(1, int(round(ring * 0.6)))
    n = int(rng.integers(8, 15))
    g = 0.27 * radius
    rg = radius - ring - 0.62 * g
    start, end = math.radians(215), math.radians(-35)           # the upper arc, left to right
    for k in range(n):
        t = start + (end - start) * (k + 0.5) / n
        ux, uy = math.cos(t), -math.sin(t)                      # outwards (image y grows down)
        _glyph(m, rng, c + rg * ux, c + rg * uy, g * 0.9, (ux, uy), thick)
    for k in range(int(rng.integers(0, 5))):                    # a row under the star
        w = 0.18 * radius
        cols = 4
        x = c + (k - (cols - 1) / 2) * w * 1.1
        _glyph(m, rng, x, c + 0.52 * radius, w * 0.9, (0.0, -1.0), max(1, thick - 1))
    # uneven inking: a smooth random field, some dropouts
    field = rng.uniform(0.0, 1.0, (8, 8)).astype(np.float32)
    field = cv2.resize(field, (size, size), interpolation=cv2.INTER_CUBIC)
    m *= np.clip(0.5 + 0.6 * field, 0.35, 1.0)
    drop = rng.random((size, size), dtype=np.float32) < 0.04
    m[drop] *= 0.4
    m = cv2.GaussianBlur(m, (0, 0), max(0.5, 0.6 * dpi / 200))
    angle = rng.uniform(-25, 25)
    rot = cv2.getRotationMatrix2D((c, c), angle, 1.0)
    m = cv2.warpAffine(m, rot, (size, size), flags=cv2.INTER_LINEAR, borderValue=0.0)
    return np.clip(m, 0.0, 1.0)


def _seal_centre(gray: np.ndarray, rng: np.random.Generator, r: float) -> tuple[int, int]:
    """Over text near the bottom of the page: a low text row (in 45–93 % of the height, else any
    text row), at a column with ink on that row (towards the right), the seal kept inside the page."""
    h, w = gray.shape
    ink = gray < 160
    rows = np.flatnonzero(ink[:, int(0.06 * w):int(0.94 * w)].sum(axis=1) > 0)
    low = rows[(rows > 0.45 * h) & (rows < 0.93 * h)]
    if not len(low):
        low = rows[(rows > 0.08 * h) & (rows < 0.93 * h)]
    if len(low):
        y = int(rng.choice(low[-max(1, len(low) // 3):]))
        band = ink[max(0, y - int(r / 3)):y + int(r / 3)]
        cols = np.flatnonzero(band.any(axis=0))
        if len(cols):
            x = int(rng.uniform(np.quantile(cols, 0.3), np.quantile(cols, 0.95)))
        else:
            x = int(rng.uniform(0.5, 0.75) * w)
    else:
        y, x = int(0.75 * h), int(rng.uniform(0.5, 0.75) * w)
    m = int(r) + 4
    return int(np.clip(x, m, max(m, w - m))), int(np.clip(y, m, max(m, h - m)))


def stamp_seal(img: np.ndarray, rng: np.random.Generator, dpi: int,
               gray: Optional[np.ndarray] = None) -> tuple[int, int]:
    """Stamp a semi-transparent red seal over text near the bottom of img (float32 RGB 0..255, in
    place, multiplied: black text under it stays black); `gray` (uint8) is where to look for the
    text (default: img). Returns its centre (x, y) in px."""
    mask = seal_mask(rng, dpi)
    alpha = rng.uniform(0.6, 0.85)
    s = mask.shape[0]
    if gray is None:
        gray = _gray(np.clip(img, 0, 255).astype(np.uint8))
    x, y = _seal_centre(gray, rng, s / 2)
    h, w = img.shape[:2]
    x0, y0 = x - s // 2, y - s // 2
    ix0, iy0, ix1, iy1 = max(0, x0), max(0, y0), min(w, x0 + s), min(h, y0 + s)
    if ix1 <= ix0 or iy1 <= iy0:
        return x, y
    a = (alpha * mask[iy0 - y0:iy1 - y0, ix0 - x0:ix1 - x0])[..., None]
    img[iy0:iy1, ix0:ix1] *= 1 - a * (1 - SEAL_INK)
    return x, y


def fold_shadow(img: np.ndarray, rng: np.random.Generator, direction: str, pos: float, d: float) -> None:
    """A soft dark band across the page (vertical "v" or horizontal "h") at `pos` of the width /
    height with a thin crease in its middle (img float32, in place)."""
    h, w = img.shape[:2]
    n = w if direction == "v" else h
    x0 = pos * n
    sigma = rng.uniform(0.008, 0.025) * n
    dark = rng.uniform(0.12, 0.28) * d
    t = np.arange(n, dtype=np.float32)
    prof = dark * np.exp(-((t - x0) ** 2) / (2 * sigma ** 2))
    prof += 1.6 * dark * np.exp(-((t - x0) ** 2) / (2 * max(0.7, sigma / 25) ** 2))   # the crease
    f = np.clip(1 - prof, 0.3, 1.0)
    shape = (1, n) if direction == "v" else (n, 1)
    f = f.reshape(shape + ((1,) if img.ndim == 3 else ()))
    img *= f


def _jpeg(arr: np.ndarray, quality: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG", quality=int(quality), dpi=(dpi, dpi))
    return buf.getvalue()


def degrade_page(rgb: np.ndarray, p: dict, mode: str, rng: np.random.Generator,
                 dpi: int, degrade: float) -> tuple[np.ndarray, Optional[bytes]]:
    """The scanned image of one clean page (RGB uint8) with the plan `p` (updated: seal_xy), and
    its JPEG bytes when the plan re-encodes it as JPEG. degrade 0: the clean raster as is (gray
    in mode L)."""
    if degrade == 0:
        out = rgb if mode == "RGB" else _gray(rgb)
        return out, None
    img = rgb.astype(np.float32)
    if p["seal"]:
        p["seal_xy"] = list(stamp_seal(img, rng, dpi, _gray(rgb)))
    if p["fold"]:
        fold_shadow(img, rng, p["fold_dir"], p["fold_pos"], degrade)
    if mode == "L":
        img = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    h, w = img.shape[:2]
    if p["skew_deg"]:
        rot = cv2.getRotationMatrix2D((w / 2, h / 2), p["skew_deg"], 1.0)
        white = (255.0, 255.0, 255.0) if img.ndim == 3 else 255.0
        img = cv2.warpAffine(img, rot, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                             borderValue=white)
    if p["rotation"]:
        code = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
        img = cv2.rotate(img, code[p["rotation"]])
    if p["blur"] >= 0.1:
        img = cv2.GaussianBlur(img, (0, 0), p["blur"])
    img *= np.float32(p["contrast"])                            # (x - 128) * c + 128 + b
    img += np.float32(128.0 * (1 - p["contrast"]) + p["brightness"])
    h, w = img.shape[:2]
    if p["noise"] > 0:
        nz = rng.standard_normal((h, w), dtype=np.float32)
        nz *= np.float32(p["noise"])
        img += nz[..., None] if img.ndim == 3 else nz
    if p["salt_pepper"] > 0:
        k = int(p["salt_pepper"] * h * w)
        ys, xs = rng.integers(0, h, k), rng.integers(0, w, k)
        img[ys, xs] = np.where(rng.random(k) < 0.5, 0.0, 255.0).astype(np.float32)[:, None] if img.ndim == 3 \
            else np.where(rng.random(k) < 0.5, 0.0, 255.0)
    np.maximum(img, 0, out=img)
    out = cv2.convertScaleAbs(img)                              # rounded, saturated at 255
    data = None
    if p["jpeg_quality"] is not None:
        data = _jpeg(out, p["jpeg_quality"], dpi)
        out = np.asarray(Image.open(io.BytesIO(data)))
    return out, data


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------

def _num(x: float) -> str:
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return s or "0"


def image_pdf(pages: list[tuple[np.ndarray, Optional[bytes], tuple[float, float]]]) -> bytes:
    """A PDF of image-only pages: (image, JPEG bytes or None, (width, height) in points) each, the
    image filling the page (DCTDecode when JPEG bytes are given, else FlateDecode). No text layer,
    no dates: the same pages give the same bytes."""
    objs: list[bytes] = [b"", b""]                     # 1 catalog, 2 pages tree, filled in below
    kids = []
    for arr, jpeg, (wpt, hpt) in pages:
        h, w = arr.shape[:2]
        cs = "/DeviceRGB" if arr.ndim == 3 else "/DeviceGray"
        if jpeg is not None:
            stream, filt = jpeg, "/DCTDecode"
        else:
            stream, filt = zlib.compress(np.ascontiguousarray(arr).tobytes(), 6), "/FlateDecode"
        objs.append(f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {cs} "
                    f"/BitsPerComponent 8 /Filter {filt} /Length {len(stream)} >>\nstream\n".encode()
                    + stream + b"\nendstream")
        img_no = len(objs)
        content = f"q {_num(wpt)} 0 0 {_num(hpt)} 0 0 cm /Im0 Do Q".encode()
        objs.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
        cont_no = len(objs)
        proc = "/ImageC" if arr.ndim == 3 else "/ImageB"
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_num(wpt)} {_num(hpt)}] "
                    f"/Resources << /XObject << /Im0 {img_no} 0 R >> /ProcSet [/PDF {proc}] >> "
                    f"/Contents {cont_no} 0 R >>".encode())
        kids.append(len(objs))
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    objs.append(b"<< /Producer (render_scans.py) /CreationDate (D:20000101000000Z) >>")
    info_no = len(objs)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info {info_no} 0 R >>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def page_path(path: Union[str, Path], page: int, fmt: str, n_pages: int = 99) -> Path:
    """The file of one page for png / jpeg: stem_p01.png (two digits, more for 100+ pages)."""
    path = Path(path)
    ext = path.suffix if path.suffix.lower() in ({".png"} if fmt == "png" else {".jpg", ".jpeg"}) else EXTENSIONS[fmt]
    stem = path.stem if path.suffix.lower() in (".png", ".jpg", ".jpeg", ".pdf", ".tif", ".tiff") else path.name
    return path.with_name(f"{stem}_p{page:0{max(2, len(str(n_pages)))}d}{ext}")


def write_scan(seed: int, kind: str, path: Union[str, Path], dpi: Optional[int] = 200, degrade: float = 0.5,
               fmt: str = "pdf", pages: Optional[list[int]] = None,
               color: Optional[bool] = None) -> tuple[dict, list[dict]]:
    """Write a scan of the synthetic report `seed` of `kind`: "pdf" (image-only pages, page size in
    points as in the clean PDF, swapped on a page rotated by 90 / 270), "png" / "jpeg" (one file per
    page: `path` with _p01 … before the extension) or "tiff" (one multi-page TIFF). dpi None: picked
    per report (150 / 200 / 240 / 300). pages: the 1-based pages to write (default all). color: RGB
    (True) or grayscale (False) scan; None picks per report. Returns (truth, page_log), page_log one
    dict per written page: page (1-based, in the report), dpi, skew_deg (degrees, positive =
    counter-clockwise), rotation (0 / 90 / 180 / 270: the page image turned clockwise by that much),
    blur (Gaussian sigma, px), noise (Gaussian std, grey levels), jpeg_quality (None: not JPEG
    encoded), seal, fold (bools); and salt_pepper (fraction of pixels), contrast, brightness,
    fold_dir ("v" / "h"), fold_pos (fraction of the width / height), seal_xy (the seal's centre in
    px on the page before skew and rotation), mode ("L" / "RGB"), size ([width, height] px) and, for
    png / jpeg, file (the page's file name)."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    data, truth = clean_pdf(seed, kind)
    doc = pdfium.PdfDocument(data)
    try:
        n = len(doc)
        report, plan, rng = plan_pages(seed, n, dpi, degrade, color)
        want = list(range(1, n + 1)) if pages is None else sorted(set(int(p) for p in pages))
        bad = [p for p in want if not 1 <= p <= n]
        if bad:
            raise ValueError(f"pages {bad} out of 1..{n}")
        streams = rng.spawn(n)
        dpi_, mode = report["dpi"], report["mode"]
        out_pages, log = [], []
        for pno in want:
            p = dict(plan[pno - 1])
            page = doc[pno - 1]
            wpt, hpt = page.get_size()
            img, jpeg = degrade_page(_raster(page, dpi_), p, mode, streams[pno - 1], dpi_, degrade)
            if p["rotation"] in (90, 270):
                wpt, hpt = hpt, wpt
            p["mode"] = mode
            p["size"] = [int(img.shape[1]), int(img.shape[0])]
            if fmt == "jpeg" and jpeg is None:         # a JPEG file at degrade 0: best quality
                p["jpeg_quality"] = JPEG_BEST
                jpeg = _jpeg(img, JPEG_BEST, dpi_)
            out_pages.append((img, jpeg, (wpt, hpt)))
            log.append(p)
    finally:
        doc.close()
    path = Path(path)
    if fmt == "pdf":
        path.write_bytes(image_pdf(out_pages))
    elif fmt == "tiff":
        frames = [Image.fromarray(img) for img, _, _ in out_pages]
        frames[0].save(path, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw",
                       dpi=(dpi_, dpi_))
    else:
        for (img, jpeg, _), p in zip(out_pages, log):
            target = page_path(path, p["page"], fmt, n)
            if fmt == "jpeg":
                target.write_bytes(jpeg)
            else:
                Image.fromarray(img).save(target, "PNG", dpi=(dpi_, dpi_), compress_level=3)
            p["file"] = target.name
    return truth, log


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------

def _pages_arg(s: str) -> list[int]:
    try:
        out = [int(x) for x in s.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"pages must be numbers separated by commas: {s!r}")
    if not out or min(out) < 1:
        raise argparse.ArgumentTypeError(f"pages are 1-based: {s!r}")
    return out


def _dpi_arg(s: str) -> Optional[int]:
    if s.lower() in ("auto", "none", "0"):
        return None
    v = int(s)
    if v <= 0:
        raise argparse.ArgumentTypeError("dpi must be positive")
    return v


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Write scanned (rasterised, degraded) versions of the synthetic "
                                             "reports and their truth JSON.")
    ap.add_argument("--out", required=True, type=Path, help="output folder (created)")
    ap.add_argument("--count", type=int, default=10, help="how many reports (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the first report; report i uses seed+i-1")
    ap.add_argument("--kind", choices=KINDS, default="final", help="final (default), budget, self_eval, mixed")
    ap.add_argument("--dpi", type=_dpi_arg, default=200, help="scan resolution (default 200; auto: 150-300 per report)")
    ap.add_argument("--degrade", type=float, default=0.5, help="0 = clean raster, 0.3-0.5 mild, 1 = hard (default 0.5)")
    ap.add_argument("--format", choices=FORMATS, default="pdf", dest="fmt",
                    help="pdf (image-only, default), png / jpeg (one file per page), tiff (multi-page)")
    ap.add_argument("--pages", type=_pages_arg,
                    help="1-based pages to write, e.g. 1,3 (default all; pages past a report's end are left out)")
    ap.add_argument("--color", choices=("auto", "gray", "rgb"), default="auto",
                    help="grayscale or colour scan (default auto: per report)")
    a = ap.parse_args(argv)
    if not 0 <= a.degrade <= 1:
        ap.error("--degrade must be within 0..1")
    a.out.mkdir(parents=True, exist_ok=True)
    color = {"auto": None, "gray": False, "rgb": True}[a.color]
    for i in range(1, a.count + 1):
        seed, stem = a.seed + i - 1, f"sample_{i:04d}"
        target = a.out / f"{stem}{EXTENSIONS[a.fmt]}"
        pages = a.pages
        if pages is not None:                          # pages past a report's last page are left out
            n = len(pdfium.PdfDocument(clean_pdf(seed, a.kind)[0]))
            pages = [p for p in pages if p <= n]
            if not pages:
                print(f"{stem}: seed {seed} has {n} pages, none of --pages; skipped", file=sys.stderr)
                continue
        truth, log = write_scan(seed, a.kind, target, a.dpi, a.degrade, a.fmt, pages, color)
        first = log[0].get("file", target.name) if log else target.name
        truth["file"] = first
        (a.out / f"{stem}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")
        scan = {"seed": seed, "kind": resolve_kind(a.kind, seed), "format": a.fmt, "degrade": a.degrade,
                "dpi": log[0]["dpi"] if log else a.dpi, "mode": log[0]["mode"] if log else None, "pages": log}
        (a.out / f"{stem}.scan.json").write_text(json.dumps(scan, ensure_ascii=False, indent=2) + "\n",
                                                 encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
