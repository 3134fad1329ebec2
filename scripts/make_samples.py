#!/usr/bin/env python3
"""Synthetic 部门决算 / 部门预算 / 整体支出绩效自评 reports with their truth, and a noise injector.

What it does: `generate(seed, noise, layout, kind)` writes the text of a fictional department's
report together with the truth JSON in the format of `tests/expected/FORMAT.md`:

- kind="final" (default): 部门决算 — 第一部分 概况, the nine 决算 tables 公开01表–09表, the 第三部分
  narrative, the 绩效 part and an 附件 self-evaluation. All amounts are consistent (类 = Σ款 = Σ项,
  合计 = 基本 + 项目, 02/03/05 agree, 01/04 totals, 06 sums to 05's 基本支出, the narrative restates the
  tables).
- kind="budget": 部门预算 for 2020–2026 — 概况 (职责, 机构, 人员编制), nine 预算 tables (收支预算总表,
  收入预算表, 支出预算表, 财政拨款收支预算总表, 一般公共预算支出预算表, 一般公共预算基本支出预算表,
  一般公共预算“三公”经费支出预算表, 政府性基金预算支出表 (empty), 项目支出绩效目标表 for 1–3 projects),
  numbered 表1…表9 or titled only, in 万元 or in 元 (thousands separators; the narrative stays in
  万元), then the 情况说明 (预算数 against 上年执行数 / 上年预算数, 三公, 机关运行经费, 政府采购, 国有资产,
  绩效目标) and 名词解释. Truth tables are keyed by the printed code (表1 … 表8) or, when the tables
  carry only titles, by the canonical title (first column of BUDGET_TABLES: 收支预算总表, 收入预算表,
  支出预算表, 财政拨款收支预算总表, 一般公共预算支出预算表, 一般公共预算基本支出预算表,
  一般公共预算“三公”经费支出预算表, 政府性基金预算支出表); each carries `unit` (万元 or 元, values as
  printed in that unit). The 绩效目标表 feeds `projects` (name, budget) and the extra key `targets`.
  Explanations carry budget (= 预算数), actual / completion_rate null, direction 增加 / 减少 / 持平,
  and the extra keys `change` and `change_rate` (null where not printed).
- kind="self_eval": 整体支出绩效自评报告 — 基本情况, 一般公共预算支出情况 (人员 / 公用经费, projects as
  “1、X项目支出A万元，主要用于…”), 资金使用及绩效情况, 问题, 改进措施, 附件1 基础数据表 and 附件2 自评表
  (indicators under a merged 绩效指标 label, 一级指标 cells carrying their weight, 总分 row). Truth:
  projects, performance {score, grade if stated, indicators}, totals, staff.
- kind="mixed": final, budget and self_eval in turn by seed (`kind_for`).

`add_noise(text, rng, level, profile)` damages the text the way real conversions do, without
changing what it means, so the truth stays valid; `profile` says where the kind's tables are.

What it does not: copy any real report. Department names, sentences and figures are made up here;
only the public classification codes and names (功能分类 / 经济分类) and the template headings are real.

Pure standard library; deterministic from the seed. Command line:

    python scripts/make_samples.py --out DIR --count N [--seed S] [--noise X] [--layout flat|pipe|tsv|mixed]
                                   [--kind final|budget|self_eval|mixed] [--name STEM] [--format txt|docx|pdf|all]

writes DIR/sample_0001.txt + DIR/sample_0001.truth.json, … (sample i uses seed S + i - 1; --name
names the single file of --count 1). `--format docx|pdf|all` also (or only) writes sample_0001.docx /
.pdf: the same clean report laid out by scripts/render_docs.py (python-docx, fpdf2, a CJK font),
with the same truth.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Optional

LAYOUTS = ("flat", "pipe", "tsv", "mixed")
KINDS = ("final", "budget", "self_eval", "mixed")
MIXED_KINDS = ("final", "budget", "self_eval")

# ---------------------------------------------------------------------------------------------
# Catalogues (public classification codes and names)
# ---------------------------------------------------------------------------------------------

CLASSES = {
    "201": "一般公共服务支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "224": "灾害防治及应急管理支出",
}

SECTIONS = {
    "20103": "政府办公厅（室）及相关机构事务",
    "20106": "财政事务",
    "20131": "党委办公厅（室）及相关机构事务",
    "20199": "其他一般公共服务支出",
    "20601": "科学技术管理事务",
    "20701": "文化和旅游",
    "20801": "人力资源和社会保障管理事务",
    "20805": "行政事业单位养老支出",
    "21001": "卫生健康管理事务",
    "21011": "行政事业单位医疗",
    "21101": "环境保护管理事务",
    "21201": "城乡社区管理事务",
    "21301": "农业农村",
    "21303": "水利",
    "21401": "公路水路运输",
    "21505": "工业和信息产业监管",
    "22001": "自然资源事务",
    "22102": "住房改革支出",
    "22401": "应急管理事务",
}

ITEMS = {
    "2010301": "行政运行", "2010302": "一般行政管理事务", "2010350": "事业运行",
    "2010399": "其他政府办公厅（室）及相关机构事务支出",
    "2010601": "行政运行", "2010602": "一般行政管理事务", "2010650": "事业运行",
    "2010699": "其他财政事务支出",
    "2013101": "行政运行", "2013102": "一般行政管理事务", "2013150": "事业运行",
    "2013199": "其他党委办公厅（室）及相关机构事务支出",
    "2019999": "其他一般公共服务支出",
    "2060101": "行政运行", "2060102": "一般行政管理事务", "2060199": "其他科学技术管理事务支出",
    "2070101": "行政运行", "2070102": "一般行政管理事务", "2070109": "群众文化",
    "2070199": "其他文化和旅游支出",
    "2080101": "行政运行", "2080102": "一般行政管理事务",
    "2080199": "其他人力资源和社会保障管理事务支出",
    "2080501": "行政单位离退休", "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出", "2080506": "机关事业单位职业年金缴费支出",
    "2100101": "行政运行", "2100102": "一般行政管理事务", "2100199": "其他卫生健康管理事务支出",
    "2101101": "行政单位医疗", "2101102": "事业单位医疗", "2101103": "公务员医疗补助",
    "2110101": "行政运行", "2110102": "一般行政管理事务", "2110199": "其他环境保护管理事务支出",
    "2120101": "行政运行", "2120102": "一般行政管理事务", "2120199": "其他城乡社区管理事务支出",
    "2130101": "行政运行", "2130102": "一般行政管理事务", "2130104": "事业运行",
    "2130199": "其他农业农村支出",
    "2130301": "行政运行", "2130302": "一般行政管理事务", "2130399": "其他水利支出",
    "2140101": "行政运行", "2140102": "一般行政管理事务", "2140199": "其他公路水路运输支出",
    "2150501": "行政运行", "2150502": "一般行政管理事务", "2150599": "其他工业和信息产业监管支出",
    "2200101": "行政运行", "2200102": "一般行政管理事务", "2200150": "事业运行",
    "2200199": "其他自然资源事务支出",
    "2210201": "住房公积金", "2210202": "提租补贴", "2210203": "购房补贴",
    "2240101": "行政运行", "2240102": "一般行政管理事务", "2240150": "事业运行",
    "2240199": "其他应急管理支出",
}

# 01表 / 04表 支出 lines by 类, in printed order (the 2020-2024 list; 2019 lacks the last line)
CLASS_LINES = [
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
    "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
    "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
    "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
    "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "债务还本支出", "债务付息支出",
    "抗疫特别国债安排的支出",
]

INCOME_LINES_01 = [
    "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
    "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
]

# 部门预算支出经济分类 (06表), grouped as printed: group 1 = 301 + 303, group 2 = 302, group 3 = 307 + 310 + 399
ECON = {
    "301": ("工资福利支出", [
        ("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30106", "伙食补助费"),
        ("30107", "绩效工资"), ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"),
        ("30110", "职工基本医疗保险缴费"), ("30111", "公务员医疗补助缴费"), ("30112", "其他社会保障缴费"),
        ("30113", "住房公积金"), ("30114", "医疗费"), ("30199", "其他工资福利支出")]),
    "303": ("对个人和家庭的补助", [
        ("30301", "离休费"), ("30302", "退休费"), ("30303", "退职（役）费"), ("30304", "抚恤金"),
        ("30305", "生活补助"), ("30306", "救济费"), ("30307", "医疗费补助"), ("30308", "助学金"),
        ("30309", "奖励金"), ("30310", "个人农业生产补贴"), ("30311", "代缴社会保险费"),
        ("30399", "其他对个人和家庭的补助")]),
    "302": ("商品和服务支出", [
        ("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"), ("30204", "手续费"),
        ("30205", "水费"), ("30206", "电费"), ("30207", "邮电费"), ("30208", "取暖费"),
        ("30209", "物业管理费"), ("30211", "差旅费"), ("30212", "因公出国（境）费用"),
        ("30213", "维修（护）费"), ("30214", "租赁费"), ("30215", "会议费"), ("30216", "培训费"),
        ("30217", "公务接待费"), ("30218", "专用材料费"), ("30224", "被装购置费"),
        ("30225", "专用燃料费"), ("30226", "劳务费"), ("30227", "委托业务费"), ("30228", "工会经费"),
        ("30229", "福利费"), ("30231", "公务用车运行维护费"), ("30239", "其他交通费用"),
        ("30240", "税金及附加费用"), ("30299", "其他商品和服务支出")]),
    "307": ("债务利息及费用支出", [("30701", "国内债务付息"), ("30702", "国外债务付息")]),
    "310": ("资本性支出", [
        ("31001", "房屋建筑物购建"), ("31002", "办公设备购置"), ("31003", "专用设备购置"),
        ("31005", "基础设施建设"), ("31006", "大型修缮"), ("31007", "信息网络及软件购置更新"),
        ("31008", "物资储备"), ("31009", "土地补偿"), ("31010", "安置补助"),
        ("31011", "地上附着物和青苗补偿"), ("31012", "拆迁补偿"), ("31013", "公务用车购置"),
        ("31019", "其他交通工具购置"), ("31021", "文物和陈列品购置"), ("31022", "无形资产购置"),
        ("31099", "其他资本性支出")]),
    "399": ("其他支出", [
        ("39907", "国家赔偿费用支出"), ("39908", "对民间非营利组织和群众性自治组织补贴"),
        ("39909", "经常性赠与"), ("39910", "资本性赠与"), ("39999", "其他支出")]),
}
ECON_GROUPS = (("301", "303"), ("302",), ("307", "310", "399"))
PERSONNEL = ("301", "303")
PUBLIC = ("302", "307", "310", "399")

# ---------------------------------------------------------------------------------------------
# Name parts and phrases (written for this generator)
# ---------------------------------------------------------------------------------------------

PLACE_1 = "青云岚鹤澄禾枫桐楠霁棠蓼杉萝"
PLACE_2 = "川溪岭湾阳平宁安源泽丰渚屏浦"

# body, 行政|事业, core 款, op 项, project 项, topics, duty objects, offices
DEPARTMENTS = [
    ("农业农村局", "行政", "21301", "2130101", "2130199",
     ["高标准农田建设", "农村人居环境整治", "动物疫病防控", "农产品质量安全监测"],
     "农业农村", ["办公室", "计划财务股", "农业产业股", "农村改革股", "种植业管理股"]),
    ("交通运输局", "行政", "21401", "2140101", "2140199",
     ["农村公路养护", "道路运输安全监管", "公路桥梁检测", "客运站场改造"],
     "交通运输", ["办公室", "综合规划股", "建设管理股", "运输管理股"]),
    ("应急管理局", "行政", "22401", "2240101", "2240102",
     ["安全生产执法检查", "应急物资储备", "防汛抗旱演练", "森林防灭火宣传"],
     "应急管理", ["办公室", "应急指挥股", "安全生产监管股", "防灾减灾股"]),
    ("科学技术局", "行政", "20601", "2060101", "2060199",
     ["科技创新券兑付", "科技成果转化", "科普宣传周", "高新技术企业培育"],
     "科技创新", ["办公室", "科技计划股", "成果转化股"]),
    ("文化旅游体育局", "行政", "20701", "2070101", "2070109",
     ["公共文化服务", "全民健身赛事", "非遗保护传承", "乡村文化活动"],
     "文化旅游体育", ["办公室", "文化艺术股", "旅游发展股", "体育事业股"]),
    ("城市管理局", "行政", "21201", "2120101", "2120199",
     ["市容环境整治", "城市照明设施维护", "数字城管平台", "园林绿化养护"],
     "城市管理", ["办公室", "市容管理股", "执法督查股", "市政设施股"]),
    ("卫生健康局", "行政", "21001", "2100101", "2100199",
     ["基本公共卫生服务", "爱国卫生运动", "家庭医生签约", "妇幼健康促进"],
     "卫生健康", ["办公室", "医政医管股", "疾病预防控制股", "基层卫生股"]),
    ("人力资源和社会保障局", "行政", "20801", "2080101", "2080199",
     ["就业创业培训", "劳动保障监察", "高层次人才引进", "职业技能竞赛"],
     "人力资源和社会保障", ["办公室", "就业促进股", "劳动关系股", "人才开发股"]),
    ("财政局", "行政", "20106", "2010601", "2010699",
     ["预算管理一体化系统", "财政投资评审", "非税收入征管", "会计人员继续教育"],
     "财政管理", ["办公室", "预算股", "国库股", "综合股", "绩效管理股"]),
    ("政务服务中心", "事业", "20103", "2010350", "2010399",
     ["政务服务大厅运维", "一网通办平台", "便民服务热线", "帮办代办服务"],
     "政务服务", ["综合部", "窗口管理部", "数据运维部"]),
    ("档案馆", "事业", "20131", "2013150", "2013102",
     ["档案数字化", "档案库房改造", "地方志编纂", "档案安全检查"],
     "档案管理", ["综合科", "接收征集科", "保管利用科"]),
    ("自然资源局", "行政", "22001", "2200101", "2200199",
     ["国土空间规划编制", "不动产登记系统", "耕地保护监测", "地质灾害巡查"],
     "自然资源", ["办公室", "规划股", "耕地保护股", "不动产登记股"]),
    ("生态环境分局", "行政", "21101", "2110101", "2110199",
     ["大气污染防治", "环境质量监测", "河湖巡查", "固体废物监管"],
     "生态环境", ["办公室", "环境监管股", "污染防治股"]),
    ("工业和信息化局", "行政", "21505", "2150501", "2150599",
     ["中小企业服务", "工业园区安全巡查", "信息化项目监理", "企业技术改造"],
     "工业和信息化", ["办公室", "产业发展股", "中小企业股", "信息化股"]),
    ("农业技术推广中心", "事业", "21301", "2130104", "2130199",
     ["农业技术培训", "良种示范推广", "病虫害监测预警", "土壤肥料检测"],
     "农业技术推广", ["综合股", "植保站", "土肥站", "农技推广股"]),
    ("水利局", "行政", "21303", "2130301", "2130399",
     ["小型水库除险加固", "河道清淤疏浚", "水土保持监测", "农村饮水安全"],
     "水利", ["办公室", "规划建设股", "水旱灾害防御股", "河湖管理股"]),
]

EXTRA_PROJECT_SUBJECTS = ["2010302", "2019999", "2060199", "2240199", "2120199", "2013102"]

DUTY_TEMPLATES = [
    "贯彻落实上级关于{d}工作的方针政策和法律法规，拟订本地区{d}发展规划并组织实施。",
    "负责本地区{d}领域的统筹协调和监督管理，指导乡镇（街道）开展相关工作。",
    "负责{d}方面的标准化、规范化建设，组织开展业务培训和考核评价。",
    "负责本部门预算编制、财务管理和国有资产管理，监督专项资金的使用。",
    "负责{d}相关信息的收集、统计、分析和发布，推进信息化建设。",
    "组织开展{d}领域的宣传教育和政策咨询服务。",
    "完成上级党委、政府交办的其他任务。",
]

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

PROJECT_SUFFIXES = ["系统运维经费", "专项工作经费", "建设项目", "购买服务经费", "补助资金", "宣传培训经费"]
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
EFFECTS = [
    "项目按计划完成，有效保障了各项业务工作的正常开展",
    "工作任务全部完成，社会效益明显",
    "通过实施该项目，相关服务的覆盖面和时效性得到提升",
]

DEFINITIONS = [
    "财政拨款收入：指本级财政部门当年拨付给本部门的资金。",
    "基本支出：指为保障机构正常运转、完成日常工作任务所发生的人员支出和公用支出。",
    "项目支出：指在基本支出之外，为完成特定行政工作任务和事业发展目标所发生的支出。",
    "“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
    "机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项公用经费。",
]

CN_DIGITS = "零一二三四五六七八九"


def cn_num(n: int) -> str:
    """1..99 as Chinese numerals (一, 十, 十一, 二十, 二十六…)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


