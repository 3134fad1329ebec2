#!/usr/bin/env python3
"""Labelled sentences for the NER layer, made by the project itself: narrative phrasings of
reports with names drawn from word lists, every entity's span known by construction.

- `sentences(n, seed, split="train")` -> [(text, [(start, end, label)])]: `split="train"` uses the
  training phrasings (hand-written frames, and sentences composed from parts: lead, verb, name, what
  follows, end) and names (topics from word lists, field + activity, and random nouns of jieba's
  dictionary); `split="unseen"` uses other phrasings and other project topics (the held-out set
  `scripts/bench.py` measures NER on; no training topic contains one of its words). Deterministic
  from the seed.
- `report_paragraphs(seeds)` -> the same from generated reports (`samplegen.generate`): their
  narrative paragraphs, with the truth's project names and department and the shapes labelled.

No seed report's names are in these lists: the hand-annotated seeds stay an independent test.
"""
from __future__ import annotations

import random

PLACES = ["青渚市云泽县", "澄平市禾安区", "楠丰市鹤阳区", "青川市岚丰县", "临江市东湖区", "安澜县", "白石镇",
          "松溪市", "梧桐区", "北岭县", "南塘市望江区", "河西新区"]
DEPTS = ["财政局", "农业农村局", "交通运输局", "应急管理局", "卫生健康局", "教育局", "民政局", "司法局",
         "住房和城乡建设局", "自然资源局", "生态环境分局", "审计局", "统计局", "档案馆", "政务服务中心",
         "城市管理局", "文化旅游体育局", "水利局", "林业局", "退役军人事务局", "市场监督管理局", "医疗保障局"]
SHORT_ORGS = ["区财政局", "县财政局", "市财政局", "区委", "区政府", "县人民政府", "区审计局", "市委组织部",
              "区纪委监委", "县委宣传部", "区人社局", "市发改委", "街道办事处", "区机关事务中心"]
OFFICES = ["办公室", "综合股", "计划财务股", "预算股", "财务室", "综合科", "业务科", "人事股"]
TOPICS_TRAIN = [
    "农村公路养护", "河道保洁", "森林防火巡护", "老年人助餐服务", "社区矫正", "禁毒宣传", "普法宣传", "城乡环卫一体化",
    "校园安全", "食品安全抽检", "疫苗冷链", "科普大篷车", "数字档案馆", "政务云租赁", "视频监控联网", "应急广播",
    "消防车辆购置", "就业见习补贴", "残疾人康复", "退役军人优抚", "不动产确权登记", "农机购置补贴", "村级公益事业",
    "城市绿化提质", "路灯节能改造", "污水管网维护", "生活垃圾分类", "文物保护修缮", "图书馆免费开放", "全民阅读推广",
    "体育场馆运营", "人才公寓建设", "招商引资服务", "高标准农田建设", "农产品质量检测", "动物防疫", "水土保持",
    "地质灾害防治", "安全生产执法", "网络舆情监测", "机关食堂改造", "办公用房维修", "党建阵地建设", "乡村振兴示范村",
    "困难群众救助", "养老服务补贴", "儿童福利", "殡葬改革", "流动人口服务", "智慧社区平台", "城市停车管理",
    "公交站台改造", "防汛物资储备", "人民调解", "法律援助", "公共法律服务平台", "统计调查", "经济普查",
]
TOPICS_UNSEEN = [
    "湿地公园维护", "电梯安全监测", "营商环境评价", "信访积案化解", "农村饮水提质", "秸秆综合利用", "古树名木保护",
    "电子政务外网", "红色教育基地", "社区卫生服务站", "中小学营养餐", "青年创业孵化", "反诈宣传", "燃气管道排查",
]
# compositional topics (a field and an activity) so the model learns how a name is built, not a list
TOPIC_FIELDS = ["农村公路", "城乡供水", "河湖", "森林", "档案", "数据", "安全生产", "生态环境", "公共文化", "全民健身",
                "基层卫生", "养老服务", "就业创业", "社会救助", "市场监管", "食品药品", "农田水利", "城市道路", "公园绿地",
                "老旧小区", "校舍", "图书馆", "信息化平台", "视频会议系统", "指挥调度", "执法装备", "消防设施", "应急物资",
                "统计调查", "政务服务", "不动产登记", "地名普查", "人才培训", "志愿服务", "文明创建", "乡村旅游",
                "机关运行", "办公设备", "公务车辆", "党员教育"]
