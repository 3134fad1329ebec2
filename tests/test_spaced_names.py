"""Subject tables printing names only (no code column: the 类 / 款 / 项 shown by order), as pypdf and
other text extractors print them row per line, and amounts wrapped in narrow columns. Expected
values below were checked by hand against the texts."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.evidence import policy
from extractor.structure.name_codes import infer_codes
from extractor.structure.spaced_columns import Amount
from extractor.structure.spaced_wraps import join_piece, join_tail

HEAD = """表5：2026年市级部门一般公共预算支出预算表
部门名称：某某局单位：万元
功能分类科目名称 合计
基本支出
项目支出
小计 人员经费 日常公用 支出
** 1 2 3 4 5
"""

# 合计 1,230.50 = 小计 230.50 + 项目 1,000.00 (printed `1,000.0 0`); 小计 230.50 = 200.30 + 30.20;
# 20805's 人员经费 200.30 and 日常公用支出 30.20 decide which of its children's single amounts is which
PENSION = """社会保障和就业支出 230.50 230.50 200.30 30.20
行政事业单位养老支出 230.50 230.50 200.30 30.20
行政单位离退休 30.20 30.20 30.20
机关事业单位基本养老保险缴费支出 200.30 200.30 200.30
"""
BODY = """合计 1,230.50 230.50 200.30 30.20 1,000.0 0
一般公共服务支出 1,000.00 1,000.00
其他一般公共服务支出 1,000.00 1,000.00
其他一般公共服务支出 1,000.00 1,000.0
0
""" + PENSION

COLUMNS = ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/日常公用支出", "项目支出"]


def _table(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    report = extract(p)
    spaced = [t for t in report.tables if t.method == "spaced"]
    assert len(spaced) == 1, [t.method for t in report.tables]
    return spaced[0]


def _amounts(row) -> dict:
    return {k: f.value for k, f in row.values.items() if f.value is not None}


def test_names_only_rows_are_read_their_codes_inferred_by_name_and_order(tmp_path):
    t = _table(tmp_path, HEAD + BODY)
    assert t.columns == COLUMNS
    codes = [r.code.value if r.code is not None else None for r in t.rows]
    assert codes == [None, "201", "20199", "2019999", "208", "20805", "2080501", "2080505"]
    # the same name twice: the 款 first, then (the 款 taken) its 项
    inferred = t.rows[3].code
    assert inferred.confidence == policy.CODE_FROM_NAME_ORDER < policy.CELL_CLEAN
    assert any(r.kind == "code.from_name_order" for r in inferred.repairs)
    assert any("inferred" in n for n in inferred.notes)
    assert _amounts(t.rows[2]) == {"合计": Decimal("1000.00"), "项目支出": Decimal("1000.00")}
    # one amount besides 合计 in the basic group: the parent row's columns place it
    assert _amounts(t.rows[6]) == {"合计": Decimal("30.20"), "基本支出/小计": Decimal("30.20"),
                                   "基本支出/日常公用支出": Decimal("30.20")}
    assert _amounts(t.rows[7]) == {"合计": Decimal("200.30"), "基本支出/小计": Decimal("200.30"),
                                   "基本支出/人员经费": Decimal("200.30")}
    assert all(f.confidence >= 0.9 for f in t.rows[7].values.values() if f.value is not None)


def test_wrapped_amounts_are_joined_and_the_print_kept(tmp_path):
    t = _table(tmp_path, HEAD + BODY)
    total = t.rows[0].values["项目支出"]
    assert total.value == Decimal("1000.00")
    assert total.raw == "1,000.0 0"
    assert [r.kind for r in total.repairs] == ["text.wrapped_amount"]
    below = t.rows[3].values["项目支出"]  # the last digit alone on the next line
    assert below.value == Decimal("1000.00") and below.raw == "1,000.0 / 0"
    assert len(t.rows) == 8  # the lone `0` is no row and does not end the table


def test_a_name_the_order_does_not_decide_keeps_no_code(tmp_path):
    # 行政运行 is a 项 under many 款; with no 款 row above it, no reading is left
    text = HEAD + """合计 50.00 50.00 40.00 10.00
