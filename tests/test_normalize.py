"""Repairs of converted text: numbers, noise, broken lines."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.datamodel import Document, Line
from extractor.normalize import normalize
from extractor.evidence.numbers import parse_amount
from extractor.structure import structure


@pytest.mark.parametrize("text,value,repaired", [
    ("313. 08", Decimal("313.08"), True),
    ("100. 0%", Decimal("100.0"), True),
    ("1,234.56", Decimal("1234.56"), True),
    ("204.60", Decimal("204.60"), False),
    ("0", Decimal("0"), False),
    ("-5.5", Decimal("-5.5"), False),
    ("", None, False),
    ("合计", None, False),
    ("8个", None, False),
])
def test_parse_amount(text, value, repaired):
    got, repairs = parse_amount(text)
    assert got == value
    assert bool(repairs) == repaired
    if value is not None:
        assert str(got) == str(value)  # printed precision kept


def _doc(text: str) -> Document:
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return Document(path="t.txt", sha256="0", format="text", route="text", lines=lines)


def test_noise_removed_and_fullwidth_mapped():
    nd = normalize(_doc("[bookmark: _GoBack]**一、收入**\n本年收入合计３１３．０８万元，占１００％\n第 2 页,共 46 页\n"
                        "一、部门职责\tPAGEREF _Toc25831 h 3"))
    texts = [ln.text for ln in nd.lines]
    assert texts[0] == "一、收入"
    assert texts[1] == "本年收入合计313.08万元，占100%"
    assert nd.lines[1].orig == "本年收入合计３１３．０８万元，占１００％"  # raw kept, same length
    assert all("页" not in t for t in texts)
    assert texts[2] == "一、部门职责"


def test_toc_block_dropped():
    nd = normalize(_doc("目 录\n第一部分 概况\n一、职责\n第一部分 概况\n正文开始。"))
    assert [ln.text for ln in nd.lines] == ["第一部分 概况", "正文开始。"]


# pypdf's text of a narrow page: the TOC's entries carry dot leaders and page numbers, the body
# prints a part's heading over two lines, and no body line is long. Only the TOC goes; the 收支总表
# after it, its title and every body line stay (the first long line, a table's header, is no place
# to end the TOC).
TOC_WITH_LEADERS = """目  录
第一部分 部门概况......................... 1
一、部门主要职责............................. 2
第二部分 2026 年度部门预算表 ............... 9
一、收支预算总表............................ 10
 1
