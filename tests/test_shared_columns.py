"""A 部门预算基本支出预算表 keyed by unit and class as pdfminer.six prints it: the header's first pieces and the
row labels above the title, the 总计 column's amounts too, then the title, the header's other words, the
columns of 0.00 and the other two columns' cells row by row (structure/shared_columns.py). Modelled on
Guangdong's city budgets; the values were checked by hand: 合计 100.00 = 60.00 (某某局（本级）) + 40.00
(某某服务中心, its name broken over two lines); 60.00 = 50.00 (工资福利支出) + 10.00 (商品和服务支出); 40.00 =
40.00 (工资福利支出). Every row's money is 财政拨款's 一般公共预算 alone: 总计 = 财政拨款 合计 = the part."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

TITLE = "部门预算基本支出预算表"
LABELS = ["合计", "某某局（本级）", "\u3000工资福利支出", "\u3000商品和服务支出", "某某服务", "中心",
          "\u3000工资福利支出"]
HEAD_AFTER = ["合计", "一般公共预算", "政府性基金预算 国有资本经营预算", "财政拨款", "财政专户拨款", "其他资金"]


def _text(run: list[str], others: list[str] | None = None) -> str:
    zeros = ["0.00"] * (6 * 4)
    pairs = [a for v in run for a in (v, v)]  # 财政拨款 合计 and 一般公共预算, row by row
    body = (["某某局2026年部门预算", "- 11 -", "支出项目类别（资金使用", "总计", "单位）"] + LABELS + ["注：无。"]
            + run + [TITLE, "表11", "单位：万元"] + HEAD_AFTER + (others or zeros) + pairs + ["- 12 -"])
    return "\n\n".join(body) + "\n"  # pdfminer prints a blank line after each box


def _table(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return [t for t in extract(p).tables if t.title == TITLE]


RUN = ["100.00", "60.00", "50.00", "10.00", "40.00", "40.00"]


def _cells(row) -> dict[str, tuple[Decimal, bool]]:
    return {k: (f.value, f.confidence >= 0.9) for k, f in row.values.items()}


def test_rows_by_unit_and_class_the_shared_run_in_its_columns(tmp_path):
    (t,) = _table(tmp_path, _text(RUN))
    assert [r.name.value for r in t.rows] == ["合计", "某某局（本级）", "工资福利支出", "商品和服务支出",
                                              "某某服务中心", "工资福利支出"]
    for row, v in zip(t.rows, RUN):
        cells = _cells(row)
        # 总计 and 财政拨款's 合计 are the run's columns whatever the parts: confirmed
        assert cells["总计"] == (Decimal(v), True)
        assert cells["财政拨款/合计"] == (Decimal(v), True)
        # which of 财政拨款's parts holds it no identity tells: to review
        assert cells["财政拨款/一般公共预算"] == (Decimal(v), False)
        assert cells["财政拨款/政府性基金预算"] == (Decimal("0.00"), False)
        assert cells["财政专户拨款"] == (Decimal("0.00"), True)
        assert cells["其他资金"] == (Decimal("0.00"), True)


def test_a_unit_its_classes_do_not_sum_to_goes_to_review(tmp_path):
    # 商品和服务支出 printed 11.00: 60.00 ≠ 50.00 + 11.00; 合计 100.00 = 60.00 + 40.00 still holds
    run = ["100.00", "60.00", "50.00", "11.00", "40.00", "40.00"]
    (t,) = _table(tmp_path, _text(run))
    conf = [all(f.confidence >= 0.9 for k, f in r.values.items() if k == "总计") for r in t.rows]
    assert conf == [True, False, False, False, True, True]


def test_a_table_with_money_from_several_sources_is_not_read_so(tmp_path):
    # 其他资金 5.00 on the last two rows (a column other than 0 that differs from the run): this reader
    # declines, and no row of the table is read with the 总计 run's amounts
    zeros = ["0.00"] * 20 + ["5.00", "5.00"] + ["0.00"] * 2
    for t in _table(tmp_path, _text(RUN, zeros)):
        assert not any(r.name.value == "商品和服务支出" for r in t.rows)


def test_shared_run_reads_the_copies_interleaved_or_none():
    from extractor.structure.shared_columns import shared_run
    d = [Decimal(x) for x in ("3", "3", "1", "2", "1", "2")]  # 合计 row by row, then each copy's parts
    assert shared_run(d, 3, 2) == [Decimal("3"), Decimal("1"), Decimal("2")]
    # a stream that no two copies of one run give (2 before the 1 of its copy)
    assert shared_run([Decimal(x) for x in ("3", "2", "3", "1")], 2, 2) is None


def test_a_table_over_two_pages_its_rows_summed_across_them(tmp_path):
    # page 2 prints the header's pieces again, then its labels (a class of page 1's last unit first),
    # the 总计 run, the header's words and its other columns: 某某局（本级） 60.00 = 45.00 + 10.00 (page 1) +
    # 5.00 (page 2); 合计 100.00 = 60.00 + 40.00
    def page(labels, run):
        pairs = [a for v in run for a in (v, v)]
        return labels + ["总计"] + run + HEAD_AFTER + ["0.00"] * (4 * len(run)) + pairs

    first = ["合计", "某某局（本级）", "\u3000工资福利支出", "\u3000商品和服务支出"]
    run1 = ["100.00", "60.00", "45.00", "10.00"]
    second = ["\u3000对个人和家庭的补助", "某某服务", "中心", "\u3000工资福利支出"]
    run2 = ["5.00", "40.00", "40.00"]
    body = (["某某局2026年部门预算", "- 11 -", "支出项目类别（资金使用", "单位）"] + first + ["总计"] + run1
            + [TITLE, "表11", "单位：万元"] + HEAD_AFTER + ["0.00"] * 16 + [a for v in run1 for a in (v, v)]
            + ["- 12 -", "支出项目类别（资金使用", "单位）"] + page(second, run2) + ["- 13 -"])
    (t,) = _table(tmp_path, "\n\n".join(body) + "\n")
    names = [r.name.value for r in t.rows]
    assert names == ["合计", "某某局（本级）", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "某某服务中心",
                     "工资福利支出"]
    for row, v in zip(t.rows, run1 + run2):
        assert _cells(row)["总计"] == (Decimal(v), True)
        assert _cells(row)["财政拨款/一般公共预算"] == (Decimal(v), False)