# ---------------------------------------------------------------------------------------------
# Amounts: int hundredths of 万元 inside, strings as printed outside
# ---------------------------------------------------------------------------------------------

CENT = Decimal("0.01")


class Fmt:
    """Per-report print style: amounts with 2 decimals or trailing zeros dropped; rates with 1 or 2."""

    def __init__(self, strip: bool, rate_places: int):
        self.strip = strip
        self.rate_places = rate_places

    def money(self, cents: int) -> str:
        if cents == 0:
            return "0"
        s = format((Decimal(cents) / 100).quantize(CENT), "f")
        if self.strip:
            s = s.rstrip("0").rstrip(".")
        return s

    def cell(self, cents: Optional[int]) -> str:
        """Table cell: empty when None (not printed), the amount otherwise (0 prints as "0")."""
        return "" if cents is None else self.money(cents)

    def rate(self, part: int, whole: int) -> Optional[str]:
        """Completion rate part/whole*100 as printed, None when whole is 0; 100 prints as "100"."""
        if whole == 0:
            return None
        v = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-self.rate_places), ROUND_HALF_UP)
        if v == v.to_integral_value():
            return str(int(v))
        return format(v, "f")


def share(part: int, whole: int) -> str:
    """A share 占…% with 2 decimals (0.00 when whole is 0)."""
    if whole == 0:
        return "0.00"
    return format((Decimal(part) * 100 / Decimal(whole)).quantize(CENT, ROUND_HALF_UP), "f")


