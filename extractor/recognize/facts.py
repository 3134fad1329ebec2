"""Stated facts of the narrative: totals, staff, 三公经费, procurement, assets, self-evaluation score.

What it does: one table of (section, key, patterns); the first pattern that matches in the text
gives the Field. Each pattern names the amount `v`. The unit of the narrative (万元 or 元) is the
unit most of its amounts are written in.
What it does not: compare facts with tables (validate/).
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

import regex as re

from ..datamodel import Field, Narrative
from ..evidence.numbers import NUM
from ..evidence.spans import span_amount_field, span_text_field

V = rf"(?P<v>{NUM})"
W = r"\s*万元"

# a form's label and value cells joined into the narrative (人员编制 / 21 / 实有人数 / 21): the value is
# followed by the next label, not by a unit
_NEXT_LABEL = r"(?=\p{Han})(?![年月日万亿千元个人名])"
FACTS: list[tuple[str, str, list[str]]] = [
    ("totals", "grand_total", [rf"收、?支总计\s*{V}{W}"]),
    ("totals", "income_total", [rf"本年收入合计\s*{V}{W}", rf"20\d\d\s*年(?:度)?收入预算(?:总计)?(?:为)?\s*{V}{W}", rf"收入预算(?:总计)?(?:为)?\s*{V}{W}", rf"(?:年度)?收入合计\s*{V}{W}", rf"年(?:度)?预算收入\s*{V}{W}",
                                rf"收入总计\s*{V}{W}"]),
    ("totals", "expenditure_total", [rf"本年支出合计\s*{V}{W}", rf"(?:20\d\d\s*年(?:度)?|[，,]\s*|(?m:^)\s*)支出预算(?:总计)?(?:为)?\s*{V}{W}", rf"(?<!经费)(?:年度)?支出合计\s*{V}{W}",
                                     rf"20\d\d年(?:度)?支出\s*{V}{W}",
                                     rf"(?:单位)?一般公共预算财政拨款支出\s*{V}{W}"]),
    ("totals", "fiscal_appropriation_income", [rf"财政拨款收入\s*{V}{W}"]),
    ("totals", "basic_expenditure", [rf"基本支出\s*(?:为)?\s*{V}{W}"]),
    ("totals", "project_expenditure", [rf"项目支出\s*(?:为)?\s*{V}{W}"]),
    ("totals", "personnel_expenditure", [rf"人员经费\s*(?:为)?\s*{V}{W}"]),
    ("totals", "public_expenditure", [rf"公用经费\s*(?:为)?\s*{V}{W}"]),
    ("totals", "general_budget_expenditure", [rf"一般公共预算财政拨款支出(?:决算数为)?\s*{V}{W}"]),
    ("totals", "general_budget_basic_expenditure", [rf"一般公共预算财政拨款基本支出\s*(?:决算)?(?:为)?\s*{V}{W}"]),
    ("totals", "general_budget_initial", [rf"一般公共预算财政拨款支出年初预算数为\s*{V}{W}",
                                          rf"财政拨款支出年初预算数为\s*{V}{W}"]),
    ("totals", "operating_expenses", [rf"机关运行经费(?:支出)?\s*{V}{W}", rf"机关运行经费(?:预算|支出)?(?:数)?为\s*{V}{W}"]),
    ("totals", "three_public_total", [rf"[“\"]三公[”\"]经费财政拨款支出(?:决算)?(?:预算为\s*{NUM}\s*万元[，,]\s*支出决算为)?\s*{V}{W}", rf"[“\"]三公[”\"]经费(?:财政拨款)?(?:支出)?预算(?:数)?(?:为)?\s*{V}{W}",
                                      rf"[“\"]三公[”\"]经费(?:财政拨款)?支出合计\s*{V}{W}"]),
    ("three_public", "budget_total", [rf"[“\"]三公[”\"]经费财政拨款支出预算为\s*{V}{W}"]),
    ("three_public", "actual_total", [rf"[“\"]三公[”\"]经费财政拨款支出(?:预算为\s*{NUM}\s*万元[，,]\s*)?(?:支出)?决算(?:为)?\s*{V}{W}"]),
    ("three_public", "abroad", [rf"因公出国（境）费(?:支出)?(?:预算为\s*{NUM}\s*万元[，,]\s*)?(?:支出)?决算(?:为)?\s*{V}{W}"]),
    ("three_public", "reception", [rf"公务接待费(?:支出)?(?:预算为\s*{NUM}\s*万元[，,]\s*)?(?:支出)?决算(?:为)?\s*{V}{W}"]),
    ("three_public", "vehicles", [rf"公务用车购置(?:费)?及运行(?:维护)?费(?:支出)?(?:预算为\s*{NUM}\s*万元[，,]\s*)?(?:支出)?决算(?:为)?\s*{V}{W}"]),
    ("three_public", "vehicle_purchase", [rf"公务用车购置费\s*{V}{W}"]),
    ("three_public", "vehicle_operation", [rf"公务用车运行(?:维护)?费\s*{V}{W}"]),
    ("three_public", "vehicles_held", [rf"公务用车保有量为\s*{V}\s*辆"]),
    ("procurement", "total", [rf"政府采购支出总额\s*{V}{W}"]),
    ("procurement", "goods", [rf"政府采购货物支出\s*{V}{W}"]),
    ("procurement", "works", [rf"政府采购工程支出\s*{V}{W}"]),
    ("procurement", "services", [rf"政府采购服务支出\s*{V}{W}"]),
    ("procurement", "sme_contracts", [rf"授予中小企业合同金额\s*{V}{W}"]),
    ("procurement", "small_micro_contracts", [rf"授予小微企业合同金额\s*{V}{W}"]),
    ("assets", "vehicles", [rf"共有车辆\s*{V}\s*辆"]),
    ("assets", "general_equipment_over_50", [rf"单位价值50万元以上通用设备\s*{V}\s*台"]),
    ("assets", "special_equipment_over_100", [rf"单位价值100万元以上专用设备\s*{V}\s*台"]),
    ("staff", "authorized", [rf"编制(?:人数|数)?\s*(?:为|共)?\s*{V}\s*[人名个]", rf"事业编制\s*{V}\s*[人名个]",
                             rf"(?:人员编制|编制人数)[:：]?{V}{_NEXT_LABEL}"]),
    ("staff", "actual", [rf"实有人数\s*{V}\s*人", rf"实际在职(?:在编)?人员\s*{V}\s*人", rf"在职人员\s*{V}\s*人",
                         rf"(?:实有人数|在职人数)[:：]?{V}{_NEXT_LABEL}"]),
    ("staff", "retired", [rf"退休(?:人员)?\s*{V}\s*人"]),
    ("performance", "score", [rf"绩效自评得分\s*{V}\s*分", rf"整体支出[^。]{{0,40}}?自评得分(?:为)?\s*{V}\s*分"]),
]
_COMPILED = [(sec, key, [re.compile(p) for p in pats]) for sec, key, pats in FACTS]
GRADE = re.compile(rf"绩效自评得分\s*{NUM}\s*分[，,]\s*(?:评价)?等级为\s*[“\"](?P<g>[^”\"]{{1,6}})[”\"]")


# spending figures of a 决算 or 自评 report are not read from a sentence about the budget
# (“全年预算数1263.46万元，其中：…项目支出168.2万元”)
_SPENDING_KEYS = {"basic_expenditure", "project_expenditure", "personnel_expenditure", "public_expenditure"}
_BUDGET_CONTEXT = re.compile(r"预算数|预算资金|年初预算|全年预算|预算安排")


def _sentence_before(text: str, pos: int) -> str:
    start = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1
    return text[start:pos]


def find_facts(nar: Narrative, budget_report: bool = False) -> dict[str, dict[str, Field]]:
    out: dict[str, dict[str, Field]] = {}
    text = nar.text
    for sec, key, patterns in _COMPILED:
        for pat in patterns:
            m = None
            for cand in pat.finditer(text):
                if not budget_report and key in _SPENDING_KEYS and _BUDGET_CONTEXT.search(
                        _sentence_before(text, cand.start())):
                    continue
                m = cand
                break
            if m:
                f = span_amount_field(nar, m.start("v"), m.end("v"))
                if f is not None:
                    if sec in ("staff", "assets") or key == "vehicles_held":
                        f.value = int(f.value) if f.value == int(f.value) else f.value
                    out.setdefault(sec, {})[key] = f
                break
    g = GRADE.search(text)
    if g:
        out.setdefault("performance", {})["grade"] = span_text_field(nar, g.start("g"), g.end("g"))
    return out


def narrative_unit(nar: Narrative) -> Optional[str]:
    counts = Counter(m.group(1) for m in re.finditer(rf"{NUM}\s*(万元|亿元|千元|元)", nar.text))
    if not counts:
        return None
    return counts.most_common(1)[0][0]


_SENTENCE = re.compile(r"[^。\n]+")
_TOTAL_BEFORE = re.compile(rf"(?P<v>{NUM})\s*万元[，,]?\s*(?:其中[：:]|主要用于以下方面[：:]|主要用于)")
_PART = re.compile(
    rf"(?P<name>[^，,；;：:。（）]{{1,30}}?(?:（[类款项]）)?[^，,；;：:。]{{0,6}}?)\s*(?P<v>{NUM})\s*万元[，,]\s*"
    rf"占(?:[^，,；;。%]{{0,12}}?的)?\s*(?P<p>{NUM})\s*%"
)


def find_shares(nar: Narrative) -> list:
    """“…合计A万元，其中：X B万元，占P%；Y C万元，占Q%” -> shares of the sentence's total."""
    from ..datamodel import Share

    out = []
    text = nar.text
    for sm in _SENTENCE.finditer(text):
        sentence = sm.group(0)
        if "万元" not in sentence or ("其中" not in sentence and "主要用于" not in sentence):
            continue  # what every _TOTAL_BEFORE match holds: tested first, for most sentences hold none
        tm = _TOTAL_BEFORE.search(sentence)
        if not tm:
            continue
        base = sm.start()
        total = span_amount_field(nar, base + tm.start("v"), base + tm.end("v"))
        if total is None:
            continue
        if "%" not in sentence or "占" not in sentence:
            continue  # no share printed after the total
        for pm in _PART.finditer(sentence, tm.end()):
            amount = span_amount_field(nar, base + pm.start("v"), base + pm.end("v"))
            pct = span_amount_field(nar, base + pm.start("p"), base + pm.end("p"))
            if amount is None or pct is None:
                continue
            name = pm.group("name").strip()
            out.append(Share(subject=name, amount=amount, total=total.model_copy(deep=True), percent=pct))
    return out