TOPIC_ACTS = ["维护", "建设", "改造", "监测", "巡查", "治理", "宣传", "培训", "运维", "购置", "提质", "整治",
              "普查", "升级", "保障", "验收", "评估", "示范", "数字化", "标准化建设", "能力提升", "综合整治"]
SUFFIXES = ["经费", "专项经费", "专项资金", "项目", "建设项目", "工作经费", "补助资金", "运维经费", "服务费",
            "购置经费", "补贴", "奖励资金", "第二阶段经费", "及配套设施建设经费", "质保金", "维护费", "专项",
            "系统建设经费", "工作专项经费", "项目资金"]
DOC_ISSUERS = ["渌财预", "芦财行", "湘财绩", "株财教", "财预", "中发", "区政办发", "县财发", "市审发", "石财通",
               "云政发", "禾财预", "鹤办函"]
USES = ["主要用于设备购置和日常维护", "主要用于支付第三方服务费用", "主要用于开展培训和宣传", "主要用于人员经费补助",
        "主要用于平台运行维护", "主要用于印刷、差旅和会议支出", "用于保障相关工作正常开展"]
REASONS = ["年中追加了相关工作任务", "部分项目未完成验收", "严格控制一般性支出", "人员变动", "政策调整",
           "厉行节约，压减开支", "项目实施进度滞后"]
CN = "一二三四五六七八九十"


class _Builder:
    def __init__(self) -> None:
        self.text = ""
        self.spans: list[tuple[int, int, str]] = []

    def add(self, s: str, label: str | None = None) -> "_Builder":
        if label:
            self.spans.append((len(self.text), len(self.text) + len(s), label))
        self.text += s
        return self


def _money(rng: random.Random) -> str:
    v = rng.choice([rng.randint(0, 99), rng.randint(1, 2000), rng.randint(1, 500000)])
    unit = rng.choice(["万元", "万元", "万元", "元"])
    if unit == "元" or rng.random() < 0.3:
        body = f"{v:,}" if unit == "元" and v >= 1000 and rng.random() < 0.5 else str(v)
        if unit == "元":
            body += rng.choice(["", ".00", f".{rng.randint(0, 99):02d}"])
    else:
        body = f"{v}.{rng.randint(0, 99):02d}".rstrip("0").rstrip(".") if rng.random() < 0.3 else f"{v}.{rng.randint(0, 99):02d}"
    if rng.random() < 0.05 and "." in body:
        body = body.replace(".", ". ")  # as converters print it: 313. 08
    return body + (" " if rng.random() < 0.08 else "") + unit


def _percent(rng: random.Random) -> str:
    v = rng.choice([f"{rng.randint(0, 100)}", f"{rng.randint(0, 100)}.{rng.randint(0, 99):02d}", f"{rng.randint(0, 99)}.{rng.randint(0, 9)}"])
    return v + rng.choice(["%", "%", "%", "％"])


def _date(rng: random.Random) -> str:
    y = rng.randint(2018, 2026)
    return rng.choice([f"{y}年", f"{y}年度", f"{y}年{rng.randint(1, 12)}月", f"{y}年12月31日",
                       f"{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", f"{y}年底", f"{y}.{rng.randint(1, 12)}.{rng.randint(1, 28)}"])


def _doc_no(rng: random.Random) -> str:
    return f"{rng.choice(DOC_ISSUERS)}〔{rng.randint(2016, 2026)}〕{rng.randint(1, 120)}号"