def cents_between(rng: random.Random, lo: float, hi: float) -> int:
    return rng.randint(int(lo * 100), int(hi * 100))


def partition(rng: random.Random, total: int, k: int) -> list[int]:
    """Split total (>= k) into k positive integer parts."""
    k = max(1, min(k, total)) if total > 0 else 1
    if total <= 0:
        return [0]
    weights = [rng.uniform(0.3, 1.0) for _ in range(k)]
    s = sum(weights)
    parts = [max(1, int(total * w / s)) for w in weights]
    diff = total - sum(parts)
    i = 0
    while diff != 0:
        j = i % k
        if diff > 0:
            parts[j] += diff
            diff = 0
        elif parts[j] > 1:
            take = min(parts[j] - 1, -diff)
            parts[j] -= take
            diff += take
        i += 1
    return parts


# ---------------------------------------------------------------------------------------------
# Tables: a table is header rows + data rows of (text, colspan) cells; the renderer lays it out
# ---------------------------------------------------------------------------------------------

class TableSpec:
    def __init__(self, code: str, title: str, note: str, header: list, rows: list, after: str = "",
                 vmerge: tuple = ()):
        self.code = code          # 公开01表 …
        self.title = title
        self.note = note          # the 注： line(s)
        self.header = header      # list of rows; row = list of (text, colspan)
        self.rows = rows          # data rows
        self.after = after        # 说明： line printed after the note, "" for none
        # data columns whose empty cells continue the cell above them (merged cells of forms such as
        # the 绩效自评表); used by the DOCX / PDF renderers only, the text layouts ignore it
        self.vmerge = tuple(vmerge)


