"""names-runs: a names-only subject table (功能分类科目名称, no codes) printed by pdftotext without
-layout as a block of names and runs of amounts in row order, read group by group (a 类 and its
names) where the catalogue's tree and the sums confirm one cut; a group whose amounts left row order
ends the read. The fragment is Hangzhou's 一般公共预算支出预算表, shortened."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract


def _lines(*words: str) -> str:
    return "\n\n".join(words) + "\n"


TABLE = "表5：2026年市级部门一般公共预算支出预算表\n部门名称：某某局单位：万元\n" + _lines(
    "基本支出", "功能分类科目名称", "合计", "**", "1", "小计", "人员经费", "日常公用\n支出", "项目支出",
    "2", "3", "4", "5", "82,479.29", "67,627.51", "14,902.37", "350,034.4", "2", "合计", "432,513.70",
    "一般公共服务支出", "6,701.98", "6,701.98", "1.98", "1.98", "1.98", "1.98", "6,700.00", "6,700.00",
    "6,700.00", "6,700.00", "18.00", "18.00", "18.00", "18.00",
    "社会工作事务\n其他社会工作事务支出\n其他一般公共服务支出\n其他一般公共服务支出\n国防支出\n国防动员\n"
    "交通战备\n教育支出\n职业教育\n技校教育\n社会保障和就业支出\n行政事业单位养老支出\n行政单位离退休",
    "18.00", "18.00", "22,262.08", "19,203.72", "14,494.34", "4,709.38", "3,058.36",
    "22,262.08", "19,203.72", "14,494.34", "4,709.38", "3,058.36",
    "22,262.08", "19,203.72", "14,494.34", "4,709.38", "3,058.36",
    # the 类 row's 项目支出 (70.97) printed far away: its run does not add up, the read ends here
    "2,624.76", "2,553.79", "2,552.29", "1.50", "2,553.79", "2,553.79", "2,552.29", "1.50",
    "2,553.79", "2,553.79", "2,552.29", "1.50", "70.97",
) + "\n表6：2026年市级部门一般公共预算基本支出预算表\n"


def _tables(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return [t for t in extract(p, ner=False).tables if t.method == "names-runs"]


def test_groups_confirmed_by_tree_and_sums_are_read_total_confident_parts_in_review(tmp_path):
    tables = _tables(tmp_path, TABLE)
    assert len(tables) == 1
    got = []
    for row in tables[0].rows:
        amounts = [(f.value, f.confidence >= 0.9) for f in row.values.values() if isinstance(f.value, Decimal)]
        got.append((row.name.value, amounts))
    d = Decimal
    assert got == [
        ("一般公共服务支出", [(d("6701.98"), True), (d("6701.98"), False)]),
        ("社会工作事务", [(d("1.98"), True), (d("1.98"), False)]),
        ("其他社会工作事务支出", [(d("1.98"), True), (d("1.98"), False)]),
        ("其他一般公共服务支出", [(d("6700.00"), True), (d("6700.00"), False)]),
        ("其他一般公共服务支出", [(d("6700.00"), True), (d("6700.00"), False)]),
        ("国防支出", [(d("18.00"), True), (d("18.00"), False)]),
        ("国防动员", [(d("18.00"), True), (d("18.00"), False)]),
        ("交通战备", [(d("18.00"), True), (d("18.00"), False)]),
        ("教育支出", [(d("22262.08"), True)] + [(d(v), False) for v in ("19203.72", "14494.34", "4709.38", "3058.36")]),
        ("职业教育", [(d("22262.08"), True)] + [(d(v), False) for v in ("19203.72", "14494.34", "4709.38", "3058.36")]),
        ("技校教育", [(d("22262.08"), True)] + [(d(v), False) for v in ("19203.72", "14494.34", "4709.38", "3058.36")]),
    ]


def test_a_group_whose_sums_fail_is_not_read(tmp_path):
    # 交通战备 totals 17.00, not its 款's 18.00: the 国防 group is declined, and the read ends there
    text = TABLE.replace("18.00\n\n18.00\n\n22,262.08", "17.00\n\n17.00\n\n22,262.08")
    tables = _tables(tmp_path, text)
    names = [row.name.value for t in tables for row in t.rows]
    assert names == ["一般公共服务支出", "社会工作事务", "其他社会工作事务支出", "其他一般公共服务支出", "其他一般公共服务支出"]


BASIC = "表6：2026年市级部门一般公共预算基本支出预算表\n部门名称：某某局\n单位：万元\n" + _lines(
    "本年一般公共预算基本支出", "经济分类科目名称", "**", "合计", "人员经费", "日常公用支出", "1", "2", "3",
    "合计", "70,724.29", "58,486.35", "工资福利支出", "55,121.30", "55,121.30", "基本工资", "6,878.71",
    "6,878.71", "津贴补贴", "14,624.13", "14,624.13", "奖金", "13,704.54", "13,704.54", "167.16", "167.16",
    "机关事业单位基本养老保险缴费", "4,100.96", "4,100.96", "职业年金缴费", "2,050.48", "2,050.48",
    "职工基本医疗保险缴费", "2,434.95", "2,434.95", "78.20", "78.20", "3,946.15", "3,946.15", "151.30",
    "151.30", "6,984.72", "6,984.72",
    "绩效工资\n其他社会保障缴费\n住房公积金\n医疗费\n其他工资福利支出",
) + "\n表7：2026年市级部门一般公共预算“三公”经费预算表\n"


def test_siblings_out_of_code_order_are_not_read(tmp_path):
    # 绩效工资 (30107) printed after 职工基本医疗保险缴费 (30110): the sums hold whichever sibling takes
    # 167.16, so the group is declined; in code order it is read
    assert _tables(tmp_path, BASIC) == []
    fixed = BASIC.replace("绩效工资\n其他社会保障缴费", "其他社会保障缴费").replace(
        "奖金\n\n13,704.54\n\n13,704.54\n\n", "奖金\n\n13,704.54\n\n13,704.54\n\n绩效工资\n\n")
    rows = [(r.name.value, r.values["合计"].value) for t in _tables(tmp_path, fixed) for r in t.rows]
    assert rows[:6] == [("工资福利支出", Decimal("55121.30")), ("基本工资", Decimal("6878.71")),
                        ("津贴补贴", Decimal("14624.13")), ("奖金", Decimal("13704.54")),
                        ("绩效工资", Decimal("167.16")), ("机关事业单位基本养老保险缴费", Decimal("4100.96"))]
    assert rows[-1] == ("其他工资福利支出", Decimal("6984.72")) and len(rows) == 12


TOTAL_TABLE = "表3：2026年市级部门支出预算总表\n部门名称：某某局单位:万元\n" + _lines(
    "基本支出", "功能分类科目名称", "总计", "**", "1", "人员支出", "日常公用支\n出", "项目支出", "2", "3", "4",
    "15868.83", "576,171.1", "合计", "665,964.37", "一般公共服务支出", "6,701.98", "6,701.98", "1.98",
    "1.98", "1.98", "1.98", "6,700.00", "6,700.00", "6,700.00", "6,700.00", "18.00", "18.00", "18.00", "18.00",
    "社会工作事务\n其他社会工作事务支出\n其他一般公共服务支出\n其他一般公共服务支出\n国防支出\n国防动员\n"
    "交通战备\n教育支出\n职业教育\n技校教育\n其他教育支出\n其他教育支出",
    # the 合计 row's 人员支出, printed before 交通战备's run
    "73,924.43", "18.00", "18.00", "24,310.26", "14,494.34", "4,709.38", "5,106.54", "24,280.26", "14,494.34",
    "4,709.38", "5,076.54", "24,280.26", "14,494.34", "4,709.38", "5,076.54", "30.00", "30.00", "30.00", "30.00",
) + "\n表4：2026年市级部门财政拨款收支预算总表\n"


def test_a_group_whose_amounts_floated_is_skipped_and_the_next_found_further_on(tmp_path):
    # the 国防 group's runs do not follow the group before (73,924.43 stands in them): it is not read;
    # the 教育 group (a 类 whose two 款 total it: 24,280.26 + 30.00) is found among the later amounts
    rows = [(r.name.value, [f.value for f in r.values.values() if isinstance(f.value, Decimal)])
            for t in _tables(tmp_path, TOTAL_TABLE) for r in t.rows]
    d = Decimal
    assert [n for n, _ in rows] == ["一般公共服务支出", "社会工作事务", "其他社会工作事务支出", "其他一般公共服务支出",
                                    "其他一般公共服务支出", "教育支出", "职业教育", "技校教育", "其他教育支出", "其他教育支出"]
    assert rows[5][1] == [d("24310.26"), d("14494.34"), d("4709.38"), d("5106.54")]
    assert rows[-1][1] == [d("30.00"), d("30.00")]
