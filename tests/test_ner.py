"""The NER layer: the spaCy pipeline in models/ner-zh, its training, and how the extractor merges its
findings with the rules'."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT
from extractor import extract
from extractor.recognize import ner


@pytest.fixture(scope="module")
def nlp():
    return ner.load()  # from models/ner-zh, with the network refused (conftest)


def test_model_is_in_the_repository_and_small():
    files = [p for p in ner.MODEL_DIR.rglob("*") if p.is_file()]
    assert (ner.MODEL_DIR / "meta.json").exists() and (ner.MODEL_DIR / "training.json").exists()
    assert sum(p.stat().st_size for p in files) < 10_000_000
    record = json.loads((ner.MODEL_DIR / "training.json").read_text(encoding="utf-8"))
    assert record["seed"] == 0 and record["unseen_phrasing_ner_only"]["ALL"]["f1"] > 0.7


def test_pipeline_components_and_labels(nlp):
    assert nlp.pipe_names == ["ner", "entity_ruler", "finreport_shapes"]
    assert set(nlp.get_pipe("ner").labels) == set(ner.LABELS)
    doc = nlp("根据渌财通〔2025〕4号文件，2024年一般公共服务支出年初预算为313. 08万元，完成年初预算的70.1%。")
    got = {(e.text, e.label_) for e in doc.ents}
    assert {("渌财通〔2025〕4号", "DOC_NO"), ("2024年", "DATE"), ("一般公共服务支出", "SUBJECT"),
            ("313. 08万元", "MONEY"), ("70.1%", "PERCENT")} <= got


UNQUOTED = [  # the phrasings (seed prose, never trained on): a name with no quotes around it
    ("1、网格化工作第二阶段经费项目支出90.04万元，主要用于网格员办公装备。", "网格化工作第二阶段经费"),
    ("（1）网格信息化建设专项项目支出64.76万元。", "网格信息化建设专项"),
    ("年中追加项目“纪委调剂办案经费”，金额5万元。", "纪委调剂办案经费"),
    ("4、网格化服务管理联动专项经费项目支出66.34万元，主要用于视频会议设备购置。", "网格化服务管理联动专项经费"),
    ("3、纪检监察信息化建设专项经费项目支出12万元，主要用于设备购置。", "纪检监察信息化建设专项经费"),
]


def test_unquoted_project_names_found(nlp):
    found = []
    for text, name in UNQUOTED:
        ner_spans, _ = ner.views(nlp, text)
        if (text.index(name), text.index(name) + len(name), "PROJECT") in ner_spans:
            found.append(name)
    assert found == [name for _, name in UNQUOTED]  # the committed model finds all five


def test_training_is_reproducible(tmp_path):
    import train_ner

    runs = []
    for k in range(2):
        nlp_k, record = train_ner.train(sentences=120, report_seeds=1, epochs=1, seed=7, log=lambda *_: None,
                                        real_pdfs=False)
        runs.append((record["unseen_phrasing_ner_only"], nlp_k.get_pipe("ner").to_bytes()))
    assert runs[0][0] == runs[1][0]
    assert runs[0][1] == runs[1][1]  # the same weights, byte for byte


def _report_text(tmp_path, body: str):
    p = tmp_path / "r.txt"
    p.write_text("青渚市云泽县档案馆2023年部门决算\n" + body, encoding="utf-8")
    return p


def test_ner_only_project_goes_to_review_and_agreement_raises_confidence(tmp_path):
    body = ("（二）项目支出情况\n"
            "2023年项目支出为80.10万元。1、河道保洁专项经费项目支出34.10万元，主要用于设备购置和日常维护。\n"
            "经区政府批准，追加农村饮水提质工程补助资金46万元，用于保障相关工作正常开展。\n")
    r = extract(_report_text(tmp_path, body))
    by_name = {p.name.value: p for p in r.projects}
    rules_alone = {p.name.value for p in extract(_report_text(tmp_path, body), ner=False).projects}
    assert rules_alone == {"河道保洁专项经费"}  # the numbered phrasing: a pattern finds it
    p = by_name["河道保洁专项经费"]
    assert p.name.confidence >= 0.97 and any("NER agrees" in n for n in p.name.notes)
    # no pattern names the project in the second sentence: the NER finds it, and it goes to review
    found = by_name.get("农村饮水提质工程补助资金")
    assert found is not None and found.name.confidence == 0.7
    assert str(found.actual.value) == "46" and found.actual.confidence == 0.7
    assert any(i.path.endswith("].name") and i.value == "农村饮水提质工程补助资金" for i in r.review)
    labels = {(e.label, e.text.value, e.origin) for e in r.entities}
    assert ("PROJECT", "河道保洁专项经费", "both") in labels
    assert ("PROJECT", "农村饮水提质工程补助资金", "ner") in labels
    assert ("MONEY", "34.10万元", "both") in labels and ("ORG", "区政府", "ner") in labels
    assert ("ORG", "青渚市云泽县档案馆", "both") in labels  # the department, confirmed
    assert r.report.department.confidence >= 0.97
    assert all(e.text.source.line for e in r.entities)
    assert not any(i.path.startswith("entities[") for i in r.review)


def test_disagreement_sends_the_rule_field_to_review(tmp_path):
    """The NER reads the words of a rule-found name with other boundaries: the name goes to review."""
    from extractor.datamodel import Project, make_field
    from extractor.recognize.entities import merge_entities
    from extractor.structure.narrative import build_narrative
    from extractor.datamodel import NLine

    text = "1、湿地公园维护专项经费项目支出60.10万元，主要用于设备购置和日常维护。"
    nar = build_narrative([NLine(text=text, orig=text, no=1)])
    from extractor.datamodel import Report, SourceInfo

    r = Report(source=SourceInfo(path="x.txt", sha256="0", format="text", route="text"))
    r.projects = [Project(name=make_field(value="湿地公园维护专项经费项目", raw="", confidence=0.95))]

    class Fixed:  # a stand-in pipeline that reads a shorter name there
        def make_doc(self, t):
            return t

    import extractor.recognize.ner as ner_mod

    real = ner_mod.views_many
    ner_mod.views_many = lambda nlp, texts: iter([([(2, 12, "PROJECT")], [])] * len(texts))
    try:
        merge_entities(r, nar, Fixed())
    finally:
        ner_mod.views_many = real
    name = r.projects[0].name
    assert name.confidence == 0.75 and "NER reads '湿地公园维护专项经费' as PROJECT" in name.notes
    (e,) = r.entities
    assert e.origin == "rules" and e.text.confidence == 0.75


def test_rules_alone_without_ner_and_a_missing_model_is_recorded(tmp_path, monkeypatch):
    body = "1、河道保洁专项经费项目支出60.10万元，主要用于设备购置和日常维护。\n"
    r = extract(_report_text(tmp_path, body), ner=False)
    assert r.entities == [] and [p.name.value for p in r.projects] == ["河道保洁专项经费"]
    monkeypatch.setenv("EXTRACTOR_NER_MODEL", str(tmp_path / "none"))
    r = extract(_report_text(tmp_path, body))
    assert r.entities == [] and any("NER layer not used" in p.message for p in r.problems)
    assert [p.name.value for p in r.projects] == ["河道保洁专项经费"]


@pytest.mark.parametrize("file, docs", [("eval_seeds.jsonl", {"seed_001", "seed_002", "seed_003"}),
                                        ("eval_seeds_more.jsonl", {"seed_000", "seed_004"})])
def test_annotated_evaluation_set_is_consistent(file, docs):
    rows = [json.loads(x) for x in (ROOT / "tests" / "ner" / file).read_text(encoding="utf-8").splitlines()]
    assert {r["doc"] for r in rows} == docs
    for r in rows:
        prev = 0
        for a, b, label in r["entities"]:
            assert prev <= a < b <= len(r["text"]) and label in ner.LABELS
            prev = b
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.exists():  # every annotated line is the seed's line, as printed
        for r in rows:
            (path,) = seeds.glob(r["doc"][-3:] + "_*.txt")
            assert path.read_text(encoding="utf-8").splitlines()[r["line"] - 1] == r["text"]


def test_ner_project_spans_lose_a_verb_in_front_and_a_word_after():
    from extractor.recognize.entities import plausible, trimmed

    text = "2021年新增秸秆综合利用工作专项经费，预算安排513万元；区财政局下达社区卫生服务站专项资金计划，金额20万元。"
    a = 0
    b = text.index("，")
    assert text[slice(*trimmed(text, a, b))] == "秸秆综合利用工作专项经费"
    c = text.index("社区")
    d = text.index("，金额")
    assert text[slice(*trimmed(text, c, d))] == "社区卫生服务站专项资金"
    assert trimmed("追加补贴", 0, 4) == (0, 4)  # 补贴 alone would be too short for a name
    quoted = "年初预算中安排“放管服”改革保障经费35万元"
    k = quoted.index("改革")
    assert quoted[slice(*trimmed(quoted, k, quoted.index("35")))] == "“放管服”改革保障经费"
    assert plausible(quoted, [(k, quoted.index("35"), "PROJECT")]) == [(7, 18, "PROJECT")]
    got = plausible(text, [(a, b, "PROJECT"), (c, d, "PROJECT")])
    assert [text[x:y] for x, y, _ in got] == ["秸秆综合利用工作专项经费", "社区卫生服务站专项资金"]


def test_a_quoted_word_inside_a_project_name_stays(tmp_path):
    body = ("（二）项目支出情况\n"
            "（2）“放管服”改革保障经费\n项目支出2.84万元，主要用于维护政务大厅正常运转。\n")
    r = extract(_report_text(tmp_path, body))
    assert "“放管服”改革保障经费" in {p.name.value for p in r.projects}
    spans = {e.text.value for e in r.entities if e.label == "PROJECT"}
    assert "“放管服”改革保障经费" in spans and "放管服”改革保障经费" not in spans


def test_a_catalogue_name_inside_a_ner_project_is_no_subject_mention():
    from extractor.recognize.entities import combined

    text = "推进信息化建设运维经费12万元。"
    name = (2, 11, "PROJECT")
    assert text[2:11] == "信息化建设运维经费"
    rules = [(2, 7, "SUBJECT", None), (11, 15, "MONEY", None)]  # the ruler's 信息化建设, an amount
    assert combined(text, rules, [name]) == [(11, 15, "MONEY"), name]
    owned = [(2, 7, "SUBJECT", object())]  # a subject the pattern layer explains is kept
    assert combined(text, owned, [name]) == [(2, 7, "SUBJECT")]


def test_a_known_project_spelled_differently_becomes_an_alias_not_a_second_project(monkeypatch):
    """The NER finds 网格化平台2.5维地图质保金 with an amount; the rules know the project as
    网格化平台2.5维地图项目质保金: the spelling is recorded as an alias, no duplicate project is made."""
    from extractor.datamodel import Project, Report, SourceInfo, make_field
    from extractor.datamodel import NLine
    from extractor.recognize.entities import merge_entities
    from extractor.structure.narrative import build_narrative
    import extractor.recognize.ner as ner_mod

    text = "其中：机房电费24万元，网格化平台2.5维地图质保金3.714万元。"
    nar = build_narrative([NLine(text=text, orig=text, no=1)])
    r = Report(source=SourceInfo(path="x.txt", sha256="0", format="text", route="text"))
    r.projects = [Project(name=make_field(value="网格化平台2.5维地图项目质保金", raw="", confidence=0.9))]
    a = text.index("网格化")
    b = text.index("3.714")
    monkeypatch.setattr(ner_mod, "views_many", lambda nlp, texts: iter([([(a, b, "PROJECT")], [])] * len(texts)))
    merge_entities(r, nar, object())
    assert [p.name.value for p in r.projects] == ["网格化平台2.5维地图项目质保金"]
    assert r.projects[0].aliases == ["网格化平台2.5维地图质保金"]
    assert any("also printed as" in n for n in r.projects[0].name.notes)
    assert ("PROJECT", "网格化平台2.5维地图质保金", "ner") in {(e.label, e.text.value, e.origin) for e in r.entities}


def test_hand_written_project_sentences_are_well_formed():
    rows = [json.loads(x) for x in (ROOT / "tests" / "ner" / "blind_projects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 120 and sum(len(r["entities"]) for r in rows) == 110
    assert sum(1 for r in rows if not r["entities"]) == 30  # sentences with no project name
    for r in rows:
        prev = 0
        for a, b, label in r["entities"]:
            assert prev <= a < b <= len(r["text"]) and label == "PROJECT"
            prev = b


def test_only_a_reading_shaped_like_a_name_disagrees(monkeypatch):
    """A NER reading across a 、 (two names run together) or an ORG ending in 经费 is no opinion:
    the rule-found name keeps its confidence; a name-shaped reading with other edges still doubts."""
    from extractor.datamodel import Project, Report, SourceInfo, make_field
    from extractor.datamodel import NLine
    from extractor.recognize.entities import merge_entities, readings
    from extractor.structure.narrative import build_narrative
    import extractor.recognize.ner as ner_mod

    text = "其中网格员人身意外保险、网格工作经费12万元，业务性专项经费5万元。"
    across = (2, 18, "PROJECT")
    org = (text.index("业务性"), text.index("业务性") + 7, "ORG")
    assert text[across[0]:across[1]] == "网格员人身意外保险、网格工作经费" and text[org[0]:org[1]] == "业务性专项经费"
    assert readings(text, [across, org]) == []
    nar = build_narrative([NLine(text=text, orig=text, no=1)])
    r = Report(source=SourceInfo(path="x.txt", sha256="0", format="text", route="text"))
    r.projects = [Project(name=make_field(value=v, raw="", confidence=0.95)) for v in ("网格工作经费", "业务性专项经费")]
    monkeypatch.setattr(ner_mod, "views_many", lambda nlp, texts: iter([([across, org], [])] * len(texts)))
    merge_entities(r, nar, object())
    assert [p.name.confidence for p in r.projects] == [0.95, 0.95]
    assert not any("NER reads" in n for p in r.projects for n in p.name.notes)