行政运行 50.00 50.00 40.00 10.00
"""
    t = _table(tmp_path, text)
    row = t.rows[1]
    assert row.name.value == "行政运行" and (row.code is None or not row.code.value)
    assert _amounts(row)["基本支出/人员经费"] == Decimal("40.00")


def test_infer_codes_rows_under_an_unknown_name_stay_without_codes():
    codes = infer_codes([None, "社会保障和就业支出", "某某新设科目", "行政单位离退休", "卫生健康支出"])
    assert codes == [None, "208", None, None, "210"]


def test_wraps_join_only_where_the_table_prints_two_decimals():
    seen = [Amount("12.50", 0, 5), Amount("3.00", 6, 10)]
    row = [Amount("1,000.0", 20, 27), Amount("0", 28, 29)]
    joined = join_tail(list(row), seen)
    assert [a.text for a in joined] == ["1,000.00"] and joined[0].printed == "1,000.0 0"
    # a table printing whole or one-decimal amounts (`电费 791 791`, `办公费 626.9`): the piece may be an amount
    plain = [Amount("791", 0, 3), Amount("626.9", 4, 9)]
    assert [a.text for a in join_tail(list(row), plain)] == ["1,000.0", "0"]
    amounts = [Amount("1,264,602", 0, 9)]
    assert join_piece(amounts, ".38", seen) and amounts[0].text == "1,264,602.38"
    amounts = [Amount("12.13", 0, 5)]
    assert not join_piece(amounts, "26", seen)  # a page number under a whole amount


def test_wraps_within_the_line_are_joined_too():
    seen = [Amount("12.50", 0, 5), Amount("3.00", 6, 10)]
    printed = "合计 370,219.2 5 293,191.8 6 246,458.22 46,733.64 77,027.38"
    toks = [(m, printed.index(m)) for m in ("370,219.2", "5", "293,191.8", "6", "246,458.22", "46,733.64", "77,027.38")]
    row = [Amount(t, s, s + len(t)) for t, s in toks]
    joined = join_tail(row, seen)
    assert [a.text for a in joined] == ["370,219.25", "293,191.86", "246,458.22", "46,733.64", "77,027.38"]
    # 293,191.86 = 246,458.22 + 46,733.64; 370,219.25 = 293,191.86 + 77,027.38 (a cent of rounding)


# pdfplumber: a row's cells centred on its line, the wrapped amount's head above and its last
# digit below (`1,000.0` / `合计 …` / `0`), or all the row's amounts above its name
AROUND = """1,000.0
合计 1,230.50 230.50 200.30 30.20
0
1,000.00 1,000.0
一般公共服务支出
0
其他一般公共服务支出 1,000.00 1,000.00
其他一般公共服务支出 1,000.00 1,000.00
""" + PENSION


def test_amounts_wrapped_around_their_row(tmp_path):
    t = _table(tmp_path, HEAD + AROUND)
    assert [r.name.value for r in t.rows][:3] == ["合计", "一般公共服务支出", "其他一般公共服务支出"]
    assert len(t.rows) == 8
    total = t.rows[0].values["项目支出"]
    assert total.value == Decimal("1000.00") and total.raw == "1,000.0 / 0"
    # the head stood alone above a row with amounts of its own: where it goes is not printed
    assert all(f.confidence < policy.REVIEW_THRESHOLD for f in t.rows[0].values.values() if f.value is not None)
    # the amounts all above the name: they are the row's, in order
    row = t.rows[1]
    assert row.code.value == "201"
    assert _amounts(row) == {"合计": Decimal("1000.00"), "项目支出": Decimal("1000.00")}
    assert row.values["项目支出"].raw == "1,000.0 / 0"


def test_a_name_broken_before_its_amounts_is_joined_where_the_catalogue_knows_it(tmp_path):
    text = """表8：2026年市级部门政府性基金预算支出预算表
部门名称：某某局 单位：万元
功能分类科目名称
本年政府性基金预算支出
合 计 基本支出 项目支出
** 1 2 3
合计 10,493.00 10,493.00
其他支出 10,493.00 10,493.00
其他政府性基金及对应专项债务收入安排
的支出 10,493.00 10,493.00
其他政府性基金安排的支出 10,493.00 10,493.00
"""
    t = _table(tmp_path, text)
    assert [(r.code.value if r.code else None, r.name.value) for r in t.rows] == [
        (None, "合计"), ("229", "其他支出"), ("22904", "其他政府性基金及对应专项债务收入安排的支出"),
        ("2290401", "其他政府性基金安排的支出")]
    # 合计 and one amount: 基本支出 or 项目支出, the sums cannot tell: to review
    second = [f for k, f in t.rows[1].values.items() if f.value is not None and not k.endswith("合计")]
    assert len(second) == 1 and second[0].confidence < policy.REVIEW_THRESHOLD
