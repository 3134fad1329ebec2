"""PDF pages whose fonts have broken metrics: character boxes moved to where the glyphs are drawn,
and ruled tables' cell text taken from the moved characters (Chongqing's 部门预算: camelot put each
code and amount half a row too low, so rows were shifted and two rows' amounts glued)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import SHARED

from extractor.ingest.pdf import _true_boxes
from extractor.ingest.pdf_tables import _text_of

H = 595.339  # the page's height


def _char(text: str, x0: float, top: float, bottom: float, baseline: float, size: float = 10.0) -> dict:
    """A pdfplumber character: `top`/`bottom` its box (top-origin), `baseline` where it is drawn."""
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": bottom, "y0": H - bottom,
            "y1": H - top, "size": size, "matrix": (size, 0, 0, size, x0, H - baseline), "upright": True}


def test_a_box_hanging_below_its_baseline_is_moved_up_and_a_sound_one_is_kept():
    name = _char("一", 100.0, 230.4, 240.4, 238.0)  # a sound font: baseline near the box's bottom
    code = _char("2", 30.0, 239.6, 249.6, 239.3)  # a broken one: the whole box below the baseline
    chars, moved = _true_boxes([name, code])
    assert moved
    assert chars[0] is name
    assert chars[1]["top"] == pytest.approx(239.3 - 7.8) and chars[1]["bottom"] == pytest.approx(239.3 + 2.2)
    # now both stand on the table row 224.4–244.8, as they are drawn
    assert all(224.4 <= (c["top"] + c["bottom"]) / 2 <= 244.8 for c in chars)
    assert _true_boxes([name]) == ([name], False)


def test_cell_text_from_the_moved_characters():
    row = [_char("2", 30.0, 239.6, 249.6, 239.3), _char("0", 36.0, 239.6, 249.6, 239.3),
           _char("1", 42.0, 239.6, 249.6, 239.3)]
    below = [_char("2", 30.0, 260.0, 270.0, 259.7)]  # the next row's code
    spaced = [_char("合", 100.0, 230.4, 240.4, 238.0), _char("计", 125.0, 230.4, 240.4, 238.0)]
    chars, _ = _true_boxes(row + below + spaced)
    cell = SimpleNamespace(x1=20.0, x2=80.0, y1=H - 244.8, y2=H - 224.4)  # camelot's: bottom-origin
    assert _text_of(cell, chars, H) == "201"
    wide = SimpleNamespace(x1=90.0, x2=200.0, y1=H - 244.8, y2=H - 224.4)
    assert _text_of(wide, chars, H) == "合计"  # letter-spaced Chinese is one word


CITY004 = SHARED / "real-corpus" / "city004_122.pdf"


@pytest.mark.skipif(not CITY004.exists(), reason="../shared/real-corpus (the crawl of real reports) is absent")
def test_chongqing_budget_rows_are_no_longer_shifted():
    from extractor import extract
    r = extract(CITY004, ner=False)
    t = next(t for t in r.tables if t.title == "2026年部门收入总体情况表")
    rows = {(x.code.value if x.code else None): x for x in t.rows}
    assert rows["20104"].name.value == "发展与改革事务"
    assert str(rows["2050302"].values["总计"].value) == "18540.99"  # was glued to the row above's
    assert not [c for c in r.checks if not c.passed]
