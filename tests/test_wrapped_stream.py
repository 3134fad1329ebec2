"""The alignment reader (paged/alignment.py, wrapped.py) joins labels and texts printed over several
lines of an unruled table to their amount line: centred cells (pieces above and below, the amount
line printing no label or the middle piece), top-aligned ones (the rest below the first piece), and
a text column (绩效目标) joined on its own, never into the label. Lines are hand-made as the PDF route
makes them: text, tokens (word, x0, x1), top and bottom, 10-point type on a 15.6-point pitch."""
from __future__ import annotations

from extractor.datamodel.structured import Cell
from extractor.evidence.cells import cell_text_field
from extractor.paged.alignment import stream_tables


def line(top: float, *words: tuple[str, float, float]) -> dict:
    return {"text": " ".join(w for w, _, _ in words), "x0": words[0][1], "x1": words[-1][2], "top": top,
            "bottom": top + 10.0, "tokens": list(words)}


def amounts(top: float, *values: str, label: tuple[str, float, float] | None = None) -> dict:
    xs = [(186, 231), (246, 291), (307, 352)]
    words = ([label] if label else []) + [(v, xs[k][1] - 5 * len(v), xs[k][1]) for k, v in enumerate(values)]
    return line(top, *words)


TITLE = line(78, ("项目支出预算表", 316, 386))
HEADER = line(140, ("单位名称", 60, 100), ("合计", 190, 210), ("财政拨款", 250, 290), ("其他资金", 310, 350))


def texts(table) -> list[list[str]]:
    return [[c.text for c in r] for r in table.rows]


def test_centred_label_with_no_piece_on_the_amount_line_is_joined():
    lines = [TITLE, HEADER,
             amounts(172.3, "300.00", "200.00", "100.00", label=("合计", 94, 114)),
             line(188.6, ("某某市政务服务和数据管理", 48, 168)),
             amounts(196.4, "200.00", "150.00", "50.00"),
             line(204.2, ("局", 43, 53)),
             amounts(220.6, "100.00", "50.00", "50.00", label=("某某中心", 70, 110))]
    (t,) = stream_tables(lines, 1)
    rows = texts(t)
    assert rows[1][0] == "合计"
    assert rows[2][0] == "某某市政务服务和数据管理\n局" and rows[2][1:] == ["200.00", "150.00", "50.00"]
    assert rows[3][0] == "某某中心"
    assert len(rows) == 4  # the header, then three rows: the pieces' lines are gone
    assert not any(c.repairs for r in t.rows for c in r)


def test_centred_three_line_label_and_goal_column_kept_apart():
    goal = (549, 789)
    lines = [TITLE, HEADER,
             amounts(188.6, "1,391.47", "1,391.47", "0.00", label=("合计", 94, 114)),
             line(204.2, ("通过运营服务项目的开展，实现多维度工作目标", *goal)),
             line(219.8, ("作目标的协同推进：在数据资源领域，汇聚数据量", *goal)),
             line(235.4, ("某某市政务服务数据管", 68, 168), ("不低于10亿条，优化整合流程，提升汇聚效能，为", *goal)),
             line(251.0, ("理局数字政府运营中心某某", 43, 168), ("1,391.47", 191, 231), ("1,391.47", 251, 291),
                  ("0.00项目提供坚实支撑；在辅助决策方面，推进数据", 337, goal[1])),
             line(266.6, ("管运营服务项目", 43, 113), ("数据资源目录定期更新，构建城市运行监测指标体系", *goal)),
             line(282.2, ("提升服务能力支撑决策；场地保障维度，健全制度", *goal)),
             line(297.8, ("与应急预案，确保场地稳定。", 549, 679))]
    (t,) = stream_tables(lines, 1)
    rows = texts(t)
    assert len(rows) == 3
    name, first, second, zero, goal_text = rows[2]
    assert name == "某某市政务服务数据管\n理局数字政府运营中心某某\n管运营服务项目"
    assert (first, second, zero) == ("1,391.47", "1,391.47", "0.00")  # the glued 0.00 split off its text
    assert goal_text.split("\n")[0] == "通过运营服务项目的开展，实现多维度工作目标"
    assert goal_text.endswith("与应急预案，确保场地稳定。") and goal_text.count("\n") == 6
    assert "项目" not in name.replace("服务项目", "")  # no goal text in the label
    assert not any(c.repairs for r in t.rows for c in r)


