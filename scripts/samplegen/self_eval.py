"""The 整体支出绩效自评报告 (kind="self_eval"): `generate_self_eval(seed, noise, layout)` writes
基本情况, 一般公共预算支出情况 (人员 / 公用经费, projects as “1、X项目支出A万元，主要用于…”),
资金使用及绩效情况, 问题, 改进措施, 附件1 基础数据表 and 附件2 自评表 (indicators under a merged
绩效指标 label, 一级指标 cells carrying their weight, 总分 row). Truth: projects, performance
{score, grade if stated, indicators}, totals, staff. The year's spending comes from a 决算 model
(final.Report).

Not the other kinds (final.py, budget.py), not DOCX / PDF.
"""
from __future__ import annotations

import random
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

from .amounts import CENT, from_tenths, share
from .final import Report
from .indicators import indicator_rows
from .noise import NoiseProfile, add_noise
from .numerals import cn_num
from .phrases import DUTY_TEMPLATES, EFFECTS
from .recording import Recorder
from .spacing import blank_lines
from .tables import TableSpec, cells, table_body


DEVIATION_CAUSES = ["受{t}工作进度影响，部分任务延后完成", "部分服务对象对政策了解不够",
                    "年中人员调整，工作衔接不够顺畅", "受天气等客观因素影响，部分工作未按计划开展"]
DEVIATION_FIXES = ["加强过程监控，合理安排工作进度", "加大政策宣传和解读力度", "完善内部工作机制，压实工作责任",
                   "提前谋划，科学设置绩效目标"]


