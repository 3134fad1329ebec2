"""column-runs on Guangdong budgets as pdfminer.six prints them: each row's code in brackets before
its name (`[30101]基本工资`), a single amount column labelled `预算`, and the header's `其中：基本支出`
line among the header words (shortened from a real 2026 部门预算)."""
from __future__ import annotations

from decimal import Decimal

from extractor.catalog import lookup
from extractor.datamodel import Document, Line, NLine
from extractor.normalize import normalize
from extractor.structure.column_runs import read_runs


def _lines(text: str) -> list[NLine]:
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)).lines


def _read(parts: list[str], start: str):
    lines = _lines("\n\n".join(parts))  # pdfminer prints a blank line after every box
    block, _ = read_runs(lines, next(k for k, ln in enumerate(lines) if ln.text.strip() == start))
    assert block is not None and block.method == "column-runs"
    return block


def _body(block) -> list:
    """The rows below the header rows (the 合计 row first)."""
    return [r for r in block.rows if r[-1].text[:1].isdigit()]


def _values(block) -> dict[str, list[str]]:
    # the row's label (its code, else its name) -> its amount cells' texts
    return {(r[0].text or r[1].text): [c.text for c in r[2:]] for r in _body(block)}


# by hand: 301 = 30101 + 30102 = 60 + 40 = 100; 302 = 30201 = 50; 合计 = 301 + 302 = 150
ECONOMIC = ["一般公共预算基本支出情况表（按经济分类科目）", "单位名称：某市某局", "部门预算支出经济科目", "合计",
            "[301]工资福利支出", "\u3000[30101]基本工资", "\u3000[30102]津贴补贴", "[302]商品和服务支出",
            "\u3000[30201]办公费", "预算", "表6", "单位：万元",
            "150.00", "100.00", "60.00", "40.00", "50.00", "50.00"]


def test_bracketed_codes_and_a_single_budget_column():
    block = _read(ECONOMIC, "部门预算支出经济科目")
    vals = _values(block)
    assert [r[0].text for r in _body(block)[1:]] == ["301", "30101", "30102", "302", "30201"]
    assert [r[1].text for r in _body(block)[1:]] == ["工资福利支出", "基本工资", "津贴补贴", "商品和服务支出", "办公费"]
    assert vals["合计"] == ["150.00"]
    assert vals["301"] == ["100.00"] and vals["30101"] == ["60.00"] and vals["30102"] == ["40.00"]
    assert vals["302"] == ["50.00"] and vals["30201"] == ["50.00"]


def test_a_budget_column_that_breaks_the_tree_is_not_read():
    # 30101 + 30102 = 60 + 45 ≠ 100: no placing keeps the sums, the table is declined
    broken = ECONOMIC[:-4] + ["60.00", "45.00", "50.00", "50.00"]
    lines = _lines("\n\n".join(broken))
    block, _ = read_runs(lines, next(k for k, ln in enumerate(lines) if ln.text.strip() == "部门预算支出经济科目"))
    assert block is None


# by hand: 2080505 200 basic; 2080506 100 project; 2089999 50 basic; 20805 = 300 (200 | 100);
# 20899 = 2089999 = 50 (50 | 0); 208 = 350 (250 | 100); 合计 = 208. Printed column by column.
FUNCTION = ["一般公共预算支出情况表（按功能分类科目）", "单位名称：某市某局", "功能科目名称", "合计",
            "[208]社会保障和就业支出", "\u3000[20805]行政事业单位养老支出",
            "\u3000\u3000[2080505]机关事业单位基本养老保险缴费支出", "\u3000\u3000[2080506]机关事业单位职业年金缴费支出",
            "\u3000[20899]其他社会保障和就业支出", "\u3000\u3000[2089999]其他社会保障和就业支出",
            "小计", "一般公共预算支出", "其中：基本支出", "项目支出", "表5", "单位：万元",
            "350.00", "350.00", "300.00", "200.00", "100.00", "50.00", "50.00",
            "250.00", "250.00", "200.00", "200.00", "0.00", "50.00", "50.00",
            "100.00", "100.00", "100.00", "0.00", "100.00", "0.00", "0.00"]


def test_bracketed_function_codes_under_a_header_that_prints_qizhong():
    block = _read(FUNCTION, "功能科目名称")
    vals = _values(block)
    assert [r[0].text for r in _body(block)[1:]] == ["208", "20805", "2080505", "2080506", "20899", "2089999"]
    # 小计 = 基本支出 + 项目支出 settles the 小计 column; which part column is which is the print order
    assert vals["合计"] == ["350.00", "250.00", "100.00"]
    assert vals["2080505"] == ["200.00", "200.00", "0.00"]
    assert vals["2080506"] == ["100.00", "0.00", "100.00"]
    assert vals["2089999"] == ["50.00", "50.00", "0.00"]
    assert Decimal(vals["20805"][0]) == Decimal("300.00")


def test_catalogue_knows_subjects_printed_in_2026_budgets():
    for code, name in (("2089999", "其他社会保障和就业支出"), ("2130322", "水利安全监督"), ("2130333", "信息管理"),
                       ("2130334", "水利建设征地及移民支出"), ("2139802", "水利支出"), ("2159802", "制造业")):
        entry = lookup(code)
        assert entry is not None and entry.name == name and entry.level == "项"
    for code in ("21398", "21598"):  # (the 超长期特别国债 款 of 农林水 and 资源勘探工业信息, since 2024)
        entry = lookup(code)
        assert entry is not None and entry.name == "超长期特别国债安排的支出" and entry.since == 2024


def test_labels_and_note_printed_above_the_title():
    # pdfminer prints the labels' box (and the table's note after it) above the title, the header
    # and amounts after it: the reader opens at the header's first word and passes over the title
    from extractor.structure.column_runs import ColumnRunsReader
    title, rest = FUNCTION[0], FUNCTION[1:]
    labels = rest[:rest.index("小计")]
    parts = labels + ["注：无。", title] + rest[len(labels):]
    lines = _lines("\n\n".join(parts))
    i = next(k for k, ln in enumerate(lines) if ln.text.strip() == "功能科目名称")
    reader = ColumnRunsReader()
    assert reader.starts(lines, i)
    block, _ = reader.read(lines, i)
    vals = _values(block)
    assert vals["合计"] == ["350.00", "250.00", "100.00"]
    assert vals["2080506"] == ["100.00", "0.00", "100.00"]
