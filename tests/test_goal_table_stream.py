"""The alignment reader (paged/alignment.py, wrapped.py, header.py) on the unruled 项目支出 table with a
绩效目标 column (部门预算项目支出及其他支出预算表): a two-level header whose words wrap inside their
columns, 绩效目标 texts wrapped over many lines centred on their amount lines beside wrapped project
names, a line one character short where the next starts with 性，, numbered points inside one text,
a code's digits wrapped alone, the last text running past the page's foot, and the table going on
on the next page without its title. Lines are hand-made as the PDF route makes them (text, tokens
(word, x0, x1), top, bottom), 10-point type on a 14.5-point pitch, the amount lines half a line
off the text lines, as the report prints them."""
from __future__ import annotations

from extractor.datamodel.structured import Cell
from extractor.paged.alignment import stream_tables
from extractor.structure.tables import header_paths

ENDS = [230.8, 291.2, 351.7, 412.1, 472.5, 510.3, 548.0]  # right edges of the seven amount columns
GOAL = (549.0, 789.0)  # the 绩效目标 column: a text's lines (its first one indented 5 points)
FIRST = (554.0, 794.0)


def line(top: float, *words: tuple[str, float, float]) -> dict:
    return {"text": " ".join(w for w, _, _ in words), "x0": words[0][1], "x1": words[-1][2], "top": top,
            "bottom": top + 10.0, "tokens": list(words)}


def amounts(top: float, *values: str, label=None, goal=None) -> dict:
    words = ([label] if label else []) + [(v, ENDS[k] - 5 * len(v), ENDS[k]) for k, v in enumerate(values)]
    return line(top, *words + ([goal] if goal else []))


def goal(text: str, end: float = GOAL[1], first: bool = False) -> tuple[str, float, float]:
    return (text, FIRST[0], FIRST[1]) if first else (text, GOAL[0], end)


TITLE = line(90.0, ("部门预算项目支出及其他支出预算表", 290, 450))
HEADER = [line(124.0, ("财政拨款", 332.0, 372.1)),
          line(132.2, ("支出项目类别（资金使用单", 46.5, 166.6), ("财政专其他资", 476.7, 544.5)),
          line(140.0, ("总计", 191.0, 211.0), ("一般公共预", 296.8, 346.9), ("政府性基金", 357.2, 407.3),
               ("国有资本经", 417.6, 467.7), ("绩效目标", 653.0, 693.0)),
          line(147.8, ("位）", 96.6, 116.6), ("合计", 251.4, 271.4), ("户拨款", 476.7, 506.8), ("金", 524.5, 534.5)),
          line(155.9, ("算", 316.8, 326.8), ("预算", 372.2, 392.2), ("营预算", 427.6, 457.7))]
ZEROS = ("0.00", "0.00", "0.00", "0.00")


def texts(table) -> list[list[str]]:
    return [[c.text for c in r] for r in table.rows]


def page_one() -> list[dict]:
    return [TITLE, *HEADER,
            amounts(171.8, "1,082.05", "1,032.05", "1,032.05", "0.00", "0.00", "0.00", "50.00",
                    label=("合计", 94.1, 114.1)),
            amounts(187.0, "1,075.05", "1,025.05", "1,025.05", "0.00", "0.00", "0.00", "50.00",
                    label=("广州市统计局", 47.8, 107.8)),
            # a text of six lines centred on its amount line, which prints none of it
            line(202.3, goal("1.达到项目预期的经济和社会效益，及时监测好全市社", first=True)),
            line(216.8, goal("会消费品市场发展情况做好限额以上批发和零售业、住")),
            line(231.3, goal("宿和餐饮业统计调查单位和限额以下批发零售住宿餐饮")),
            amounts(238.6, "86.37", "86.37", "86.37", *ZEROS, label=("机构运行辅助经费", 67.9, 147.9)),
            line(245.8, goal("业抽样调查等统计工作，提高统计数据质量，加强商贸")),
            line(260.3, goal("业和消费品市场发展的分析研究。2.通过机关运行辅助")),
            line(274.9, goal("工作，为统计事业发展提供后勤支持。", end=718.9)),
            # a name of two lines and a text of three centred on the same amount line; the text's
            # middle line is a character short: 性 went on with the comma after it
            line(290.1, goal("通过开展广州市采购经理人指数调查编制工作，完善统", first=True)),
            line(297.4, ("广州市采购经理人指数", 67.9, 167.9)),
            amounts(304.6, "100.00", "100.00", "100.00", *ZEROS,
                    goal=goal("计指标体系，提高经济运行走势研判的可靠性和前瞻", end=778.5)),
            line(311.9, ("调查编制工作经费", 42.8, 122.8)),
            line(319.1, goal("性，为党政领导提供决策参考依据。", end=708.9))]


