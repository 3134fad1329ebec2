"""`structure/family_runs.py`: a subject table in poppler's reading order (pdftotext without
`-layout`), rows scrambled across the header, the first rows' amounts run together, codes apart;
only families (a parent and every row under it) whose sums leave one placement are read.
Expected values were checked by hand: 20805 = 2080501 + 2080505 + 2080506 in every column
(400.00 = 150.00 + 170.00 + 80.00; 人员经费 350.00 = 100.00 + 170.00 + 80.00; 公用经费 50.00)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.datamodel import NLine
from extractor.structure import family_runs
from extractor.structure.row_stream import _widest_of_all

# 合计 | 基本支出 (小计 人员经费 公用经费) | 项目支出, printed as pdftotext's default order prints it:
# header words interleaved with 201, 20103, the column numbers and a 合计 label, the 合计 row's and 201's amounts as one run,
# 20103's name and its rows' codes apart from their amounts, 208's run holding the rest of the
# rows above, the 款 and 类 codes at the end. The 20805 family prints each row's name, then its own
# amounts (blank cells absent).
STREAM = """表05
2026年市级部门一般公共预算支出表
341-某某局
单位：万元
基本支出
科目编码
科目名称
201
20103
项目支出
1
小计
人员经费
公用经费
2
3
4
5
合计
900.00
700.00
600.00
100.00
200.00
一般公共服务支出
500.00
300.00
250.00
50.00
200.00
500.00
300.00
250.00
50.00
200.00
250.00
50.00
政府办公厅（室）及相关机构事务
2010301
行政运行
300.00
2010302
一般行政管理事务
200.00
208
社会保障和就业支出
300.00
200.00
400.00
400.00
350.00
50.00
行政事业单位养老支出
400.00
400.00
350.00
50.00
2080501
行政单位离退休
150.00
150.00
100.00
50.00
2080505
机关事业单位基本养老保险缴费支出
170.00
170.00
170.00
2080506
机关事业单位职业年金缴费支出
80.00
80.00
80.00
20103
20805
"""

_SET = ("基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出")


def _toks(text: str):
    out = []
    for k, t in enumerate(text.splitlines()):
        line = NLine(text=t, orig=t, no=k + 1)
        out.extend((w, line) for w in t.split())
    return out


def _body(text: str):
    return _toks("\n".join(text.splitlines()[4:]))  # the title area above the cells


def test_a_family_whose_sums_leave_one_placement_is_read_and_the_rest_left_out():
    head, rows, left, placed = family_runs.read(_body(STREAM), _widest_of_all)
    assert [r.code for r in rows] == ["20805", "2080501", "2080505", "2080506"]
    assert [[w for w, _ in r.amounts] for r in rows][2] == ["170.00", "170.00", "170.00"]
    # the three-amount rows stand in 合计 小计 人员经费: 公用经费 sums to 50.00 with 行政单位离退休 alone
    assert placed == {"20805": {(0, 1, 2, 3)}, "2080501": {(0, 1, 2, 3)}, "2080505": {(0, 1, 2)}, "2080506": {(0, 1, 2)}}
    assert rows[1].moved is False  # its code printed right before its name
    assert rows[0].moved is True  # 行政事业单位养老支出: the catalogue's code under the printed 208
    # rows whose amounts stand away from their names (a run of the rows above, split around a code)
    assert {"行政运行", "一般行政管理事务", "社会保障和就业支出", "一般公共服务支出"} <= set(left)
    assert [w for w, _ in head][2:] == ["合计", "基本支出", "小计", "人员经费", "公用经费", "项目支出"]


def test_the_text_route_reads_the_family_with_its_columns(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(STREAM, encoding="utf-8")
    report = extract(p)
    (t,) = [t for t in report.tables if t.method == "family-runs"]
    assert t.parsing_report.reader == "family-runs"
    got = {r.code.value: {k: f.value for k, f in r.values.items() if f.value is not None} for r in t.rows}
    assert set(got) == {"20805", "2080501", "2080505", "2080506"}
    assert got["2080505"] == {"合计": Decimal("170.00"), "基本支出/小计": Decimal("170.00"),
                              "基本支出/人员经费": Decimal("170.00")}
    assert got["2080501"]["基本支出/公用经费"] == Decimal("50.00")
    assert "项目支出" not in got["20805"]


def _one_basic_amount():
    # every row prints three equal amounts: 人员经费 or 公用经费 — the sums hold either way
    text = STREAM.replace("150.00\n150.00\n100.00\n50.00\n", "150.00\n150.00\n150.00\n")
    return text.replace("400.00\n400.00\n350.00\n50.00\n", "400.00\n400.00\n400.00\n")


def test_two_placements_differing_in_the_basic_leaves_only_are_read_with_both_left_open():
    head, rows, left, placed = family_runs.read(_body(_one_basic_amount()), _widest_of_all)
    assert [r.code for r in rows] == ["20805", "2080501", "2080505", "2080506"]
    # 合计 and 小计 are certain; the third amount is 人员经费 (column 2) or 公用经费 (column 3)
    assert set(placed.values()) == {frozenset({(0, 1, 2), (0, 1, 3)})}


def test_the_open_leaves_go_to_review_and_the_rest_is_confident(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(_one_basic_amount(), encoding="utf-8")
    (t,) = [t for t in extract(p).tables if t.method == "family-runs"]
    row = next(r for r in t.rows if r.code.value == "2080505")
    assert row.values["合计"].value == Decimal("170.00") and row.values["合计"].confidence >= 0.9
    assert row.values["基本支出/小计"].value == Decimal("170.00") and row.values["基本支出/小计"].confidence >= 0.9
    leaves = [row.values[k] for k in ("基本支出/人员经费", "基本支出/公用经费")]
    assert sorted(f.value for f in leaves if f.value is not None) == [Decimal("170.00")]
    assert all(f.confidence < 0.9 for f in leaves if f.value is not None)
    assert any(r.kind == "layout.column_guess" for f in leaves for r in (f.repairs or []))


def test_a_run_that_is_not_the_rows_own_fails_its_family():
    # 职业年金's last amount printed elsewhere: [80.00 80.00] reads only as 合计 | 项目支出, and the
    # family's 项目支出 (blank) does not hold it: the family is not read
    text = STREAM.replace("80.00\n80.00\n80.00\n20103", "80.00\n80.00\n20103")
    assert family_runs.read(_body(text), _widest_of_all) is None


def test_a_parents_run_carrying_its_rows_amounts_is_cut_by_the_sums():
    # 行政事业单位养老支出's run holds its own amounts, then its three rows' in code order, their codes
    # and names printed further on with no amounts: one cut and placement holds every sum
    text = STREAM.replace("""2080501
行政单位离退休
150.00
150.00
100.00
50.00
2080505
机关事业单位基本养老保险缴费支出
170.00
170.00
170.00
2080506
机关事业单位职业年金缴费支出
80.00
80.00
80.00
""", """150.00
150.00
100.00
50.00
170.00
170.00
170.00
80.00
80.00
80.00
2080501
行政单位离退休
2080505
机关事业单位基本养老保险缴费支出
2080506
机关事业单位职业年金缴费支出
""")
    assert text != STREAM
    head, rows, left, placed = family_runs.read(_body(text), _widest_of_all)
    got = {r.code: [w for w, _ in r.amounts] for r in rows}
    assert got == {"20805": ["400.00", "400.00", "350.00", "50.00"],
                   "2080501": ["150.00", "150.00", "100.00", "50.00"],
                   "2080505": ["170.00", "170.00", "170.00"], "2080506": ["80.00", "80.00", "80.00"]}
    assert placed["2080506"] == {(0, 1, 2)}
