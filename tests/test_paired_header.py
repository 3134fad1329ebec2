"""A 基本支出 table of two classifications a row (部门 | 政府预算支出经济分类; Yantai's 一般公共预算基本支出情况表)
in plain pdftotext: poppler prints one of the header's column labels among the first rows; the
header is completed with it so the column set (基本支出预算: 小计 人员支出 日常公用支出) is named.
Tokens below are the real stream of city025_052's table (pdftotext without -layout)."""
from extractor.datamodel import NLine
from extractor.structure.row_stream import _paired_header, _widest_of_all

_STREAM = ["科目编码", "科目编码", "部门预算支出经济分类科目名称", "类", "款", "基本支出预算",
           "政府预算支出经济分类科目名称", "类", "款", "小计", "工资福利支出", "501", "日常公用支出", "2,772.24",
           "2,536.91", "机关工资福利支出", "1,812.81", "1,812.81", "合计", "301", "人员支出", "301", "01", "基本工资",
           "501", "01", "工资奖金津补贴", "442.38", "442.38"]


def _toks(words):
    return [(w, NLine(text=w, orig=w, no=k + 1)) for k, w in enumerate(words)]


def test_label_printed_among_rows_completes_the_header():
    toks = _toks(_STREAM)
    header = toks[:18]  # up to the first row's code: 人员支出 stands after the 合计 label
    assert _widest_of_all("".join(w for w, _ in header)) is None
    words = [w for w, _ in _paired_header(header, toks)]
    assert "人员支出" in words and "2,772.24" not in words
    assert _widest_of_all("".join(words)) == (
        "基本支出预算/小计", "基本支出预算/人员支出", "基本支出预算/日常公用支出")


def test_header_naming_no_set_even_so_is_left_as_printed():
    toks = _toks(["科目编码", "科目名称", "小计", "301", "工资福利支出", "人员支出", "1.00"])
    assert [w for w, _ in _paired_header(toks[:3], toks)] == ["科目编码", "科目名称", "小计"]