第一部分
部门概况
一、部门主要职责
某某局的主要职责是：
第二部分
一、收支预算总表
收入 支出
一、一般公共预算拨款收入 10984.81 一、一般公共服务支出 13215.69
二、收入预算总表
单位名称 总计 一般公共预 算拨款收入 政府性基金 预算拨款收 入 国有资本经 营预算拨款 收入 财政专户 管理资金 收入 事业 收入
"""


def test_toc_with_dot_leaders_ends_at_its_last_entry():
    nd = normalize(_doc(TOC_WITH_LEADERS))
    texts = [ln.text.strip() for ln in nd.lines if ln.text.strip()]
    assert texts[:3] == ["第一部分", "部门概况", "一、部门主要职责"]
    assert "一、一般公共预算拨款收入 10984.81 一、一般公共服务支出 13215.69" in texts
    assert not any("......" in t for t in texts)


def test_toc_with_dot_leaders_and_no_heading_printed_again_ends_after_its_entries():
    text = TOC_WITH_LEADERS.replace("第一部分\n部门概况\n一、部门主要职责\n", "概况\n")
    nd = normalize(_doc(text))
    texts = [ln.text.strip() for ln in nd.lines if ln.text.strip()]
    assert texts[0] == "概况" and "某某局的主要职责是：" in texts


def test_broken_lines_joined_with_provenance():
    st = structure(normalize(_doc("主要用于以下方面：一般公共服务支出（类）289.07万元；交\n\n交通运输支出（类）24.01万元。\n"
                                  "年初预算为146.5万元，完成年初预\n\n算的6.8%。")))
    text = st.narrative.text
    assert "；交通运输支出（类）24.01万元。" in text
    assert "完成年初预算的6.8%。" in text
    pos = text.index("算的6.8%")
    assert st.narrative.source_at(pos).no == 6


def test_web_rows_with_bars_between_cells_read_as_spaced_rows():
    text = ("表1 收入支出决算总表 | |||||\n公开01表 | |||||\n编制单位:某某法院 | 金额单位:万元 | ||||\n"
            "收入 | 支出 | ||||\n项 目 | 行次 | 决算数 | 项 目 | 行次 | 决算数 |\n"
            "一、财政拨款收入 | 1 | 2,117.41 | 一、一般公共服务支出 | 29 | 0.00 |\n"
            "二、其他收入 | 2 | 1.14 | 二、公共安全支出 | 30 | 2,118.55 |\n"
            "说明 a | b 不是表格。")
    nd = normalize(_doc(text))
    assert nd.counts["bar_row"] == 7
    row = nd.lines[5]
    assert "|" not in row.text and row.orig.count("|") == 6 and len(row.text) == len(row.orig)
    assert nd.lines[-1].text == "说明 a | b 不是表格。"  # one bar, alone: a sentence, untouched
    st = structure(nd)
    (t,) = st.tables
    assert t.template == "final.01"
    got = {r.name.value: r.values["决算数"].value for r in t.rows}
    assert got["财政拨款收入"] == Decimal("2117.41")
    assert got["公共安全支出"] == Decimal("2118.55")
    assert got["其他收入"] == Decimal("1.14")


def test_markdown_table_without_outer_bars_is_left_to_the_pipe_reader():
    text = "项目 | 金额 | 备注\n--- | --- | ---\n合计 | 1.00 | 无\n其他 | 2.00 | 无\n"
    nd = normalize(_doc(text))
    assert "bar_row" not in nd.counts
    assert nd.lines[0].text == "项目 | 金额 | 备注"


def test_numbers_lifted_below_their_sentence_are_put_back():
    # pdfplumber on a report whose digits are in another font: the numbers stand on the line below
    text = ("二、收入决算情况说明\n本年收入合计 万元，其中：财政拨款收入 万元，占 ；其他\n2946.25 2940.05 99.79%\n"
            "收入 万元，占 ；\n6.2 0.21%\n"
            "、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休\n5\n"
            "（项）。主要用于：退休人员经费支出。年初预算为 万\n85.55\n元，支出决算为 万元。\n84.65\n"
            "在职人员基本医疗保险费 。年初预算为 万元，支出决算为 万元。决\n62.29 60.99\n"
            "本表金额 万元，合计 万元\n1.00\n")
    nd = normalize(_doc(text))
    texts = [ln.text for ln in nd.lines]
    assert texts[1] == "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他"
    assert texts[2] == "收入6.2万元，占0.21%；"
    assert texts[3] == "5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休"
    assert texts[4] == "（项）。主要用于：退休人员经费支出。年初预算为85.55万"
    assert texts[5] == "元，支出决算为84.65万元。"  # a bare 元 opening the line ends the 万 above
    assert texts[6] == "在职人员基本医疗保险费 。年初预算为62.29万元，支出决算为60.99万元。决"  # stray space kept
    # two gaps, one number: nothing is guessed
    assert texts[7:9] == ["本表金额 万元，合计 万元", "1.00"]
    assert nd.counts["lifted_numbers"] == 6
    assert nd.lines[1].orig == texts[1] and nd.lines[1].no == 2


def test_two_lines_printed_in_the_wrong_order_are_swapped_back():
    # pdftotext -layout on a report whose digits sit a little higher: the line that ends a sentence's
    # amount is printed above the line that opens the sentence, the pair set apart by blank lines
    text = ("4、一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。主要用于：\n\n"
            "449.52万元。决算数小于预算数的主要原因：因个别项目评审费未能实施或未来得及\n"
            "委托中介机构开展各类审计及绩效评价工作。年初预算为450.52万元，支出决算为\n\n"
            "支付完毕，于明年重新申请。\n")
    nd = normalize(_doc(text))
    texts = [ln.text for ln in nd.lines]
    assert texts[2] == "委托中介机构开展各类审计及绩效评价工作。年初预算为450.52万元，支出决算为"
    assert texts[3] == "449.52万元。决算数小于预算数的主要原因：因个别项目评审费未能实施或未来得及"
    assert [ln.no for ln in nd.lines[2:4]] == [4, 3]  # each line keeps its printed number
    assert nd.counts["swapped_lines"] == 1


def test_lines_in_their_order_are_not_swapped():
    # the amount-led line continues the line above (支出决算为 / 449.52万元): printed in order
    in_order = ("年初预算为450.52万元，支出决算为\n\n449.52万元。决算数小于预算数的主要原因：因个别\n"
                "项目评审费未能实施，其中委托业务支出为\n\n支付完毕。\n")
    # the line after the open sentence prints its amount; or no blank line sets the pair apart
    supplied = ("主要用于：\n\n449.52万元。决算数小于预算数的主要原因：因个别项目\n"
                "委托中介机构开展工作。年初预算为450.52万元，支出决算为\n449.52万元。\n")
    joined = ("涉及预算金额\n598.42万元；绩效跟踪评价的2024年度项目4个，绩效自评\n"
              "度项目4个，平均得分99.43分（其中，绩效评级为\n“优”的项目4个）。\n")
    for text in (in_order, supplied, joined):
        nd = normalize(_doc(text))
        assert [ln.text for ln in nd.lines if ln.text] == [t for t in text.split("\n") if t]
        assert "swapped_lines" not in nd.counts
