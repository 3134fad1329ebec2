"""The `coded-flat` reader (structure/coded_flat.py): a 基本支出决算表 of 经济分类 codes in panels side by
side, flattened by a converter into column runs (pdfminer.six) or its own block order (pdftotext
without -layout), so that the text no longer ties an amount to its row.

Amounts checked by hand (RUNS): 301 工资福利支出 100.50 = 30101 60.00 + 30199 40.50; 303 5.00 = 30302
5.00; 302 20.00 = 30201 12.00 + 30202 8.00; 310 3.00 = 31002 3.00; 人员经费合计 105.50 = 100.50 + 5.00,
公用经费合计 23.00 = 20.00 + 3.00. Among the printed amounts only 100.50 + 5.00 adds up to 105.50 and only
20.00 + 3.00 to 23.00; all ten add up to 257.00 = 2 × (105.50 + 23.00)."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from extractor import extract
from extractor.datamodel import Document, Line, NLine
from extractor.normalize import normalize
from extractor.structure.coded_flat import read_flat

ROOT = Path(__file__).resolve().parents[1]


def _blank_between(words: list[str]) -> str:
    return "\n\n".join(words) + "\n"


# pdfminer.six's order: each panel's codes, then its names, then only the amounts printed
RUNS = _blank_between(
    ["一般公共预算财政拨款基本支出决算表", "经济分类", "科目编码", "科目名称", "决算数", "经济分类", "科目编码",
     "款", "类", "类", "301", "301", "301", "301", "303", "303", "款", "01", "02", "99", "02",
     "工资福利支出", "基本工资", "津贴补贴", "其他工资福利支出", "对个人和家庭的补助", "退休费",
     "100.50", "60.00", "40.50", "5.00", "5.00",
     "302", "302", "302", "302", "310", "310", "单位：万元", "科目名称", "决算数",
     "商品和服务支出", "01 办公费", "02 印刷费", "05 水费", "资本性支出", "02 办公设备购置",
     "20.00", "12.00", "8.00", "3.00", "3.00",
     "人员经费合计", "105.50", "公用经费合计", "23.00"]) + "\n二、其他说明\n本单位无其他情况。\n"

# pdftotext's block order, one 类 to each group: 301 100.50 = 60.00 + 40.50, 302 20.00 = 12.00 + 8.00;
# 人员经费合计 100.50, 公用经费合计 20.00; all six amounts add up to 241.00 = 2 × 120.50
BLOCKS = ("一般公共预算财政拨款基本支出决算表\n单位：万元\n\n经济分类\n\n经济分类\n\n科目编码\n款\n\n科目名称\n\n类\n\n"
          "301\n301\n\n100.50\n\n302\n\n工资福利支出\n\n60.00\n\n302\n\n基本工资\n\n01\n02\n\n津贴补贴\n\n"
          "12.00\n\n01\n\n办公费\n\n301\n\n40.50\n\n商品和服务支出\n\n决算数\n\n科目名称\n\n决算数\n\n"
          "8.00\n\n02\n\n印刷费\n\n20.00\n\n人员经费合计\n\n100.50\n\n公用经费合计\n\n20.00\n\n"
          "二、其他说明\n本单位无其他情况。\n")


def _lines(text: str) -> list[NLine]:
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)).lines


def _table(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    got = [t for t in extract(p).tables if t.method == "coded-flat"]
    assert len(got) == 1
    return got[0]


def _fields(t) -> dict:
    return {(r.code.value if r.code is not None and r.code.value else r.name.value): next(iter(r.values.values()))
            for r in t.rows}


def test_column_runs_give_the_class_amounts_in_review(tmp_path):
    """Two 类 in each group: the 合计s say which amounts are 类 amounts, not which 类 takes which, so
    they stand in printed order (codes ascending) in review; the 款 amounts are not placed."""
    f = _fields(_table(tmp_path, RUNS))
    assert {k: f[k].value for k in f} == {
        "301": Decimal("100.50"), "303": Decimal("5.00"), "302": Decimal("20.00"), "310": Decimal("3.00"),
        "人员经费合计": Decimal("105.50"), "公用经费合计": Decimal("23.00")}
    for code in ("301", "303", "302", "310"):
        assert f[code].confidence < 0.9
        assert [r.kind for r in f[code].repairs] == ["layout.placed_by_order"]
        assert "not read" in f[code].repairs[0].note
    assert f["人员经费合计"].confidence >= 0.9 and f["公用经费合计"].confidence >= 0.9


def test_one_class_to_a_group_is_confirmed_by_its_total(tmp_path):
    """One 类 in each group: its amount is the one printed amount equal to the group's 合计."""
    f = _fields(_table(tmp_path, BLOCKS))
    assert {k: f[k].value for k in f} == {
        "301": Decimal("100.50"), "302": Decimal("20.00"),
        "人员经费合计": Decimal("100.50"), "公用经费合计": Decimal("20.00")}
    assert f["301"].repairs == [] and f["302"].repairs == []
    assert f["301"].confidence >= 0.9 and f["302"].confidence >= 0.9  # the sum checks confirm them


