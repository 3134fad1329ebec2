"""Shapes of pdfminer.six text (one box per line, a blank line after each): a subject table whose
boxes run row by row (run_rows.py), a yuan amount that looks like a 类 code among a column's
amounts, a 三公 row whose first amount stands inside the 栏次 numbering, and code / name lines with
their amounts in runs after them, which the spaced reader must not cut into rows."""
from __future__ import annotations

from decimal import Decimal

from extractor.datamodel import Document, Line, NLine
from extractor.normalize import normalize
from extractor.structure import row_stream
from extractor.structure.column_runs import _by_columns, read_runs
from extractor.structure.run_placer import Shape
from extractor.structure.run_rows import solve_rows
from extractor.structure.spaced_rows import read_spaced
from extractor.structure.tables import build_table


def _lines(rows: list[str], blank: bool = True) -> list[NLine]:
    texts: list[str] = []
    for t in rows:
        texts += [t, ""] if blank else [t]
    lines = [Line(text=t, no=i) for i, t in enumerate(texts, start=1)]
    return normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)).lines


def _at(lines: list[NLine], text: str) -> int:
    return next(k for k, ln in enumerate(lines) if ln.text == text)


def _by_code(table) -> dict:
    return {r.code.value if r.code else r.name.value: {k: v for k, v in r.values.items() if v.value is not None}
            for r in table.rows}


# A 支出决算表 whose boxes run row by row, blank cells absent (checked by hand):
#   合计                       120.50 = 100.00 基本 + 20.50 项目
#   206 科学技术支出            100.50 =  80.00 + 20.50
#   20601 科学技术管理事务      100.50 =  80.00 + 20.50
#   2060101 行政运行             80.00 =  80.00 基本
#   2060199 其他科学技术管理事务支出 20.50 = 20.50 项目
#   221 / 22102 / 2210201       20.00 =  20.00 基本
# 基本 100.00 = 80.00 + 20.00, 项目 20.50 = 20.50 + 0. Read column-wise the stream leaves 行政运行 and
# 其他…支出 exchangeable (80.00 80.00 20.50 20.50: each column top-down, interleaved at will); read
# row by row only one grid keeps the identities.
BY_ROWS = (["支出决算表", "单位：万元", "功能分类科目编码", "科目名称", "项目", "栏次", "合计", "基本支出", "项目支出",
            "1", "2", "3", "120.50", "100.00", "20.50",
            "206", "科学技术支出", "100.50", "80.00", "20.50",
            "206", "01", "科学技术管理事务", "100.50", "80.00", "20.50",
            "206", "01", "01 行政运行", "80.00", "80.00",
            "206", "01", "99 其他科学技术管理事务支出", "20.50", "20.50",
            "221", "住房保障支出", "221", "02", "住房改革支出", "221", "02", "01 住房公积金",
            "20.00", "20.00", "20.00", "20.00", "20.00", "20.00",
            "注：本表反映本部门本年度各项支出情况。"])


def test_a_table_whose_boxes_run_row_by_row_is_read_with_its_columns_certain():
    lines = _lines(BY_ROWS)
    block, _ = read_runs(lines, _at(lines, "功能分类科目编码"))
    assert block is not None
    block.preamble = lines[:_at(lines, "功能分类科目编码")]
    t = build_table(block)
    assert t.method == "column-runs"
    rows = _by_code(t)
    want = {"合计": ("120.50", "100.00", "20.50"), "206": ("100.50", "80.00", "20.50"),
            "20601": ("100.50", "80.00", "20.50"), "2060101": ("80.00", "80.00", None),
            "2060199": ("20.50", None, "20.50"), "221": ("20.00", "20.00", None),
            "22102": ("20.00", "20.00", None), "2210201": ("20.00", "20.00", None)}
    assert set(rows) == set(want)
    for code, (total, basic, project) in want.items():
        got = rows[code]
        assert [got[c].value if c in got else None for c in t.columns] == [
            Decimal(x) if x is not None else None for x in (total, basic, project)], code
        # the row order says which part column each amount is in: no guess, no review
        assert all(f.confidence >= 0.9 for f in got.values()), code


def test_row_by_row_placing_is_the_one_the_column_placers_cannot_settle():
    codes = [None, "206", "20601", "2060101", "2060199", "221", "22102", "2210201"]
    values = [Decimal(x) for x in ("120.50 100.00 20.50 100.50 80.00 20.50 100.50 80.00 20.50 80.00 80.00 "
                                    "20.50 20.50 20.00 20.00 20.00 20.00 20.00 20.00").split()]
    grid = solve_rows(Shape(codes), values, 3)
    assert grid is not None
    assert [values[p] if p is not None else None for p in grid[2]] == [
        Decimal("20.50"), Decimal("20.50"), Decimal("20.50"), None, Decimal("20.50"), None, None, None]
    # column-wise (each column top-down, interleaved at will) two grids keep the identities: the
    # cells they differ in are left in doubt (blank, to review), never settled
    lines = _lines(BY_ROWS)
    from extractor.structure.column_runs import _Amount, _Guessed
    amounts = [_Amount(str(v), lines[0]) for v in values]
    got = _by_columns(Shape(codes), amounts, 3)
    assert isinstance(got, _Guessed) and got.doubt and not got.filled
    assert all(got[c][r] is None for c, r in got.doubt)


def test_a_stream_that_does_not_cut_into_rows_is_left_to_the_column_placers():
    # the 合计 column in one run, then the 基本 column: row 2's "total" 80 is followed by 40, not its parts
    codes = [None, "221", "22102"]
    values = [Decimal(x) for x in "80 40 40 60 30 30".split()]
    assert solve_rows(Shape(codes), values, 3) is None