def test_top_aligned_wrapped_label_is_joined():
    lines = [TITLE, HEADER,
             amounts(172.3, "847.21", "847.21", "0.00", label=("机关事业单位基本养老保险缴费", 40, 180)),
             line(187.9, ("支出", 40, 60)),
             amounts(203.5, "29.20", "29.20", "0.00", label=("死亡抚恤", 40, 80))]
    (t,) = stream_tables(lines, 1)
    rows = texts(t)
    assert [r[0] for r in rows[1:]] == ["机关事业单位基本养老保险缴费\n支出", "死亡抚恤"]
    assert not any(c.repairs for r in t.rows for c in r)


def test_rows_without_amounts_that_are_no_wrap_stay_rows():
    # short labels (not filling their column) and item numbers: rows of their own, not pieces
    lines = [TITLE, HEADER,
             amounts(172.3, "300.00", "300.00", "0.00", label=("1、财政拨款收入合计", 40, 140)),
             line(187.9, ("2、上级补助收入", 40, 120)),
             line(203.5, ("3、事业收入", 40, 100)),
             amounts(219.1, "0.00", "0.00", "0.00", label=("其他收入", 40, 80))]
    (t,) = stream_tables(lines, 1)
    assert [r[0] for r in texts(t)[1:]] == ["1、财政拨款收入合计", "2、上级补助收入", "3、事业收入", "其他收入"]


def test_a_join_no_layout_explains_is_left_to_review():
    # a centred cell (no label on its amount line) next to a top-aligned wrap: no one way fits the
    # band, so the centred cell is joined as a guess and the other pieces stay as printed
    lines = [TITLE, HEADER,
             amounts(172.3, "300.00", "200.00", "100.00", label=("某某单位基本支出经费补助", 40, 160)),
             line(187.9, ("项目", 40, 60)),
             line(203.5, ("某某市政务服务和数据管理", 40, 160)),
             amounts(211.3, "200.00", "150.00", "50.00"),
             line(219.1, ("局", 40, 50))]
    (t,) = stream_tables(lines, 1)
    rows = texts(t)
    joined = next(r for r in t.rows if r[1].text == "200.00")
    assert joined[0].text == "某某市政务服务和数据管理\n局"
    assert [rep.kind for rep in joined[0].repairs] == ["layout.row_guess"]
    assert ["项目", "", "", ""] == rows[2]
    field = cell_text_field(Cell(text="某某市政务服务和数据管理局", orig="某某市政务服务和数据管理局", line=1, joined=True,
                                 repairs=joined[0].repairs))
    assert field.confidence < 0.9 and any("guess" in n for n in field.notes)


def test_label_around_a_line_printing_one_amount_only():
    # one amount column: the amount line of a centred two-line label prints a single word
    header = line(119.6, ("单位（项目）名称", 165, 245), ("项目金额", 313, 353))
    lines = [TITLE, header,
             line(250.4, ("统计资料印刷", 123, 183), ("1,228,100.00", 314, 374)),
             line(266.8, ("购买服务（审计、绩效、ppp项目评", 123, 278)),
             line(274.6, ("15,000.00", 329, 374)),
             line(282.4, ("价）", 118, 138)),
             line(298.7, ("内审服务", 123, 163), ("15,000.00", 329, 374))]
    (t,) = stream_tables(lines, 1)
    assert texts(t)[1:] == [["统计资料印刷", "1,228,100.00"], ["购买服务（审计、绩效、ppp项目评\n价）", "15,000.00"],
                            ["内审服务", "15,000.00"]]
