"""Real text: city006_020 (Suzhou 苏州市交通运输局 2026 部门预算) 一般公共预算支出表 as `pdftotext` without
`-layout` prints it (cells one a line in poppler's block order, blank lines dropped, `|` below standing
for a line break). Two print quirks of one table:
- The 行政事业单位养老支出 (20805) run carries its three rows' amounts, their codes and names printed
  bare further on (`行政单位离退休` with no amount by it); every piece is one basic amount printed
  three times (合计, 小计, one leaf), so the run cuts one way only, each piece under 人员经费 or 公用经费.
- The rows at the page's top print only their first amounts (the 合计 row's after the header's last
  words, `交通运输支出` `230,330.89` `17,577.12`, `行政运行` `2,729.18`), the rest of each row in one run
  after the page's codes (`3,462.67` `212,753.77` `14,114.45` …), 2149999's second amount after the
  page's end. The run cuts into those rows' tails one way only, and the 合计 family's sums (合计 =
  208 + 214 + 221 in every column) then settle every leaf: 人员经费 26,143.66 = 3,061.29 + 14,114.45 +
  8,967.92.
Values checked by hand against the PDF route's table (/tmp/s/corpus_ref/city006_020.pkl):
合计 242,360.10 | 29,606.33 | 26,143.66 | 3,462.67 | 212,753.77; 214 230,330.89 | 17,577.12 |
14,114.45 | 3,462.67 | 212,753.77; 20805 3,061.29 = 2080501 155.66 + 2080505 1,951.48 + 2080506
954.15, each 合计 = 小计 = 人员经费; 2149999 5,997.60 | 项目支出 5,997.60."""
from decimal import Decimal

from extractor import extract

_PAGE = "\n".join("".join([
    '一般公共预算支出表|部门：苏州市交通运输局|单位：万元|基本支出|科目编码|科目名称|合计|小计|人员经费|公用经费|项目支出|242,360.10|29,606.33|26,143.66|',
    '社会保障和就业支出|3,061.29|3,061.29|3,061.29|行政事业单位养老支出|3,061.29|3,061.29|3,061.29|155.66|155.66|',
    '155.66|1,951.48|1,951.48|1,951.48|954.15|954.15|954.15|交通运输支出|230,330.89|17,577.12|公路水路运输|',
    '37,461.79|2140101|行政运行|2,729.18|2140106|公路养护|5,802.00|2140112|公路运输管理|18,192.17|11,706.73|',
    '9,247.14|2,459.59|6,485.44|2140123|航道维护|2,242.11|1,714.81|1,407.15|307.66|527.30|2140199|',
    '其他公路水路运输支出|8,496.33|1,284.82|1,059.69|225.13|7,211.51|合计|208|20805|2080501|行政单位离退休|2080505|',
    '机关事业单位基本养老保险缴费支出|2080506|机关事业单位职业年金缴费支出|214|21401|21402|2140299|21405|2140504|21499|2149901|',
    '3,462.67|212,753.77|14,114.45|3,462.67|212,753.77|17,435.54|14,001.19|3,434.35|20,026.25|',
    '2,729.18|2,287.21|441.97|5,802.00|铁路运输|108.36|108.36|其他铁路运输支出|108.36|108.36|邮政业支出|237.93|',
    '141.58|113.26|28.32|96.35|行业监管|237.93|141.58|113.26|28.32|96.35|其他交通运输支出|192,522.81|192,522.81|',
    '公共交通运营补助|186,525.21|186,525.21|- 17 -||苏州市交通运输局 2026 年度部门预算公开|2149999|其他交通运输支出|5,997.60|住房保障支出|',
    '8,967.92|8,967.92|8,967.92|住房改革支出|8,967.92|8,967.92|8,967.92|2210201|住房公积金|2,361.54|2,361.54|',
    '2,361.54|2210202|提租补贴|3,191.76|3,191.76|3,191.76|2210203|购房补贴|3,414.62|3,414.62|3,414.62|221|',
    '22102|- 18 -|5,997.60||苏州市交通运输局 2026 年度部门预算公开'
]).split("|"))

