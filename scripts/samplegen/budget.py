"""The 部门预算 report (kind="budget"), 2020–2026: `generate_budget(seed, noise, layout)` writes 概况
(职责, 机构, 人员编制), nine 预算 tables (收支预算总表, 收入预算表, 支出预算表, 财政拨款收支预算总表,
一般公共预算支出预算表, 一般公共预算基本支出预算表, 一般公共预算“三公”经费支出预算表,
政府性基金预算支出表 (empty), 项目支出绩效目标表 for 1–3 projects), numbered 表1…表9 or titled
only, in 万元 or in 元 (thousands separators; the narrative stays in 万元), then the 情况说明
(预算数 against 上年执行数 / 上年预算数, 三公, 机关运行经费, 政府采购, 国有资产, 绩效目标) and
名词解释. Truth tables are keyed by the printed code (表1 … 表8) or, when the tables carry only
titles, by the canonical title (first column of BUDGET_TABLES); each carries `unit` (万元 or 元,
values as printed in that unit). The 绩效目标表 feeds `projects` (name, budget) and the extra key
`targets`. Explanations carry budget (= 预算数), actual / completion_rate null, direction 增加 /
减少 / 持平, and the extra keys `change` and `change_rate` (null where not printed).

Not the other kinds (final.py, self_eval.py), not DOCX / PDF.
"""
from __future__ import annotations

import random
import re
from typing import Optional

from .amounts import Fmt, cents_between, partition, share
from .catalog import CLASS_LINES, CLASSES, ECON, ITEMS, PERSONNEL, PUBLIC, SECTIONS
from .indicators import indicator_rows
from .noise import BREAKABLE, NoiseProfile, add_noise
from .numerals import cn_num
from .phrases import DEFINITIONS, DEPARTMENTS, DUTY_TEMPLATES, PLACE_1, PLACE_2, PROJECT_SUFFIXES
from .recording import Recorder
from .spacing import blank_lines
from .subjects import choose_subjects, subject_path
from .tables import TableSpec, cells, table_body


# (truth key = canonical title, shorter printed variant), in the printed order 表1 … 表9
BUDGET_TABLES = [
    ("收支预算总表", "收支总表"),
    ("收入预算表", "收入总表"),
    ("支出预算表", "支出总表"),
    ("财政拨款收支预算总表", "财政拨款收支总表"),
    ("一般公共预算支出预算表", "一般公共预算支出表"),
    ("一般公共预算基本支出预算表", "一般公共预算基本支出表"),
    ("一般公共预算“三公”经费支出预算表", "一般公共预算“三公”经费支出表"),
    ("政府性基金预算支出表", "政府性基金预算支出表"),
    ("项目支出绩效目标表", "项目支出绩效目标表"),
]
BUDGET_TITLE_PREFIXES = ["", "部门", "{y}年", "{y}年部门", "{y}年度部门"]

BUDGET_INCOME_LINES = ["一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
                       "财政专户管理资金收入", "事业收入", "事业单位经营收入", "上级补助收入",
                       "附属单位上缴收入", "其他收入"]
FISCAL_INCOME_LINES = ["一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款"]

BUDGET_REASONS = {
    ("增加", "basic"): ["在职人员工资标准调整", "新增在编人员，人员经费相应增加", "社会保险缴费基数上调",
                      "退休人员增加，离退休费相应增加"],
    ("减少", "basic"): ["部分人员退休、调出，人员经费相应减少", "落实过紧日子要求，压减日常公用经费",
                      "缴费基数调整，相应缴费减少"],
    ("增加", "project"): ["新增{t}工作任务", "{t}项目预算安排增加", "按照年度工作计划加大{t}投入"],
    ("减少", "project"): ["{t}项目阶段性任务已完成", "严格控制项目支出规模，压减非刚性支出",
                        "部分项目资金改由上级转移支付安排"],
}
BUDGET_TOTAL_REASONS = {
    "增加": ["人员经费标准调整及新增{t}等重点工作经费", "新增{t}项目", "{t}工作任务增加，相应增加预算"],
    "减少": ["落实过紧日子要求，压减一般性支出", "{t}等项目阶段性任务完成，相应减少预算",
           "部分专项资金改由上级转移支付安排"],
}
SUBJECT_USES = {
    "op": ["行政单位的基本支出", "保障机构正常运转的人员经费和日常公用经费", "在职人员工资福利及日常办公支出"],
    "2080505": ["为在职职工缴纳机关事业单位基本养老保险"], "2080506": ["为在职职工缴纳职业年金"],
    "2210201": ["为在职职工缴纳住房公积金"], "2101101": ["为在职职工缴纳基本医疗保险"],
    "2101102": ["为在职职工缴纳基本医疗保险"], "2080501": ["离退休人员的离退休费及相关支出"],
    "2080502": ["离退休人员的离退休费及相关支出"],
    "project": ["{t}等业务工作支出", "开展{t}工作的相关支出", "{t}的专项业务经费"],
}
THREE_PUBLIC_REASONS = ["严格执行中央八项规定精神，从严控制公务接待和公务用车支出",
                        "公务用车数量减少，运行费用相应压减", "落实过紧日子要求，压减“三公”经费"]
BUDGET_GOALS = [
    "按时完成{t}各项任务，确保资金使用规范、安全、有效。",
    "全面推进{t}工作，提升{d}服务质量和群众满意度。",
    "完成年度{t}目标任务，项目按期验收，资金支付及时。",
]


def _dept_name(rng: random.Random, body: str) -> str:
    city = rng.choice(PLACE_1) + rng.choice(PLACE_2) + "市"
    while True:
        area = rng.choice(PLACE_1) + rng.choice(PLACE_2)
        if area + "市" != city:
            break
    return city + area + rng.choice(["区", "区", "县"]) + body


def _wan(fen: int) -> int:
    """An amount in fen (0.01 元) as hundredths of 万元, rounded half up."""
    return (fen + 5000) // 10000