def test_two_level_header_wrapped_inside_its_columns():
    (t,) = stream_tables(page_one(), 1)
    rows = texts(t)
    assert rows[0] == ["支出项目类别（资金使用单位）", "总计", "财政拨款", "", "", "", "财政专户拨款", "其他资金", "绩效目标"]
    assert rows[1] == ["", "", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "", "", ""]
    header = [[Cell(text=x, orig=x, line=1) for x in r] for r in rows[:2]]
    paths, certain = header_paths(header, 9, 1)
    assert paths == ["总计", "财政拨款/合计", "财政拨款/一般公共预算", "财政拨款/政府性基金预算", "财政拨款/国有资本经营预算",
                     "财政专户拨款", "其他资金", "绩效目标"]


def test_goal_texts_and_names_centred_on_their_amount_lines():
    (t,) = stream_tables(page_one(), 1)
    rows = texts(t)
    assert len(rows) == 6  # the header's two rows, then four amount rows: no piece left as a row
    assert rows[2][:8] == ["合计", "1,082.05", "1,032.05", "1,032.05", "0.00", "0.00", "0.00", "50.00"]
    assert rows[2][8] == "" and rows[3][0] == "广州市统计局"
    rows = rows[1:]
    assert rows[3][:2] == ["机构运行辅助经费", "86.37"]
    assert rows[3][8].split("\n") == ["1.达到项目预期的经济和社会效益，及时监测好全市社", "会消费品市场发展情况做好限额以上批发和零售业、住",
                                      "宿和餐饮业统计调查单位和限额以下批发零售住宿餐饮", "业抽样调查等统计工作，提高统计数据质量，加强商贸",
                                      "业和消费品市场发展的分析研究。2.通过机关运行辅助", "工作，为统计事业发展提供后勤支持。"]
    assert rows[4][0] == "广州市采购经理人指数\n调查编制工作经费" and rows[4][1] == "100.00"
    assert rows[4][8] == ("通过开展广州市采购经理人指数调查编制工作，完善统\n计指标体系，提高经济运行走势研判的可靠性和前瞻\n"
                          "性，为党政领导提供决策参考依据。")
    assert not any(c.repairs for r in t.rows for c in r)  # every join certain


def continued_page(code: bool = False) -> list[dict]:
    # the next page: no title, the header printed again, the first text centred on its amount line
    # above the name's first piece; numbered points inside one text (…三、… then 四、…)
    name = [("GZIT2022-SM-W-C-", 67.9, 147.9), ("051103", 42.8, 72.8)] if code else [
        ("广州市统计局2025年-", 82.9, 162.9), ("2026年信息化运维项目", 42.8, 142.8)]
    return [*[dict(ln, top=ln["top"] - 84.5, bottom=ln["bottom"] - 84.5) for ln in HEADER],
            line(87.3, goal("在广州市统计局现有政务信息化运维体系基础上，不断", first=True)),
            line(101.8, goal("加强运维专业能力建设。一、规范运维工作流程，落实")),
            line(116.3, goal("责任，优化运维手段。二、提升运维效率，持续完善系")),
            line(130.8, name[0], goal("统功能。三、优化系统性能，保障全局网络、软硬件基")),
            amounts(138.1, "5.35", "5.35", "5.35", *ZEROS),
            line(145.3, name[1], goal("四、础设施和应用系统正常、稳定、可靠运行，确保网络")),
            line(159.8, goal("安全、应用安全和数据安全，为日常业务的顺利开展保")),
            line(174.4, goal("驾护航。本项目主要实现统计智库平台运维、门户网站")),
            line(188.9, goal("运维。", end=578.8)),
            line(197.4, goal("通过完成各项后勤服务，为本单位统计监测和统计发展", first=True)),
            amounts(204.6, "7.00", "7.00", "7.00", *ZEROS, label=("其他运行经费", 67.9, 127.9)),
            line(211.9, goal("工作提供后勤支持。", end=638.9))]


