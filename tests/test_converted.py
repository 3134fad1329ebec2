"""The measuring stick of issue 11 (scripts/converted.py): the facts of a Report, the agreement of the
text route with the PDF route, and the six converters on one small generated PDF."""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

import converted
from extractor.datamodel.schema import Explanation, Field, Project, Report, Row, SourceInfo, Table


def _f(value, confidence: float = 1.0) -> Field:
    return Field(value=value, raw=str(value), confidence=confidence)


def _report(rows=(), totals=None, explanations=(), projects=()) -> Report:
    return Report(source=SourceInfo(path="x", sha256="0", format="txt", route="text"),
                  tables=[Table(code="公开03表", rows=list(rows))], totals=totals or {},
                  explanations=list(explanations), projects=list(projects))


def test_amount_key_drops_trailing_zeros_only():
    assert str(converted.amount_key(Decimal("400.20"))) == "400.2"
    assert str(converted.amount_key(Decimal("0.00"))) == "0"
    assert str(converted.amount_key(Decimal("-0.0"))) == "0"
    assert str(converted.amount_key(Decimal("1E+2"))) == "100"
    assert str(converted.amount_key(Decimal("100"))) == "100"
    assert str(converted.amount_key(Decimal("1279.28"))) == "1279.28"


def test_facts_of_a_hand_built_report():
    report = _report(
        rows=[
            Row(code=_f("2060101"), name=_f("行政运行"),
                values={"本年支出合计": _f(Decimal("834.83")), "基本支出": _f(Decimal("834.830")),
                        "项目支出": _f(None)}),
            Row(name=_f("本年 收入\t合计"), values={"决算数": _f(Decimal("1279.28")), "备注": _f("无")}),
            Row(code=_f(None), name=_f("总计"), values={"决算数": _f(Decimal("0.00"))}),
        ],
        totals={"income": _f(Decimal("1279.280")), "department": _f("科学技术局")},
        explanations=[
            Explanation(subject=_f("行政运行"), code=_f("2060101"), budget=_f(Decimal("900")),
                        actual=_f(Decimal("834.83")), reason=_f("人员减少")),
            Explanation(subject=_f("一般 公共服务支出"), amount=_f(Decimal("65.45"))),
        ],
        projects=[Project(name=_f("智慧 司法平台 运维"), budget=_f(Decimal("30.00")),
                          completion_rate=_f(Decimal("95.5")), grade=_f("优"))],
    )
    assert converted.facts(report) == Counter({
        ("table", "2060101", Decimal("834.83")): 2,
        ("table", "本年收入合计", Decimal("1279.28")): 1,
        ("table", "总计", Decimal("0")): 1,
        ("total", "income", Decimal("1279.28")): 1,
        ("explanation", "行政运行", "budget", Decimal("900")): 1,  # keyed by the printed subject
        ("explanation", "行政运行", "actual", Decimal("834.83")): 1,
        ("explanation", "一般公共服务支出", "amount", Decimal("65.45")): 1,
        ("project", "智慧司法平台运维", "budget", Decimal("30")): 1,
        ("project", "智慧司法平台运维", "completion_rate", Decimal("95.5")): 1,
    })


def test_a_code_inferred_from_the_names_order_is_not_the_rows_key():
    from extractor.datamodel import Repair
    inferred = _f("2010301")
    inferred.repairs.append(Repair(kind="code.from_name_order", note="inferred", status="made"))
    report = _report(rows=[Row(code=inferred, name=_f("行政 运行"), values={"合计": _f(Decimal("12.50"))}),
                           Row(code=_f("2010302"), name=_f("一般行政管理事务"), values={"合计": _f(Decimal("3"))})])
    assert converted.facts(report) == Counter({("table", "行政运行", Decimal("12.5")): 1,
                                               ("table", "2010302", Decimal("3")): 1})


def test_rows_keyed_only_by_their_place_are_not_compared():
    def made_up(name):  # a name the reader made from the row's position: nothing printed
        return Field(value=name, raw="", confidence=0.5)
    report = _report(rows=[
        Row(name=made_up("第1行"), values={"资金总额": _f(Decimal("35.78"))}),
        Row(name=made_up("三公经费2"), values={"合计": _f(Decimal("6"))}),
        Row(name=made_up(""), values={"合计": _f(Decimal("7"))}),
        Row(name=made_up("三公经费"), values={"合计": _f(Decimal("8"))}),  # the table's one row: its name is no place
        Row(name=_f("第1行"), values={"合计": _f(Decimal("9"))}),  # printed so
        Row(code=_f("2010301"), name=made_up("第6行"), values={"合计": _f(Decimal("10"))}),  # keyed by its code
    ])
    assert converted.facts(report) == Counter({("table", "三公经费", Decimal("8")): 1,
                                               ("table", "第1行", Decimal("9")): 1,
                                               ("table", "2010301", Decimal("10")): 1})


