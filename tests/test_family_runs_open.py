"""Real text: city025_052 (Yantai 部门预算) 一般公共预算支出情况表, its first page as `pdftotext` without
`-layout` prints it (cells one a line in poppler's block order, `|` below standing for a line break).
Every row of the 行政事业单位医疗 family prints three amounts (合计, 小计 and one 基本支出 leaf): the
family's sums hold with that amount under 人员支出 or under 日常公用支出, so 合计 and 小计 are read as
certain and the leaf goes to review. Values checked by hand against the PDF route's table:
21011 行政事业单位医疗 151.80 | 151.80 | 人员支出 151.80 = 78.51 + 22.75 + 42.86 + 7.67 (151.79, a cent
per part); 208 and 20805 469.90 | 469.90 | 468.68 | 1.22 (four amounts: one placement)."""
from decimal import Decimal

from extractor import extract

_PAGE = "\n".join("".join([
    "一般公共预算支出情况表|部门（单位）：烟台市审计局|单位：万元|科目编码|基本支出|科目名称|类|款|计|项目支出|小|项|合|计|一般公共服务支出|201|审计事务|"
    "08|人员支出|计|日常公用支出|2,776.75|2,772.25|2,536.91|235.33|4.50|1,950.19|1,945.69|1,711.58|"
    "234.11|4.50|1,950.19|1,945.69|1,711.58|234.11|4.50|1,531.26|1,326.76|204.50|01|行政运行|"
    "1,531.26|04|审计业务|4.50|50|事业运行|414.44|414.44|384.82|29.61|社会保障和就业支出|469.90|469.90|468.68|"
    "1.22|行政事业单位养老支出|469.90|469.90|468.68|1.22|01|行政单位离退休|199.48|199.48|199.48|02|事业单位离退休|"
    "4.69|4.69|4.69|05|机关事业单位基本养老保险缴费支出|221.01|221.01|221.01|06|机关事业单位职业年金缴费支出|43.50|43.50|"
    "43.50|99|其他行政事业单位养老支出|1.22|1.22|151.80|151.80|151.80|行政事业单位医疗|151.80|151.80|151.80|"
    "01|行政单位医疗|78.51|78.51|78.51|02|事业单位医疗|22.75|22.75|22.75|03|公务员医疗补助|42.86|42.86|42.86|"
    "99|其他行政事业单位医疗支出|7.67|7.67|7.67|204.86|204.86|204.86|208|05|卫生健康支出|210|11|221|合|住房保障支出|"
    "— 14 —|4.50|1.22"
]).split("|"))

_LEAVES = ("基本支出/人员支出", "基本支出/日常公用支出")


def _table(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(_PAGE + "\n", encoding="utf-8")
    (t,) = [t for t in extract(p).tables if t.title == "一般公共预算支出情况表"]
    return t, {r.code.value: r.values for r in t.rows}


def test_a_family_of_one_basic_amount_each_is_read_with_the_leaf_to_review(tmp_path):
    t, rows = _table(tmp_path)
    assert t.method == "family-runs"
    assert {"21011", "2101101", "2101102", "2101103", "2101199"} <= set(rows)
    for code, amount in (("21011", "151.80"), ("2101101", "78.51"), ("2101102", "22.75"),
                         ("2101103", "42.86"), ("2101199", "7.67")):
        v = rows[code]
        assert v["合计"].value == Decimal(amount) and v["合计"].confidence >= 0.9
        assert v["基本支出/小计"].value == Decimal(amount) and v["基本支出/小计"].confidence >= 0.9
        leaves = [v[k] for k in _LEAVES if v[k].value is not None]
        assert [f.value for f in leaves] == [Decimal(amount)] and leaves[0].confidence < 0.9
        assert any(r.kind == "layout.column_guess" for r in leaves[0].repairs or [])


def test_a_family_the_sums_settle_stays_certain(tmp_path):
    _, rows = _table(tmp_path)
    v = rows["20805"]
    assert [v[k].value for k in ("合计", "基本支出/小计", *_LEAVES)] == [
        Decimal("469.90"), Decimal("469.90"), Decimal("468.68"), Decimal("1.22")]
    assert all(v[k].confidence >= 0.9 for k in ("合计", "基本支出/小计", *_LEAVES))