class BudgetReport:
    """All the figures of one synthetic 部门预算, drawn from rng. Amounts are int fen (0.01 元) inside;
    tables print them in 万元 (every amount then a whole number of 0.01 万元) or in 元, the narrative in 万元."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.fmt = Fmt(strip=rng.random() < 0.6, rate_places=rng.choice([2, 2, 1]))
        self.year = rng.randint(2020, 2026)
        dept = rng.choice(DEPARTMENTS)
        self.body, self.kind = dept[0], dept[1]
        self.department = _dept_name(rng, self.body)
        self.topics = dept[5]
        self.domain = dept[6]
        self.offices = rng.sample(dept[7], rng.randint(2, len(dept[7])))
        self.authorized = rng.randint(6, 80)
        self.actual_staff = max(1, self.authorized - rng.randint(-2, 6))
        self.retired = rng.randint(0, 12)

        # print style
        self.unit = "元" if rng.random() < 0.35 else "万元"
        self.sep = self.unit == "元" and rng.random() < 0.8
        self.three_unit = "万元" if self.unit == "元" and rng.random() < 0.3 else self.unit
        self.numbered = rng.random() < 0.6
        self.code_first = rng.random() < 0.3
        self.prefix = rng.choice(BUDGET_TITLE_PREFIXES).format(y=self.year)
        self.short_titles = rng.random() < 0.3
        self.zero = rng.random() < 0.4
        self.total_first = rng.random() < 0.6
        self.dept_label = rng.choice(["部门：", "编制部门：", "单位名称："])
        self.expl_style = "plan" if rng.random() < 0.25 else "plain"
        self.base_word = rng.choice(["执行数", "执行数", "预算数"])
        self.g = 100 if self.unit == "元" else 10000   # granularity of leaf amounts, in fen

        # subjects: fiscal basic / project, 事业收入 (basic), 其他收入 and 上年结转 (project)
        subjects = choose_subjects(rng, dept)
        for s in subjects:
            s["basic_f"] = self._fen(s.pop("basic"))
            s["proj_f"] = self._fen(s.pop("proj"))
            s.pop("other")
            s["basic_sy"] = s["proj_o"] = s["proj_c"] = 0
        op = next(s for s in subjects if s["role"] == "op")
        if self.kind == "事业" and rng.random() < 0.6:
            op["basic_sy"] = self._fen(cents_between(rng, 5, 120))
        proj_subjects = [s for s in subjects if s["proj_f"] > 0]
        if rng.random() < 0.25:
            rng.choice(proj_subjects)["proj_o"] = self._fen(cents_between(rng, 1, 40))
        if rng.random() < 0.35:
            rng.choice(proj_subjects)["proj_c"] = self._fen(cents_between(rng, 2, 90))
        self.subjects = subjects
        self.rows = self._aggregate()

        sums = {k: sum(s[k] for s in subjects) for k in ("basic_f", "proj_f", "basic_sy", "proj_o", "proj_c")}
        self.basic_f, self.proj_f = sums["basic_f"], sums["proj_f"]
        self.shiye, self.other, self.carry = sums["basic_sy"], sums["proj_o"], sums["proj_c"]
        self.fiscal = self.basic_f + self.proj_f
        self.income_year = self.fiscal + self.shiye + self.other
        self.total = self.income_year + self.carry
        self.basic_all = self.basic_f + self.shiye
        self.proj_all = self.proj_f + self.other + self.carry

        self._econ(op)
        self._explanations()
        self._projects()
        self._others()

    def _fen(self, cents: int) -> int:
        """cents of 万元 from the shared subject draw, as fen; 元 tables get odd whole 元 as well."""
        if cents <= 0:
            return 0
        fen = cents * 10000
        if self.unit == "元":
            fen += self.rng.randint(0, 99) * 100
        return fen

    def _aggregate(self) -> list[dict]:
        rows: list[dict] = []
        seen: dict[str, dict] = {}
        keys = ("basic_f", "proj_f", "basic_sy", "proj_o", "proj_c")
        for s in self.subjects:
            c = s["code"]
            for level, code, name in (("类", c[:3], CLASSES[c[:3]]), ("款", c[:5], SECTIONS[c[:5]]),
                                      ("项", c, ITEMS[c])):
                r = seen.get(code)
                if r is None:
                    r = {"code": code, "name": name, "level": level, **{k: 0 for k in keys}}
                    seen[code] = r
                    rows.append(r)
                for k in keys:
                    r[k] += s[k]
        return rows

    def _split(self, total: int, k: int) -> list[int]:
        """total fen in k positive parts, each a multiple of the granularity (the remainder on the last)."""
        g = self.g
        parts = [p * g for p in partition(self.rng, total // g, k)]
        parts[-1] += total - sum(parts)
        return parts

    # -- 基本支出 by 经济分类 and the 三公 budget -----------------------------------------------
    def _econ(self, op: dict) -> None:
        rng = self.rng
        op_basic = op["basic_f"]
        public = max(200 * 10000, int(op_basic * rng.uniform(0.12, 0.35)) // self.g * self.g)
        tp = {"abroad": 0, "car_buy": 0, "car_run": 0, "reception": 0}
        if rng.random() < 0.7:
            tp["car_run"] = max(1, int(public * rng.uniform(0.04, 0.12)) // 10000) * 10000
            tp["reception"] = max(1, int(public * rng.uniform(0.01, 0.05)) // 10000) * 10000
            if rng.random() < 0.08:
                tp["car_buy"] = max(1, int(public * rng.uniform(0.1, 0.2)) // 10000) * 10000
            if rng.random() < 0.06:
                tp["abroad"] = max(1, int(public * rng.uniform(0.05, 0.15)) // 10000) * 10000
        self.tp = tp
        amounts: dict[str, int] = {}
        link = {"2080505": "30108", "2080506": "30109", "2210201": "30113", "2101101": "30110",
                "2101102": "30110", "2080501": "30302", "2080502": "30302"}
        for s in self.subjects:
            if s["code"] in link:
                amounts[link[s["code"]]] = amounts.get(link[s["code"]], 0) + s["basic_f"]
        fixed = {"30212": tp["abroad"], "30217": tp["reception"], "30231": tp["car_run"], "31013": tp["car_buy"]}
        fixed = {k: v for k, v in fixed.items() if v}
        rest = public - sum(fixed.values())
        pub_items = ["30201"] + rng.sample(["30202", "30205", "30206", "30207", "30211", "30213", "30215",
                                            "30216", "30226", "30228", "30229", "30239", "30299"], rng.randint(3, 8))
        if rng.random() < 0.3:
            pub_items.append("31002")
        for code, amt in zip(pub_items, self._split(rest, len(pub_items))):
            amounts[code] = amounts.get(code, 0) + amt
        amounts.update(fixed)
        pers_items = ["30101", "30102", "30103", "30107"] + rng.sample(
            ["30106", "30112", "30114", "30199", "30305", "30309"], rng.randint(0, 3))
        for code, amt in zip(pers_items, self._split(op_basic - public, len(pers_items))):
            amounts[code] = amounts.get(code, 0) + amt
        self.econ = amounts
        self.econ_cat = {cat: sum(amounts.get(c, 0) for c, _ in ECON[cat][1]) for cat in ECON}
        self.personnel = sum(self.econ_cat[c] for c in PERSONNEL)
        self.public = sum(self.econ_cat[c] for c in PUBLIC)
        assert self.personnel + self.public == self.basic_f

    # -- per-subject explanations (一般公共预算, 项 level) ---------------------------------------
    def _explanations(self) -> None:
        rng = self.rng
        self.expl = []
        for s in self.subjects:
            a = _wan(s["basic_f"] + s["proj_f"])
            r = rng.random()
            if r < 0.15:
                prev = a
            elif r < 0.23 and s["role"] == "project":
                prev = 0
            else:
                prev = max(1, int(a * rng.uniform(0.6, 1.35)))
                if prev == a:
                    prev = a + 1
            direction = "持平" if prev == a else ("增加" if a > prev else "减少")
            kind = "project" if s["role"] == "project" else "basic"
            reason = None
            if direction != "持平":
                reason = rng.choice(BUDGET_REASONS[(direction, kind)]).format(t=rng.choice(self.topics)) + "。"
            uses = SUBJECT_USES.get(s["code"]) or SUBJECT_USES["op" if s["role"] == "op" else "project"]
            self.expl.append({"code": s["code"], "budget": a, "prev": prev, "direction": direction,
                              "reason": reason, "use": rng.choice(uses).format(t=rng.choice(self.topics))})

    # -- projects with 绩效目标 ----------------------------------------------------------------
    def _projects(self) -> None:
        rng = self.rng
        n = min(rng.randint(1, 3), max(1, self.proj_all // (30 * 10000)))
        topics = list(self.topics)
        rng.shuffle(topics)
        shares = partition(rng, _wan(self.proj_all), n + (1 if rng.random() < 0.5 else 0))[:n]
        self.projects = []
        for topic, budget in zip(topics[:n], shares):
            name = topic + rng.choice(PROJECT_SUFFIXES)
            plan = [("产出指标", 0), ("效益指标", 0), ("满意度指标", 0)]
            targets = indicator_rows(rng, plan, [topic], self.domain, self.year, self_eval=False)
            goal = rng.choice(BUDGET_GOALS).format(t=topic, d=self.domain)
            self.projects.append({"name": name, "budget": budget, "goal": goal, "targets": targets,
                                  "sponsor": rng.random() < 0.5})

    # -- year-on-year figures and the other matters -------------------------------------------
    def _others(self) -> None:
        rng = self.rng
        self.prev_total = int(_wan(self.total) * rng.uniform(0.75, 1.25))
        self.prev_fiscal = int(_wan(self.fiscal) * rng.uniform(0.75, 1.25))
        self.fiscal_reason = {d: rng.choice(BUDGET_TOTAL_REASONS[d]).format(t=rng.choice(self.topics))
                              for d in ("增加", "减少")}
        self.total_reason = dict(self.fiscal_reason)
        if self.carry and rng.random() < 0.5:
            self.total_reason["增加"] = "上年结转资金纳入预算统筹安排"
        self.tp_prev = {}
        for k, v in self.tp.items():
            c = _wan(v)
            self.tp_prev[k] = c if (c == 0 or rng.random() < 0.6) else max(0, int(c * rng.uniform(0.8, 1.25)))
        self.tp_reason = rng.choice(THREE_PUBLIC_REASONS)
        self.prev_public = int(_wan(self.public) * rng.uniform(0.85, 1.15))
        proc = int(_wan(self.public) * rng.uniform(0.05, 0.5)) + int(_wan(self.proj_all) * rng.uniform(0, 0.4))
        self.procurement = partition(rng, max(3, proc), 3) if rng.random() < 0.6 else [max(1, proc), 0, 0]
        self.cars = rng.randint(0, 3)


class _Amt:
    """How a budget table prints its amounts: 万元 through the report's Fmt, or 元 with two decimals and
    perhaps thousands separators. `cell` gives the printed cell, `truth` the truth string (no separators)."""

    def __init__(self, fmt: Fmt, unit: str, sep: bool):
        self.fmt, self.unit, self.sep = fmt, unit, sep

    def truth(self, fen: Optional[int]) -> Optional[str]:
        if fen is None:
            return None
        if self.unit == "万元":
            assert fen % 10000 == 0, fen
            return self.fmt.money(fen // 10000)
        return f"{fen // 100}.{fen % 100:02d}"

    def cell(self, fen: Optional[int]) -> str:
        if fen is None:
            return ""
        if self.unit == "元" and self.sep:
            return f"{fen // 100:,}.{fen % 100:02d}"
        return self.truth(fen)


def _budget_tables(r: BudgetReport) -> list[tuple[str, TableSpec, str, Optional[dict]]]:
    """(truth key, table, unit, truth or None) for every budget table, in printed order."""
    rng = r.rng
    y = r.year
    A = _Amt(r.fmt, r.unit, r.sep)
    out: list[tuple[str, TableSpec, str, Optional[dict]]] = []
    xm = rng.choice(["项    目", "项目", "项  目"])

    def ab(v: Optional[int]) -> Optional[int]:
        """An amount that may be absent: zero prints as 0 or stays blank, by the report's style."""
        if v:
            return v
        return 0 if r.zero else None

    def key_title(i: int) -> tuple[str, str, str]:
        canon, short = BUDGET_TABLES[i]
        core = short if r.short_titles else canon
        code = f"表{i + 1}" if r.numbered else ""
        return (code or canon), r.prefix + core, code

    def values(cols: list[str], vals: list[Optional[int]], amt: _Amt = A) -> dict:
        return {c: amt.truth(v) for c, v in zip(cols, vals)}

    # 类 lines (all funds and fiscal only)
    classes = [row for row in r.rows if row["level"] == "类"]
    all_of = {row["name"]: row["basic_f"] + row["proj_f"] + row["basic_sy"] + row["proj_o"] + row["proj_c"] for row in classes}
    fis_of = {row["name"]: row["basic_f"] + row["proj_f"] for row in classes}
    full_list = rng.random() < 0.3
    class_lines = CLASS_LINES if full_list else [n for n in CLASS_LINES if n in all_of]

    # ---- 表1 收支预算总表
    key, title, code = key_title(0)
    inc_vals = [r.fiscal, None, None, None, r.shiye or None, None, None, None, r.other or None]
    inc = [(f"{cn_num(i + 1)}、{n}", ab(v)) for i, (n, v) in enumerate(zip(BUDGET_INCOME_LINES, inc_vals))]
    exp = [(f"{cn_num(i + 1)}、{n}", ab(all_of.get(n))) for i, n in enumerate(class_lines)]
    rows, t_in, t_out = [], [], []
    for i in range(max(len(inc), len(exp))):
        iname, ival = inc[i] if i < len(inc) else ("", None)
        ename, evl = exp[i] if i < len(exp) else ("", None)
        rows.append(cells(iname, A.cell(ival), ename, A.cell(evl)))
    tail = [("本年收入合计", r.income_year, "本年支出合计", r.total),
            ("上年结转", ab(r.carry), "年终结转结余", ab(None)),
            ("收入总计", r.total, "支出总计", r.total)]
    for iname, ival, ename, evl in tail:
        rows.append(cells(iname, A.cell(ival), ename, A.cell(evl)))
    for name, v in inc + [(t[0], t[1]) for t in tail]:
        t_in.append({"code": None, "name": name, "block": "收入", "values": {"预算数": A.truth(v)}})
    for name, v in exp + [(t[2], t[3]) for t in tail]:
        t_out.append({"code": None, "name": name, "block": "支出", "values": {"预算数": A.truth(v)}})
    side = rng.choice([("收入", "支出"), ("收    入", "支    出"), ("本年收入", "本年支出")])
    t = TableSpec(code, title, "注：本表反映本部门本年度收入和支出预算总体情况。",
                  [[(side[0], 2), (side[1], 2)], cells(xm, "预算数", xm, "预算数")], rows)
    out.append((key, t, r.unit, {"columns": ["预算数"], "rows": t_in + t_out}))

    # ---- 表2 收入预算表
    key, title, code = key_title(1)
    code_hdr = rng.choice(["科目编码", "功能分类科目编码"])
    spanning = rng.random() < 0.5
    names = ["一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "事业收入", "其他收入"]
    if spanning:
        cols = ["合计"] + [f"本年收入/{n}" for n in names] + ["上年结转"]
        hdr = [[(xm, 2), ("合计", 1), ("本年收入", 5), ("上年结转", 1)],
               cells(code_hdr, "科目名称", "", *names, "")]
    else:
        cols = ["合计"] + names + ["上年结转"]
        hdr = [cells(code_hdr, "科目名称", *cols)]

    def income_vals(row: dict) -> list[Optional[int]]:
        tot = row["basic_f"] + row["proj_f"] + row["basic_sy"] + row["proj_o"] + row["proj_c"]
        return [tot, ab(row["basic_f"] + row["proj_f"]), ab(None), ab(None), ab(row["basic_sy"]),
                ab(row["proj_o"]), ab(row["proj_c"])]

    total_row = {"basic_f": r.basic_f, "proj_f": r.proj_f, "basic_sy": r.shiye, "proj_o": r.other, "proj_c": r.carry}
    out.append(_subject_table(r, key, title, code, hdr, cols, income_vals, total_row, A,
                              "注：本表反映本部门本年度各项收入预算情况。"))

    # ---- 表3 支出预算表
    key, title, code = key_title(2)
    cols3 = ["合计", "基本支出", "项目支出"]
    if rng.random() < 0.5:
        label = rng.choice(["支出预算", "本年支出"])
        hdr = [[(xm, 2), (label, 3)], cells(code_hdr, "科目名称", *cols3)]
        cols = [f"{label}/{c}" for c in cols3]
    else:
        hdr = [cells(code_hdr, "科目名称", *cols3)]
        cols = cols3

    def spend_vals(row: dict) -> list[Optional[int]]:
        b = row["basic_f"] + row["basic_sy"]
        p = row["proj_f"] + row["proj_o"] + row["proj_c"]
        return [b + p, ab(b), ab(p)]

    out.append(_subject_table(r, key, title, code, hdr, cols, spend_vals, total_row, A,
                              "注：本表反映本部门本年度各项支出预算情况。"))

    # ---- 表4 财政拨款收支预算总表
    key, title, code = key_title(3)
    flines = [n for n in class_lines if n in fis_of] if not full_list else class_lines
    inc4 = [(f"{cn_num(i + 1)}、{n}", ab(r.fiscal if i == 0 else None)) for i, n in enumerate(FISCAL_INCOME_LINES)]
    exp4 = [(f"{cn_num(i + 1)}、{n}", ab(fis_of.get(n))) for i, n in enumerate(flines)]
    cols4 = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    rows, t_in, t_out = [], [], []
    for i in range(max(len(inc4), len(exp4))):
        iname, ival = inc4[i] if i < len(inc4) else ("", None)
        ename, evl = exp4[i] if i < len(exp4) else ("", None)
        ev = [evl, evl, ab(None), ab(None)] if ename else [None] * 4
        rows.append(cells(iname, A.cell(ival), ename, *[A.cell(v) for v in ev]))
        if ename:
            t_out.append({"code": None, "name": ename, "block": "支出", "values": values(cols4, ev)})
    ev = [r.fiscal, r.fiscal, ab(None), ab(None)]
    rows.append(cells("收入总计", A.cell(r.fiscal), "支出总计", *[A.cell(v) for v in ev]))
    for name, v in inc4 + [("收入总计", r.fiscal)]:
        t_in.append({"code": None, "name": name, "block": "收入", "values": {"预算数": A.truth(v)}})
    t_out.append({"code": None, "name": "支出总计", "block": "支出", "values": values(cols4, ev)})
    side = rng.choice([("收入", "支出"), ("财政拨款收入", "财政拨款支出")])
    t = TableSpec(code, title, "注：本表反映本部门本年度财政拨款收支预算总体情况。",
                  [[(side[0], 2), (side[1], 5)], cells(xm, "预算数", xm, *cols4)], rows)
    out.append((key, t, r.unit, {"columns": ["预算数"] + cols4, "rows": t_in + t_out}))

    # ---- 表5 一般公共预算支出预算表
    key, title, code = key_title(4)
    if rng.random() < 0.5:
        label = "一般公共预算支出"
        hdr = [[(xm, 2), (label, 3)], cells(code_hdr, "科目名称", *cols3)]
        cols = [f"{label}/{c}" for c in cols3]
    else:
        hdr = [cells(code_hdr, "科目名称", *cols3)]
        cols = cols3

    def fiscal_vals(row: dict) -> list[Optional[int]]:
        return [row["basic_f"] + row["proj_f"], ab(row["basic_f"]), ab(row["proj_f"])]

    fiscal_rows = [row for row in r.rows if row["basic_f"] + row["proj_f"] > 0]
    out.append(_subject_table(r, key, title, code, hdr, cols, fiscal_vals, total_row, A,
                              "注：本表反映本部门本年度一般公共预算财政拨款支出预算情况。", fiscal_rows))

    # ---- 表6 一般公共预算基本支出预算表 (经济分类)
    key, title, code = key_title(5)
    three_cols = rng.random() < 0.4
    cols6 = ["合计", "人员经费", "公用经费"] if three_cols else ["预算数"]
    hdr6 = [cells(rng.choice(["经济分类科目编码", "科目编码"]), "科目名称", *cols6)]
    indent = rng.choice(["", "  "])
    body6 = []
    for cat in ("301", "302", "303", "307", "310", "399"):
        if not r.econ_cat[cat]:
            continue
        body6.append((cat, ECON[cat][0], r.econ_cat[cat], cat in PERSONNEL))
        for c, n in ECON[cat][1]:
            if r.econ.get(c):
                body6.append((c, n, r.econ[c], cat in PERSONNEL))

    def econ_vals(v: int, pers: Optional[bool]) -> list[Optional[int]]:
        if not three_cols:
            return [v]
        if pers is None:
            return [v, r.personnel, r.public]
        return [v, v if pers else ab(None), ab(None) if pers else v]

    rows6, t6 = [], []
    tot = ("合计", econ_vals(r.basic_f, None))
    for c, n, v, pers in body6:
        vals = econ_vals(v, pers)
        rows6.append(cells(c, (indent + n) if len(c) == 5 else n, *[A.cell(x) for x in vals]))
        t6.append({"code": c, "name": n, "values": values(cols6, vals)})
    trow = [("合计", 2)] + cells(*[A.cell(x) for x in tot[1]])
    ttruth = {"code": None, "name": "合计", "values": values(cols6, tot[1])}
    if r.total_first:
        rows6.insert(0, trow)
        t6.insert(0, ttruth)
    else:
        rows6.append(trow)
        t6.append(ttruth)
    t = TableSpec(code, title, "注：本表反映本部门本年度一般公共预算基本支出经济分类预算情况。", hdr6, rows6)
    out.append((key, t, r.unit, {"columns": cols6, "rows": t6}))

    # ---- 表7 “三公” 经费
    key, title, code = key_title(6)
    A3 = _Amt(r.fmt, r.three_unit, r.sep)
    tp = r.tp
    v7 = [sum(tp.values()), tp["abroad"], tp["car_buy"] + tp["car_run"], tp["car_buy"], tp["car_run"], tp["reception"]]
    car = "公务用车购置及运行费"
    sub = ["合计", "因公出国（境）费", f"{car}/小计", f"{car}/购置费", f"{car}/运行费", "公务接待费"]
    hdr7 = [[("合计", 1), ("因公出国（境）费", 1), (car, 3), ("公务接待费", 1)],
            cells("", "", "小计", "购置费", "运行费", "")]
    if rng.random() < 0.3:
        top = rng.choice(["“三公”经费预算数", "预算数"])
        hdr7.insert(0, [(top, 6)])
        sub = [f"{top}/{s}" for s in sub]
    t = TableSpec(code, title, "注：本表反映本部门本年度一般公共预算财政拨款安排的“三公”经费预算情况。",
                  hdr7, [cells(*[A3.cell(v) for v in v7])])
    out.append((key, t, r.three_unit,
                {"columns": sub, "rows": [{"code": None, "name": "三公经费", "values": values(sub, v7, A3)}]}))

    # ---- 表8 政府性基金 (empty)
    key, title, code = key_title(7)
    hdr8 = [cells(code_hdr, "科目名称", *cols3)]
    v8 = [ab(None)] * 3
    t = TableSpec(code, title, f"注：本部门{y}年无政府性基金预算拨款安排的支出，故本表为空表。", hdr8,
                  [[("合计", 2)] + cells(*[A.cell(v) for v in v8]), cells(*[""] * 5)])
    out.append((key, t, r.unit, {"columns": cols3, "rows": [{"code": None, "name": "合计", "values": values(cols3, v8)}]}))

    # ---- 表9 项目支出绩效目标表 (one per project; not in the truth's tables)
    key, title, code = key_title(8)
    for i, p in enumerate(r.projects):
        pcode = code if not code or len(r.projects) == 1 else f"{code}-{i + 1}"
        rows = [[("项目名称", 1), (p["name"], 3)],
                [(rng.choice(["主管部门", "实施单位"]), 1), (r.department, 3)],
                [(rng.choice(["预算金额（万元）", "项目资金（万元）"]), 1), (r.fmt.money(p["budget"]), 3)],
                [("年度绩效目标", 1), (p["goal"], 3)],
                cells("一级指标", "二级指标", "三级指标", "指标值")]
        last1 = last2 = None
        for ind in p["targets"]:
            rows.append(cells(ind["level1"] if ind["level1"] != last1 else "",
                              ind["level2"] if (ind["level2"], ind["level1"]) != (last2, last1) else "",
                              ind["name"], ind["target"]))
            last1, last2 = ind["level1"], ind["level2"]
        t = TableSpec(pcode, title, "注：本表反映本部门本年度重点项目的绩效目标。", rows[:1], rows[1:], vmerge=(0, 1))
        out.append((key, t, "万元", None))
    return out


def _subject_table(r: BudgetReport, key: str, title: str, code: str, hdr: list, cols: list[str], fn,
                   total: dict, A: _Amt, note: str, rows_src: Optional[list[dict]] = None):
    """A 功能分类 table: a 合计 row (first or last, by the report's style) and the 类/款/项 rows."""
    rows, truth = [], []
    for row in (r.rows if rows_src is None else rows_src):
        vals = fn(row)
        rows.append(cells(row["code"], row["name"], *[A.cell(v) for v in vals]))
        truth.append({"code": row["code"], "name": row["name"], "values": {c: A.truth(v) for c, v in zip(cols, vals)}})
    vals = fn(total)
    trow = [("合计", 2)] + cells(*[A.cell(v) for v in vals])
    ttruth = {"code": None, "name": "合计", "values": {c: A.truth(v) for c, v in zip(cols, vals)}}
    if r.total_first:
        rows.insert(0, trow)
        truth.insert(0, ttruth)
    else:
        rows.append(trow)
        truth.append(ttruth)
    return key, TableSpec(code, title, note, hdr, rows), r.unit, {"columns": cols, "rows": truth}


def _render_budget_table(r: BudgetReport, t: TableSpec, unit: str, layout: str, rng: random.Random) -> list[str]:
    pad = rng.choice(["\t\t\t", "\t" * 6, " " * 50 + "\t", "　\t" * 5])
    dept_pad = rng.choice(["\t\t\t\t" + " " * 30, "\t　\t　\t", " " * 24])
    unit_line = f"{r.dept_label}{r.department}{dept_pad}单位：{unit}"
    if t.code:
        code_line = pad + t.code + rng.choice(["", "  "])
        out = [code_line, t.title] if r.code_first else [t.title, code_line]
    else:
        out = [t.title]
    out.append(unit_line)
    out += table_body(t, layout)
    out += ["", t.note]
    return out


def _change(f: Fmt, cur: int, prev: int, base: str) -> tuple[str, str, Optional[str], Optional[str]]:
    """(phrase, direction, change, rate) comparing cur with prev (hundredths of 万元): “比上年预算增加B万元，
    增长C%” / “与上年预算持平”."""
    if cur == prev:
        return f"与上年{base}持平", "持平", None, None
    d = abs(cur - prev)
    word, word2 = ("增加", "增长") if cur > prev else ("减少", "下降")
    rate = f.rate(d, prev)
    if rate is None:
        return f"比上年{base}{word}{f.money(d)}万元", word, f.money(d), None
    return f"比上年{base}{word}{f.money(d)}万元，{word2}{rate}%", word, f.money(d), rate


def _budget_expl_lines(r: BudgetReport, i: int, e: dict) -> tuple[list[str], dict]:
    f = r.fmt
    y = r.year
    k, s, x = subject_path(e["code"])
    a, prev = e["budget"], e["prev"]
    subject = f"{k}（类）{s}（款）{x}（项）"
    reason = e["reason"]
    if r.expl_style == "plain":
        phrase, direction, change, rate = _change(f, a, prev, r.base_word)
        body = f"{y}年预算数为{f.money(a)}万元，{phrase}"
        body += f"，主要原因是：{reason}" if reason else "。"
        lines = [f"{i}、{subject}：{body}"]
    else:
        direction = "持平" if a == prev else ("增加" if a > prev else "减少")
        change, rate = None, None
        head = f"{i}、{subject}{f.money(a)}万元。主要用于：{e['use']}。"
        body = f"{y - 1}年当年预算执行数为{f.money(prev)}万元，{y}年预算安排{f.money(a)}万元，"
        if direction == "持平":
            body += f"与{y - 1}年预算执行数持平。"
        elif prev == 0:
            change = f.money(a)
            body += f"比{y - 1}年预算执行数增加{change}万元。主要原因是：{reason}"
        else:
            rate = f.rate(abs(a - prev), prev)
            body += f"比{y - 1}年预算执行数{direction}{rate}%。主要原因是：{reason}"
        lines = [head + body] if r.rng.random() < 0.7 else [head, body]
    truth = {"subject": f"{k}/{s}/{x}", "code": e["code"], "budget": f.money(a), "actual": None,
             "completion_rate": None, "direction": direction, "reason": reason, "change": change, "change_rate": rate}
    return lines, truth


def _budget_narrative(r: BudgetReport, refs: dict) -> tuple[list[str], list[dict]]:
    rng = r.rng
    f = r.fmt
    y = r.year
    W = lambda fen: f.money(_wan(fen))  # noqa: E731
    tot = _wan(r.total)
    L: list[str] = ["第三部分", "", f"{y}年部门预算情况说明"] + blank_lines(rng, 1, 3)
    L.append("一、收支预算总体情况")
    phrase, d, _, _ = _change(f, tot, r.prev_total, "预算")
    line = f"{y}年收入预算{W(r.total)}万元，支出预算{W(r.total)}万元，{phrase}"
    line += f"，主要原因是：{r.total_reason[d]}。" if d != "持平" else "。"
    L.append(line)
    L.append("二、收入预算情况")
    parts = [f"一般公共预算拨款收入{W(r.fiscal)}万元，占{share(_wan(r.fiscal), tot)}%"]
    if r.shiye:
        parts.append(f"事业收入{W(r.shiye)}万元，占{share(_wan(r.shiye), tot)}%")
    if r.other:
        parts.append(f"其他收入{W(r.other)}万元，占{share(_wan(r.other), tot)}%")
    if r.carry:
        parts.append(f"上年结转{W(r.carry)}万元，占{share(_wan(r.carry), tot)}%")
    L.append(f"{y}年收入预算{W(r.total)}万元，其中：" + "；".join(parts) + "。")
    L.append("三、支出预算情况")
    L.append(f"{y}年支出预算{W(r.total)}万元，其中：基本支出{W(r.basic_all)}万元，占{share(_wan(r.basic_all), tot)}%；"
             f"项目支出{W(r.proj_all)}万元，占{share(_wan(r.proj_all), tot)}%。")
    L.append("四、财政拨款收支预算情况")
    phrase, d, _, _ = _change(f, _wan(r.fiscal), r.prev_fiscal, "预算")
    L.append(f"{y}年财政拨款收支预算总计{W(r.fiscal)}万元，全部为一般公共预算拨款，{phrase}。")
    L.append("五、一般公共预算支出预算情况")
    L.append("（一）一般公共预算支出预算总体情况")
    line = f"{y}年一般公共预算拨款支出预算{W(r.fiscal)}万元，占本年支出合计的{share(_wan(r.fiscal), tot)}%，{phrase}"
    line += f"，主要原因是：{r.fiscal_reason[d]}。" if d != "持平" else "。"
    L.append(line)
    L.append("（二）一般公共预算支出预算结构情况")
    parts = []
    for row in r.rows:
        if row["level"] == "类":
            v = _wan(row["basic_f"] + row["proj_f"])
            parts.append(f"{row['name']}{f.money(v)}万元，占{share(v, _wan(r.fiscal))}%")
    L.append(f"{y}年一般公共预算拨款支出预算{W(r.fiscal)}万元，主要用于以下方面：" + "；".join(parts) + "。")
    L.append("（三）一般公共预算支出预算具体情况")
    explanations = []
    for i, e in enumerate(r.expl, 1):
        lines, truth = _budget_expl_lines(r, i, e)
        L += lines
        explanations.append(truth)
    L.append("六、一般公共预算基本支出预算情况")
    pers = [n for cat in PERSONNEL for c, n in ECON[cat][1] if r.econ.get(c)]
    pub = [n for cat in PUBLIC for c, n in ECON[cat][1] if r.econ.get(c)]
    L.append(f"{y}年一般公共预算基本支出预算{W(r.basic_f)}万元，其中：人员经费{W(r.personnel)}万元，主要包括："
             f"{'、'.join(pers)}；公用经费{W(r.public)}万元，主要包括：{'、'.join(pub)}。")
    L.append("七、一般公共预算“三公”经费支出预算情况")
    tp = {k: _wan(v) for k, v in r.tp.items()}
    t3, p3 = sum(tp.values()), sum(r.tp_prev.values())
    phrase, d, _, _ = _change(f, t3, p3, "预算")
    if t3 == 0 and p3 == 0:
        L.append(f"{y}年“三公”经费预算数为0万元，{phrase}，本部门未安排因公出国（境）费、公务用车购置及运行费和公务接待费预算。")
    else:
        line = f"{y}年“三公”经费预算数为{f.money(t3)}万元，{phrase}"
        line += f"，主要原因是：{r.tp_reason}。" if d != "持平" else "。"
        L.append(line)
        car, carp = tp["car_buy"] + tp["car_run"], r.tp_prev["car_buy"] + r.tp_prev["car_run"]
        L.append(f"其中：因公出国（境）费{f.money(tp['abroad'])}万元，{_change(f, tp['abroad'], r.tp_prev['abroad'], '预算')[0]}；"
                 f"公务用车购置及运行费{f.money(car)}万元，{_change(f, car, carp, '预算')[0]}，其中：公务用车购置费"
                 f"{f.money(tp['car_buy'])}万元，公务用车运行费{f.money(tp['car_run'])}万元；"
                 f"公务接待费{f.money(tp['reception'])}万元，{_change(f, tp['reception'], r.tp_prev['reception'], '预算')[0]}。")
    L.append("八、政府性基金预算支出情况")
    L.append(f"本部门{y}年无政府性基金预算拨款安排的支出，{refs['fund']}为空表。")
    L.append("九、其他重要事项的情况说明")
    L.append("（一）机关运行经费预算")
    phrase, d, _, _ = _change(f, _wan(r.public), r.prev_public, "预算")
    L.append(f"{y}年本部门机关运行经费预算{W(r.public)}万元，{phrase}，主要用于办公、印刷、水电、邮电、差旅等日常公用经费支出。")
    L.append("（二）政府采购预算情况")
    g = r.procurement
    L.append(f"{y}年本部门政府采购预算总额{f.money(sum(g))}万元，其中：政府采购货物预算{f.money(g[0])}万元、"
             f"政府采购工程预算{f.money(g[1])}万元、政府采购服务预算{f.money(g[2])}万元。")
    L.append("（三）国有资产占用情况")
    L.append(f"截至{y - 1}年12月31日，本部门共有车辆{r.cars}辆，其中：主要领导干部用车0辆、执法执勤用车{r.cars}辆、"
             f"特种专业技术用车0辆、其他用车0辆；单位价值50万元以上通用设备0台（套），单位价值100万元以上专用设备0台（套）。")
    L.append("（四）绩效目标设置情况")
    L.append(f"按照预算绩效管理要求，本部门{y}年共{len(r.projects)}个项目编制了绩效目标，涉及项目预算资金"
             f"{f.money(sum(p['budget'] for p in r.projects))}万元，具体见{refs['perf']}。")
    return L, explanations


def _budget_titles_re() -> re.Pattern:
    titles = sorted({t for pair in BUDGET_TABLES for t in pair}, key=len, reverse=True)
    prefix = r"(?:\d{4}年(?:度)?)?(?:部门)?"
    return re.compile(r"^\s*(?:\[bookmark: [^\]]*\])?(?:\*\*)?\s*(?:表\s?\d{1,2}(?:-\d{1,2})?|" + prefix +
                      "(?:" + "|".join(re.escape(t) for t in titles) + r"))\s*(?:\*\*)?\s*$")


BUDGET_NOISE = NoiseProfile(
    start=_budget_titles_re(),
    data_first=re.compile(r"(栏\s*次|\d|[一二三四五六七八九十]+、)"),
    figure=re.compile(r"[\d.,]+"),
    breakable={**BREAKABLE, "一般公共预算拨款收入": ("一般公共预算", "拨款收入"),
               "政府性基金预算拨款收入": ("政府性基金预算", "拨款收入"),
               "国有资本经营预算拨款收入": ("国有资本经营", "预算拨款收入"),
               "经济分类科目编码": ("经济分类", "科目编码"),
               "公务用车购置及运行费": ("公务用车购置及", "运行费"),
               "政府性基金预算": ("政府性基金", "预算"), "国有资本经营预算": ("国有资本", "经营预算")},
    toc_after=re.compile(r"部门预算\**$"),
)


def _render_budget(r: BudgetReport, layout: str, lay_rng: random.Random,
                   rec: Optional[Recorder] = None) -> tuple[str, dict]:
    rng = r.rng
    y = r.year
    tables = _budget_tables(r)
    refs = {"fund": ("表8" if r.numbered else "政府性基金预算支出表"),
            "perf": ("表9" if r.numbered else "项目支出绩效目标表")}
    L: list[str] = [f"{y}年{r.department}部门预算"] + blank_lines(rng, 2, 8)
    L += [" 第一部分", f"{r.department}部门概况"] + blank_lines(rng, 2, 10)
    L.append("一、部门职责")
    duties = rng.sample(DUTY_TEMPLATES[:-1], rng.randint(2, 5)) + [DUTY_TEMPLATES[-1]]
    for i, d in enumerate(duties, 1):
        L.append(f"（{cn_num(i)}）{d.format(d=r.domain)}")
    L.append("二、机构设置")
    L.append(f"{r.department}内设机构{len(r.offices)}个，包括：{'、'.join(r.offices)}。"
             f"纳入{y}年部门预算编制范围的单位为{r.department}本级。")
    L.append("三、人员编制情况")
    L.append(f"本部门共有编制人数{r.authorized}人，实有人数{r.actual_staff}人；另有离退休人员{r.retired}人。")
    L += [" 第二部分", rng.choice(["部门预算表", f"{y}年部门预算表"])] + blank_lines(rng, 2, 8)
    ttruth: dict = {}
    for key, t, unit, truth in tables:
        lay = layout if layout != "mixed" else lay_rng.choice(["flat", "pipe", "tsv"])
        start = len(L)
        L += _render_budget_table(r, t, unit, lay, lay_rng)
        if rec is not None:
            rec.table(L, start, 3 if t.code else 2, t, lay, unit=unit, dept_label=r.dept_label, key=key,
                      code_first=r.code_first)
        L += blank_lines(rng, 1, 5)
        if truth is not None:
            ttruth[key] = {"unit": unit, **truth}
    nar, explanations = _budget_narrative(r, refs)
    L += nar
    L += blank_lines(rng, 3, 8) + ["第四部分    名词解释"] + blank_lines(rng, 1, 4)
    for i, d in enumerate(DEFINITIONS, 1):
        L.append(f"{cn_num(i)}、{d}")
    L.append(f"{cn_num(len(DEFINITIONS) + 1)}、上年结转：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。")
    if rec is not None:
        rec.lines, rec.model, rec.kind = L, r, "budget"
    text = "\n".join(L) + "\n"
    f = r.fmt
    W = lambda fen: f.money(_wan(fen))  # noqa: E731
    truth = {
        "file": None,
        "report": {"department": r.department, "year": y, "kind": "部门预算"},
        "unit": "万元",
        "tables": ttruth,
        "explanations": explanations,
        "projects": [{"name": p["name"], "parent": None, "budget": f.money(p["budget"]), "actual": None,
                      "completion_rate": None, "score": None, "grade": None} for p in r.projects],
        "performance": {"score": None, "grade": None, "indicators": []},
        "targets": [{"project": p["name"], "level1": t["level1"], "level2": t["level2"], "name": t["name"],
                     "target": t["target"]} for p in r.projects for t in p["targets"]],
        "totals": {
            "income_total": W(r.total),
            "expenditure_total": W(r.total),
            "basic_expenditure": W(r.basic_all),
            "project_expenditure": W(r.proj_all),
            "three_public_total": f.money(sum(_wan(v) for v in r.tp.values())),
        },
        "staff": {"authorized": str(r.authorized), "actual": str(r.actual_staff)},
    }
    return text, truth


def generate_budget(seed: int, noise: float, layout: str, rec: Optional[Recorder] = None) -> tuple[str, dict]:
    r = BudgetReport(random.Random(f"budget-{seed}"))
    text, truth = _render_budget(r, layout, random.Random(f"budget-layout-{seed}"), rec)
    if noise > 0:
        text = add_noise(text, random.Random(f"budget-noise-{seed}"), noise, BUDGET_NOISE)
    return text, truth