def test_agreement_missing_wrong_and_confidently_wrong():
    pdf = _report(rows=[Row(code=_f("2060101"), name=_f("行政运行"), values={"合计": _f(Decimal("400.20"))}),
                        Row(code=_f("2060199"), name=_f("其他"), values={"合计": _f(Decimal("50"))})],
                  totals={"income": _f(Decimal("100"))})
    text = _report(rows=[Row(code=_f("2060101"), name=_f("行政运行"), values={"合计": _f(Decimal("400.2"))}),
                         Row(code=_f("2060102"), name=_f("一般行政管理事务"),
                             values={"合计": _f(Decimal("7"), confidence=0.5)})],
                   totals={"income": _f(Decimal("101"), confidence=0.95)})
    a = converted.agreement(text, pdf)
    # 3 facts each side, one shared (400.2 == 400.20): 2060199 missing, 2060102 and the total wrong
    assert (a["text"], a["pdf"], a["matched"]) == (3, 3, 1)
    assert a["precision"] == pytest.approx(1 / 3)
    assert a["recall"] == pytest.approx(1 / 3)
    assert a["f1"] == pytest.approx(1 / 3)
    # the wrong total is at 0.95; the wrong 7 at 0.5 is under the bar
    assert a["confident_wrong"] == [("total", "income", Decimal("101"))]
    assert a["by_part"] == {"table": (1, 2), "total": (0, 1)}


def test_agreement_of_a_report_with_itself_and_with_nothing():
    pdf = _report(rows=[Row(code=_f("2060101"), name=_f("行政运行"), values={"合计": _f(Decimal("400.20"))})])
    same = converted.agreement(pdf, pdf)
    assert (same["precision"], same["recall"], same["f1"], same["confident_wrong"]) == (1.0, 1.0, 1.0, [])
    empty = converted.agreement(_report(), pdf)
    assert (empty["text"], empty["precision"], empty["recall"], empty["f1"]) == (0, 0.0, 0.0, 0.0)


def test_confident_wrong_is_a_floor_over_repeated_facts():
    pdf = _report(totals={"income": _f(Decimal("100"))})
    one_sure = _report(rows=[Row(name=_f("x"), values={"a": _f(Decimal("5"), 0.95), "b": _f(Decimal("5"), 0.5)})])
    pdf.tables[0].rows.append(Row(name=_f("x"), values={"a": _f(Decimal("5"))}))
    # text has ("table", "x", 5) twice, the PDF once: the PDF's one is matched to the sure one
    assert converted.agreement(one_sure, pdf)["confident_wrong"] == []
    both_sure = _report(rows=[Row(name=_f("x"), values={"a": _f(Decimal("5"), 0.95), "b": _f(Decimal("5.0"), 0.9)})])
    assert converted.agreement(both_sure, pdf)["confident_wrong"] == [("table", "x", Decimal("5"))]


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory):
    import samplegen  # fpdf2 (test extra) and the CJK font (system-package script): never skipped

    out = tmp_path_factory.mktemp("converted")
    truth = samplegen.write_pdf(1, "final", out / "final_1.pdf")
    return out / "final_1.pdf", truth


@pytest.mark.parametrize("name", list(converted.CONVERTERS))
def test_each_converter_gives_the_known_row_of_the_pdf(small_pdf, name):
    pdf, truth = small_pdf
    row = next(r for r in truth["tables"]["公开03表"]["rows"] if r["code"] == "2060101")
    assert (row["name"], row["values"]["本年支出合计"]) == ("行政运行", "834.83")
    path = converted.convert(pdf, name, pdf.parent)  # every converter is installed by the project's files
    assert path == pdf.parent / f"final_1.{name}.txt"
    text = path.read_text(encoding="utf-8")
    # the code is printed over its 类 | 款 | 项 columns: 206 01 01 (on one line, or one per line)
    assert re.search(r"206\s{1,40}01\s{1,40}01\s{1,40}行政运行", text), name
    assert "834.83" in text
    assert "桐屏市桐安县科学技术局" in text  # the department of seed 1
