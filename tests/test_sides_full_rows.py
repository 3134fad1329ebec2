"""Two-sided budget summary tables (收支总表 and 财政拨款收支总表) as pdftotext without -layout prints
them, one amount column per side and an amount in every row (sides_bare.py, detached_sides.py,
full_sides.py): the run holds exactly one amount a row, so a placement is an interleaving of the two
sides' columns, kept only where the sums hold.

Fixtures are real converted text (blank lines dropped): Guangzhou's 收支总体情况表 (city005_016: the
column named `预算`, 收入总计 / 支出总计, a note and the page's foot printed before the last amounts)
and Quanzhou's 支出预算总表 + 财政拨款收支预算总表 (city021_048: 收入合计 / 支出合计 as the sides' only
totals, the page number `8` amid the amounts). Amounts checked by hand against the PDF route's
tables: Quanzhou income 1468.70 + 0 + 0 = 收入合计 1468.70; expenditure 一般公共服务 1216.89 = 761.56 +
455.33 (项 2013850, 2013899), 社会保障和就业 113.11 = 24.83 + 88.28, 卫生健康 28.50, 住房保障 110.20 =
80.11 + 27.29 + 2.80; 1216.89 + 113.11 + 28.50 + 110.20 = 1468.70 = 支出合计.
"""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.ingest import load
from extractor.normalize import normalize
from extractor.structure import sides_bare
from extractor.structure.full_sides import deal_full

GUANGZHOU = """第二部分 2026年部门预算表
表1
收支总体情况表
单位名称：广州市政务服务和数据管理局
单位：万元
收入
项目
一、预算拨款
支出
预算
项目
98,880.78 一、一般公共服务支出
预算
0.00
二、财政专户拨款
0.00 二、外交支出
0.00
三、事业收入
0.00 三、国防支出
0.00
四、事业单位经营收入
0.00 四、公共安全支出
0.00
五、其他收入
0.00 五、教育支出
0.00
六、上级补助收入
0.00 六、科学技术支出
七、附属单位上缴收入
0.00 七、文化旅游体育与传媒支出
八、社会保障和就业支出
94,158.15
0.00
1,447.33
九、卫生健康支出
6.19
十、节能环保支出
0.00
十一、城乡社区支出
0.00
十二、农林水支出
0.00
十三、交通运输支出
0.00
十四、资源勘探工业信息等支出
0.00
十五、商业服务业等支出
0.00
十六、金融支出
0.00
十七、援助其他地区支出
0.00
十八、自然资源海洋气象等支出
0.00
十九、住房保障支出
3,269.11
二十、国有资本经营预算支出
0.00
二十一、粮油物资储备支出
0.00
二十二、灾害防治及应急管理支出
0.00
-4-
收入
项目
本年收入合计
上年结转结余
支出
预算
项目
二十三、其他支出
0.00
二十四、对附属单位补助支出
0.00
二十五、上缴上级支出
0.00
二十六、债务还本支出
0.00
二十七、债务付息支出
0.00
二十八、转移性支出
0.00
98,880.78
本年支出合计
0.00 结转结余下年
收入总计
预算
98,880.78
注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。
本套报表金额单位转换时可能存在尾数误差。
-5-
98,880.78
0.00
支出总计
98,880.78
表2
收入总体情况表
单位名称：广州市政务服务和数据管理局
单位：万元
财政拨款收入
单位名称
合计
一般公共预 政府性基金 国有资本经
算
"""

QUANZHOU_FISCAL = """四、财政拨款收支预算总表
2026 年度财政拨款收支预算总表
单位：万元
收入
项目
一、一般公共预算拨款收入
支出
预算数
1468.70
项目
一、一般公共服务支出
预算数
1216.89
二、政府性基金预算拨款收入
0.00
二、外交支出
0.00
三、国有资本经营预算拨款收入
0.00
三、国防支出
0.00
四、公共安全支出
0.00
五、教育支出
0.00
六、科学技术支出
0.00
七、文化旅游体育与传媒支出
0.00
八、社会保障和就业支出
113.11
九、卫生健康支出
28.50
十、节能环保支出
0.00
十一、城乡社区支出
0.00
十二、农林水支出
0.00
十三、交通运输支出
0.00
十四、资源勘探工业信息等支出
0.00
十五、商业服务业等支出
0.00
十六、金融支出
0.00
十七、援助其他地区支出
0.00
十八、自然资源海洋气象等支出
0.00
十九、住房保障支出
收入合计
110.20
二十、粮油物资储备支出
0.00
二十一、国有资本经营预算支出
0.00
二十二、灾害防治及应急管理支出
0.00
二十三、其他支出
0.00
二十四、债务还本支出
0.00
二十五、债务付息支出
0.00
二十六、债务发行费用支出
0.00
1468.70
支出合计
8
1468.70
"""

