"""sides-runs on a two-sided budget table whose income labels pdfminer.six prints above the title
(shortened from a real 2026 部门预算, Guangdong): the box of `收入` `项目` and the income items comes
first on the page, then the title, the header, `100.00 一、一般公共服务支出` (the income amount before
the expenditure label of its row) …; on the next page the table's note runs over two lines, and the
last cells come after it. By hand: income 100 + 0 = 100 = 本年收入合计, + 上年结转结余 0 = 收入总计 100;
expenditure 60 + 0 + 40 = 100 = 本年支出合计, + 结转结余下年 0 = 支出总计 100."""
from __future__ import annotations

from extractor.datamodel import Document, Line, NLine
from extractor.normalize import normalize
from extractor.structure.sides_runs import read_runs

ABOVE = ["单位名称：某局", "收入", "项目", "一、预算拨款", "二、其他收入"]
TABLE = ["第二部分 2026年部门预算表", "收支总体情况表", "预算", "项目", "预算", "支出",
         "100.00 一、一般公共服务支出", "0.00 二、外交支出", "- 4 -", "表1", "单位：万元", "60.00", "0.00",
         "收入", "支出", "项目", "预算", "项目", "预算", "三、教育支出", "本年收入合计", "上年结转结余",
         "100.00", "本年支出合计", "0.00 结转结余下年", "100.00",
         "注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。",
         "本套报表金额单位转换时可能存在尾数误差。",
         "收入总计", "支出总计", "40.00", "100.00", "0.00", "100.00", "- 5 -"]


def _lines(parts: list[str]) -> list[NLine]:
    text = "\n\n".join(parts)  # pdfminer prints a blank line after every box
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)).lines


def _read(parts: list[str]):
    lines = _lines(parts)
    title = next(k for k, ln in enumerate(lines) if ln.text.strip() == "收支总体情况表")
    start = next(k for k in range(title + 1, len(lines)) if lines[k].text.strip())
    return read_runs(lines, start)[0]


def test_income_labels_above_the_title_are_the_tables():
    block = _read(ABOVE + TABLE)
    assert block is not None and block.method == "sides-runs"
    rows = [[c.text for c in r] for r in block.rows]
    assert ["一、预算拨款", "100.00", "一、一般公共服务支出", "60.00"] in rows
    assert ["二、其他收入", "0.00", "二、外交支出", "0.00"] in rows
    assert ["", "", "三、教育支出", "40.00"] in rows
    assert ["本年收入合计", "100.00", "本年支出合计", "100.00"] in rows
    assert ["上年结转结余", "0.00", "结转结余下年", "0.00"] in rows
    # the 总计 row is printed after the note's two lines
    assert ["收入总计", "100.00", "支出总计", "100.00"] in rows


def test_the_previous_tables_last_amount_bounds_the_labels_above():
    # the table before ends with an amount: the labels between it and the title are this table's
    block = _read(["表0", "合计", "12.00"] + ABOVE[1:] + TABLE)
    assert block is not None
    assert ["一、预算拨款", "100.00", "一、一般公共服务支出", "60.00"] in [[c.text for c in r] for r in block.rows]


def test_labels_above_that_name_an_expenditure_are_not_taken():
    # an expenditure item above the title: not the income side's box, the table is not read from it
    above = ["单位名称：某局", "收入", "项目", "一、预算拨款", "二、一般公共服务支出"]
    assert _read(above + TABLE) is None


def test_labels_above_out_of_turn_are_not_taken():
    above = ["单位名称：某局", "收入", "项目", "一、预算拨款", "三、其他收入"]
    assert _read(above + TABLE) is None


# the box order of another report of the same kind: title first, then the income labels' box, then the
# header's words `收入` `支出` `预算` `项目` `预算`, then the expenditure labels (the income amounts before
# the first ones). By hand: income 50 + 250 + 0 = 300 = 本年收入合计 = 收入总计; expenditure 20 + 280 =
# 300 = 本年支出合计, 结转下年 0, 支出总计 300.
FISCAL = ["财政拨款收支总体情况表", "单位名称：某局", "项目", "一、一般公共预算", "二、政府性基金预算",
          "三、国有资本经营预算", "收入", "支出", "预算", "项目", "预算", "50.00 一、一般公共服务支出",
          "250.00 二、外交支出", "0.00 三、国防支出", "- 10 -", "表4", "单位：万元", "20.00", "0.00", "280.00",
          "收入", "项目", "预算", "本年收入合计", "收入总计", "注：表中功能分类科目，根据部门实际预算编制情况编列。",
          "项目", "300.00", "本年支出合计", "四、结转下年", "300.00", "支出总计", "支出", "预算", "300.00", "0.00",
          "300.00", "- 11 -"]


def test_header_words_printed_after_the_income_labels():
    lines = _lines(FISCAL)
    start = next(k for k, ln in enumerate(lines) if ln.text.strip() == "项目")
    block = read_runs(lines, start)[0]
    assert block is not None and block.method == "sides-runs"
    rows = [[c.text for c in r] for r in block.rows]
    assert ["一、一般公共预算", "50.00", "一、一般公共服务支出", "20.00"] in rows
    assert ["二、政府性基金预算", "250.00", "二、外交支出", "0.00"] in rows
    assert ["三、国有资本经营预算", "0.00", "三、国防支出", "280.00"] in rows
    assert ["收入总计", "300.00", "支出总计", "300.00"] in rows
    assert ["本年收入合计", "300.00", "本年支出合计", "300.00"] in rows