def test_page_going_on_without_its_title_is_read_after_the_table_before():
    (before,) = stream_tables(page_one(), 1)
    assert stream_tables(continued_page(), 2) == []  # no title, no table before: not a table
    (t,) = stream_tables(continued_page(), 2, after=before)
    rows = texts(t)
    assert rows[0][1] == "总计" and rows[1][3] == "一般公共预算"  # the header printed again, read alike
    assert rows[2][:3] == ["广州市统计局2025年-\n2026年信息化运维项目", "5.35", "5.35"]
    assert rows[2][8].startswith("在广州市统计局现有政务信息化运维体系基础上") and rows[2][8].endswith("门户网站\n运维。")
    assert "\n四、础设施" in rows[2][8]  # the next point inside the text, not a row of its own
    assert rows[3][:2] == ["其他运行经费", "7.00"] and rows[3][8] == "通过完成各项后勤服务，为本单位统计监测和统计发展\n工作提供后勤支持。"
    assert len(rows) == 4 and not any(c.repairs for r in t.rows for c in r)


def test_a_code_wrapped_at_its_hyphen_is_a_name_not_an_amount_line():
    (before,) = stream_tables(page_one(), 1)
    (t,) = stream_tables(continued_page(code=True), 2, after=before)
    rows = texts(t)
    assert rows[2][:2] == ["GZIT2022-SM-W-C-\n051103", "5.35"]
    assert len(rows) == 4


def test_last_text_running_past_the_page_foot_is_joined_as_a_guess():
    # the last text: two lines above its amount line, one below (full), the rest on the next page
    lines = page_one()[:-5] + [
        line(290.1, goal("通过开展广州市采购经理人指数调查编制工作，完善统", first=True)),
        line(304.6, goal("计指标体系，提高经济运行走势研判的可靠性和前瞻性")),
        amounts(311.9, "100.00", "100.00", "100.00", *ZEROS, label=("采购经理人指数调查经费", 57.9, 167.9)),
        line(319.1, goal("为党政领导提供决策参考依据，同时完善统计指标体系"))]
    (t,) = stream_tables(lines, 1)
    last = t.rows[-1]
    assert last[:2] == [last[0], last[1]] and (last[0].text, last[1].text) == ("采购经理人指数调查经费", "100.00")
    assert last[8].text.startswith("通过开展") and last[8].text.endswith("同时完善统计指标体系")
    assert last[8].text.count("\n") == 2
    assert [r.kind for r in last[8].repairs] == ["layout.row_guess"]
    assert not any(c.repairs for r in t.rows[:-1] for c in r)  # the rows above: certain


def test_parent_over_several_columns_is_not_joined_to_the_word_under_it():
    # 其他资金收入 is printed centred over three narrow columns: it runs into the column before the
    # middle one, so it is no first line of the middle column's 事业单 / 位经营 / 收入
    zeros = [("0.00", 576.2, 596.2), ("0.00", 616.4, 636.4), ("0.00", 656.6, 676.6)]
    lines = [line(100.0, ("收入总体情况表", 300, 370)),
             line(124.0, ("单位名称", 60, 100), ("其他资金收入", 586.7, 646.8)),
             line(140.0, ("事业单", 601.7, 631.8)),
             line(147.8, ("事业收", 561.5, 591.6), ("其他收", 641.9, 671.9)),
             line(155.6, ("位经营", 601.7, 631.8)),
             line(163.4, ("入", 571.5, 581.5), ("入", 651.9, 662.0)),
             line(171.5, ("收入", 606.7, 626.7)),
             line(187.9, ("合计", 60, 80), *zeros),
             line(204.2, ("某某中心", 60, 100), *zeros)]
    (t,) = stream_tables(lines, 1)
    cells = {c for r in texts(t)[:-2] for c in r if c}
    assert cells == {"单位名称", "其他资金收入", "事业收入", "事业单位经营收入", "其他收入"}


