"""The 部门决算 report (kind="final"): `generate_final(seed, noise, layout)` writes the text of a
fictional department's 决算 and its truth in the format of tests/expected/FORMAT.md — 第一部分
概况, the nine 决算 tables 公开01表–09表, the 第三部分 narrative, the 名词解释, and the 附件
self-evaluation. All amounts are consistent (类 = Σ款 = Σ项, 合计 = 基本 + 项目, 02/03/05 agree,
01/04 totals, 06 sums to 05's 基本支出, the narrative restates the tables). `Report` is the model
(all figures, drawn from the seed); the 绩效自评 kind (self_eval.py) builds on it.

Not the other kinds (budget.py, self_eval.py), not the choice of kind (kinds.py), not DOCX / PDF.
"""
from __future__ import annotations

import random
from decimal import Decimal
from typing import Optional

from .amounts import Fmt, cents_between, from_tenths, partition, share
from .catalog import CLASS_LINES, CLASSES, ECON, ECON_GROUPS, INCOME_LINES_01, ITEMS, PERSONNEL, PUBLIC, SECTIONS
from .noise import add_noise
from .numerals import cn_num
from .phrases import DEFINITIONS, DEPARTMENTS, DUTY_TEMPLATES, EFFECTS, PLACE_1, PLACE_2, PROJECT_SUFFIXES
from .recording import Recorder
from .spacing import blank_lines
from .subjects import choose_subjects, subject_path
from .tables import TableSpec, cells, table_body


YOY_REASONS = [
    "人员结构调整及工资标准提高",
    "年中追加了信息化建设专项经费",
    "落实过紧日子要求，压减一般性支出",
    "部分专项工作任务完成后不再安排经费",
    "新增临时性重点工作任务，相应增加支出",
    "退休人员增加，养老保险缴费基数提高",
]


# reasons by direction and by kind of subject (staff-related basic spending or project spending)
REASONS = {
    ("大于", "basic"): [
        "人员增加及社会保险缴费基数调整",
        "一是绩效工资标准调整；二是年中新进工作人员",
        "据实结算以前年度应付未付款项",
        "缴费基数上调，年中按程序追加预算",
    ],
    ("小于", "basic"): [
        "严格控制一般性支出，节约了办公经费",
        "人员调出及退休导致工资性支出减少",
        "部分人员年中调离，相应缴费减少",
    ],
    ("大于", "project"): [
        "年中追加了专项业务工作经费",
        "上级转移支付资金在年中下达",
        "新增重点工作任务，年中按程序调整预算",
    ],
    ("小于", "project"): [
        "部分项目按工程进度拨付资金，尚未全部支出",
        "政府采购形成资金节约",
        "项目年底未完成验收，资金结转下年使用",
    ],
}


PROJECT_GENERIC_TOPICS = ["机关办公信息化", "档案整理", "安全生产宣传", "机关党建", "政务公开", "保密设备更新"]
PROJECT_USES = [
    "主要用于{t}相关设备采购与维护",
    "主要用于支付{t}第三方技术服务费用",
    "主要用于开展{t}工作的培训、宣传和督导",
    "主要用于{t}的现场核查和资料整理",
]
PROJECT_COMMENTS = [
    "项目资金按合同约定及时支付，未偏离绩效目标",
    "项目实施进度符合预期，服务对象满意度较高",
    "部分资金因采购程序未完成而结转，下一步将加快执行进度",
    "项目产出数量和质量均达到年初设定目标",
]


def render_table(t: TableSpec, layout: str, dept: str, rng: random.Random) -> list[str]:
    pad = rng.choice(["\t\t\t", "\t" * 8, " " * 60 + "\t", "　\t" * 6])
    dept_pad = rng.choice(["\t\t\t\t\t" + " " * 40, "\t　\t　\t　\t", " " * 30])
    out = [t.title, pad + t.code + rng.choice(["", "  "]), f"部门：{dept}{dept_pad}单位：万元"]
    out += table_body(t, layout)
    out.append("")
    out.append(t.note)
    if t.after:
        out.append(t.after)
    return out


def _aggregate(subjects: list[dict]) -> list[dict]:
    """类 / 款 / 项 rows in printed order with summed amounts (basic, proj fiscal, other)."""
    rows: list[dict] = []
    seen: dict[str, dict] = {}
    for s in subjects:
        c = s["code"]
        for level, code, name in (("类", c[:3], CLASSES[c[:3]]), ("款", c[:5], SECTIONS[c[:5]]),
                                  ("项", c, ITEMS[c])):
            r = seen.get(code)
            if r is None:
                r = {"code": code, "name": name, "level": level, "basic": 0, "proj": 0, "other": 0}
                seen[code] = r
                rows.append(r)
            r["basic"] += s["basic"]
            r["proj"] += s["proj"]
            r["other"] += s["other"]
    return rows


