"""The `coded-panels` reader (structure/coded_panels.py): a 一般公共预算财政拨款基本支出决算表 of
经济分类 codes in two panels side by side, as pdfplumber's extract_text prints it (each page line a
text line, the cells of one row a little above or below each other, no column spacing).

Amounts checked by hand: left 301 = 30101 60.00 + 30199 40.50 = 100.50; 303 = 30302 5.00; right
302 = 30201 12.00 + 30202 8.00 = 20.00; 310 = 31002 3.00; 人员经费合计 105.50 = 301 + 303 =
100.50 + 5.00; 公用经费合计 23.00 = 302 + 310 = 20.00 + 3.00. The lone `8.00` (row 30102 | 30202)
can only be the right panel's (301 would be 108.50), the lone `40.50` (row 30199 | 30205) only the
left panel's (302 would be 60.50)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

PANELS = """一般公共预算财政拨款基本支出决算表
单位：万元
经济分类 经济分类
科目编码 科目编码
科目名称 决算数 科目名称 决算数
款 款
类 类
301 302
工资福利支出 {total} 商品和服务支出 20.00
301 01 302
基本工资 01 办公费
60.00 12.00
301 02 302
津贴补贴 02 印刷费
8.00
301 99 302
其他工资福利支出 05 水费
40.50
303 302
对个人和家庭的补助 5.00 99 其他商品和服务支出
303 02 310
退休费 资本性支出
5.00 3.00
310
02 办公设备购置
3.00
310
03 专用设备购置
人员经费合计 105.50 公用经费合计 23.00

二、其他说明
本单位无其他情况。
"""


def _tables(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return [t for t in extract(p).tables if t.method == "coded-panels"]


def _values(t) -> dict:
    out = {}
    for r in t.rows:
        key = r.code.value if r.code is not None and r.code.value else r.name.value
        for f in r.values.values():
            if f.value is not None:
                out[key] = (f.value, f.confidence)
    return out


def test_both_panels_codes_and_amounts_the_open_ones_placed_by_the_sums(tmp_path):
    (t,) = _tables(tmp_path, PANELS.format(total="100.50"))
    got = {k: v for k, (v, _) in _values(t).items()}
    assert got == {
        "301": Decimal("100.50"), "30101": Decimal("60.00"), "30199": Decimal("40.50"),
        "303": Decimal("5.00"), "30302": Decimal("5.00"),
        "302": Decimal("20.00"), "30201": Decimal("12.00"), "30202": Decimal("8.00"),
        "310": Decimal("3.00"), "31002": Decimal("3.00"),
        "人员经费合计": Decimal("105.50"), "公用经费合计": Decimal("23.00"),
    }
    assert all(c >= 0.9 for _, c in _values(t).values())
    codes = [r.code.value for r in t.rows if r.code is not None and r.code.value]
    assert {"30102", "30205", "30299", "31003"} <= set(codes)  # the empty rows are rows too


def test_sums_that_do_not_hold_leave_the_table_unread(tmp_path):
    # 301 printed 100.60: no placement of the lone 8.00 and 40.50 keeps every sum
    assert _tables(tmp_path, PANELS.format(total="100.60")) == []