class _Recorder:
    """Notes, while a report's lines are written, where its tables sit among them, so that
    `render_docs` can lay the same report out as DOCX / PDF. Writing the text never depends on it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tables: list[dict] = []
        self.model = None          # Report, BudgetReport or SelfEval
        self.kind = ""

    def table(self, lines: list[str], start: int, n_head: int, spec: "TableSpec", layout: str, **meta) -> None:
        """The table written as lines[start:] (now ending at len(lines)): n_head title / code / unit
        lines, the body of `spec` in `layout`, then the note lines. meta: unit, dept_label, key,
        code_first, doc_spec (the spec to draw when it differs from the text's)."""
        body_start = start + n_head
        body_end = body_start + len(_table_body(spec, layout))
        self.tables.append({"start": start, "body_start": body_start, "body_end": body_end, "end": len(lines),
                            "spec": meta.pop("doc_spec", None) or spec, **meta})


def _width(row: list) -> int:
    return sum(cs for _, cs in row)


def _expand(row: list, width: int) -> list[str]:
    cells: list[str] = []
    for text, cs in row:
        cells.append(text)
        cells.extend([""] * (cs - 1))
    cells.extend([""] * (width - len(cells)))
    return cells


def render_table(t: TableSpec, layout: str, dept: str, rng: random.Random) -> list[str]:
    pad = rng.choice(["\t\t\t", "\t" * 8, " " * 60 + "\t", "　\t" * 6])
    dept_pad = rng.choice(["\t\t\t\t\t" + " " * 40, "\t　\t　\t　\t", " " * 30])
    out = [t.title, pad + t.code + rng.choice(["", "  "]), f"部门：{dept}{dept_pad}单位：万元"]
    out += _table_body(t, layout)
    out.append("")
    out.append(t.note)
    if t.after:
        out.append(t.after)
    return out


def _table_body(t: TableSpec, layout: str) -> list[str]:
    """The header and data rows of t in one of the layouts (no title, no note)."""
    out: list[str] = []
    allrows = t.header + t.rows
    width = max(_width(r) for r in allrows)
    if layout == "flat":
        for row in allrows:
            for text, _ in row:
                out.append("\t" + text)
            out.append("")
    elif layout == "pipe":
        out.append("")
        for i, row in enumerate(allrows):
            cells = [c.replace("\n", "<br>") for c in _expand(row, width)]
            out.append("| " + " | ".join(cells) + " |")
            if i == len(t.header) - 1:
                out.append("|" + "---|" * width)
        out.append("")
    elif layout == "tsv":
        for row in allrows:
            out.append("\t".join(_expand(row, width)))
        out.append("")
    else:
        raise ValueError(f"unknown layout {layout!r}")
    return out


def cells(*texts: str) -> list:
    return [(x, 1) for x in texts]


# ---------------------------------------------------------------------------------------------
# The report model
# ---------------------------------------------------------------------------------------------

def _score(tenths: int) -> str:
    """A score given in tenths as printed: 985 -> "98.5", 970 -> "97", 1000 -> "100"."""
    return format((Decimal(tenths) / 10).normalize(), "f")


def _subject_path(code: str) -> tuple[str, str, str]:
    return CLASSES[code[:3]], SECTIONS[code[:5]], ITEMS[code]


def _choose_subjects(rng: random.Random, dept: tuple) -> list[dict]:
    body, kind, _core, op_code, proj_code = dept[:5]
    staff = ["2080505", "2080506", "2210201",
             "2101101" if kind == "行政" else "2101102",
             "2080501" if kind == "行政" else "2080502"]
    picked_staff = rng.sample(staff, rng.randint(1, 4))
    extras = [c for c in EXTRA_PROJECT_SUBJECTS if c[:5] != op_code[:5] and c != proj_code]
    picked_extra = rng.sample(extras, rng.choice([0, 0, 1, 1, 2]))
    op = cents_between(rng, 60, 1200)
    subjects = [{"code": op_code, "basic": op, "proj": 0, "other": 0, "role": "op"}]
    if rng.random() < 0.25:
        subjects[0]["proj"] = cents_between(rng, 5, 80)
    subjects.append({"code": proj_code, "basic": 0, "proj": cents_between(rng, 10, 500), "other": 0,
                     "role": "project"})
    ratio = {"2080505": (0.06, 0.12), "2080506": (0.02, 0.05), "2210201": (0.05, 0.10),
             "2101101": (0.03, 0.07), "2101102": (0.03, 0.07), "2080501": (0.005, 0.04),
             "2080502": (0.005, 0.04)}
    for c in picked_staff:
        lo, hi = ratio[c]
        subjects.append({"code": c, "basic": max(100, int(op * rng.uniform(lo, hi))), "proj": 0,
                         "other": 0, "role": "staff"})
    for c in picked_extra:
        subjects.append({"code": c, "basic": 0, "proj": cents_between(rng, 3, 150), "other": 0,
                         "role": "project"})
    subjects.sort(key=lambda s: s["code"])
    return subjects


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

        self.subjects = _choose_subjects(rng, dept)
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
        self.perf_score = _score(rng.randint(900, 995))
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
            score = _score(rng.randint(780, 1000))
            grade = "优秀" if Decimal(score) >= 90 else ("良好" if Decimal(score) >= 80 else "中等")
            p = {"name": name, "budget": budget, "actual": actual, "score": score, "grade": grade,
                 "evaluated": i == 0 or rng.random() < 0.8, "added": rng.random() < 0.5,
                 "use": rng.choice(PROJECT_USES).format(t=topic)}
            self.projects.append(p)


# ---------------------------------------------------------------------------------------------
# Writing the text
# ---------------------------------------------------------------------------------------------

def _blank(rng: random.Random, lo: int = 1, hi: int = 6) -> list[str]:
    return [""] * rng.randint(lo, hi)


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
    k, s, x = _subject_path(e["code"])
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
    L += ["第三部分", ""] + [f"{y}年度部门决算情况说明"] + _blank(rng, 1, 3)
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
    L = [" 第五部分", "", "附  件"] + _blank(rng, 2, 8)
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


def _render(r: Report, layout: str, lay_rng: random.Random, rec: Optional[_Recorder] = None) -> tuple[str, dict]:
    rng = r.rng
    tables, ttruth = _tables(r)
    L: list[str] = [" 第一部分", f"{r.department}部门概况"] + _blank(rng, 3, 15)
    L.append("一、部门职责")
    duties = rng.sample(DUTY_TEMPLATES[:-1], rng.randint(2, 5)) + [DUTY_TEMPLATES[-1]]
    for i, d in enumerate(duties, 1):
        L.append(f"（{cn_num(i)}）{d.format(d=r.domain)}")
    L.append("二、机构设置及决算单位构成")
    L.append(f"（一）内设机构设置。{r.department}内设机构{len(r.offices)}个，包括：{'、'.join(r.offices)}。"
             f"本部门共有编制人数{r.authorized}人，实有人数{r.actual_staff}人。")
    L.append(f"（二）决算单位构成。{r.department}{r.year}年部门决算汇总公开单位构成包括：{r.department}本级。")
    L += [" 第二部分", rng.choice(["部门决算表", f"{r.year}年度部门决算表"])] + _blank(rng, 2, 12)
    for t in tables:
        lay = layout if layout != "mixed" else lay_rng.choice(["flat", "pipe", "tsv"])
        start = len(L)
        L += render_table(t, lay, r.department, lay_rng)
        if rec is not None:
            rec.table(L, start, 3, t, lay, unit="万元", dept_label="部门：", key=t.code)
        L += _blank(rng, 1, 6)
    L += _narrative(r)
    L += _blank(rng, 3, 10) + ["第四部分    名词解释"] + _blank(rng, 1, 5)
    for i, d in enumerate(DEFINITIONS, 1):
        L.append(f"{cn_num(i)}、{d}")
    L += _blank(rng, 3, 10)
    L += _annex(r)
    if rec is not None:
        rec.lines, rec.model, rec.kind = L, r, "final"
    text = "\n".join(L) + "\n"

    f = r.fmt
    explanations = []
    for e in r.expl:
        explanations.append({
            "subject": "/".join(_subject_path(e["code"])),
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


def kind_for(seed: int) -> str:
    """The kind that kind="mixed" gives a seed: final, budget and self_eval in turn."""
    return MIXED_KINDS[seed % len(MIXED_KINDS)]


def generate(seed: int, noise: float = 0.0, layout: str = "flat", kind: str = "final") -> tuple[str, dict]:
    """(report text, truth dict) for one synthetic report. The same seed gives the same report and
    the same truth whatever the layout and noise; noise only damages the text. `kind`: final
    (部门决算), budget (部门预算), self_eval (整体支出绩效自评报告) or mixed (kind_for(seed))."""
    return _generate(seed, noise, layout, kind)


def _generate(seed: int, noise: float, layout: str, kind: str, rec: Optional[_Recorder] = None) -> tuple[str, dict]:
    """generate(), noting in `rec` (when given) where the tables sit among the lines."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if kind == "mixed":
        kind = kind_for(seed)
    if kind == "budget":
        return _generate_budget(seed, noise, layout, rec)
    if kind == "self_eval":
        return _generate_self_eval(seed, noise, layout, rec)
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


# ---------------------------------------------------------------------------------------------
# Noise
# ---------------------------------------------------------------------------------------------

FULLWIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")
HEADING_RE = re.compile(r"^\s*(第[一二三四五]部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
TABLE_START_RE = re.compile(r"公开0\d表")
CJK = re.compile(r"[\u4e00-\u9fff]")
BREAKABLE = {
    "功能分类科目编码": ("功能分类", "科目编码"), "经济分类科目编码": ("经济分类", "科目编码"),
    "本年收入合计": ("本年收入", "合计"), "本年支出合计": ("本年支出", "合计"),
    "附属单位上缴收入": ("附属单位", "上缴收入"), "对附属单位补助支出": ("对附属单位", "补助支出"),
    "公务用车购置费": ("公务用车", "购置费"), "公务用车运行维护费": ("公务用车", "运行维护费"),
    "公务用车购置及运行维护费": ("公务用车购置及", "运行维护费"), "因公出国（境）费": ("因公出国", "（境）费"),
    "年初结转和结余": ("年初结转", "和结余"), "年末结转和结余": ("年末结转", "和结余"),
}
BOOKMARKS = ["_GoBack", "RANGE!A1:I22", "RANGE!A1:F16", "RANGE!A1:L9", "_Toc{n}", "_Hlk{n}"]


def _is_table_line(line: str) -> bool:
    return "\t" in line or line.startswith("|")


def _numbers_in_narrative(line: str, rng: random.Random, level: float) -> str:
    # thousands separators on amounts >= 1000 followed by 万元
    def thousands(m: re.Match) -> str:
        if rng.random() >= 0.7 * level:
            return m.group(0)
        ip, frac = m.group(1), m.group(2) or ""
        return f"{int(ip):,}{frac}万元"
    line = re.sub(r"(?<![\d.,])(\d{4,})(\.\d+)?万元", thousands, line)

    # a space after the decimal point
    def spaced(m: re.Match) -> str:
        return m.group(1) + ". " + m.group(2) if rng.random() < 0.15 * level else m.group(0)
    line = re.sub(r"(\d)\.(\d)", spaced, line)

    # full-width digits (and ％) in some number tokens
    def wide(m: re.Match) -> str:
        return m.group(0).translate(FULLWIDTH) if rng.random() < 0.08 * level else m.group(0)
    line = re.sub(r"\d[\d,. ]*%?", wide, line)
    return line


def _bookmark(rng: random.Random) -> str:
    b = rng.choice(BOOKMARKS).format(n=rng.randint(1000, 99999))
    return f"[bookmark: {b}]"


_DATA_FIRST = re.compile(r"(栏\s*次|\d)")


class NoiseProfile:
    """Where a kind of report keeps its tables, for the noise injector: `start` finds the first line
    of a table (its code or title line), `end` the line that closes it (at its start, after
    indentation), `data_first` the first cell of the first data row, `figure` a cell that holds an
    amount, `breakable` the header words that converters break over two lines, `toc_after` the
    cover line that the table of contents follows (None: the TOC opens the text)."""

    def __init__(self, start: re.Pattern, end: re.Pattern = re.compile("注："), data_first: re.Pattern = _DATA_FIRST,
                 figure: re.Pattern = re.compile(r"[\d.]+"), breakable: Optional[dict] = None,
                 toc_after: Optional[re.Pattern] = None):
        self.start = start
        self.toc_after = toc_after
        self.end = end
        self.data_first = data_first
        self.figure = figure
        self.breakable = BREAKABLE if breakable is None else breakable


FINAL_NOISE = NoiseProfile(TABLE_START_RE)


def _header_ends(lines: list[str], k: int, profile: NoiseProfile = FINAL_NOISE) -> bool:
    """True when line k belongs to the first row after a table's header (the 栏次 row, a coded or
    numbered row, a 合计 row with figures, a pipe separator), whatever the layout."""
    ln = lines[k]
    if ln.startswith("|-"):
        return True
    if ln.startswith("|"):
        row = [c.strip() for c in ln.strip().strip("|").split("|")]
    elif ln.count("\t") >= 2 or (ln and not ln.startswith("\t") and "\t" in ln):
        row = [c.strip() for c in ln.split("\t")]
    elif ln.startswith("\t"):
        row = [ln[1:].strip()]
        j = k + 1
        while j < len(lines) and lines[j].startswith("\t") and len(row) < 4:
            row.append(lines[j][1:].strip())
            j += 1
    else:
        return False
    if profile.data_first.match(row[0]):
        return True
    return row[0] == "合计" and any(profile.figure.fullmatch(c) for c in row[1:])


def _table_regions(lines: list[str], profile: NoiseProfile = FINAL_NOISE) -> list[tuple[int, int]]:
    regions = []
    i = 0
    start = profile.start
    while i < len(lines):
        if start.search(lines[i]) and _is_table_line(lines[i]) or \
                (start.fullmatch(lines[i].strip()) is not None):
            j = i + 1
            while j < len(lines) and not profile.end.match(lines[j].lstrip()):
                j += 1
            regions.append((i, j))
            i = j
        i += 1
    return regions


def add_noise(text: str, rng: random.Random, level: float, profile: NoiseProfile = FINAL_NOISE) -> str:
    """Damage `text` the way document converters do, each kind at a rate scaled by `level` (0..1+).
    Every change can be undone by a careful reader; no figure is lost or altered in meaning.
    `profile` tells where the report's tables are (the 决算 tables by default)."""
    if level <= 0:
        return text
    lines = text.split("\n")
    regions = _table_regions(lines, profile)
    in_table = [False] * len(lines)
    for a, b in regions:
        for k in range(a + 1, b):
            in_table[k] = True

    # 1. header cells broken over lines (inside table headers only)
    for a, b in regions:
        for k in range(a + 2, b):
            if _header_ends(lines, k, profile):
                break
            ln = lines[k]
            for word, (p, q) in profile.breakable.items():
                if word not in ln or rng.random() >= 0.6 * level:
                    continue
                if ln.startswith("|"):
                    ln = ln.replace(f"| {word} |", f"| {p}<br>{q} |")
                elif ln == "\t" + word:
                    ln = "\t" + p + "\n" + q
                else:
                    ln = re.sub(rf"(^|\t){re.escape(word)}(?=\t|$)", lambda m: m.group(1) + p + "\n" + q, ln)
            lines[k] = ln

    # 2. per-line damage on narrative lines
    out: list[str] = []
    for k, ln in enumerate(lines):
        if in_table[k] or _is_table_line(ln) or not ln.strip():
            out.append(ln)
            continue
        ln = _numbers_in_narrative(ln, rng, level)
        short = len(ln) < 40 and not ln.endswith("。")
        heading = short and (bool(HEADING_RE.match(ln)) or (ln.endswith("表") and "：" not in ln))
        if heading and rng.random() < 0.35 * level:
            ln = f"**{ln.strip()}**"
        if rng.random() < (0.08 if heading else 0.025) * level:
            ln = _bookmark(rng) + ln
        if not heading and len(ln) >= 24 and rng.random() < 0.08 * level:
            spots = [p for p in range(6, len(ln) - 6) if CJK.match(ln[p - 1]) and CJK.match(ln[p])]
            if spots:
                p = rng.choice(spots)
                ln = ln[:p] + "\n\n" + ln[p:]
        if not heading and CJK.match(ln[:1]) and rng.random() < 0.03 * level:
            ln = ln[0] + "\n\n" + ln
        out.append(ln)
    lines = "\n".join(out).split("\n")

    # 3. page footers between table rows
    regions = _table_regions(lines, profile)
    total_pages = max(2, len(lines) // 45 + rng.randint(1, 8))
    inserts: list[tuple[int, list[str]]] = []
    for a, b in regions:
        if rng.random() >= min(1.0, 1.2 * level):
            continue
        done = False
        spots = []
        for k in range(a + 2, b):
            ln, prev = lines[k], lines[k - 1]
            if not done:
                done = _header_ends(lines, k, profile)
                continue
            if ln.startswith("|"):
                if not ln.startswith("|-") and prev.startswith("|") and not prev.startswith("|-"):
                    spots.append((k, False))
            elif ln.startswith("\t") and ln.count("\t") == 1:
                if prev == "" and lines[k - 2].startswith("\t"):
                    spots.append((k, True))
            elif ln.count("\t") >= 2 and prev.count("\t") >= 2:
                spots.append((k, False))
        if spots:
            k, flat = rng.choice(spots)
            page = min(total_pages, 1 + k // 45)
            footer = f"第 {page} 页,共 {total_pages} 页"
            inserts.append((k, [footer, ""] if flat else [footer]))
    for k, block in sorted(inserts, reverse=True):
        lines[k:k] = block

    # 4. a table of contents at the top
    if rng.random() < level:
        toc = ["目    录"]
        page = 1
        for ln in lines:
            if _is_table_line(ln):
                continue
            s = ln.strip().strip("*")
            s = re.sub(r"^\[bookmark: [^\]]*\]", "", s).strip("*")
            if HEADING_RE.match(s) and len(s) < 40 and not s.startswith("（") and not re.search("[：。]", s):
                page = min(total_pages, page + rng.randint(0, 3))
                mark = "- " if rng.random() < 0.5 else ""
                toc.append(f"{mark}{s} PAGEREF _Toc{rng.randint(10000, 99999)} h {page}")
            if len(toc) > 24:
                break
        at = 0
        if profile.toc_after is not None:
            at = next((k + 1 for k, ln in enumerate(lines) if profile.toc_after.search(ln)), 0)
        lines = lines[:at] + toc + [""] + lines[at:]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# 部门预算 (kind="budget")
# ---------------------------------------------------------------------------------------------

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
DEVIATION_CAUSES = ["受{t}工作进度影响，部分任务延后完成", "部分服务对象对政策了解不够",
                    "年中人员调整，工作衔接不够顺畅", "受天气等客观因素影响，部分工作未按计划开展"]
DEVIATION_FIXES = ["加强过程监控，合理安排工作进度", "加大政策宣传和解读力度", "完善内部工作机制，压实工作责任",
                   "提前谋划，科学设置绩效目标"]


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
        target = f"≤{_score(a)}万元"
        b = a + rng.randint(1, max(1, a // 10)) if short else rng.randint(a * 8 // 10, a)
        actual = f"{_score(b)}万元"
    else:
        target, met, low = arg
        target = target.format(y=year)
        actual = low if short else met
    return {"name": name, "target": target, "actual": actual}


def _indicator_rows(rng: random.Random, plan: list[tuple[str, int]], topics: list[str], domain: str,
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
        subjects = _choose_subjects(rng, dept)
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
            targets = _indicator_rows(rng, plan, [topic], self.domain, self.year, self_eval=False)
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
    out += _table_body(t, layout)
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
    k, s, x = _subject_path(e["code"])
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
    L: list[str] = ["第三部分", "", f"{y}年部门预算情况说明"] + _blank(rng, 1, 3)
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
                   rec: Optional[_Recorder] = None) -> tuple[str, dict]:
    rng = r.rng
    y = r.year
    tables = _budget_tables(r)
    refs = {"fund": ("表8" if r.numbered else "政府性基金预算支出表"),
            "perf": ("表9" if r.numbered else "项目支出绩效目标表")}
    L: list[str] = [f"{y}年{r.department}部门预算"] + _blank(rng, 2, 8)
    L += [" 第一部分", f"{r.department}部门概况"] + _blank(rng, 2, 10)
    L.append("一、部门职责")
    duties = rng.sample(DUTY_TEMPLATES[:-1], rng.randint(2, 5)) + [DUTY_TEMPLATES[-1]]
    for i, d in enumerate(duties, 1):
        L.append(f"（{cn_num(i)}）{d.format(d=r.domain)}")
    L.append("二、机构设置")
    L.append(f"{r.department}内设机构{len(r.offices)}个，包括：{'、'.join(r.offices)}。"
             f"纳入{y}年部门预算编制范围的单位为{r.department}本级。")
    L.append("三、人员编制情况")
    L.append(f"本部门共有编制人数{r.authorized}人，实有人数{r.actual_staff}人；另有离退休人员{r.retired}人。")
    L += [" 第二部分", rng.choice(["部门预算表", f"{y}年部门预算表"])] + _blank(rng, 2, 8)
    ttruth: dict = {}
    for key, t, unit, truth in tables:
        lay = layout if layout != "mixed" else lay_rng.choice(["flat", "pipe", "tsv"])
        start = len(L)
        L += _render_budget_table(r, t, unit, lay, lay_rng)
        if rec is not None:
            rec.table(L, start, 3 if t.code else 2, t, lay, unit=unit, dept_label=r.dept_label, key=key,
                      code_first=r.code_first)
        L += _blank(rng, 1, 5)
        if truth is not None:
            ttruth[key] = {"unit": unit, **truth}
    nar, explanations = _budget_narrative(r, refs)
    L += nar
    L += _blank(rng, 3, 8) + ["第四部分    名词解释"] + _blank(rng, 1, 4)
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


def _generate_budget(seed: int, noise: float, layout: str, rec: Optional[_Recorder] = None) -> tuple[str, dict]:
    r = BudgetReport(random.Random(f"budget-{seed}"))
    text, truth = _render_budget(r, layout, random.Random(f"budget-layout-{seed}"), rec)
    if noise > 0:
        text = add_noise(text, random.Random(f"budget-noise-{seed}"), noise, BUDGET_NOISE)
    return text, truth


# ---------------------------------------------------------------------------------------------
# 整体支出绩效自评报告 (kind="self_eval")
# ---------------------------------------------------------------------------------------------

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
        self.indicators = _indicator_rows(rng, plan, topics, r.domain, r.year, self_eval=True)
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
                          _score(ind["score_tenths"]), dev))
    body.append([("总分", 6), ("100", 1), (s.score, 1), ("", 1)])
    form = TableSpec("附件2", "", "", top[:1], top[1:] + body, vmerge=(0, 1, 2))
    return base, form


def _render_self_eval(s: SelfEval, layout: str, lay_rng: random.Random,
                      rec: Optional[_Recorder] = None) -> tuple[str, dict]:
    r = s.r
    rng = s.rng
    f = r.fmt
    y = r.year
    dept = r.department
    unit_word = "部门（单位）" if not s.short_title else "部门"
    L: list[str] = []
    if s.sealed:
        L += [f" 部门（单位）名称：{dept}（盖章）", "年  月  日"] + _blank(rng, 2, 8)
    L += [f"{y}年度{dept}整体支出绩效自评报告"] + _blank(rng, 1, 4)
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
    L += ["", f"附件：1. {t1}", f"2. {t2}"] + _blank(rng, 4, 12)
    lays = [layout if layout != "mixed" else lay_rng.choice(["flat", "pipe", "tsv"]) for _ in range(2)]
    base, form = _self_tables(s, lays[0])[0], _self_tables(s, lays[1])[1]
    sign = f"填表人：        填报日期：{y + 1}.{rng.randint(3, 10)}.{rng.randint(1, 28)}  联系电话：          单位负责人签字："
    drawn = _self_tables(s, "pipe") if rec is not None else (None, None)   # merged cells with line breaks
    for head, title, t, lay, tail, doc_spec in (("附件1", t1, base, lays[0], [base.note, sign], drawn[0]),
                                                ("附件2", t2, form, lays[1], [sign], drawn[1])):
        start = len(L)
        L += [head, title] + _table_body(t, lay)
        L += [""] + tail
        if rec is not None:
            rec.table(L, start, 2, t, lay, doc_spec=doc_spec, key=head)
        L += _blank(rng, 2, 6)
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
                            "actual": i["actual"], "weight": str(i["weight"]), "score": _score(i["score_tenths"])}
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


def _generate_self_eval(seed: int, noise: float, layout: str, rec: Optional[_Recorder] = None) -> tuple[str, dict]:
    s = SelfEval(random.Random(f"self-eval-{seed}"))
    text, truth = _render_self_eval(s, layout, random.Random(f"self-eval-layout-{seed}"), rec)
    if noise > 0:
        text = add_noise(text, random.Random(f"self-eval-noise-{seed}"), noise, SELF_NOISE)
    return text, truth


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------

FORMATS = ("txt", "docx", "pdf", "all")


def _render_docs():
    """scripts/render_docs.py (DOCX / PDF; needs python-docx, fpdf2 and a CJK font), imported on demand
    so that the text generator keeps to the standard library."""
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    import render_docs
    return render_docs


def write_sample(out_dir: Path, stem: str, seed: int, noise: float, layout: str, kind: str = "final",
                 fmt: str = "txt") -> None:
    """DIR/stem.txt (and/or .docx / .pdf, by fmt: txt, docx, pdf or all) and DIR/stem.truth.json. The
    DOCX and PDF lay out the clean report (noise and layout apply to the text only); the truth is
    the same for every format, its "file" names the first file written."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    formats = ("txt", "docx", "pdf") if fmt == "all" else (fmt,)
    text, truth = generate(seed, noise=noise, layout=layout, kind=kind)
    truth["file"] = f"{stem}.{formats[0]}"
    if "txt" in formats:
        (out_dir / f"{stem}.txt").write_text(text, encoding="utf-8")
    if "docx" in formats:
        _render_docs().write_docx(seed, kind, out_dir / f"{stem}.docx")
    if "pdf" in formats:
        _render_docs().write_pdf(seed, kind, out_dir / f"{stem}.pdf")
    (out_dir / f"{stem}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                                 encoding="utf-8")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Write synthetic 部门决算 / 部门预算 / 绩效自评 reports and their truth JSON.")
    ap.add_argument("--out", required=True, type=Path, help="output folder (created)")
    ap.add_argument("--count", type=int, default=10, help="how many reports (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the first report; report i uses seed+i-1")
    ap.add_argument("--noise", type=float, default=0.0, help="noise level, 0 = clean, 1 = heavy")
    ap.add_argument("--layout", choices=LAYOUTS, default="flat", help="table layout (default flat)")
    ap.add_argument("--kind", choices=KINDS, default="final",
                    help="final (部门决算, default), budget (部门预算), self_eval (整体支出绩效自评), "
                         "mixed (by seed: final, budget, self_eval in turn)")
    ap.add_argument("--name", help="file stem instead of sample_NNNN (only with --count 1)")
    ap.add_argument("--format", choices=FORMATS, default="txt", dest="fmt",
                    help="txt (default), docx, pdf or all: DOCX / PDF files of the clean report beside the "
                         "truth (scripts/render_docs.py; needs python-docx, fpdf2 and a CJK font)")
    a = ap.parse_args(argv)
    if a.name and a.count != 1:
        ap.error("--name needs --count 1")
    a.out.mkdir(parents=True, exist_ok=True)
    for i in range(1, a.count + 1):
        write_sample(a.out, a.name or f"sample_{i:04d}", a.seed + i - 1, a.noise, a.layout, a.kind, a.fmt)
    return 0


if __name__ == "__main__":
    sys.exit(main())