QUANZHOU_EXPENDITURE = """三、支出预算总表
2026 年度支出预算总表
单位：万元
科目编码
科目名称
合计
小计
基本支出
项目支出
事业单位经营支出
上缴上级支出
对附属单位补助
支出
1468.70
1013.37
455.33
0.00
0.00
0.00
2013850
事业运行
761.56
761.56
0.00
0.00
0.00
0.00
2013899
其他市场监督管理事务
455.33
0.00
455.33
0.00
0.00
0.00
2080502
事业单位离退休
24.83
24.83
0.00
0.00
0.00
0.00
2080505
机关事业单位基本养老保险缴费支出
88.28
88.28
0.00
0.00
0.00
0.00
2101102
事业单位医疗
28.50
28.50
0.00
0.00
0.00
0.00
2210201
住房公积金
80.11
80.11
0.00
0.00
0.00
0.00
2210202
提租补贴
27.29
27.29
0.00
0.00
0.00
0.00
2210203
购房补贴
2.80
2.80
0.00
0.00
0.00
0.00
7
"""


def _write(tmp_path, text: str):
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    return p


def _table(report, word: str):
    return next(t for t in report.tables if word in (t.title or ""))


def _values(table) -> dict[str, str]:
    col = table.columns[0]
    return {row.name.raw: row.values[col].raw for row in table.rows if row.values.get(col) is not None}


def test_guangzhou_stream_runs_past_the_note_to_both_totals(tmp_path):
    """`预算` is the column's name, 收入总计 / 支出总计 take their sides by their words, and the stream
    runs on past `注：…` and the page's foot to the second 总计's amounts: 10 income rows, 31
    expenditure rows, 41 amounts."""
    lines = normalize(load(_write(tmp_path, GUANGZHOU))).lines
    i = next(i for i in range(len(lines)) if sides_bare.SidesBareReader().starts(lines, i))
    block, _ = sides_bare.read_bare(lines, i)
    d = block.detached
    assert block.method == "sides-bare"
    assert (len(d.left), len(d.rows), len(d.run)) == (10, 31, 41)
    assert d.left[max(d.left)] == "收入总计" and d.rows[max(d.rows)] == "支出总计"
    assert [c.text for c in d.run[-6:]] == ["98,880.78", "0.00", "98,880.78", "98,880.78", "0.00", "98,880.78"]


def test_guangzhou_interleavings_prove_the_totals_and_the_known_classes(tmp_path):
    """The Guangzhou run dealt with the 类 totals the report's 本年支出总体情况表 prints (科学技术
    94,158.15, 社会保障和就业 1,447.33, 卫生健康 6.19, 住房保障 3,269.11): every fitting interleaving
    gives each row the value the PDF prints."""
    lines = normalize(load(_write(tmp_path, GUANGZHOU))).lines
    i = next(i for i in range(len(lines)) if sides_bare.SidesBareReader().starts(lines, i))
    d = sides_bare.read_bare(lines, i)[0].detached
    known = {"六、科学技术支出": "94158.15", "八、社会保障和就业支出": "1447.33", "九、卫生健康支出": "6.19",
             "十九、住房保障支出": "3269.11"}
    kind = {"本年收入合计": "year", "本年支出合计": "year", "上年结转结余": "carry", "结转结余下年": "carry",
            "收入总计": "grand", "支出总计": "grand"}
    left = [(kind.get(d.left[r], "item"), None) for r in sorted(d.left)]
    right = [(kind.get(d.rows[r], "item"), Decimal(known[d.rows[r]]) if d.rows[r] in known else None)
             for r in sorted(d.rows)]
    run = [Decimal(c.text.replace(",", "")) for c in d.run]
    got = deal_full(left, right, run, Decimal("0.01"))
    assert got is not None
    lv, rv, _ = got
    labels = [d.left[r] for r in sorted(d.left)]
    assert lv[labels.index("一、预算拨款")] == {Decimal("98880.78")}
    assert lv[labels.index("本年收入合计")] == {Decimal("98880.78")}
    assert lv[labels.index("上年结转结余")] == {Decimal("0.00")}
    assert lv[labels.index("收入总计")] == {Decimal("98880.78")}
    assert all(v == {Decimal("0.00")} for v in lv[1:7])
    right_labels = [d.rows[r] for r in sorted(d.rows)]
    assert rv[right_labels.index("六、科学技术支出")] == {Decimal("94158.15")}
    assert rv[right_labels.index("五、教育支出")] == {Decimal("0.00")}
    assert rv[right_labels.index("本年支出合计")] == {Decimal("98880.78")}
    assert rv[right_labels.index("支出总计")] == {Decimal("98880.78")}