class Report:
    """All the figures of one synthetic report, drawn from rng."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.fmt = Fmt(strip=rng.random() < 0.6, rate_places=rng.choice([2, 2, 2, 1]))
        self.year = rng.randint(2019, 2025)
        dept = rng.choice(DEPARTMENTS)
        self.dept_spec = dept
        self.body, self.kind = dept[0], dept[1]
        city = rng.choice(PLACE_1) + rng.choice(PLACE_2) + "市"
        while True:
            area = rng.choice(PLACE_1) + rng.choice(PLACE_2)
            if area + "市" != city:
                break
        self.department = city + area + rng.choice(["区", "区", "县"]) + self.body
        self.topics = dept[5]
        self.domain = dept[6]
        self.offices = rng.sample(dept[7], rng.randint(2, len(dept[7])))
        self.authorized = rng.randint(6, 80)
        self.actual_staff = max(1, self.authorized - rng.randint(-2, 6))

        self.subjects = choose_subjects(rng, dept)
        # other (non-fiscal) income, spent as 项目支出 of one project subject
        if rng.random() < 0.25:
            target = rng.choice([s for s in self.subjects if s["proj"] > 0])
            target["other"] = cents_between(rng, 1, 40)
        self.rows = _aggregate(self.subjects)

        self.basic = sum(s["basic"] for s in self.subjects)
        self.proj_fiscal = sum(s["proj"] for s in self.subjects)
        self.other = sum(s["other"] for s in self.subjects)
        self.fiscal = self.basic + self.proj_fiscal
        self.total = self.fiscal + self.other
        self.proj_all = self.proj_fiscal + self.other

        self._three_public_and_econ()
        self._explanations()
        self._projects()
        self.perf_score = from_tenths(rng.randint(900, 995))
        self.perf_grade = "优秀"
        self.perf_budget = self.total + rng.choice([0, 0, cents_between(rng, 1, 50)])

    # -- 06 and 09 ------------------------------------------------------------------------
    def _three_public_and_econ(self) -> None:
        rng = self.rng
        op = next(s for s in self.subjects if s["role"] == "op")
        public = max(200, int(op["basic"] * rng.uniform(0.12, 0.40)))
        # 三公 (financial appropriation), actuals are part of the public expenses
        tp = {"abroad": (0, 0), "car_buy": (0, 0), "car_run": (0, 0), "reception": (0, 0)}
        self.three_public_zero = rng.random() < 0.4
        if not self.three_public_zero:
            run = max(1, int(public * rng.uniform(0.05, 0.15)))
            rec = max(1, int(public * rng.uniform(0.02, 0.08)))
            tp["car_run"] = (int(run / rng.uniform(0.75, 1.0)), run)
            tp["reception"] = (int(rec / rng.uniform(0.6, 1.0)), rec)
            if rng.random() < 0.1:
                buy = max(1, int(public * rng.uniform(0.1, 0.25)))
                tp["car_buy"] = (buy, buy)
        self.tp = tp
        self.reception_blank = self.three_public_zero and rng.random() < 0.5

        amounts: dict[str, int] = {}
        zero_printed: set[str] = set()
        # linked items
        link = {"2080505": "30108", "2080506": "30109", "2210201": "30113", "2101101": "30110",
                "2101102": "30110", "2080501": "30302", "2080502": "30302"}
        for s in self.subjects:
            if s["code"] in link:
                amounts[link[s["code"]]] = amounts.get(link[s["code"]], 0) + s["basic"]
        # public part of the operating subject
        fixed = {"30231": tp["car_run"][1], "30217": tp["reception"][1], "31013": tp["car_buy"][1]}
        fixed = {k: v for k, v in fixed.items() if v}
        rest_public = public - sum(fixed.values())
        pub_items = ["30201"] + rng.sample(
            ["30202", "30205", "30206", "30207", "30211", "30213", "30215", "30216", "30226",
             "30228", "30229", "30239", "30299"], rng.randint(3, 8))
        if rng.random() < 0.3:
            pub_items.append("31002")
        if rng.random() < 0.1:
            pub_items.append("39999")
        for code, amt in zip(pub_items, partition(rng, rest_public, len(pub_items))):
            amounts[code] = amounts.get(code, 0) + amt
        amounts.update(fixed)
        for code in ("30215", "30216"):
            if code not in amounts and rng.random() < 0.4:
                zero_printed.add(code)
        personnel_rest = op["basic"] - public
        pers_items = ["30101", "30102", "30103", "30107"] + rng.sample(
            ["30106", "30112", "30114", "30199", "30305", "30309"], rng.randint(0, 4))
        for code, amt in zip(pers_items, partition(rng, personnel_rest, len(pers_items))):
            amounts[code] = amounts.get(code, 0) + amt
        self.econ = amounts
        self.econ_zero = zero_printed
        self.econ_cat = {cat: sum(amounts.get(c, 0) for c, _ in ECON[cat][1]) for cat in ECON}
        self.personnel = sum(self.econ_cat[c] for c in PERSONNEL)
        self.public = sum(self.econ_cat[c] for c in PUBLIC)
        assert self.personnel + self.public == self.basic

    # -- explanations ----------------------------------------------------------------------
    def _explanations(self) -> None:
        rng = self.rng
        self.expl = []
        for s in self.subjects:
            actual = s["basic"] + s["proj"]
            r = rng.random()
            if s["role"] == "op":
                r = max(r, 0.2)   # the operating subject always had a budget
            if r < 0.15:
                budget = 0
            elif r < 0.4:
                budget = actual
            else:
                budget = int(actual * rng.uniform(0.6, 1.35))
                if budget == actual or budget == 0:
                    budget = actual + 100
            e = {"code": s["code"], "budget": budget, "actual": actual}
            if budget == 0:
                e["variant"] = rng.choice(["zero_a", "zero_b", "zero_c"])
                e["direction"] = "大于"
            elif budget == actual:
                e["variant"] = rng.choice(["持平", "一致"])
                e["direction"] = "等于"
            else:
                e["direction"] = "大于" if actual > budget else "小于"
                e["variant"] = "silent" if rng.random() < 0.1 else rng.choice(["comma", "period"])
            if e["direction"] in ("大于", "小于") and e["variant"] != "silent":
                kind = "project" if s["role"] == "project" else "basic"
                e["reason"] = rng.choice(REASONS[(e["direction"], kind)]) + "。"
            else:
                e["reason"] = None
            if e["variant"] == "silent":
                e["direction"] = None
            self.expl.append(e)
        self.expl_budget = sum(e["budget"] for e in self.expl)

    # -- projects --------------------------------------------------------------------------
    def _projects(self) -> None:
        rng = self.rng
        n = rng.randint(2, 5)
        n = max(1, min(n, self.proj_fiscal // 50))
        topics = list(self.topics) + rng.sample(PROJECT_GENERIC_TOPICS, 2)
        rng.shuffle(topics)
        named = [(t, t + rng.choice(PROJECT_SUFFIXES)) for t in topics[:n]]
        self.projects = []
        for i, ((topic, name), actual) in enumerate(zip(named, partition(rng, self.proj_fiscal, n))):
            budget = actual if rng.random() < 0.5 else int(actual / rng.uniform(0.7, 0.99)) + 1
            score = from_tenths(rng.randint(780, 1000))
            grade = "优秀" if Decimal(score) >= 90 else ("良好" if Decimal(score) >= 80 else "中等")
            p = {"name": name, "budget": budget, "actual": actual, "score": score, "grade": grade,
                 "evaluated": i == 0 or rng.random() < 0.8, "added": rng.random() < 0.5,
                 "use": rng.choice(PROJECT_USES).format(t=topic)}
            self.projects.append(p)


def _tables(r: Report) -> tuple[list[TableSpec], dict]:
    """The nine tables and the truth of 01/02/03/05/06/09."""
    f = r.fmt
    rng = r.rng
    truth: dict = {}
    class_lines = CLASS_LINES if r.year >= 2020 else CLASS_LINES[:-1]
    K = len(class_lines)
    by_class_all = {row["name"]: row["basic"] + row["proj"] + row["other"] for row in r.rows if row["level"] == "类"}
    by_class_fiscal = {row["name"]: row["basic"] + row["proj"] for row in r.rows if row["level"] == "类"}
    zero_class = rng.choice([None, "教育支出", "公共安全支出"]) if rng.random() < 0.3 else None
    carry_zero = rng.random() < 0.5  # 年初结转和结余 printed "0" or blank

    # ---- 01 收入支出决算总表
    income_vals: list[Optional[int]] = [r.fiscal] + [None] * 6 + [r.other if r.other else None]
    exp_vals: list[Optional[int]] = []
    for name in class_lines:
        if name in by_class_all:
            exp_vals.append(by_class_all[name])
        elif name == zero_class:
            exp_vals.append(0)
        else:
            exp_vals.append(None)
    rows01 = []
    t_rows_in, t_rows_out = [], []
    for i in range(K):
        if i < len(INCOME_LINES_01):
            iname = f"{cn_num(i + 1)}、{INCOME_LINES_01[i]}"
            ival = income_vals[i]
            t_rows_in.append({"code": None, "name": iname, "block": "收入", "values": {"决算数": None if ival is None else f.money(ival)}})
        else:
            iname, ival = "", None
        ename = f"{cn_num(i + 1)}、{class_lines[i]}"
        t_rows_out.append({"code": None, "name": ename, "block": "支出", "values": {"决算数": None if exp_vals[i] is None else f.money(exp_vals[i])}})
        rows01.append(cells(iname, str(i + 1), f.cell(ival), ename, str(K + 5 + i), f.cell(exp_vals[i])))
    tail = [
        ("本年收入合计", r.total, "本年支出合计", r.total),
        ("使用非财政拨款结余（含专用结余）", None, "结余分配", None),
        ("年初结转和结余", 0 if carry_zero else None, "年末结转和结余", None),
        ("总计", r.total, "总计", r.total),
    ]
    for j, (iname, ival, ename, evl) in enumerate(tail):
        rows01.append(cells(iname, str(K + 1 + j), f.cell(ival), ename, str(2 * K + 5 + j), f.cell(evl)))
        t_rows_in.append({"code": None, "name": iname, "block": "收入", "values": {"决算数": None if ival is None else f.money(ival)}})
        t_rows_out.append({"code": None, "name": ename, "block": "支出", "values": {"决算数": None if evl is None else f.money(evl)}})
    xm = rng.choice(["项    目", "项目", "项  目"])
    lc = rng.choice(["栏    次", "栏次"])
    t01 = TableSpec("公开01表", "收入支出决算总表",
                    "注：本表反映本部门本年度收入、支出总体情况及年末结转结余情况。",
                    [[("收入", 3), ("支出", 3)], cells(xm, "行次", "决算数", xm, "行次", "决算数"),
                     cells(lc, "", "1", lc, "", "2")], rows01)
    truth["公开01表"] = {"columns": ["决算数"], "rows": t_rows_in + t_rows_out}

    # ---- 02 收入决算表
    cols02 = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    filler = rng.randint(0, 2)
    hdr02 = [[(xm, 2)] + cells(*cols02), cells("功能分类科目编码", "科目名称", *[""] * 7)]
    hdr02 += [cells(*[""] * 9) for _ in range(filler)]
    hdr02.append([("栏次", 2)] + cells(*[str(i) for i in range(1, 8)]))
    total_vals02 = [r.total, r.fiscal, 0, 0, 0, 0, r.other]
    rows02 = [[("合计", 2)] + cells(*[f.money(v) for v in total_vals02])]
    t02 = [{"code": None, "name": "合计", "values": dict(zip(cols02, [f.money(v) for v in total_vals02]))}]
    for row in r.rows:
        fis = row["basic"] + row["proj"]
        vals = [fis + row["other"], fis, None, None, None, None, row["other"] or None]
        rows02.append(cells(row["code"], row["name"], *[f.cell(v) for v in vals]))
        t02.append({"code": row["code"], "name": row["name"],
                    "values": dict(zip(cols02, [None if v is None else f.money(v) for v in vals]))})
    t02s = TableSpec("公开02表", "收入决算表", "注：本表反映本部门本年度取得的各项收入情况。", hdr02, rows02)
    truth["公开02表"] = {"columns": cols02, "rows": t02}

    # ---- 03 支出决算表
    cols03 = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    hdr03 = [[(xm, 2)] + cells(*cols03), cells("功能分类科目编码", "科目名称", *[""] * 6)]
    hdr03 += [cells(*[""] * 8) for _ in range(rng.randint(0, 2))]
    hdr03.append([("栏次", 2)] + cells(*[str(i) for i in range(1, 7)]))
    total_vals03 = [r.total, r.basic, r.proj_all, 0, 0, 0]
    rows03 = [[("合计", 2)] + cells(*[f.money(v) for v in total_vals03])]
    t03 = [{"code": None, "name": "合计", "values": dict(zip(cols03, [f.money(v) for v in total_vals03]))}]
    for row in r.rows:
        p = row["proj"] + row["other"]
        vals = [row["basic"] + p, row["basic"] or None, p or None, None, None, None]
        rows03.append(cells(row["code"], row["name"], *[f.cell(v) for v in vals]))
        t03.append({"code": row["code"], "name": row["name"],
                    "values": dict(zip(cols03, [None if v is None else f.money(v) for v in vals]))})
    t03s = TableSpec("公开03表", "支出决算表", "注：本表反映本部门本年度各项支出情况。", hdr03, rows03)
    truth["公开03表"] = {"columns": cols03, "rows": t03}

    # ---- 04 财政拨款收入支出决算总表 (printed, not in the truth)
    rows04 = []
    inc04 = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    for i in range(K):
        if i < 3:
            iname, ival = f"{cn_num(i + 1)}、{inc04[i]}", (r.fiscal if i == 0 else None)
        else:
            iname, ival = "", None
        v = by_class_fiscal.get(class_lines[i])
        rows04.append(cells(iname, str(i + 1), f.cell(ival), f"{cn_num(i + 1)}、{class_lines[i]}",
                            str(K + 7 + i), f.cell(v), f.cell(v), "", ""))
    tail04 = [("本年收入合计", r.fiscal, "本年支出合计", r.fiscal),
              ("年初财政拨款结转和结余", 0, "年末财政拨款结转和结余", None),
              ("一般公共预算财政拨款", 0, "", None), ("政府性基金预算财政拨款", None, "", None),
              ("国有资本经营预算财政拨款", None, "", None), ("总计", r.fiscal, "总计", r.fiscal)]
    for j, (iname, ival, ename, evl) in enumerate(tail04):
        rows04.append(cells(iname, str(K + 1 + j), f.cell(ival), ename, str(2 * K + 7 + j),
                            f.cell(evl), f.cell(evl), "", ""))
    t04 = TableSpec("公开04表", "财政拨款收入支出决算总表",
                    "注：本表反映本部门本年度一般公共预算、政府性基金预算和国有资本经营预算财政拨款的收支及年末结转结余情况。",
                    [[("收入", 3), ("支出", 6)],
                     cells(xm, "行次", "金额", xm, "行次", "合计", "一般公共预算财政拨款",
                           "政府性基金预算财政拨款", "国有资本经营预算财政拨款"),
                     cells(lc, "", "1", lc, "", "2", "3", "4", "5")], rows04)

    # ---- 05 一般公共预算财政拨款支出决算表
    cols05 = ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    hdr05 = [[(xm.replace(" ", "") if rng.random() < 0.5 else xm, 2), ("本年支出", 3)],
             cells("功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出")]
    hdr05 += [cells(*[""] * 5) for _ in range(rng.randint(0, 2))]
    hdr05.append([("栏次", 2)] + cells("1", "2", "3"))
    tv05 = [r.fiscal, r.basic, r.proj_fiscal]
    rows05 = [[("合计", 2)] + cells(*[f.money(v) for v in tv05])]
    t05 = [{"code": None, "name": "合计", "values": dict(zip(cols05, [f.money(v) for v in tv05]))}]
    for row in r.rows:
        vals = [row["basic"] + row["proj"], row["basic"] or None, row["proj"] or None]
        rows05.append(cells(row["code"], row["name"], *[f.cell(v) for v in vals]))
        t05.append({"code": row["code"], "name": row["name"],
                    "values": dict(zip(cols05, [None if v is None else f.money(v) for v in vals]))})
    t05s = TableSpec("公开05表", "一般公共预算财政拨款支出决算表",
                     "注：本表反映本部门本年度一般公共预算财政拨款实际支出情况。", hdr05, rows05)
    truth["公开05表"] = {"columns": cols05, "rows": t05}

    # ---- 06 基本支出决算明细表
    def econ_cell(code: str) -> Optional[int]:
        if len(code) == 3:
            v = r.econ_cat[code]
            return v or None
        if code in r.econ:
            return r.econ[code]
        return 0 if code in r.econ_zero else None

    groups = []
    t06 = []
    for grp in ECON_GROUPS:
        entries = []
        for cat in grp:
            cname, items = ECON[cat]
            entries.append((cat, cname, econ_cell(cat)))
            for code, name in items:
                entries.append((code, name, econ_cell(code)))
        groups.append(entries)
        for code, name, v in entries:
            t06.append({"code": code, "name": name, "values": {"决算数": None if v is None else f.money(v)}})
    t06.append({"code": None, "name": "人员经费合计", "values": {"决算数": f.money(r.personnel)}})
    t06.append({"code": None, "name": "公用经费合计", "values": {"决算数": f.money(r.public)}})
    rows06 = []
    for i in range(max(len(g) for g in groups)):
        row = []
        for g in groups:
            if i < len(g):
                code, name, v = g[i]
                row += cells(code, ("  " + name) if len(code) == 5 else name, f.cell(v))
            else:
                row += cells("", "", "")
        rows06.append(row)
    rows06.append([("人员经费合计", 2), (f.money(r.personnel), 1), ("公用经费合计", 2), (f.money(r.public), 4)])
    t06s = TableSpec("公开06表", rng.choice(["一般公共预算财政拨款基本支出决算明细表", "一般公共预算财政拨款基本支出决算表"]),
                     "注：本表反映本部门本年度一般公共预算财政拨款基本支出的经济分类明细。",
                     [cells(*["经济分类科目编码", "科目名称", "决算数"] * 3)], rows06)
    truth["公开06表"] = {"columns": ["决算数"], "rows": t06}

    # ---- 07 / 08 empty
    t07 = TableSpec("公开07表", "政府性基金预算财政拨款收入支出决算表",
                    "注：本表反映本部门本年度政府性基金预算财政拨款收入、支出及结转结余情况。",
                    [[(xm, 2), ("年初结转和结余", 1), ("本年收入", 1), ("本年支出", 3), ("年末结转和结余", 1)],
                     cells("科目代码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""),
                     [("栏次", 2)] + cells(*[str(i) for i in range(1, 7)])],
                    [[("合计", 2)] + cells(*["0"] * 6), cells(*[""] * 8)],
                    after="说明：本部门本年度无政府性基金预算财政拨款收入及支出，故本表无数据。")
    t08 = TableSpec("公开08表", "国有资本经营预算财政拨款支出决算表",
                    "注：本表反映本部门本年度国有资本经营预算财政拨款支出情况。",
                    [[(xm, 2), ("本年支出", 3)], cells("科目代码", "科目名称", "合计", "基本支出", "项目支出"),
                     [("栏次", 2)] + cells("1", "2", "3")],
                    [[("合计", 2)] + cells("", "0", ""), cells(*[""] * 5)],
                    after="说明：本部门本年度未使用国有资本经营预算财政拨款，故本表无数据。")

    # ---- 09 三公
    tp = r.tp
    def block(i: int) -> list[Optional[int]]:
        a, b, c, d = tp["abroad"][i], tp["car_buy"][i], tp["car_run"][i], tp["reception"][i]
        rec = None if r.reception_blank else d
        return [a + b + c + d, a, b + c, b, c, rec]
    vals09 = block(0) + block(1)
    sub = ["合计", "因公出国（境）费", "公务用车购置及运行维护费/小计", "公务用车购置及运行维护费/公务用车购置费",
           "公务用车购置及运行维护费/公务用车运行维护费", "公务接待费"]
    cols09 = [f"预算数/{s}" for s in sub] + [f"决算数/{s}" for s in sub]
    lvl2 = [("合计", 1), ("因公出国（境）费", 1), ("公务用车购置及运行维护费", 3), ("公务接待费", 1)]
    lvl3 = cells("", "", "小计", "公务用车购置费", "公务用车运行维护费", "")
    t09 = TableSpec("公开09表", "财政拨款“三公”经费支出决算表",
                    "注：本表反映本部门本年度财政拨款“三公”经费支出预决算情况。预算数为调整后的全年预算数，决算数包括当年财政拨款和以前年度结转资金安排的实际支出。",
                    [[("预算数", 6), ("决算数", 6)], lvl2 + lvl2, lvl3 + lvl3, cells(*[str(i) for i in range(1, 13)])],
                    [cells(*[f.cell(v) for v in vals09])])
    truth["公开09表"] = {"columns": cols09, "rows": [
        {"code": None, "name": "三公经费", "values": dict(zip(cols09, [None if v is None else f.money(v) for v in vals09]))}]}

    return [t01, t02s, t03s, t04, t05s, t06s, t07, t08, t09], truth


def _yoy(r: Report, total: int) -> str:
    rng = r.rng
    prev = int(total * rng.uniform(0.7, 1.3))
    diff = total - prev
    if diff == 0:
        return "与上年相比持平"
    word, word2 = ("增加", "增长") if diff > 0 else ("减少", "降低")
    return (f"与上年相比，{word}{r.fmt.money(abs(diff))}万元，{word2}{share(abs(diff), prev)}%，"
            f"主要是因为{rng.choice(YOY_REASONS)}")


def _explanation_lines(r: Report, idx: int, e: dict) -> list[str]:
    rng = r.rng
    f = r.fmt
    k, s, x = subject_path(e["code"])
    sep = rng.choice(["", "", " "])
    end = rng.choice(["。", "。", "", " 。"])
    head = f"{idx}、{sep}{k}（类）{s}（款）{x}（项）{end}"
    a, b = f.money(e["budget"]), f.money(e["actual"])
    base = f"年初预算为{a}万元，支出决算为{b}万元，"
    v = e["variant"]
    d = e["direction"]
    if v == "zero_a":
        body = base + f"无法计算完成年初预算的百分比，决算数{d}年初预算数的主要原因是：{e['reason']}"
    elif v == "zero_b":
        body = base + f"由于预算数为0万元，无法计算完成预算的百分比。决算数{d}年初预算数的主要原因是：{e['reason']}"
    elif v == "zero_c":
        body = base + f"决算数{d}年初预算数的主要原因是：{e['reason']}"
    elif v in ("持平", "一致"):
        body = base + f"完成年初预算的{e['rate']}%，决算数与年初预算数{v}。"
    elif v == "silent":
        body = base + f"完成年初预算的{e['rate']}%。"
    else:
        joiner = "，" if v == "comma" else "。"
        body = base + f"完成年初预算的{e['rate']}%{joiner}决算数{d}年初预算数的主要原因是：{e['reason']}"
    return [head, body]


def _narrative(r: Report) -> list[str]:
    rng = r.rng
    f = r.fmt
    y = r.year
    L: list[str] = []
    L += ["第三部分", ""] + [f"{y}年度部门决算情况说明"] + blank_lines(rng, 1, 3)
    L.append("一、收入支出决算总体情况说明")
    L.append(f"{y}年度收、支总计{f.money(r.total)}万元。{_yoy(r, r.total)}。")
    L.append("二、收入决算情况说明")
    inc = rng.choice(["收入合计", "本年收入合计"])
    L.append(f"{y}年度{inc}{f.money(r.total)}万元，其中：财政拨款收入{f.money(r.fiscal)}万元，占{share(r.fiscal, r.total)}%；"
             f"上级补助收入0万元，占0.00%；事业收入0万元，占0.00%；经营收入0万元，占0.00%；"
             f"附属单位上缴收入0万元，占0.00%；其他收入{f.money(r.other)}万元，占{share(r.other, r.total)}%。")
    L.append("三、支出决算情况说明")
    exp = rng.choice(["支出合计", "本年支出合计"])
    L.append(f"{y}年度{exp}{f.money(r.total)}万元，其中：基本支出{f.money(r.basic)}万元，占{share(r.basic, r.total)}%；"
             f"项目支出{f.money(r.proj_all)}万元，占{share(r.proj_all, r.total)}%；上缴上级支出0万元，占0.00%；"
             f"经营支出0万元，占0.00%；对附属单位补助支出0万元，占0.00%。")
    L.append("四、财政拨款收入支出决算总体情况说明")
    L.append(f"{y}年度财政拨款收、支总计{f.money(r.fiscal)}万元，{_yoy(r, r.fiscal)}。")
    L.append("五、一般公共预算财政拨款支出决算情况说明")
    L.append("（一）一般公共预算财政拨款支出决算总体情况")
    L.append(f"{y}年度一般公共预算财政拨款支出{f.money(r.fiscal)}万元，占本年支出合计的{share(r.fiscal, r.total)}%，{_yoy(r, r.fiscal)}。")
    L.append("（二）一般公共预算财政拨款支出决算结构情况")
    parts = []
    for row in r.rows:
        if row["level"] == "类":
            v = row["basic"] + row["proj"]
            short = row["name"][:-2] if row["name"].endswith("支出") else row["name"]
            parts.append(f"{short}（类）支出{f.money(v)}万元，占{share(v, r.fiscal)}%")
    L.append(f"{y}年度一般公共预算财政拨款支出{f.money(r.fiscal)}万元，主要用于以下方面：" + "；".join(parts) + "。")
    L.append("（三）一般公共预算财政拨款支出决算具体情况")
    rate = f.rate(r.fiscal, r.expl_budget)
    if rate is None:
        L.append(f"{y}年度一般公共预算财政拨款支出年初预算数为{f.money(r.expl_budget)}万元，支出决算数为{f.money(r.fiscal)}万元，其中：")
    else:
        L.append(f"{y}年度一般公共预算财政拨款支出年初预算数为{f.money(r.expl_budget)}万元，支出决算数为{f.money(r.fiscal)}万元，"
                 f"完成年初预算的{rate}%，其中：")
    for i, e in enumerate(r.expl, 1):
        L += _explanation_lines(r, i, e)

    L.append("六、一般公共预算财政拨款基本支出决算情况说明")
    pers_names = [n for cat in PERSONNEL for c, n in ECON[cat][1] if r.econ.get(c)]
    pub_names = [n for cat in PUBLIC for c, n in ECON[cat][1] if r.econ.get(c)]
    L.append(f"{y}年度一般公共预算财政拨款基本支出{f.money(r.basic)}万元，其中：")
    L.append(f"人员经费{f.money(r.personnel)}万元，占基本支出的{share(r.personnel, r.basic)}%，主要包括{'、'.join(pers_names)}。"
             f"公用经费{f.money(r.public)}万元，占基本支出的{share(r.public, r.basic)}%，主要包括{'、'.join(pub_names)}。")

    L.append("七、财政拨款“三公”经费支出决算情况说明")
    L.append("（一）“三公”经费财政拨款支出决算总体情况说明")
    tp = r.tp
    tb = sum(v[0] for v in tp.values())
    ta = sum(v[1] for v in tp.values())
    if tb == 0:
        L.append(f"{y}年度“三公”经费财政拨款支出预算为0万元，支出决算为0万元，无法计算完成预算的百分比，决算数与预算数一致。"
                 f"本部门{y}年度未发生因公出国（境）费、公务用车购置及运行维护费和公务接待费支出。")
    else:
        L.append(f"{y}年度“三公”经费财政拨款支出预算为{f.money(tb)}万元，支出决算为{f.money(ta)}万元，完成预算的{f.rate(ta, tb)}%，"
                 f"决算数{'小于' if ta < tb else '等于'}预算数的主要原因是：严格执行中央八项规定精神，压减公务活动开支。")
    L.append("（二）“三公”经费财政拨款支出决算具体情况说明")
    L.append(f"1.因公出国（境）费支出预算为0万元，支出决算为0万元，本部门{y}年度未安排因公出国（境）团组。")
    cb, ca = tp["car_buy"][0] + tp["car_run"][0], tp["car_buy"][1] + tp["car_run"][1]
    L.append(f"2.公务用车购置费及运行维护费支出预算为{f.money(cb)}万元，支出决算为{f.money(ca)}万元。其中：")
    L.append(f"公务用车购置费支出预算为{f.money(tp['car_buy'][0])}万元，支出决算为{f.money(tp['car_buy'][1])}万元，"
             f"本年度更新公务用车{1 if tp['car_buy'][1] else 0}辆。")
    L.append(f"公务用车运行维护费支出预算为{f.money(tp['car_run'][0])}万元，支出决算为{f.money(tp['car_run'][1])}万元，"
             f"主要用于车辆燃料、维修、保险等支出。")
    guests = 0 if tp["reception"][1] == 0 else rng.randint(3, 40)
    L.append(f"3.公务接待费支出预算为{f.money(tp['reception'][0])}万元，支出决算为{f.money(tp['reception'][1])}万元，"
             f"全年共接待来访团组{guests}个、来宾{guests * rng.randint(3, 8) if guests else 0}人次。")

    L.append("八、政府性基金预算收入支出决算情况说明")
    L.append(f"本部门{y}年度无政府性基金预算财政拨款收入，也未使用政府性基金预算财政拨款安排支出，公开07表为空表。")
    L.append("九、国有资本经营预算支出决算情况说明")
    L.append(f"本部门{y}年度未使用国有资本经营预算财政拨款安排支出，公开08表为空表。")
    L.append("十、机关运行经费支出说明")
    L.append(f"本部门{y}年度机关运行经费支出{f.money(r.public)}万元，主要用于办公、水电、邮电、差旅等日常公用开支。")
    L.append("十一、一般性支出情况说明")
    meet = r.econ.get("30215", 0)
    train = r.econ.get("30216", 0)
    L.append(f"{y}年本部门开支会议费{f.money(meet)}万元，开支培训费{f.money(train)}万元；未举办节庆、晚会、论坛、赛事活动。")
    L.append("十二、政府采购支出说明")
    proc = int(r.public * rng.uniform(0.05, 0.6))
    L.append(f"本部门{y}年度政府采购支出总额{f.money(proc)}万元，其中：政府采购货物支出{f.money(proc)}万元、"
             f"政府采购工程支出0万元、政府采购服务支出0万元。")
    L.append("十三、国有资产占用情况说明")
    cars = rng.randint(0, 3)
    L.append(f"截至{y}年12月31日，本部门共有车辆{cars}辆，其中执法执勤用车{cars}辆；单位价值100万元以上设备0台（套）。")

    L.append(f"十四、{y}年度预算绩效情况说明")
    L.append("（一）绩效评价工作开展情况。")
    n = len(r.projects)
    L.append(f"一是绩效自评开展情况。组织对{y}年度本部门整体支出开展绩效自评，涉及项目{n}个，共涉及资金{f.money(r.proj_fiscal)}万元。")
    ev = [p for p in r.projects if p["evaluated"]]
    L.append("二是部门评价开展情况。组织对" + "、".join(f"“{p['name']}”" for p in ev) +
             f"等{len(ev)}个项目开展了部门评价。")
    L.append("（二）绩效评价结果。")
    L.append(f"一是绩效自评结果。{y}年度本部门整体支出全年预算数{f.money(r.perf_budget)}万元，执行数{f.money(r.total)}万元，"
             f"完成预算的{f.rate(r.total, r.perf_budget)}%，绩效自评得分{r.perf_score}分，评价等级为“{r.perf_grade}”。"
             f"绩效目标完成情况：一是重点工作任务全面完成；二是预算执行进度符合要求。")
    sentences = []
    for p in ev:
        word = rng.choice(["部门评价", "绩效自评"])
        sentences.append(f"“{p['name']}”项目全年预算数{f.money(p['budget'])}万元，执行数{f.money(p['actual'])}万元，"
                         f"完成预算的{f.rate(p['actual'], p['budget'])}%，{word}得分{p['score']}分，评价等级为“{p['grade']}”，"
                         f"{rng.choice(PROJECT_COMMENTS)}。")
    if rng.random() < 0.5:
        L.append("二是部门评价结果。" + "".join(sentences))
    else:
        L.append("二是部门评价结果。")
        L += sentences
    L.append("（三）评价结果应用情况。")
    L.append("本部门将评价结果作为改进预算管理和安排下年度预算的重要依据，对评价中发现的问题逐项整改。")
    return L


def _annex(r: Report) -> list[str]:
    rng = r.rng
    f = r.fmt
    y = r.year
    L = [" 第五部分", "", "附  件"] + blank_lines(rng, 2, 8)
    L.append(f"一、{y}年度部门整体支出绩效自评报告")
    L.append("（一）部门基本情况")
    L.append(f"本部门共有编制人数{r.authorized}人，实有人数{r.actual_staff}人。")
    L.append("（二）一般公共预算支出情况")
    L.append("1.基本支出情况")
    L.append(f"{y}年度基本支出{f.money(r.basic)}万元，其中：人员经费{f.money(r.personnel)}万元，公用经费{f.money(r.public)}万元。")
    L.append("2.项目支出情况")
    L.append(f"{y}年度项目支出{f.money(r.proj_fiscal)}万元，具体如下：")
    for i, p in enumerate(r.projects, 1):
        label = p["name"] + ("支出" if p["name"].endswith("项目") else "项目支出")
        L.append(f"{i}、{label}{f.money(p['actual'])}万元，{p['use']}。")
    added = [p for p in r.projects if p["added"]]
    if added:
        L.append("（三）项目支出绩效情况")
        for p in added:
            L.append(f"年中追加项目“{p['name']}”，金额{f.money(p['budget'])}万元，实际支出{f.money(p['actual'])}万元，"
                     f"结余结转{f.money(p['budget'] - p['actual'])}万元。项目实施及绩效情况如下：{rng.choice(EFFECTS)}。")
    L.append("（四）存在的问题及原因分析")
    L.append("部分项目预算编制不够精细，年中调整较多；绩效目标设置的量化程度有待提高。")
    L.append("（五）下一步改进措施")
    L.append("一是提高预算编制的准确性；二是加强绩效运行监控，及时纠正偏差；三是强化评价结果应用。")
    return L


def _render(r: Report, layout: str, lay_rng: random.Random, rec: Optional[Recorder] = None) -> tuple[str, dict]:
    rng = r.rng
    tables, ttruth = _tables(r)
    L: list[str] = [" 第一部分", f"{r.department}部门概况"] + blank_lines(rng, 3, 15)
    L.append("一、部门职责")
    duties = rng.sample(DUTY_TEMPLATES[:-1], rng.randint(2, 5)) + [DUTY_TEMPLATES[-1]]
    for i, d in enumerate(duties, 1):
        L.append(f"（{cn_num(i)}）{d.format(d=r.domain)}")
    L.append("二、机构设置及决算单位构成")
    L.append(f"（一）内设机构设置。{r.department}内设机构{len(r.offices)}个，包括：{'、'.join(r.offices)}。"
             f"本部门共有编制人数{r.authorized}人，实有人数{r.actual_staff}人。")
    L.append(f"（二）决算单位构成。{r.department}{r.year}年部门决算汇总公开单位构成包括：{r.department}本级。")
    L += [" 第二部分", rng.choice(["部门决算表", f"{r.year}年度部门决算表"])] + blank_lines(rng, 2, 12)
    for t in tables:
        lay = layout if layout != "mixed" else lay_rng.choice(["flat", "pipe", "tsv"])
        start = len(L)
        L += render_table(t, lay, r.department, lay_rng)
        if rec is not None:
            rec.table(L, start, 3, t, lay, unit="万元", dept_label="部门：", key=t.code)
        L += blank_lines(rng, 1, 6)
    L += _narrative(r)
    L += blank_lines(rng, 3, 10) + ["第四部分    名词解释"] + blank_lines(rng, 1, 5)
    for i, d in enumerate(DEFINITIONS, 1):
        L.append(f"{cn_num(i)}、{d}")
    L += blank_lines(rng, 3, 10)
    L += _annex(r)
    if rec is not None:
        rec.lines, rec.model, rec.kind = L, r, "final"
    text = "\n".join(L) + "\n"

    f = r.fmt
    explanations = []
    for e in r.expl:
        explanations.append({
            "subject": "/".join(subject_path(e["code"])),
            "code": e["code"],
            "budget": f.money(e["budget"]),
            "actual": f.money(e["actual"]),
            "completion_rate": e.get("rate"),
            "direction": e["direction"],
            "reason": e["reason"],
        })
    ev = [p for p in r.projects if p["evaluated"]]
    rest = [p for p in r.projects if not p["evaluated"]]
    projects = []
    for p in ev + rest:
        known_budget = p["evaluated"] or p["added"]
        projects.append({
            "name": p["name"], "parent": None,
            "budget": f.money(p["budget"]) if known_budget else None,
            "actual": f.money(p["actual"]),
            "completion_rate": f.rate(p["actual"], p["budget"]) if p["evaluated"] else None,
            "score": p["score"] if p["evaluated"] else None,
            "grade": p["grade"] if p["evaluated"] else None,
        })
    truth = {
        "file": None,
        "report": {"department": r.department, "year": r.year, "kind": "部门决算"},
        "unit": "万元",
        "tables": ttruth,
        "explanations": explanations,
        "projects": projects,
        "performance": {"score": r.perf_score, "grade": r.perf_grade, "indicators": []},
        "totals": {
            "income_total": f.money(r.total),
            "expenditure_total": f.money(r.total),
            "basic_expenditure": f.money(r.basic),
            "project_expenditure": f.money(r.proj_all),
            "personnel_expenditure": f.money(r.personnel),
            "public_expenditure": f.money(r.public),
            "fiscal_appropriation_income": f.money(r.fiscal),
        },
        "staff": {"authorized": str(r.authorized), "actual": str(r.actual_staff)},
    }
    return text, truth


def generate_final(seed: int, noise: float, layout: str, rec: Optional[Recorder] = None) -> tuple[str, dict]:
    """The 决算 report of `seed` as (text, truth), noting in `rec` (when given) where its tables sit."""
    rng = random.Random(seed)
    r = Report(rng)
    for e in r.expl:
        if e["variant"] not in ("zero_a", "zero_b", "zero_c"):
            e["rate"] = r.fmt.rate(e["actual"], e["budget"])
        else:
            e["rate"] = None
    text, truth = _render(r, layout, random.Random(f"layout-{seed}"), rec)
    if noise > 0:
        text = add_noise(text, random.Random(f"noise-{seed}"), noise)
    return text, truth