SELF_GOALS = [
    "围绕{d}中心工作，保障机构正常运转，按期完成{t}等重点任务，提升服务质量和资金使用效益。",
    "全面履行{d}职能，推进{t}落地见效，严格控制一般性支出，提高财政资金使用绩效。",
]
SELF_DONE = [
    "{y}年，本部门认真履行职责，{t}等重点工作按计划完成，预算执行总体平稳，绩效目标基本实现。",
    "全年各项工作有序推进，{t}取得阶段性成效，资金使用规范，服务对象满意度较高。",
]
WORK_ITEMS = [
    "{t}工作扎实推进。全年围绕{t}开展专项行动，按计划完成各项任务，相关工作台账完整规范。",
    "{d}服务持续优化。梳理{d}服务事项清单，精简办事环节，群众办事更加便利。",
    "队伍建设不断加强。组织干部职工参加{d}业务培训，干部履职能力进一步提升。",
    "资金管理更加规范。严格执行财务管理制度，专项资金专款专用，未发现挤占挪用情况。",
    "{t}成效明显。通过实施{t}，相关领域短板得到补齐，社会反响良好。",
]
PROBLEMS = [
    "预算编制的精细化程度有待提高。部分项目年初预算与实际支出存在差距，年中调整较多。",
    "绩效目标设置不够科学。部分指标以定性描述为主，量化程度不高，难以准确衡量绩效。",
    "绩效运行监控有待加强。对项目实施过程的跟踪不够及时，个别项目执行进度偏慢。",
]
MEASURES = [
    "加强预算编制管理。结合工作计划和以前年度支出情况，细化预算编制，提高预算的准确性。",
    "科学设置绩效目标。进一步细化量化绩效指标，做到目标明确、指标可衡量。",
    "强化绩效运行监控。定期对照绩效目标开展监控，及时发现和纠正执行偏差。",
    "加强评价结果应用。将自评结果作为以后年度预算安排的重要参考。",
]
GRADE_WORDS = [("优", "良", "中", "差"), ("优秀", "良好", "中等", "较差")]
# 一级指标 weights: the first three add up to 100 (the 执行率 row printed beside them but not counted, as
# in the seed), the last three to 90 (the 执行率 row's 10 points complete the 100)
SELF_PLANS = [
    [("产出指标", 50), ("效益指标", 30), ("满意度指标", 10), ("成本指标", 10)],
    [("产出指标", 60), ("效益指标", 30), ("满意度指标", 10)],
    [("产出指标", 50), ("效益指标", 40), ("满意度指标", 10)],
    [("产出指标", 40), ("效益指标", 30), ("满意度指标", 10), ("成本指标", 10)],
    [("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)],
    [("产出指标", 50), ("效益指标", 20), ("满意度指标", 20)],
]


class SelfEval:
    """The figures of one synthetic 整体支出绩效自评报告: the year's spending comes from a final-account
    model (Report), the rest (budgets, indicators, scores) is drawn here."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        r = Report(rng)
        self.r = r
        f = r.fmt
        self.retired = rng.randint(0, 10)
        self.sealed = rng.random() < 0.6
        self.short_title = rng.random() < 0.4
        projects = r.projects
        self.full_budget = r.basic + sum(p["budget"] for p in projects)
        self.init_basic = int(r.basic * rng.uniform(0.9, 1.0))
        self.init_proj = sum(p["budget"] for p in projects if not p["added"])
        self.exec_rate = f.rate(r.fiscal, self.full_budget)
        exec_score = min(Decimal(10), (Decimal(r.fiscal) * 10 / Decimal(self.full_budget)).quantize(CENT, ROUND_HALF_UP))
        self.exec_score = format(exec_score.normalize(), "f")
        plan = rng.choice(SELF_PLANS)
        self.counts_exec = sum(w for _, w in plan) == 90
        topics = list(r.topics)
        self.indicators = indicator_rows(rng, plan, topics, r.domain, r.year, self_eval=True)
        total = Decimal(sum(i["score_tenths"] for i in self.indicators)) / 10
        if self.counts_exec:
            total += exec_score
        self.score = format(total.normalize(), "f")
        words = rng.choice(GRADE_WORDS)
        self.grade_word = words[0] if total >= 90 else words[1] if total >= 80 else words[2] if total >= 60 else words[3]
        self.score_said = rng.random() < 0.7
        self.grade_said = self.score_said and rng.random() < 0.7
        self.rates_said = rng.random() < 0.6
        self.l1_style = rng.choice(["({w}分)", "（{w}分）", "\n\n({w}分)", "\n（{w}分）"])
        self.break_l2 = rng.random() < 0.3
        self.goal = rng.choice(SELF_GOALS).format(d=r.domain, t=rng.choice(topics))
        self.done = rng.choice(SELF_DONE).format(y=r.year, t=rng.choice(topics))
        self.prev_factor = {k: rng.uniform(0.8, 1.2) for k in ("tp", "proj", "pub", "proc", "sub")}
        self.public_budget = int(r.public * rng.uniform(1.0, 1.15))
        self.proc_budget = rng.uniform(0.9, 1.2)
        for ind in self.indicators:
            if ind["short"]:
                ind["deviation"] = (f"偏差原因：{rng.choice(DEVIATION_CAUSES).format(t=rng.choice(topics))}。",
                                    f"改进措施：{rng.choice(DEVIATION_FIXES)}。")
            else:
                ind["deviation"] = None


def _self_tables(s: SelfEval, layout: str) -> tuple[TableSpec, TableSpec]:
    """附件1 基础数据表 and 附件2 自评表, laid out for `layout` (tsv cells hold no line breaks)."""
    r = s.r
    f = r.fmt
    y = r.year
    nl = "" if layout == "tsv" else "\n"

    def prev(v: int, k: str) -> int:
        return int(v * s.prev_factor[k])

    def three(prev_v: int, budget: int, actual: int) -> list[str]:
        return [f.money(prev_v), f.money(budget), f.money(actual)]

    tp = r.tp
    rows = [cells("", str(r.authorized), str(r.actual_staff), f"{share(r.actual_staff, r.authorized)}%"),
            cells("经费控制情况（万元）", f"{y - 1}年决算数", f"{y}年预算数", f"{y}年决算数")]
    tb = sum(v[0] for v in tp.values())
    ta = sum(v[1] for v in tp.values())
    lines = [("三公经费", tb, ta),
             ("   1、公务用车购置和维护经费", tp["car_buy"][0] + tp["car_run"][0], tp["car_buy"][1] + tp["car_run"][1]),
             ("       其中：公车购置", tp["car_buy"][0], tp["car_buy"][1]),
             ("             公车运行维护", tp["car_run"][0], tp["car_run"][1]),
             ("   2、出国经费", tp["abroad"][0], tp["abroad"][1]),
             ("   3、公务接待", tp["reception"][0], tp["reception"][1])]
    for name, b, a in lines:
        rows.append(cells(name, *three(prev(a, "tp"), b, a)))
    pb = sum(p["budget"] for p in r.projects)
    rows.append(cells("项目支出：", *three(prev(r.proj_fiscal, "proj"), pb, r.proj_fiscal)))
    for i, p in enumerate(r.projects, 1):
        rows.append(cells(f"   {i}、{p['name']}", *three(prev(p["actual"], "proj"), p["budget"], p["actual"])))
    rows.append(cells("公用经费", *three(prev(r.public, "pub"), s.public_budget, r.public)))
    office = r.econ.get("30201", 0)
    utilities = sum(r.econ.get(c, 0) for c in ("30205", "30206", "30211"))
    meetings = sum(r.econ.get(c, 0) for c in ("30215", "30216"))
    for name, v in (("    其中：办公经费", office), ("          水费、电费、差旅费", utilities),
                    ("          会议费、培训费", meetings)):
        rows.append(cells(name, *three(prev(v, "sub"), v, v)))
    proc = int(r.public * 0.3)
    rows.append(cells("政府采购金额", *three(prev(proc, "proc"), int(proc * s.proc_budget), proc)))
    rows.append(cells("部门基本支出预算调整", "——", "0", "0"))
    base = TableSpec("附件1", "", "说明：“项目支出”填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。",
                     [cells("财政供养人员情况（人）", "编制数", f"{y}年实际在职人数", "控制率")], rows, vmerge=(0,))

    # 自评表
    label = f"绩{nl}效{nl}指{nl}标"
    proj_actual = r.proj_fiscal
    top = [
        [("预算部门（单位）名称", 1), (r.department, 8)],
        [(f"年度预{nl}算申请{nl}（万元）", 1)] + cells("", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        cells("", "年度资金总额", f.money(s.init_basic + s.init_proj), f.money(s.full_budget), f.money(r.fiscal), "10",
              f"{s.exec_rate}%", s.exec_score),
        cells("", "其中：基本支出", f.money(s.init_basic), f.money(r.basic), f.money(r.basic), "", "", ""),
        cells("", "项目支出", f.money(s.init_proj), f.money(pb), f.money(proj_actual), "", "", ""),
        [("年度总体目标", 1), ("预期目标", 4), ("实际完成情况", 3)],
        [("", 1), (s.goal, 4), (s.done, 3)],
    ]
    head = cells("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    if layout == "flat":
        top += [[(label, 1)], head]
    else:
        top.append([(label, 1)] + head)
    weights = {}
    for ind in s.indicators:
        weights[ind["level1"]] = weights.get(ind["level1"], 0) + ind["weight"]
    last1 = last2 = None
    body = []
    for ind in s.indicators:
        l1 = l2 = ""
        if ind["level1"] != last1:
            l1 = ind["level1"] + s.l1_style.format(w=weights[ind["level1"]]).replace("\n", nl)
        if (ind["level1"], ind["level2"]) != (last1, last2):
            l2 = ind["level2"]
            if s.break_l2 and len(l2) >= 5 and nl:
                l2 = l2[:3] + nl + l2[3:]
        last1, last2 = ind["level1"], ind["level2"]
        dev = nl.join(ind["deviation"]) if ind["deviation"] else ""
        body.append(cells("", l1, l2, ind["name"], ind["target"], ind["actual"], str(ind["weight"]),
                          from_tenths(ind["score_tenths"]), dev))
    body.append([("总分", 6), ("100", 1), (s.score, 1), ("", 1)])
    form = TableSpec("附件2", "", "", top[:1], top[1:] + body, vmerge=(0, 1, 2))
    return base, form


def _render_self_eval(s: SelfEval, layout: str, lay_rng: random.Random,
                      rec: Optional[Recorder] = None) -> tuple[str, dict]:
    r = s.r
    rng = s.rng
    f = r.fmt
    y = r.year
    dept = r.department
    unit_word = "部门（单位）" if not s.short_title else "部门"
    L: list[str] = []
    if s.sealed:
        L += [f" 部门（单位）名称：{dept}（盖章）", "年  月  日"] + blank_lines(rng, 2, 8)
    L += [f"{y}年度{dept}整体支出绩效自评报告"] + blank_lines(rng, 1, 4)
    L.append("一、基本情况")
    L.append("（一）单位基本情况")
    nature = "区（县）人民政府工作部门" if r.kind == "行政" else "公益一类事业单位"
    L.append(f"{dept}为{nature}，执行政府会计制度。本单位共有编制数{r.authorized}个，截至{y}年12月31日，"
             f"实有在职人员{r.actual_staff}人，另有退休人员{s.retired}人。内设机构{len(r.offices)}个，分别为："
             f"{'、'.join(r.offices)}。")
    duties = rng.sample(DUTY_TEMPLATES[:-1], rng.randint(2, 4)) + [DUTY_TEMPLATES[-1]]
    L.append("单位主要职责：" + "；".join(d.format(d=r.domain).rstrip("。") for d in duties) + "。")
    L.append("（二）单位年度整体支出绩效目标")
    L.append(s.goal)
    L.append("二、一般公共预算支出情况")
    L.append("（一）基本支出情况")
    pb = sum(p["budget"] for p in r.projects)
    L.append(f"1、{y}年全年预算数{f.money(s.full_budget)}万元，其中：基本支出{f.money(r.basic)}万元，项目支出{f.money(pb)}万元。")
    L.append(f"2、{y}年度单位一般公共预算财政拨款收入{f.money(r.fiscal)}万元。")
    L.append(f"3、{y}年度单位一般公共预算财政拨款支出{f.money(r.fiscal)}万元，其中：项目支出{f.money(r.proj_fiscal)}万元，"
             f"基本支出{f.money(r.basic)}万元，其中：人员经费{f.money(r.personnel)}万元，公用经费{f.money(r.public)}万元。")
    L.append("（二）项目支出情况")
    L.append(f"{y}年度项目支出{f.money(r.proj_fiscal)}万元，具体如下：")
    for i, p in enumerate(r.projects, 1):
        label = p["name"] + ("支出" if p["name"].endswith("项目") else "项目支出")
        L.append(f"{i}、{label}{f.money(p['actual'])}万元，{p['use']}。")
    L += ["三、政府性基金预算支出情况", "无。", "四、国有资本经营预算支出情况", "无。"]
    L.append("五、资金使用及绩效情况")
    L.append("（一）部门整体支出绩效情况")
    for i, w in enumerate(rng.sample(WORK_ITEMS, rng.randint(2, 4)), 1):
        L.append(f"{i}.{w.format(t=rng.choice(r.topics), d=r.domain)}")
    L.append("（二）项目支出绩效情况")
    if s.rates_said:
        for p in r.projects:
            L.append(f"“{p['name']}”项目全年预算{f.money(p['budget'])}万元，实际支出{f.money(p['actual'])}万元，"
                     f"预算执行率{f.rate(p['actual'], p['budget'])}%，{rng.choice(EFFECTS)}。")
    else:
        L.append(f"各项目均按计划实施，{rng.choice(EFFECTS)}。")
    L.append("六、存在的问题及原因分析")
    for i, t in enumerate(rng.sample(PROBLEMS, rng.randint(1, 2)), 1):
        L.append(f"（{cn_num(i)}）{t}")
    L.append("七、下一步改进措施")
    for i, t in enumerate(rng.sample(MEASURES, rng.randint(2, 3)), 1):
        L.append(f"（{cn_num(i)}）{t}")
    L.append("八、绩效自评结果")
    if s.score_said:
        line = f"经综合评价，本部门{y}年度整体支出绩效自评得分{s.score}分"
        L.append(line + (f"，评价等级为“{s.grade_word}”。" if s.grade_said else "。"))
    else:
        L.append("自评结果详见附件2。")
    L.append("九、绩效自评结果拟应用和公开情况")
    L.append(f"自评结果将作为本部门以后年度预算编制和项目安排的重要依据，并与{y}年度部门决算一并公开。")
    t1 = f"{y}年度{unit_word}整体支出绩效评价基础数据表"
    t2 = f"{y}年度{unit_word}整体支出绩效自评表"
    L += ["", f"附件：1. {t1}", f"2. {t2}"] + blank_lines(rng, 4, 12)
    lays = [layout if layout != "mixed" else lay_rng.choice(["flat", "pipe", "tsv"]) for _ in range(2)]
    base, form = _self_tables(s, lays[0])[0], _self_tables(s, lays[1])[1]
    sign = f"填表人：        填报日期：{y + 1}.{rng.randint(3, 10)}.{rng.randint(1, 28)}  联系电话：          单位负责人签字："
    drawn = _self_tables(s, "pipe") if rec is not None else (None, None)   # merged cells with line breaks
    for head, title, t, lay, tail, doc_spec in (("附件1", t1, base, lays[0], [base.note, sign], drawn[0]),
                                                ("附件2", t2, form, lays[1], [sign], drawn[1])):
        start = len(L)
        L += [head, title] + table_body(t, lay)
        L += [""] + tail
        if rec is not None:
            rec.table(L, start, 2, t, lay, doc_spec=doc_spec, key=head)
        L += blank_lines(rng, 2, 6)
    if rec is not None:
        rec.lines, rec.model, rec.kind = L, s, "self_eval"
    text = "\n".join(L) + "\n"

    projects = [{"name": p["name"], "parent": None, "budget": f.money(p["budget"]), "actual": f.money(p["actual"]),
                 "completion_rate": f.rate(p["actual"], p["budget"]) if s.rates_said else None,
                 "score": None, "grade": None} for p in r.projects]
    truth = {
        "file": None,
        "report": {"department": dept, "year": y, "kind": "整体支出绩效自评"},
        "unit": "万元",
        "tables": {},
        "explanations": [],
        "projects": projects,
        "performance": {
            "score": s.score,
            "grade": s.grade_word if s.grade_said else None,
            "indicators": [{"level1": i["level1"], "level2": i["level2"], "name": i["name"], "target": i["target"],
                            "actual": i["actual"], "weight": str(i["weight"]), "score": from_tenths(i["score_tenths"])}
                           for i in s.indicators],
        },
        "totals": {
            "expenditure_total": f.money(r.fiscal),
            "basic_expenditure": f.money(r.basic),
            "project_expenditure": f.money(r.proj_fiscal),
            "personnel_expenditure": f.money(r.personnel),
            "public_expenditure": f.money(r.public),
            "fiscal_appropriation_income": f.money(r.fiscal),
        },
        "staff": {"authorized": str(r.authorized), "actual": str(r.actual_staff)},
    }
    return text, truth


SELF_NOISE = NoiseProfile(
    start=re.compile(r"^\s*(?:\[bookmark: [^\]]*\])?(?:\*\*)?\s*\d{4}年度部门(?:（单位）)?整体支出绩效"
                     r"(?:评价基础数据表|自评表)\s*(?:\*\*)?\s*$"),
    end=re.compile(r"说明：|填表人：|注："),
    data_first=re.compile(r"(\d|总分)"),
    figure=re.compile(r"[\d.,]+"),
    toc_after=re.compile(r"整体支出绩效自评报告\**$"),
)


def generate_self_eval(seed: int, noise: float, layout: str, rec: Optional[Recorder] = None) -> tuple[str, dict]:
    s = SelfEval(random.Random(f"self-eval-{seed}"))
    text, truth = _render_self_eval(s, layout, random.Random(f"self-eval-layout-{seed}"), rec)
    if noise > 0:
        text = add_noise(text, random.Random(f"self-eval-noise-{seed}"), noise, SELF_NOISE)
    return text, truth
