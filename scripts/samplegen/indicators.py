"""绩效指标 rows shared by the 部门预算 (项目支出绩效目标表) and the 绩效自评 (自评表): templates by
一级 / 二级 指标, one 三级指标 with its target and achieved value (`_indicator`), and the rows of
a (一级, weight) plan with weights and scores (`indicator_rows`).

Not the tables that print them (budget.py, self_eval.py).
"""
from __future__ import annotations

import random
from decimal import Decimal

from .amounts import from_tenths, partition


# 绩效指标: (name, kind, arguments) by (一级, 二级); kind count = a number of units, pct = a percentage,
# text = (target, met, short), cost = an amount in 万元
INDICATOR_TEMPLATES = {
    "数量指标": [("开展{t}检查（活动）次数", "count", ("次", 4, 24)), ("{t}覆盖乡镇（街道）数", "count", ("个", 6, 18)),
             ("组织{d}业务培训人次", "count", ("人次", 50, 400)), ("印发{d}宣传资料", "count", ("份", 500, 5000)),
             ("完成{t}项目数", "count", ("个", 2, 10))],
    "质量指标": [("{t}验收合格率", "pct", (95, 100)), ("资金使用合规率", "pct", (100, 100)),
             ("信息报送准确率", "pct", (90, 98)), ("{t}工作达标率", "pct", (90, 98)),
             ("{d}档案资料完整率", "pct", (95, 100))],
    "时效指标": [("资金拨付及时率", "pct", (95, 100)), ("重点工作按期完成率", "pct", (90, 100)),
             ("{t}完成时限", "text", ("{y}年12月底前", "按期完成", "部分延至次年完成")),
             ("问题整改及时率", "pct", (90, 100))],
    "成本指标": [("{t}项目成本", "cost", (5, 80)), ("“三公”经费控制", "text", ("不超过年初预算", "未超预算", "略超预算")),
             ("人均公用经费", "cost", (1, 6))],
    "经济成本指标": [("{t}项目成本", "cost", (5, 80)), ("“三公”经费控制", "text", ("不超过年初预算", "未超预算", "略超预算")),
               ("人均公用经费", "cost", (1, 6))],
    "经济效益指标": [("带动{d}相关产业发展", "text", ("有所促进", "促进作用明显", "作用尚不明显")),
               ("节约财政资金", "text", ("有效节约", "通过政府采购节约资金", "节约效果不明显"))],
    "社会效益指标": [("{d}公共服务水平", "text", ("稳步提升", "明显提升", "提升不明显")),
               ("{t}社会知晓率", "pct", (80, 90)), ("群众办事便利度", "text", ("有所提高", "显著提高", "有待提高"))],
    "可持续影响指标": [("{d}长效管理机制", "text", ("健全", "基本健全", "尚不健全")),
                ("{t}工作制度完善程度", "text", ("逐步完善", "持续完善", "有待完善"))],
    "服务对象满意度指标": [("服务对象满意度", "pct", (85, 95)), ("群众满意度", "pct", (85, 95)),
                  ("干部职工满意度", "pct", (90, 95))],
}
LEVEL2 = {
    "产出指标": ["数量指标", "质量指标", "时效指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
    "成本指标": ["经济成本指标"],
}


def _indicator(rng: random.Random, level2: str, topic: str, domain: str, year: int, short: bool) -> dict:
    """One 三级指标 with its target and, for the self-evaluation, what was achieved."""
    name, kind, arg = rng.choice(INDICATOR_TEMPLATES[level2])
    name = name.format(t=topic, d=domain)
    if kind == "count":
        unit, lo, hi = arg
        n = rng.randint(lo, hi)
        target = (rng.choice(["≥", ""]) if n > 1 else "") + f"{n}{unit}"
        actual = f"{max(1, int(n * rng.uniform(0.6, 0.95)))}{unit}" if short else f"{rng.randint(n, n + n // 4)}{unit}"
    elif kind == "pct":
        lo, hi = arg
        p = rng.randint(lo, hi)
        target = "100%" if p == 100 else f"≥{p}%"
        if short:
            actual = f"{p - rng.randint(2, 8)}%"
        else:
            a = Decimal(rng.randint(p * 10, 1000)) / 10
            actual = f"{a.normalize():f}%"
    elif kind == "cost":
        lo, hi = arg
        a = rng.randint(lo * 10, hi * 10)
        target = f"≤{from_tenths(a)}万元"
        b = a + rng.randint(1, max(1, a // 10)) if short else rng.randint(a * 8 // 10, a)
        actual = f"{from_tenths(b)}万元"
    else:
        target, met, low = arg
        target = target.format(y=year)
        actual = low if short else met
    return {"name": name, "target": target, "actual": actual}


def indicator_rows(rng: random.Random, plan: list[tuple[str, int]], topics: list[str], domain: str,
                    year: int, self_eval: bool) -> list[dict]:
    """Indicator rows for the (一级, weight) plan: 二级 groups of one to three rows, weights splitting the
    一级 weight; for a self-evaluation a few rows fall short and lose points."""
    rows: list[dict] = []
    for level1, weight in plan:
        groups = LEVEL2[level1]
        if level1 == "效益指标":
            groups = [g for g in groups if g == "社会效益指标" or rng.random() < 0.5]
        picked: list[tuple[str, dict]] = []
        for level2 in groups:
            names: set[str] = set()
            lo, hi = (2, 3) if level1 == "产出指标" else (1, 2)
            for _ in range(rng.randint(lo, hi)):
                short = self_eval and rng.random() < 0.15
                ind = _indicator(rng, level2, rng.choice(topics), domain, year, short)
                if ind["name"] in names:
                    continue
                names.add(ind["name"])
                ind["short"] = short
                picked.append((level2, ind))
        weights = partition(rng, weight, len(picked)) if weight else [0] * len(picked)
        for (level2, ind), w in zip(picked, weights):
            ind.update(level1=level1, level2=level2, weight=w)
            if ind["short"]:
                lose = min(w * 10 // 2, rng.choice([5, 10, 10, 15, 20]))
                ind["score_tenths"] = w * 10 - lose
            else:
                ind["score_tenths"] = w * 10
            rows.append(ind)
    return rows