def _header_at(lines: list[NLine]) -> int:
    return next(i for i, ln in enumerate(lines) if ln.text.strip() == "经济分类")


def test_reads_the_hand_made_runs_and_declines_where_the_sums_leave_two_choices():
    lines = _lines(RUNS)
    assert read_flat(lines, _header_at(lines))[0] is not None
    # 301 80.00 = 50.00 + 30.00, 303 20.00 = 20.00, 302 70.00 = 50.00 + 20.00; 人员经费合计 100.00 is
    # 80.00 + 20.00 but also 50.00 + 50.00 (30101 and 30201): which are the 类 amounts is open
    two = (RUNS.replace("100.50", "80.00").replace("60.00", "50.00").replace("40.50", "30.00")
           .replace("5.00", "20.00").replace("105.50", "100.00")
           .replace("\n20.00\n\n12.00\n\n8.00\n\n3.00\n\n3.00\n", "\n70.00\n\n50.00\n\n20.00\n")
           .replace("23.00", "70.00").replace("资本性支出\n\n02 办公设备购置", "其他商品和服务支出")
           .replace("310\n\n310\n\n", ""))
    lines = _lines(two)
    assert read_flat(lines, _header_at(lines))[0] is None


def test_declines_an_amount_that_is_neither_a_class_nor_an_item():
    """A stray 7.00 among the amounts: the amounts no longer add up to twice the 合计s (264 ≠ 257)."""
    lines = _lines(RUNS.replace("\n3.00\n\n3.00\n", "\n3.00\n\n3.00\n\n7.00\n"))
    assert read_flat(lines, _header_at(lines))[0] is None


@pytest.mark.parametrize("converter", ["pdfminer", "pdftotext"])
def test_real_final_report_basic_table(tmp_path, converter):
    """上海 普陀 财政局 2024 决算's 一般公共预算财政拨款基本支出决算表 (two panels over two pages) through
    pdfminer.six and pdftotext: by hand from the PDF, 301 2,082.85, 303 69.41 (人员经费合计 2,152.26),
    302 171.07, 310 13.58 (公用经费合计 184.65); the 类 amounts in review, the 合计s confirmed."""
    import converted

    pdf = ROOT.parent / "shared" / "real-pdfs" / "shanghai-putuo-caizhengju-2024-juesuan.pdf"
    if not pdf.is_file():
        pytest.skip(reason=f"real reports not available: {pdf} is absent (they live in ../shared, outside the repo)")
    if converter == "pdftotext" and shutil.which("pdftotext") is None:
        pytest.skip(reason="pdftotext (poppler-utils) is not installed")
    got = extract(converted.convert(pdf, converter, tmp_path))
    read = [t for t in got.tables if t.method == "coded-flat"]
    assert len(read) == 1
    f = _fields(read[0])
    assert {k: f[k].value for k in f} == {
        "301": Decimal("2082.85"), "302": Decimal("171.07"), "303": Decimal("69.41"), "310": Decimal("13.58"),
        "人员经费合计": Decimal("2152.26"), "公用经费合计": Decimal("184.65")}
    assert all(f[c].confidence < 0.9 for c in ("301", "302", "303", "310"))
    assert f["人员经费合计"].confidence >= 0.9 and f["公用经费合计"].confidence >= 0.9
