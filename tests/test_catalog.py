"""Tests for extractor.catalog (subject-code catalogue)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor import catalog
from extractor.catalog import (
    Entry,
    all_entries,
    code_for_path,
    guess_kind,
    level_of,
    lookup,
    name_matches,
    names,
    normalize_code,
    parent,
)

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

ECONOMIC_CLASSES = {
    "301": "工资福利支出",
    "302": "商品和服务支出",
    "303": "对个人和家庭的补助",
    "307": "债务利息及费用支出",
    "309": "资本性支出（基本建设）",
    "310": "资本性支出",
    "311": "对企业补助（基本建设）",
    "312": "对企业补助",
    "313": "对社会保障基金补助",
    "399": "其他支出",
}

# 类 of the 2019-2025 支出功能分类 (218, 225, 226 and 228 are not in use).
FUNCTION_CLASSES = {
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "209": "社会保险基金支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "217": "金融支出",
    "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出",
    "227": "预备费",
    "229": "其他支出",
    "230": "转移性支出",
    "231": "债务还本支出",
    "232": "债务付息支出",
    "233": "债务发行费用支出",
    "234": "抗疫特别国债安排的支出",
}


# ---------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2010350", "2010350"),
        ("201 03 50", "2010350"),
        ("208 05 05", "2080505"),
        ("  208   05   99 ", "2080599"),
        ("２０１０３５０", "2010350"),
        ("２０８\u300005\u300005", "2080505"),
        ("201", "201"),
        ("201 03", "20103"),
        ("30102", "30102"),
        ("301 02", "30102"),
        ("20103 50", "2010350"),
        ("2010", None),
        ("201035", None),
        ("20 10350", None),
        ("2010350a", None),
        ("一般公共服务支出", None),
        ("", None),
        ("   ", None),
        ("12,345", None),
    ],
)
def test_normalize_code(text, expected):
    assert normalize_code(text) == expected


def test_level_and_parent():
    assert level_of("201") == "类"
    assert level_of("20103") == "款"
    assert level_of("2010301") == "项"
    assert level_of("30102") == "款"
    assert level_of("301") == "类"
    assert level_of("2010") is None
    assert parent("2010301") == "20103"
    assert parent("201 03 01") == "20103"
    assert parent("20103") == "201"
    assert parent("201") is None
    assert parent("30102") == "301"
    assert parent("garbage") is None


# ------------------------------------------------------------------ lookup


def test_lookup_basic():
    e = lookup("2010350")
    assert isinstance(e, Entry)
    assert e.name == "事业运行"
    assert e.kind == "function"
    assert e.level == "项"
    assert lookup("201 03 01").name == "行政运行"
    assert lookup("20103").name == "政府办公厅（室）及相关机构事务"
    assert lookup("2080505").name == "机关事业单位基本养老保险缴费支出"
    assert lookup("2210201").name == "住房公积金"
    assert lookup("9999999") is None
    assert lookup("nonsense") is None


def test_lookup_years():
    assert lookup("210", year=2018).name == "医疗卫生与计划生育支出"
    assert lookup("210", year=2019).name == "卫生健康支出"
    assert lookup("210").name == "卫生健康支出"
    assert lookup("207", year=2017).name == "文化体育与传媒支出"
    assert lookup("207", year=2020).name == "文化旅游体育与传媒支出"
    assert lookup("224", year=2023).name == "灾害防治及应急管理支出"
    assert lookup("20805", year=2018).name == "行政事业单位离退休"
    assert lookup("20805", year=2024).name == "行政事业单位养老支出"
    # a single-name code answers for any year
    assert lookup("2010350", year=2008).name == "事业运行"
    e = lookup("210", year=2018)
    assert e.until == 2018 and e.since is None
    e = lookup("210")
    assert e.since == 2019 and e.until is None


def test_lookup_economic():
    assert lookup("30101", kind="economic").name == "基本工资"
    assert lookup("301 02", kind="economic").name == "津贴补贴"
    assert lookup("30212", kind="economic").name == "因公出国（境）费用"
    assert lookup("399", kind="economic").name == "其他支出"
    assert lookup("30101", kind="economic").level == "款"
    assert lookup("30101") is None  # not a function code
    with pytest.raises(ValueError):
        lookup("301", kind="nope")


def test_names():
    assert names("210") == ["医疗卫生与计划生育支出", "卫生健康支出"]
    assert names("2010350") == ["事业运行"]
    assert names("9999999") == []
    assert names("30113", kind="economic") == ["住房公积金"]


# ------------------------------------------------------------ name_matches


def test_name_matches():
    assert name_matches("20103", "政府办公厅（室）及相关机构事务")
    assert name_matches("20103", "政府办公厅(室)及相关机构事务")
    assert name_matches("20103", "政府办公厅 （室） 及相关机构事务")
    assert name_matches("30213", "维修(护)费", kind="economic")
    assert name_matches("210", "医疗卫生与计划生育支出")  # older name
    assert name_matches("210", "卫生健康支出")
    # strict otherwise: the trailing 支出 is significant
    assert not name_matches("210", "卫生健康")
    assert not name_matches("20101", "人大事务支出")
    assert not name_matches("2010301", "行政运行费")
    assert not name_matches("2010301", "")
    assert not name_matches("9999999", "行政运行")


# ----------------------------------------------------------- code_for_path


def test_code_for_path():
    assert (
        code_for_path(["一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"])
        == "2010301"
    )
    assert (
        code_for_path(["一般公共服务支出", "政府办公厅(室)及相关机构事务", "事业运行"])
        == "2010350"
    )
    assert code_for_path(["一般公共服务支出", "财政事务", "行政运行"]) == "2010601"
    assert code_for_path(["社会保障和就业支出", "行政事业单位养老支出",
                          "机关事业单位基本养老保险缴费支出"]) == "2080505"
    assert code_for_path(["住房保障支出", "住房改革支出", "住房公积金"]) == "2210201"
    assert code_for_path(["一般公共服务支出"]) == "201"
    assert code_for_path(["一般公共服务支出", "财政事务"]) == "20106"
    # labels as printed in explanations
    assert code_for_path(["一般公共服务支出（类）", "财政事务（款）", "行政运行（项）"]) == "2010601"
    # older name paths
    assert code_for_path(["医疗卫生与计划生育支出", "行政事业单位医疗", "行政单位医疗"]) == "2101101"
    assert code_for_path(["卫生健康支出", "行政事业单位医疗", "行政单位医疗"], year=2024) == "2101101"


def test_code_for_path_unknown_or_ambiguous():
    assert code_for_path([]) is None
    assert code_for_path(["行政运行"]) is None  # under many 款
    assert code_for_path(["一般公共服务支出", "行政运行"]) is None
    assert code_for_path(["不存在的支出"]) is None
    assert code_for_path(["一般公共服务支出", "财政事务", "不存在"]) is None
    assert code_for_path(["a", "b", "c", "d"]) is None


def test_code_for_path_without_class():
    # a 款 name that is unique across 类 resolves without its 类
    assert code_for_path(["政府办公厅（室）及相关机构事务", "行政运行"]) == "2010301"
    assert code_for_path(["行政事业单位医疗"]) == "21011"


def test_code_for_path_economic():
    assert code_for_path(["工资福利支出", "基本工资"], kind="economic") == "30101"
    assert code_for_path(["资本性支出", "公务用车购置"], kind="economic") == "31013"
    assert code_for_path(["资本性支出（基本建设）", "公务用车购置"], kind="economic") == "30913"
    assert code_for_path(["公务用车购置"], kind="economic") is None  # 309 and 310


# -------------------------------------------------------------- guess_kind


def test_guess_kind():
    assert guess_kind("301", "工资福利支出") == "economic"
    assert guess_kind("30101", "基本工资") == "economic"
    assert guess_kind("2010301", "行政运行") == "function"
    assert guess_kind("201", "一般公共服务支出") == "function"
    assert guess_kind("301", "合计") is None
    assert guess_kind("100", "97") is None
    assert guess_kind("30101", "行政运行") is None


# ---------------------------------------------------------- data integrity


def test_all_function_classes_present():
    for code, name in FUNCTION_CLASSES.items():
        assert name_matches(code, name), (code, name, names(code))
        assert lookup(code).name == name


def test_class_range_201_234():
    present = {e.code for e in all_entries("function") if len(e.code) == 3}
    assert present == set(FUNCTION_CLASSES)
    assert all("201" <= c <= "234" for c in present)


def test_all_economic_classes_present():
    for code, name in ECONOMIC_CLASSES.items():
        e = lookup(code, kind="economic")
        assert e is not None and e.name == name and e.level == "类"
    classes = {e.code for e in all_entries("economic") if len(e.code) == 3}
    assert classes == set(ECONOMIC_CLASSES)


def test_economic_kuan_listed_in_brief():
    for code, name in [
        ("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"),
        ("30106", "伙食补助费"), ("30107", "绩效工资"),
        ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"),
        ("30110", "职工基本医疗保险缴费"), ("30111", "公务员医疗补助缴费"),
        ("30112", "其他社会保障缴费"), ("30113", "住房公积金"), ("30114", "医疗费"),
        ("30199", "其他工资福利支出"), ("30201", "办公费"),
        ("30299", "其他商品和服务支出"), ("30301", "离休费"),
        ("30399", "其他对个人和家庭的补助"), ("30701", "国内债务付息"),
        ("30702", "国外债务付息"), ("31001", "房屋建筑物购建"),
        ("31099", "其他资本性支出"), ("39907", "国家赔偿费用支出"),
        ("39999", "其他支出"),
    ]:
        assert name_matches(code, name, kind="economic"), code


def test_function_levels_and_parents():
    entries = all_entries("function")
    codes = {e.code for e in entries}
    assert len(entries) >= 500
    for e in entries:
        assert e.kind == "function"
        assert re.fullmatch(r"2\d{2}(\d{2}){0,2}", e.code), e
        assert e.level == {3: "类", 5: "款", 7: "项"}[len(e.code)]
        assert e.name and e.name == e.name.strip() and "\t" not in e.name
        if len(e.code) == 7:
            assert e.code[:5] in codes, e
            assert e.code[:3] in codes, e
        if len(e.code) == 5:
            assert e.code[:3] in codes, e


def test_economic_levels_and_parents():
    entries = all_entries("economic")
    codes = {e.code for e in entries}
    for e in entries:
        assert e.kind == "economic"
        assert re.fullmatch(r"3\d{2}(\d{2})?", e.code), e
        assert e.level == {3: "类", 5: "款"}[len(e.code)]
        if len(e.code) == 5:
            assert e.code[:3] in codes, e


@pytest.mark.parametrize("kind", ["function", "economic"])
def test_no_duplicates_and_sane_ranges(kind):
    seen = set()
    by_code: dict[str, list[Entry]] = {}
    for e in all_entries(kind):
        assert (e.code, e.since) not in seen, e
        seen.add((e.code, e.since))
        by_code.setdefault(e.code, []).append(e)
        if e.since is not None and e.until is not None:
            assert e.since <= e.until, e
    for code, lst in by_code.items():
        if len(lst) == 1:
            continue
        # year ranges of the names of one code must not overlap
        spans = sorted(
            (e.since if e.since is not None else 0, e.until if e.until is not None else 9999)
            for e in lst
        )
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            assert a1 < b0, (code, spans)


def test_common_items():
    assert lookup("2010101").name == "行政运行"
    assert lookup("2010102").name == "一般行政管理事务"
    assert lookup("2010103").name == "机关服务"
    assert lookup("2010199").name == "其他人大事务支出"
    assert lookup("2060199").name == "其他科学技术管理事务支出"
    assert lookup("2101101").name == "行政单位医疗"
    assert lookup("2040601").name == "行政运行"
    assert lookup("2050201").name == "学前教育"
    assert lookup("2130599", year=2020).name == "其他扶贫支出"


def test_data_files_are_tsv_with_header():
    data = Path(catalog.__file__).resolve().parent / "data"
    for kind in ("function", "economic"):
        lines = (data / f"{kind}.tsv").read_text(encoding="utf-8").splitlines()
        assert lines[0] == "code\tname\tsince\tuntil"
        for line in lines[1:]:
            assert line.count("\t") == 3, line


# ------------------------------------------------------------- real seeds


def _seed_pairs() -> list[tuple[str, str, str]]:
    code_re = re.compile(r"^\s*(\d{3}|\d{5}|\d{7})\s*$")
    han = re.compile(r"[\u4e00-\u9fff]")
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for i, line in enumerate(lines[:-1]):
            m = code_re.match(line)
            if not m:
                continue
            name = lines[i + 1].strip()
            # the cell after a code is its name; numeric cells are amounts
            if not han.search(name):
                continue
            out.append((path.name, m.group(1), name))
    return out


def test_seed_codes_known():
    if not SEEDS.is_dir():
        pytest.skip(reason=f"seed folder {SEEDS} is absent (shared/ not laid beside the repo)")
    pairs = _seed_pairs()
    if not pairs:
        pytest.skip(reason=f"no code/name cells found in {SEEDS}")
    unknown = [p for p in pairs if guess_kind(p[1], p[2]) is None]
    assert not unknown, unknown
    # the 3-digit economic 类 rows are recognised as economic
    kinds = {(c, guess_kind(c, n)) for _, c, n in pairs}
    assert all(k == ("economic" if c.startswith("3") else "function") for c, k in kinds)
