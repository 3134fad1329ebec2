"""A 类 | 款 | 项 table continued on a new page whose rows print 款 and 项 parts only (no 类 on that
page): the PDF route reads the parts as codes, never as amounts. The header's 类 / 款 / 项 labels
set the code columns of an unruled page (paged/alignment.py), the page's rest joins the table the
page before ends in also where that page is ruled and this one is not (structure/continuation.py),
and the parts are completed from the 类 the table ended under (code_tree.py); a page read alone gets
them from the catalogue where one code has the printed name and digits. The synthetic pages are
drawn with fpdf2; every amount below was added up by hand (合计 300.00 = 250.00 + 50.00, …)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SHARED
from extractor import extract
from extractor.datamodel import Cell, GridBlock, NLine
from extractor.structure.code_tree import FROM_NAME, FROM_PARENT, CodeTree
from extractor.structure.continuation import _repeats_header
from extractor.structure.tables import build_table

CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
WIDTHS = [14, 14, 14, 70, 35, 35, 35]

PAGE_1 = [["", "", "", "合计", "300.00", "200.00", "100.00"],
          ["201", "", "", "一般公共服务支出", "250.00", "150.00", "100.00"],
          ["", "08", "", "审计事务", "250.00", "150.00", "100.00"],
          ["", "", "01", "行政运行", "150.00", "150.00", ""],
          ["", "", "04", "审计业务", "100.00", "", "100.00"],
          ["221", "", "", "住房保障支出", "50.00", "50.00", ""]]
# the table's rest: 款 and 项 parts only, under the title and header printed again
PAGE_2 = [["", "02", "", "住房改革支出", "50.00", "50.00", ""],
          ["", "", "01", "住房公积金", "50.00", "50.00", ""]]


def _page(pdf, rows: list[list[str]], ruled: bool) -> None:
    border = 1 if ruled else 0
    pdf.add_page()
    pdf.cell(0, 8, "支出总体情况表", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, "部门：测试局" + " " * 40 + "单位：万元", new_x="LMARGIN", new_y="NEXT")
    x, y = pdf.get_x(), pdf.get_y()
    pdf.cell(42, 8, "科目编码", border=border, align="C")  # over 类 | 款 | 项
    for w, h in zip(WIDTHS[3:], ["科目名称", "合计", "基本支出", "项目支出"]):
        pdf.cell(w, 16, h, border=border, align="C")
    pdf.set_xy(x, y + 8)
    for w, h in zip(WIDTHS[:3], "类款项"):
        pdf.cell(w, 8, h, border=border, align="C")
    pdf.set_xy(x, y + 16)
    for r in rows:
        for j, (w, c) in enumerate(zip(WIDTHS, r)):
            pdf.cell(w, 8, c, border=border, align="R" if j >= 4 else ("C" if j < 3 else "L"))
        pdf.ln(8)


def _pdf(tmp_path, pages: list[list[list[str]]], ruled: list[bool]):
    from fpdf import FPDF

    pdf = FPDF(orientation="L")
    pdf.add_font("wqy", fname=CJK_FONT)
    pdf.set_font("wqy", size=11)
    for rows, r in zip(pages, ruled):
        _page(pdf, rows, r)
    path = tmp_path / "parts.pdf"
    pdf.output(str(path))
    return path


def _rows(table) -> dict:
    return {(r.code.value if r.code else None, r.name.value): {k: v.value for k, v in r.values.items()}
            for r in table.rows}


def _by_code(table, code):
    return next(r for r in table.rows if r.code is not None and r.code.value == code)


@pytest.mark.usefixtures("wqy_font")  # missing, the test fails (conftest.wqy_font)
@pytest.mark.parametrize("ruled", [[False, False], [True, False], [True, True]],
                         ids=["unruled", "ruled-then-unruled", "ruled"])
def test_continued_page_prints_kuan_and_xiang_parts_only(tmp_path, ruled):
    r = extract(_pdf(tmp_path, [PAGE_1, PAGE_2], ruled))
    (t,) = r.tables  # one table over both pages
    assert t.method == ("lattice" if ruled[0] else "stream")
    assert t.columns == ["合计", "基本支出", "项目支出"]  # no 项 column of amounts
    assert _rows(t) == {
        (None, "合计"): {"合计": Decimal("300.00"), "基本支出": Decimal("200.00"), "项目支出": Decimal("100.00")},
        ("201", "一般公共服务支出"): {"合计": Decimal("250.00"), "基本支出": Decimal("150.00"),
                                 "项目支出": Decimal("100.00")},
        ("20108", "审计事务"): {"合计": Decimal("250.00"), "基本支出": Decimal("150.00"), "项目支出": Decimal("100.00")},
        ("2010801", "行政运行"): {"合计": Decimal("150.00"), "基本支出": Decimal("150.00"), "项目支出": None},
        ("2010804", "审计业务"): {"合计": Decimal("100.00"), "基本支出": None, "项目支出": Decimal("100.00")},
        ("221", "住房保障支出"): {"合计": Decimal("50.00"), "基本支出": Decimal("50.00"), "项目支出": None},
        ("22102", "住房改革支出"): {"合计": Decimal("50.00"), "基本支出": Decimal("50.00"), "项目支出": None},
        ("2210201", "住房公积金"): {"合计": Decimal("50.00"), "基本支出": Decimal("50.00"), "项目支出": None},
    }
    # completed from the 221 row the first page ended with, which the catalogue confirms
    for code in ("22102", "2210201"):
        (rep,) = _by_code(t, code).code.repairs
        assert rep.kind == FROM_PARENT and rep.status == "confirmed"
    assert r.checks and all(c.passed for c in r.checks)


@pytest.mark.usefixtures("wqy_font")
def test_a_page_of_parts_read_alone_gets_its_codes_from_the_catalogue(tmp_path):
    r = extract(_pdf(tmp_path, [PAGE_2], [False]))
    (t,) = r.tables
    assert t.columns == ["合计", "基本支出", "项目支出"]
    assert _rows(t) == {
        ("22102", "住房改革支出"): {"合计": Decimal("50.00"), "基本支出": Decimal("50.00"), "项目支出": None},
        ("2210201", "住房公积金"): {"合计": Decimal("50.00"), "基本支出": Decimal("50.00"), "项目支出": None},
    }
    # no 类 printed in the table: the code is the catalogue's by the name, not completed from a row
    for code in ("22102", "2210201"):
        (rep,) = _by_code(t, code).code.repairs
        assert rep.kind == FROM_NAME
        assert _by_code(t, code).code.confidence <= 0.9


# --- the pieces ------------------------------------------------------------------------------

def test_orphan_parts_are_completed_only_where_the_catalogue_has_one_code():
    tree = CodeTree("function", orphans=True)
    kuan = tree.part(["02"], "住房改革支出", "款", first=Decimal("50"))
    assert kuan.code == "22102" and kuan.repair.kind == FROM_NAME and kuan.repair.status == "unconfirmed"
    item = tree.part(["01"], "住房公积金", "项", first=Decimal("50"))
    # under a 款 that is itself the catalogue's guess, the completion is no surer than it
    assert item.code == "2210201" and item.repair.kind == FROM_NAME and item.repair.status == "unconfirmed"
    # 行政运行 is a 项 of nearly every 款: no one code ends in 01 with that name
    assert CodeTree("function", orphans=True).part(["01"], "行政运行", "项") is None
    # a 款 named so, but whose digits are not the printed ones
    assert CodeTree("function", orphans=True).part(["07"], "住房改革支出", "款") is None
    # a part whose level the print does not say, and a tree not asked to: left alone
    assert CodeTree("function", orphans=True).part(["02"], "住房改革支出") is None
    assert CodeTree("function").part(["02"], "住房改革支出", "款") is None


def test_a_printed_whole_code_ends_the_guess():
    tree = CodeTree("function", orphans=True)
    tree.part(["02"], "住房改革支出", "款")
    tree.whole("201")
    done = tree.part(["08"], "审计事务", "款")
    assert done.code == "20108" and done.repair.kind == FROM_PARENT and done.repair.status == "confirmed"


def _cells(rows: list[list[str]], page: int = 1) -> list[list[Cell]]:
    return [[Cell(text=x, orig=x, line=None, page=page) for x in r] for r in rows]


def test_a_header_printed_again_matches_when_one_reader_spans_a_cell():
    ruled = GridBlock(rows=_cells([["科目编码", "科目名称", "合计", "基本支出"],
                                   ["类", "款", "项", "", "", ""]]), first_line=1, last_line=1, method="lattice")
    assert _repeats_header(_cells([["科目编码", "", "", "科目名称", "合计", "基本支出"]])[0], ruled)
    # the same words in another order, or fewer of them, are another header
    assert not _repeats_header(_cells([["科目名称", "", "", "科目编码", "合计", "基本支出"]])[0], ruled)
    assert not _repeats_header(_cells([["", "", "", "科目名称", "合计", ""]])[0], ruled)


def test_digits_under_a_code_part_label_are_never_an_amount():
    # the grid an unruled page gave before its 类 label set a column: 类 and 款 in one column (its
    # label `类款` matches no 类 | 款 | 项 run, so no code is merged), 项 in the next; the 项 column's
    # `01` was the amount 1 at 0.97. Digits under a code part's label are a code part, in review.
    rows = [["科目编码", "", "科目名称", "合计", "基本支出"],
            ["类款", "项", "", "", ""],
            ["02", "", "住房改革支出", "50.00", "50.00"],
            ["", "01", "住房公积金", "50.00", "50.00"]]
    title = NLine(text="支出总体情况表", orig="支出总体情况表", no=None, page=1)
    t = build_table(GridBlock(rows=_cells(rows), first_line=1, last_line=1, method="stream", preamble=[title]))
    assert t.columns == ["项", "科目名称", "合计", "基本支出"]
    part = next(r for r in t.rows if r.values["科目名称"].value == "住房公积金").values["项"]
    assert part.value == "01" and part.confidence < 0.9
    assert any("code part" in n for n in part.notes)
    # the amounts of the row stay amounts
    assert t.rows[1].values["合计"].value == Decimal("50.00")


def test_real_continued_table_city025_052(tmp_path):
    """Yantai 审计局 支出总体情况表: page 11 ruled ending with `221 住房保障支出 204.86 204.86`, page 12
    unruled with `02 住房改革支出` and `01 住房公积金`, 204.86 each (pdftotext -layout -f 11 -l 12)."""
    src = SHARED / "real-corpus" / "city025_052.pdf"
    if not src.exists():
        pytest.skip(reason=f"{src} is absent (the corpus lives in ../shared, outside the repo)")
    import pypdfium2 as pdfium

    whole = pdfium.PdfDocument(str(src))
    part = pdfium.PdfDocument.new()
    part.import_pages(whole, [10, 11])
    path = tmp_path / "city025_052_p11-12.pdf"
    part.save(str(path))
    whole.close()
    t = next(t for t in extract(path).tables if t.title and "支出总体情况表" in t.title)
    got = _rows(t)
    assert got[("221", "住房保障支出")]["合计"] == Decimal("204.86")
    assert got[("22102", "住房改革支出")] == {"合计": Decimal("204.86"), "基本支出": Decimal("204.86"),
                                        "项目支出": None, "结转下年": None}
    assert got[("2210201", "住房公积金")] == {"合计": Decimal("204.86"), "基本支出": Decimal("204.86"),
                                       "项目支出": None, "结转下年": None}
    assert t.columns == ["合计", "基本支出", "项目支出", "结转下年"]