def test_a_name_wrapped_before_a_dash_that_may_not_start_a_line():
    # 2026高质量发展行 / 动——稳住批发、零售业发 / 展势头项目: 动 went on with the dashes after it
    lines = page_one()[:-5] + [
        line(290.1, ("2026高质量发展行", 67.9, 147.9)),
        amounts(304.6, "500.00", "500.00", "500.00", *ZEROS, label=("动——稳住批发、零售业发", 57.9, 167.9)),
        line(319.1, ("展势头项目", 42.8, 92.8))]
    (t,) = stream_tables(lines, 1)
    assert [c.text for c in t.rows[-1][:2]] == ["2026高质量发展行\n动——稳住批发、零售业发\n展势头项目", "500.00"]
    assert not any(c.repairs for c in t.rows[-1])


def test_amount_glued_to_a_text_starting_with_digits_is_cut_at_the_line_s_decimals():
    # 0.00 then the text 2500、“TDS…: set without a gap, one word 0.002500、…; the line's other amounts
    # print two decimals, so the amount is 0.00 (never 0.0025) and 2500 begins the text
    lines = page_one()[:-5] + [
        line(290.1, ("热线中心其他运行经费", 67.8, 167.9), ("90.00", 205.8, 230.8), ("90.00", 266.2, 291.2),
             ("90.00", 326.6, 351.7), ("0.00", 392.1, 412.1), ("0.00", 452.5, 472.5), ("0.00", 490.2, 510.3),
             ("0.002500、“TDS水质检测合格率”不小于90%、“话务员投", 528.0, 789.0))]
    (t,) = stream_tables(lines, 1)
    row = [c.text for c in t.rows[-1]]
    assert row[:8] == ["热线中心其他运行经费", "90.00", "90.00", "90.00", "0.00", "0.00", "0.00", "0.00"]
    assert row[8] == "2500、“TDS水质检测合格率”不小于90%、“话务员投"


def test_a_table_s_rest_of_one_row_on_the_next_page():
    (before,) = stream_tables(page_one(), 1)
    rest = [*[dict(ln, top=ln["top"] - 84.5, bottom=ln["bottom"] - 84.5) for ln in HEADER],
            amounts(87.3, "7.00", "7.00", "7.00", *ZEROS, label=("其他运行经费", 67.9, 127.9),
                    goal=goal("通过完成各项后勤服务，提供后勤支持。", end=718.9))]
    (t,) = stream_tables(rest, 2, after=before)
    assert texts(t)[-1] == ["其他运行经费", "7.00", "7.00", "7.00", "0.00", "0.00", "0.00", "0.00",
                            "通过完成各项后勤服务，提供后勤支持。"]
    assert stream_tables(rest, 2) == []


def test_numbers_inside_a_goal_text_set_no_column():
    # a 绩效目标 line printing 40 and 160 as words of their own is no amount line and sets no band
    lines = page_one()[:-5] + [
        line(290.1, goal("通过建设原水管道工程，使管道过水能力由现状", first=True)),
        line(304.6, ("过水能力由现状", 549.0, 619.0), ("40", 624.0, 634.0), ("万m3/d提高到", 639.0, 704.0),
             ("160", 709.0, 724.0), ("万m3/d。近期保障水", 729.0, 789.0)),
        amounts(311.9, "2,579.00", "2,579.00", "0.00", "2,579.00", "0.00", "0.00", "0.00",
                label=("某原水管道工程", 97.9, 167.9)),
        line(319.1, goal("厂应急及备用水源，提高供水安全性，盘活北部库群与")),
        line(333.6, goal("水厂的流通。", end=609.0))]
    (t,) = stream_tables(lines, 1)
    assert max(len(r) for r in t.rows) == 9
    row = [c.text for c in t.rows[-1]]
    assert row[:5] == ["某原水管道工程", "2,579.00", "2,579.00", "0.00", "2,579.00"]
    assert row[8].split("\n")[1] == "过水能力由现状40万m3/d提高到160万m3/d。近期保障水"
