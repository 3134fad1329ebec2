"""Reader `column-runs` on a table that prints names only (no code column): pdfminer.six prints the
names' column first, then the header (its 栏次 1 2 3 among the words), then the amounts row by row
with blank cells absent and some rows' cells column-wise. The rows' codes come from the catalogue
by name and tree order (marked inferred), the amounts are placed by the identities."""
from __future__ import annotations

from decimal import Decimal

from extractor.datamodel import Document, Line, NLine
from extractor.normalize import normalize
from extractor.structure.column_runs import read_runs
from extractor.structure.tables import build_table

HEAD = ["一般公共预算基本支出预算表", "单位：万元", "经济分类科目名称", "**", "合计"]
NAMES = ["工资福利支出", "基本工资", "津贴补贴", "商品和服务支出", "办公费", "印刷费",
         "对个人和家庭的补助", "退休费"]
COLUMNS = ["本年一般公共预算基本支出", "合计", "1", "人员经费", "日常公用支出", "2", "3"]
# by hand: 工资福利 300 = 基本工资 200 + 津贴补贴 100 (人员经费 only); 商品和服务 50 = 办公费 30 +
# 印刷费 20 (日常公用 only); 对个人和家庭 25 = 退休费 25 (人员经费); 合计 375 = 325 人员 + 50 公用.
# Row by row, each row's total then its one part; 基本工资 / 津贴补贴 printed column-wise.
AMOUNTS = ["375.00", "325.00", "50.00", "300.00", "300.00", "200.00", "100.00", "200.00", "100.00",
           "50.00", "50.00", "30.00", "30.00", "20.00", "20.00", "25.00", "25.00", "25.00", "25.00"]


def _lines(text: str) -> list[NLine]:
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)).lines


def _table(names: list[str]):
    lines = _lines("\n".join(HEAD + names + COLUMNS + AMOUNTS))
    block, _ = read_runs(lines, next(k for k, ln in enumerate(lines) if ln.text == "经济分类科目名称"))
    if block is None:
        return None
    block.preamble = lines[:2]
    return build_table(block)


def test_names_only_rows_get_inferred_codes_and_placed_amounts():
    t = _table(NAMES)
    assert t is not None and t.method == "column-runs"
    rows = {r.name.value: r for r in t.rows}
    assert [r.code.value for r in t.rows if r.code and r.code.value] == [
        "301", "30101", "30102", "302", "30201", "30202", "303", "30302"]
    # the code was not printed: it is marked inferred (compared by the row's name)
    assert all(any(rep.kind == "code.from_name_order" for rep in r.code.repairs)
               for r in t.rows if r.code and r.code.value)
    vals = {n: {k.rpartition("/")[2]: v.value for k, v in r.values.items() if v is not None and v.value is not None}
            for n, r in rows.items()}
    assert vals["合计"] == {"合计": Decimal("375.00"), "人员经费": Decimal("325.00"), "日常公用支出": Decimal("50.00")}
    assert vals["基本工资"] == {"合计": Decimal("200.00"), "人员经费": Decimal("200.00")}
    assert vals["津贴补贴"] == {"合计": Decimal("100.00"), "人员经费": Decimal("100.00")}
    assert vals["印刷费"] == {"合计": Decimal("20.00"), "日常公用支出": Decimal("20.00")}
    assert vals["退休费"] == {"合计": Decimal("25.00"), "人员经费": Decimal("25.00")}
    # the 合计 column is certain (合计 = Σ parts); which part column is which no identity fixes: review
    wage = {k.rpartition("/")[2]: v for k, v in rows["基本工资"].values.items() if v is not None}
    assert wage["合计"].confidence >= 0.9
    assert wage["人员经费"].confidence < 0.9
    assert any(rep.kind == "layout.column_order" for rep in wage["人员经费"].repairs)


def test_a_name_the_catalogue_does_not_know_is_declined():
    assert _table(NAMES[:2] + ["某某自定义费用"] + NAMES[3:]) is None