_LEAVES = ("基本支出/人员经费", "基本支出/公用经费")


def _table(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(_PAGE + "\n", encoding="utf-8")
    (t,) = [t for t in extract(p).tables if t.title == "一般公共预算支出表"]
    return t, {r.code.value: r.values for r in t.rows if r.code is not None}


def test_a_shared_run_cut_one_way_is_read_and_the_totals_settle_its_leaf(tmp_path):
    t, rows = _table(tmp_path)
    assert t.method == "family-runs"
    for code, amount in (("2080501", "155.66"), ("2080505", "1,951.48"), ("2080506", "954.15")):
        v = rows[code]
        want = Decimal(amount.replace(",", ""))
        assert v["合计"].value == want and v["合计"].confidence >= 0.9
        assert v["基本支出/小计"].value == want and v["基本支出/小计"].confidence >= 0.9
        assert v["基本支出/人员经费"].value == want and v["基本支出/人员经费"].confidence >= 0.9
        assert v["基本支出/公用经费"].value is None and v["项目支出"].value is None


def test_rows_printed_in_two_runs_are_put_back_together_by_their_sums(tmp_path):
    t, _ = _table(tmp_path)
    (total,) = [r for r in t.rows if r.code is None]
    got = [total.values[k].value for k in ("合计", "基本支出/小计", *_LEAVES, "项目支出")]
    assert got == [Decimal("242360.10"), Decimal("29606.33"), Decimal("26143.66"), Decimal("3462.67"),
                   Decimal("212753.77")]
    assert all(f.confidence >= 0.9 for f in total.values.values())
    rows = {r.code.value: r.values for r in t.rows if r.code is not None}
    v = rows["214"]
    assert [v[k].value for k in ("合计", "基本支出/小计", *_LEAVES, "项目支出")] == [
        Decimal("230330.89"), Decimal("17577.12"), Decimal("14114.45"), Decimal("3462.67"), Decimal("212753.77")]
    v = rows["2149999"]
    assert v["合计"].value == Decimal("5997.60") and v["项目支出"].value == Decimal("5997.60")
    assert v["基本支出/小计"].value is None


def test_the_parent_of_the_shared_run_keeps_only_its_own_amounts(tmp_path):
    _, rows = _table(tmp_path)
    v = rows["20805"]
    assert v["合计"].value == Decimal("3061.29") and v["基本支出/小计"].value == Decimal("3061.29")


def test_a_family_printed_in_two_runs_is_read_once_the_catalogue_knows_every_child(tmp_path):
    # 21401 公路水路运输 prints 37,461.79 by its name and the rest of its row further on; its family
    # adds up once every child is a subject the catalogue knows (2140112 公路运输管理, 2140123 航道维护,
    # as the report prints them). By hand from the PDF: 合计 | 小计 | 人员经费 | 公用经费 | 项目支出
    _, rows = _table(tmp_path)
    want = {"21401": ("37461.79", "17435.54", "14001.19", "3434.35", "20026.25"),
            "2140101": ("2729.18", "2729.18", "2287.21", "441.97", None),
            "2140106": ("5802.00", None, None, None, "5802.00"),
            "2140112": ("18192.17", "11706.73", "9247.14", "2459.59", "6485.44"),
            "2140123": ("2242.11", "1714.81", "1407.15", "307.66", "527.30"),
            "2140199": ("8496.33", "1284.82", "1059.69", "225.13", "7211.51")}
    for code, amounts in want.items():
        got = [rows[code][k].value for k in ("合计", "基本支出/小计", *_LEAVES, "项目支出")]
        assert got == [Decimal(a) if a else None for a in amounts], code
        assert all(f.confidence >= 0.9 for f in rows[code].values() if f.value is not None), code
