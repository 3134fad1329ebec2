"""Page images before OCR: red seals removed, size bounded, orientation and skew corrected.

What it does: `prepare(image)` returns a grayscale image with red 公章 ink turned white (text under
a seal is black, the seal red), scaled down when a side exceeds the bound (with a note), turned
upright when it lies on its side (90°/270°, from which direction the ink forms text lines), and
deskewed by the angle (±5°) that makes its rows of ink sharpest. 180° is settled after OCR by
comparing recognition scores (ocr_page in __init__.py).
What it does not: recognise text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

MAX_SIDE = 5000  # pixels; larger images are scaled down (a 20,000-px scan would take minutes)


@dataclass
class Prepared:
    image: np.ndarray  # grayscale uint8, upright and deskewed
    scale: float = 1.0  # prepared pixels per original pixel
    rotation: int = 0  # degrees turned (counter-clockwise) to make it upright
    skew: float = 0.0
    notes: list[str] = field(default_factory=list)


def remove_red(image: np.ndarray) -> tuple[np.ndarray, bool]:
    """Grayscale with strongly red pixels (seal ink) set to white."""
    if image.ndim == 2:
        return image, False
    rgb = image[:, :, :3]
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    red = ((h < 12) | (h > 165)) & (s > 70) & (v > 70)
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    found = bool(red.mean() > 0.0005)
    if found:
        gray = gray.copy()
        gray[red] = 255
    return gray, found


def _ink(gray: np.ndarray, width: int = 700) -> np.ndarray:
    f = width / max(gray.shape[1], 1)
    small = cv2.resize(gray, (width, max(int(gray.shape[0] * f), 1)), interpolation=cv2.INTER_AREA)
    _, binary = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return binary


def _sharpness(binary: np.ndarray) -> float:
    rows = binary.sum(axis=1, dtype=np.float64)
    return float(np.var(np.diff(rows)))


def _rotate(img: np.ndarray, angle: float) -> np.ndarray:
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def prepare(image: np.ndarray) -> Prepared:
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        image = image[:, :, :3]
    gray, seal = remove_red(image)
    out = Prepared(image=gray)
    if seal:
        out.notes.append("red seal ink removed before OCR")
    h, w = gray.shape[:2]
    if max(h, w) > MAX_SIDE:
        f = MAX_SIDE / max(h, w)
        gray = cv2.resize(gray, (int(w * f), int(h * f)), interpolation=cv2.INTER_AREA)
        out.scale = f
        out.notes.append(f"image of {w}x{h} px scaled down to {gray.shape[1]}x{gray.shape[0]}")
    binary = _ink(gray)
    if binary.mean() < 0.5:  # almost no ink: an empty page
        out.image = gray
        out.notes.append("the page is (nearly) empty")
        return out
    # lying on its side? text lines make row profiles sharp, column profiles flat
    if _sharpness(binary.T) > 1.6 * _sharpness(binary):
        gray = cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE)
        out.rotation = 270
        binary = _ink(gray)
    best, best_angle = _sharpness(binary), 0.0
    for angle in np.arange(-5.0, 5.01, 0.25):
        if angle == 0:
            continue
        score = _sharpness(_rotate(binary, angle))
        if score > best:
            best, best_angle = score, float(angle)
    if abs(best_angle) >= 0.25:
        # refine around the best quarter degree
        for angle in np.arange(best_angle - 0.2, best_angle + 0.21, 0.05):
            score = _sharpness(_rotate(binary, angle))
            if score > best:
                best, best_angle = score, float(angle)
        gray = _rotate(gray, best_angle)
        out.skew = round(best_angle, 2)
    out.image = gray
    return out


def turn_180(gray: np.ndarray) -> np.ndarray:
    return cv2.rotate(gray, cv2.ROTATE_180)