FUND_HEAD = ["政府性基金预算支出预算表", "单位：万元", "功能分类科目名称", "**", "合计"]
# `公路水路运输` is both 款 21401 and 项 2149801: the tree order allows both; only 2149801 keeps the
# sums (as 款 21401, 交通运输支出 100 would have to be 100 + 100)
FUND_NAMES = ["交通运输支出", "超长期特别国债安排的支出", "公路水路运输", "其他支出",
              "其他政府性基金及对应专项债务收入安排的支出", "其他政府性基金安排的支出"]
FUND_COLUMNS = ["本年政府性基金预算支出", "合 计", "基本支出", "项目支出", "1", "2", "3"]
# column-wise: the 合计 column (合计 row first), then the 项目支出 column; 基本支出 is blank
FUND_AMOUNTS = ["130.00", "100.00", "100.00", "100.00", "30.00", "30.00", "30.00"] * 2


def test_the_reading_the_sums_confirm_is_kept():
    lines = _lines("\n".join(FUND_HEAD + FUND_NAMES + FUND_COLUMNS + FUND_AMOUNTS))
    block, _ = read_runs(lines, next(k for k, ln in enumerate(lines) if ln.text == "功能分类科目名称"))
    assert block is not None
    block.preamble = lines[:2]
    t = build_table(block)
    codes = {r.name.value: r.code.value for r in t.rows if r.code and r.code.value}
    assert codes["公路水路运输"] == "2149801"
    assert codes["其他支出"] == "229"
    vals = {r.name.value: sorted(v.value for v in r.values.values() if v is not None and v.value is not None)
            for r in t.rows}
    assert vals["公路水路运输"] == [Decimal("100.00"), Decimal("100.00")]
    assert vals["合计"] == [Decimal("130.00"), Decimal("130.00")]


# a 支出总体情况表 keyed by names only (pdfminer: the 合计 row and the 类 row's amounts after their
# names, then the names of the 款 and 项 rows, then their amounts row by row, blank cells absent)
SPEND_HEAD = ["部门支出总体情况表", "单位：万元", "功能科目", "总  计", "基本支出", "项目支出"]
SPEND_BODY = ["**", "1", "2", "3", "合计", "1,935.36", "1,517.95", "417.41",
              "一般公共服务支出", "1,935.36", "1,517.95", "417.41", "信访事务", "行政运行", "信访业务",
              "1,935.36", "1,517.95", "417.41", "1,517.95", "1,517.95", "417.41", "417.41"]


def _spend(head: list[str]):
    lines = _lines("\n".join(head + SPEND_BODY))
    block, _ = read_runs(lines, next(k for k, ln in enumerate(lines) if ln.text == "功能科目"))
    return block


def test_rows_of_a_spending_table_by_names():
    block = _spend(SPEND_HEAD)
    assert block is not None
    t = build_table(block)
    vals = {r.name.value: sorted(v.value for v in r.values.values() if v is not None and v.value is not None)
            for r in t.rows}
    assert vals["信访事务"] == [Decimal("417.41"), Decimal("1517.95"), Decimal("1935.36")]
    assert vals["行政运行"] == [Decimal("1517.95"), Decimal("1517.95")]
    assert vals["信访业务"] == [Decimal("417.41"), Decimal("417.41")]


def test_rows_left_in_doubt_are_declined():
    # six columns (three of them blank, their labels broken over lines, 栏次 1 … 6): several grids
    # keep the sums and the rows of some amounts are left open (`行政运行` would be left blank) —
    # with the codes only inferred, a guessed row on top is too little: declined
    head = ["部门支出总体情况表", "功能科目", "总  计", "基本支出", "项目支出", "单位：万元", "事业单位经营", "支出",
            "对附属单位补", "助支出", "上缴上级支出", "**", "1", "2", "3", "4", "5", "6"]
    lines = _lines("\n".join(head + SPEND_BODY[4:]))
    assert read_runs(lines, next(k for k, ln in enumerate(lines) if ln.text == "功能科目"))[0] is None