def _org(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.45:
        return rng.choice(PLACES) + rng.choice(DEPTS)
    if r < 0.8:
        return rng.choice(SHORT_ORGS)
    return rng.choice(OFFICES)


# words of the held-out topics: no training topic may contain one
_UNSEEN_WORDS = ("湿地", "电梯", "营商", "信访", "积案", "饮水", "秸秆", "古树", "外网", "红色", "卫生服务站",
                 "营养餐", "孵化", "反诈", "燃气")


_WORDS: list[str] = []


def _random_nouns() -> list[str]:
    """Two-character nouns of jieba's own dictionary (in its wheel): words the model has met in no
    other training name, so a topic made of them teaches the name's place and ending, not its words."""
    if not _WORDS:
        import os

        import jieba

        with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
            rows = [line.split() for line in f]
        _WORDS.extend(sorted(w for w, freq, tag in (r for r in rows if len(r) == 3)
                             if tag in ("n", "vn") and len(w) == 2 and 2000 <= int(freq) <= 50000
                             and not any(u in w or w in u for u in _UNSEEN_WORDS)
                             and not any(w in t for t in TOPICS_UNSEEN)))
    return _WORDS


def _project(rng: random.Random, topics: list[str]) -> str:
    if topics is not TOPICS_TRAIN:
        topic = rng.choice(topics)
    else:
        r = rng.random()
        if r < 0.3:
            topic = rng.choice(topics)
        elif r < 0.6:
            topic = rng.choice(TOPIC_FIELDS) + rng.choice(TOPIC_ACTS)
        else:  # words of no other name: 2 or 3 nouns, an activity half the time
            topic = "".join(rng.choice(_random_nouns()) for _ in range(rng.choice((2, 2, 3)))) + \
                (rng.choice(TOPIC_ACTS) if rng.random() < 0.5 else "")
    name = topic + rng.choice(SUFFIXES)
    r = rng.random()
    if r < 0.12:
        name = f"{rng.randint(2019, 2025)}年" + name
    elif r < 0.2:
        name = rng.choice(["区直部门", "全区", "乡镇", "城区", "机关"]) + name
    return name


def _subject(rng: random.Random) -> str:
    from extractor.recognize.ner import _catalogue_names

    return rng.choice(_catalogue_names())


_ENTITY_SLOTS = {  # template slot -> (filler, label)
    "P": (_project, "PROJECT"),
    "O": (lambda rng, _: _org(rng), "ORG"),
    "S": (lambda rng, _: _subject(rng), "SUBJECT"),
    "D": (lambda rng, _: _doc_no(rng), "DOC_NO"),
    "T": (lambda rng, _: _date(rng), "DATE"),
    "M": (lambda rng, _: _money(rng), "MONEY"),
    "R": (lambda rng, _: _percent(rng), "PERCENT"),
}


def _fill(template: str, rng: random.Random, topics: list[str]) -> tuple[str, list[tuple[int, int, str]]]:
    b = _Builder()
    k = 0
    import re as _re

    for part in _re.split(r"(\{[A-Z]+\})", template):
        if not part:
            continue
        slot = part[1:-1] if part.startswith("{") and part.endswith("}") else None
        if slot is None:
            b.add(part)
        elif slot in _ENTITY_SLOTS:
            make, label = _ENTITY_SLOTS[slot]
            b.add(make(rng, topics), label)
        elif slot == "N":
            k += 1
            b.add(str(k))
        elif slot == "C":
            k += 1
            b.add(CN[(k - 1) % 10])
        elif slot == "U":
            b.add(rng.choice(USES))
        elif slot == "W":
            b.add(rng.choice(REASONS))
        elif slot == "I":
            b.add(str(rng.randint(1, 40)))
        elif slot == "Q":
            b.add(f"{rng.randint(60, 100)}")
        else:
            raise ValueError(slot)
    return b.text, b.spans


TRAIN_TEMPLATES = [
    "{N}、{P}项目支出{M}，{U}；{N}、{P}项目支出{M}，{U}。",
    "（{N}）{P}项目支出{M}，{U}。",
    "{T}项目支出为{M}，占总支出的{R}。{N}、{P}{M}，{U}；{N}、{P}{M}。",
    "年中追加项目“{P}”，金额{M}，实际支出{M}。",
    "年初预算项目“{P}”专项资金{M}，实际支出{M}，{U}。",
    "“{P}”项目全年预算数{M}，执行数{M}，完成预算的{R}，部门评价得分{Q}分，评价等级为“优秀”。",
    "项目{C}，{P}，{U}，{W}。",
    "{S}（{I}类）年初预算为{M}，支出决算为{M}，完成年初预算的{R}。决算数大于年初预算数的主要原因是：{W}。",
    "{S}年初预算{M}，支出决算{M}，完成年初预算的{R}，主要原因是{W}。",
    "根据{O}《关于下达{T}{P}的通知》（{D}）文件精神，{O}及时拨付资金{M}。",
    "按照《预算绩效管理办法》（{D}）要求，{O}组织开展了{T}绩效自评工作。",
    "{O}{T}部门决算收入合计{M}，支出合计{M}。",
    "{O}内设{O}、{O}和{O}{I}个股室。",
    "本部门共有编制{I}人，实有人数{I}人，其中{O}{I}人。",
    "{T}“三公”经费支出{M}，其中公务接待费{M}，公务用车运行维护费{M}。",
    "{T}{O}政府采购支出总额{M}，其中授予中小企业合同金额{M}，占政府采购支出总额的{R}。",
    "{P}：年初预算{M}，全年执行{M}，执行率{R}，{U}。",
    "二是部门评价开展情况。组织对所属单位{T}“{P}”、“{P}”等{I}个项目开展了部门评价，涉及资金{M}。",
    "{N}.{P}：{M}，{U}；",
    "其中：{P}{M}，{P}{M}，{P}{M}。",
    "{O}于{T}完成{P}的验收，支付{M}。",
    "{S}支出{M}，比上年增加{M}，增长{R}，主要原因是{W}。",
    "{S}{M}，占{R}；{S}{M}，占{R}。",
    "（{C}）{P}\n项目支出{M}，{U}。",
    "{P}预算{M}，因{W}，结转下年使用。",
    "经{O}批准（{D}），追加{P}{M}。",
    "{T}，{O}收到{O}拨付的{P}{M}。",
    "重点项目{C}：{P}。项目资金{M}，资金到位率{R}。",
    "{O}严格执行{O}《关于进一步加强财政支出管理的通知》（{D}）。",
    "本年度无{P}支出。",
    "{N}、{P}{M}，{U}；{N}、{P}{M}，{U}。",
    "（{N}）{P}{M}；（{N}）{P}{M}。",
    "项目{C}、{P}，{U}，{W}。",
    "追加{P}{M}，{U}。",
    "其中{P}支出{M}，占项目支出的{R}。",
    "“{P}”资金{M}已全部拨付到位。",
    "{T}{O}共实施项目{I}个，包括{P}、{P}和{P}等。",
    "{T}拨付{P}{M}，{U}。",
    "{O}开展{P}，支付{M}，{W}。",
    "{P}已完成招标，合同金额{M}。",
    "安排{P}{M}，用于{U}。",
    "通过{P}的实施，{U}，资金执行率{R}。",
    "推进{P}，{T}完成支出{M}。",
    "{P}年初预算{M}，调整预算{M}。",
    "{P}{M}，{P}{M}，{P}{M}，合计{M}。",
    "完成{P}的绩效评价，评价得分{Q}分。",
    "{P}由{O}负责实施，预算{M}。",
    "对{P}开展绩效监控，执行进度{R}。",
    "{T}，{P}资金{M}结转至下年。",
    "主要用于{P}，金额{M}。",
    "{P}（{M}）",
    "{O}：{P}{M}。",
    "{P}全年支出{M}，较上年增加{M}，{W}。",
    "{P}，年初预算{M}，实际支出{M}，{W}。",
    "{P}执行{M}，执行率{R}。",
    "用于{P}的资金{M}已拨付到位。",
    "关于{P}：全年完成支出{M}，{U}。",
    "{O}申请{P}{M}，经{O}审核同意。",
    "{P}的预算执行率为{R}，较上年提高{R}。",
    "{P}：项目预算{M}，执行数{M}，自评得分{Q}分。",
    "{N}.{P}（金额{M}）",
    "{T}{P}支出{M}，{U}，项目已于{T}完成验收。",
    "本单位承担{P}，涉及资金{M}。",
    "{P}主要绩效：{U}，群众满意度{R}。",
    # no project in these: generic phrases, titles of rules, honours, plans
    "{T}项目支出{M}，占总支出的{R}，主要是{W}。",
    "本年度专项资金{M}全部用于保障重点工作。",
    "按照《{O}预算绩效管理办法》要求，认真开展绩效自评工作。",
    "负责制定全区中长期发展规划，制定年度工作计划，{U}。",
    "{O}获评{T}全市政务公开工作先进单位。",
    "单位制定了《内部控制管理办法》、《财务管理制度》等制度。",
    "{T}预算资金{M}，上年结转资金{M}，年末结转和结余{M}。",
    "公用经费{M}，人员经费{M}，主要用于{U}。",
    "工作机制不断完善，系统对接有序推进，服务水平持续提升。",
    "自相关工作开展以来，共解决群众反映的问题{I}余件。",
    "{S}支出{M}，其中{S}{M}，{S}{M}。",
    "{O}负责全区{U}相关工作，由{O}统一管理。",
]
UNSEEN_TEMPLATES = [
    "另安排{P}{M}，{U}。",
    "{P}共计投入{M}，资金执行率为{R}。",
    "在{P}方面，{O}投入{M}。",
    "{T}新增{P}，预算安排{M}，截至{T}已支出{M}。",
    "为落实{O}工作部署，实施{P}，全年支出{M}。",
    "{O}下达{P}计划（{D}），金额{M}。",
    "{S}决算数为{M}，较年初预算减少{M}，下降{R}，原因是{W}。",
    "{P}绩效目标完成情况：{U}，资金使用率{R}。",
]


# parts of composed training sentences (lead, verb, name, what follows, end): thousands of contexts
# around a project name, so the model learns where a name starts and stops rather than a few
# frames. None of the held-out frames (另安排, 共计投入, 在…方面, 新增, 实施…全年支出, 下达…计划,
# 绩效目标完成情况) is among them.
_LEADS = ["", "", "{T}，", "{T}", "{O}", "{O}{T}", "经{O}同意，", "按照{O}要求，", "本年度", "年内", "截至{T}，",
          "根据{O}《关于下达{T}项目资金的通知》（{D}），", "其中，", "此外，", "同时，"]
_VERBS = ["", "", "", "开展", "推进", "使用", "列支", "支付", "申报", "争取到", "拨付", "完成", "组织开展", "收到",
          "用于", "承担", "执行", "保障"]
_AFTERS = ["{M}", "项目支出{M}", "支出{M}", "资金{M}", "，支出{M}", "，金额{M}", "（{M}）", "，年初预算{M}",
           "，执行{M}", "，结余{M}", "，已支付{M}", "，预算{M}，实际支出{M}", "合计{M}", "，涉及金额{M}",
           "，已完成", "，进展顺利", "的实施", "，尚未完成验收", "预算{M}", "拨款{M}"]
_ENDS = ["。", "，{U}。", "，{W}。", "，执行率{R}。", "；", "，资金到位率{R}。", "，绩效自评得分{Q}分。", ""]
# in a project's place, words that are no project's name (the model must leave them alone)
_NOT_NAMES = ["项目资金", "专项资金", "公用经费", "工作经费", "相关经费", "人员经费", "上年结转资金", "财政拨款",
              "办公费、印刷费", "基本支出", "一般公共预算财政拨款"]


def _composed(rng: random.Random) -> str:
    name = "{P}" if rng.random() > 0.15 else rng.choice(_NOT_NAMES)
    if rng.random() < 0.2:
        name = f"“{name}”"
    return rng.choice(_LEADS) + rng.choice(_VERBS) + name + rng.choice(_AFTERS) + rng.choice(_ENDS)


def sentences(n: int, seed: int = 0, split: str = "train") -> list[tuple[str, list[tuple[int, int, str]]]]:
    rng = random.Random(f"ner-{split}-{seed}")
    templates = TRAIN_TEMPLATES if split == "train" else UNSEEN_TEMPLATES
    topics = TOPICS_TRAIN if split == "train" else TOPICS_UNSEEN
    out = []
    for _ in range(n):
        t = _composed(rng) if split == "train" and rng.random() < 0.4 else rng.choice(templates)
        text, spans = _fill(t, rng, topics)
        # a line broken where a converter broke it: the narrative joins it back, so the NER sees
        # the joined text (a \n in a template stands for that)
        out.append((text.replace("\n", ""), _shift_for_joins(t, text, spans)))
    return out


def _shift_for_joins(template: str, text: str, spans):
    if "\n" not in text:
        return spans
    cut = text.index("\n")
    return [(a - (1 if a > cut else 0), b - (1 if b > cut else 0), label) for a, b, label in spans]


def report_paragraphs(seeds, kind: str = "final") -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Narrative paragraphs of generated reports, labelled from their truth (projects, department)
    and the shapes; subjects of the explanations by their names."""
    from samplegen import generate

    from extractor.recognize.ner import shape_spans

    out = []
    for seed in seeds:
        text, truth = generate(seed, noise=0.0, layout="flat", kind=kind)
        names = {("PROJECT", p["name"]) for p in truth.get("projects", []) if p.get("name")}
        dept = (truth.get("report") or {}).get("department")
        if dept:
            names.add(("ORG", dept))
        for e in truth.get("explanations", []):
            if e.get("subject"):
                names.add(("SUBJECT", e["subject"]))
        for line in text.splitlines():
            line = line.strip()
            if len(line) < 12 or not any(p in line for p in "，。；"):
                continue
            spans = []
            for label, name in sorted(names, key=lambda x: -len(x[1])):
                start = 0
                while (k := line.find(name, start)) >= 0:
                    if not any(k < b and a < k + len(name) for a, b, _ in spans):
                        spans.append((k, k + len(name), label))
                    start = k + len(name)
            for a, b, label in shape_spans(line):
                if not any(a < y and x < b for x, y, _ in spans):
                    spans.append((a, b, label))
            out.append((line, sorted(spans)))
    return out


def real_paragraphs(paths) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Weak labels from the pattern layer on real narrative: the prose paragraphs of real reports
    (e.g. ../shared/real-pdfs), with the projects and department the rules found there and the
    shapes labelled. Paragraphs are what the NER sees at run time (broken lines joined)."""
    from extractor import extract
    from extractor.ingest import load
    from extractor.normalize import normalize
    from extractor.recognize.entities import rule_mentions, rule_names
    from extractor.recognize.ner import shape_spans
    from extractor.structure import structure

    out = []
    for path in paths:
        names = {n: v for n, v in rule_names(extract(path, ner=False)).items() if v[0] in ("PROJECT", "ORG")}
        nar = structure(normalize(load(path))).narrative
        for para in nar.text.split("\n"):
            if len(para) < 12 or not any(p in para for p in "，。；"):
                continue
            spans = [(a, b, label) for a, b, label, _ in rule_mentions(para, names, shape_spans(para))]
            out.append((para, sorted(spans)))
    return out
