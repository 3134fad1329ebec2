"""Real text: city025_053 (Yantai 部门预算) 一般公共预算基本支出情况表, its first page as `pdftotext`
without `-layout` prints it (`|` below standing for a line break): two classifications a row
(部门 | 政府预算支出经济分类), most rows printed whole (`301|02|津贴补贴|505|01|工资福利支出|122.49|
122.49`), the 合计 row's amounts among the header's words, a 类 row out of order (`工资福利支出|505|
1,423.81|1,423.81|301|对事业单位经常性补助|301|01|基本工资…`), and the label 日常公用支出 printed at the
page's end. The rows printed whole are read past the row out of order (row_stream._printed_whole),
and the header, completed with the labels printed among the rows (row_stream._paired_header),
names 基本支出预算 (小计 人员支出 日常公用支出): a row's two amounts are its 小计 (certain) and one leaf
(review: no sum tells 人员 from 公用). Values checked by hand against the PDF route's table:
301 02 津贴补贴 (505 01 工资福利支出) 小计 122.49, 人员支出 122.49; 301 13 住房公积金 (501 03) 295.57."""
from decimal import Decimal

from extractor import extract

_PAGE = "\n".join("".join([
    "一般公共预算基本支出情况表|部门（单位）：烟台市财政局|科目编码|类|款|部门预算支出经济分类科目名称|单位：万元|科目编码|类|款|政府预算支出经济分类科目名称|"
    "合计|301|工资福利支出|501|基本支出预算|小计|人员支出|6,012.90|5,355.29|机关工资福利支出|3,479.46|3,479.46|"
    "301|01|基本工资|501|01|工资奖金津补贴|830.34|830.34|301|02|津贴补贴|501|01|工资奖金津补贴|884.37|"
    "884.37|301|03|奖金|501|01|工资奖金津补贴|748.44|748.44|301|08|机关事业单位基本养老保险缴费|501|"
    "02|社会保障缴费|338.02|338.02|301|09|职业年金缴费|501|02|社会保障缴费|112.00|112.00|301|10|"
    "职工基本医疗保险缴费|501|02|社会保障缴费|154.22|154.22|301|11|公务员医疗补助缴费|501|02|社会保障缴费|84.50|"
    "84.50|301|12|其他社会保障缴费|501|02|社会保障缴费|31.99|31.99|301|13|住房公积金|501|03|住房公积金|"
    "295.57|295.57|工资福利支出|505|1,423.81|1,423.81|301|对事业单位经常性补助|301|01|基本工资|505|"
    "01|工资福利支出|349.22|349.22|301|02|津贴补贴|505|01|工资福利支出|122.49|122.49|301|03|奖金|"
    "505|01|工资福利支出|268.99|268.99|301|07|绩效工资|505|01|工资福利支出|269.01|269.01|301|"
    "08|机关事业单位基本养老保险缴费|505|01|工资福利支出|137.30|137.30|301|09|职业年金缴费|505|01|工资福利支出|"
    "39.00|39.00|301|10|职工基本医疗保险缴费|505|01|工资福利支出|62.64|62.64|301|11|公务员医疗补助缴费|"
    "505|01|工资福利支出|34.32|34.32|301|12|其他社会保障缴费|505|01|工资福利支出|19.66|19.66|301|"
    "13|住房公积金|505|01|工资福利支出|121.17|121.17|日常公用支出|657.61"
]).split("|"))


def _rows(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(_PAGE + "\n", encoding="utf-8")
    (t,) = [t for t in extract(p).tables if t.title == "一般公共预算基本支出情况表"]
    return t, t.rows


def test_rows_after_a_row_printed_out_of_order_are_read(tmp_path):
    t, rows = _rows(tmp_path)
    assert t.method == "row-stream"
    second = [r for r in rows if r.values["政府预算支出经济分类科目编码"].value == "50501"]
    assert [r.code.value for r in second] == ["30102", "30103", "30107", "30108", "30109", "30110", "30111",
                                              "30112", "30113"]
    r = second[0]
    assert r.name.value == "津贴补贴" and r.values["政府预算支出经济分类科目名称"].value == "工资福利支出"
    assert r.values["基本支出预算/小计"].value == Decimal("122.49")


def test_the_columns_are_named_and_only_the_leaf_goes_to_review(tmp_path):
    t, rows = _rows(tmp_path)
    assert [c for c in t.columns if c.startswith("基本支出预算/")] == [
        "基本支出预算/小计", "基本支出预算/人员支出", "基本支出预算/日常公用支出"]
    r = next(r for r in rows if r.code.value == "30113" and r.values["政府预算支出经济分类科目编码"].value == "50103")
    assert r.values["基本支出预算/小计"].value == Decimal("295.57")
    assert r.values["基本支出预算/小计"].confidence >= 0.9
    leaves = [r.values[k] for k in ("基本支出预算/人员支出", "基本支出预算/日常公用支出") if r.values[k].value is not None]
    assert [f.value for f in leaves] == [Decimal("295.57")] and leaves[0].confidence < 0.9