# a budget 支出预算总表 in yuan, printed column by column: the 800 of 2080599 looks like a 类 code
YUAN = ["2026年预算单位支出预算总表", "编制单位：某某活动室", "单位：元", "功能分类科目编码", "功能分类科目名称",
        "合计", "基本支出", "项目支出", "项目", "支出预算", "类",
        "208", "208", "208", "208", "213", "213", "213", "款", "项", "05", "05", "05", "01", "01",
        "社会保障和就业支出", "行政事业单位养老支出", "02 事业单位离退休", "99 其他行政事业单位养老支出",
        "农林水支出", "农业农村", "99 其他农业农村支出", "合计",
        # 合计 column (7 rows and the 合计 row), then 基本支出, then 项目支出 (its blank cells absent)
        "40,340", "40,340", "39,540", "800", "825,956", "825,956", "825,956", "866,296",
        "40,340", "40,340", "39,540", "800", "759,890", "759,890", "759,890", "800,230",
        "66,066", "66,066", "66,066", "66,066"]


def test_a_yuan_amount_shaped_like_a_code_among_the_amounts_is_an_amount():
    lines = _lines(YUAN)
    block, _ = read_runs(lines, _at(lines, "功能分类科目编码"))
    assert block is not None
    rows = {r[0].text or r[1].text: [c.text for c in r[2:]] for r in block.rows[2:]}
    assert rows["2080599"] == ["800", "800", ""]
    assert rows["2080502"] == ["39,540", "39,540", ""]
    assert rows["2130199"] == ["825,956", "759,890", "66,066"]
    assert rows["合计"] == ["866,296", "800,230", "66,066"]
    # (40,340 = 39,540 + 800; 866,296 = 40,340 + 825,956; 800,230 = 40,340 + 759,890)


THREE_PUBLIC = ["财政拨款“三公”经费支出决算表", "部门：某某局", "公开09表", "单位：万元", "预算数",
                "公务用车购置及运行维护费", "决算数", "公务用车购置及运行维护费", "合计", "因公出国（境）费",
                "公务接待费", "合计", "因公出国（境）费", "公务接待费", "小计", "公务用车购置费",
                "公务用车运行维护费", "小计", "公务用车购置费", "公务用车运行维护费"]
# 预算数 7.19 = 0 + 3.79 + 3.40 (小计 3.79 = 0 + 3.79); 决算数 5.74 = 0 + 3.17 + 2.57 (3.17 = 0 + 3.17)
MOVED = ["1", "7.19", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
         "0", "3.79", "0", "3.79", "3.40", "5.74", "0", "3.17", "0", "3.17", "2.57", "注：本表反映三公经费情况。"]


def test_a_three_public_amount_inside_the_column_numbering_goes_back_to_its_column():
    lines = _lines(THREE_PUBLIC + MOVED)
    i = _at(lines, "预算数")
    assert row_stream.RowStreamReader().starts(lines, i)
    block, _ = row_stream.read_stream(lines, i)
    assert block is not None
    assert [c.text for c in block.rows[-1]] == ["7.19", "0", "3.79", "0", "3.79", "3.40",
                                                "5.74", "0", "3.17", "0", "3.17", "2.57"]


def test_an_amount_inside_the_numbering_stays_where_the_sums_do_not_hold():
    wrong = list(MOVED)
    wrong[1] = "9.19"  # 9.19 ≠ 0 + 3.79 + 3.40: no column is sure for it
    toks = [(w, None) for w in ["预算数", "合计"] + wrong[:-1]]
    assert row_stream._numbering_moved(toks) is None


def test_code_lines_with_their_amounts_in_runs_after_them_are_not_cut_into_rows():
    # pdfminer: the code / name boxes of three rows, then the 合计 column's run; the spaced reader
    # would give the last row the run's first amount (it is the 类 row's 合计, far above)
    lines = _lines(["2026年部门支出总表", "单位：万元", "对附属单位补", "助支出", "    2140101 行政运行",
                    "    2140104 公路建设", "    2140106 公路养护", "237,947.90", "17,577.12", "220,370.78",
                    "45,078.80"], blank=False)
    block, _ = read_spaced(lines, _at(lines, "对附属单位补"))
    assert block is None


def test_a_three_public_row_with_blank_cells_absent_loses_the_numbering_not_its_amounts():
    # 12 columns, 10 zeros printed (two cells blank), the first inside the numbering: the numbers
    # 1 … 12 are no amounts; the zeros are read (in review: which columns is not known)
    toks = [(w, None) for w in ["预算数", "合计", "1", "0"] + [str(x) for x in range(2, 13)] + ["0"] * 9]
    out = row_stream._numbering_moved(toks)
    assert [w for w, _ in out] == ["预算数", "合计"] + [str(x) for x in range(1, 13)] + ["0"] * 10


def test_a_zero_under_blank_parent_cells_is_not_placed_row_by_row():
    # pdftotext moves the 合计 row's 0s to the page end, after the last row: read row by row they would
    # be that row's cells, under parents whose cells are blank there
    codes = [None, "211", "21101", "2110199"]
    values = [Decimal(x) for x in "274.16 274.16 274.16 274.16 274.16 274.16 274.16 274.16 0".split()]
    assert solve_rows(Shape(codes), values, 3) is None
    # printed on the 合计 row itself (every cell of it), the same 0 is that row's
    values = [Decimal(x) for x in "274.16 274.16 0 274.16 274.16 274.16 274.16 274.16 274.16".split()]
    grid = solve_rows(Shape(codes), values, 3)
    assert grid is not None and grid[2] == [2, None, None, None]