def test_quanzhou_fiscal_table_placed_by_the_class_totals_of_its_items(tmp_path):
    """With the 支出预算总表 (only 项 rows, adding up to its 合计 1468.70) each 类's total is the sum of
    its 项, and every row of the 财政拨款收支预算总表 is proven."""
    report = extract(_write(tmp_path, QUANZHOU_EXPENDITURE + QUANZHOU_FISCAL), ner=False)
    t = _table(report, "财政拨款收支预算总表")
    v = _values(t)
    assert t.method == "sides-bare"
    assert v["一、一般公共预算拨款收入"] == "1468.70"
    assert v["二、政府性基金预算拨款收入"] == "0.00"
    assert v["收入合计"] == "1468.70"
    assert v["一、一般公共服务支出"] == "1216.89"
    assert v["八、社会保障和就业支出"] == "113.11"
    assert v["九、卫生健康支出"] == "28.50"
    assert v["十九、住房保障支出"] == "110.20"
    assert v["二十、粮油物资储备支出"] == "0.00"
    assert v["支出合计"] == "1468.70"
    assert len(t.rows) == 4 + 27
    pinned = next(r for r in t.rows if r.name.raw == "八、社会保障和就业支出").values[t.columns[0]]
    assert pinned.repairs[0].kind == "layout.placed_by_table" and pinned.repairs[0].status == "confirmed"
    assert not any(f.confidence >= 0.9 for row in t.rows for f in row.values.values() if f is not None)


def test_quanzhou_fiscal_table_alone_leaves_unproven_rows_open(tmp_path):
    """Without a 支出表 the sums cannot tell 113.11 in 八、社会保障和就业支出 from a 0.00 shifted in
    from the income side: those rows stay empty with a doubt, the proven ones are placed."""
    report = extract(_write(tmp_path, QUANZHOU_FISCAL), ner=False)
    t = _table(report, "财政拨款收支预算总表")
    col = t.columns[0]
    v = _values(t)
    assert v["一、一般公共服务支出"] == "1216.89"
    assert v["收入合计"] == "1468.70" and v["支出合计"] == "1468.70"
    assert v["二十六、债务发行费用支出"] == "0.00"
    for name in ("八、社会保障和就业支出", "九、卫生健康支出", "十九、住房保障支出"):
        row = next(r for r in t.rows if r.name.raw == name)
        assert row.values[col] is None or row.values[col].raw in ("", None)
    assert any("113.11" in n and "more than one row" in n for n in t.notes)
    # the expenditure items' amounts differ and no total pins them: their rows rest on the printed
    # order alone (pdftotext does not always keep it), so they go in as guesses under review
    first = next(r for r in t.rows if r.name.raw == "一、一般公共服务支出").values[col]
    assert first.confidence < 0.9 and any(rep.kind == "layout.row_guess" for rep in first.repairs)
    total = next(r for r in t.rows if r.name.raw == "支出合计").values[col]
    assert any(rep.kind == "layout.placed_by_table" and rep.status == "confirmed" for rep in total.repairs)

