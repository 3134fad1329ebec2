"""Converted text as it really comes: Traditional characters, pinyin ruby, page furniture inside
tables, masked values and spaces. Expected values are read by hand from the lines written here and
from the real texts in ../shared/real-texts (06 and 16 are Traditional, 13 has a page mark run into
a table line, 14 is masked)."""
from __future__ import annotations

import random
import time
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import flat
from extractor import extract
from extractor.datamodel import Document, Line
from extractor.evidence import policy
from extractor.normalize import normalize
from extractor.normalize import traditional
from extractor.normalize.furniture import cut_inline_page_marks, is_page_line
from extractor.normalize.ruby import strip_pinyin_ruby
from extractor.normalize.traditional import HINTS, may_hold_traditional, to_simplified
from extractor.structure import structure

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL_TEXTS = SHARED / "real-texts"
SEEDS = SHARED / "seeds"
needs_real = pytest.mark.skipif(not REAL_TEXTS.is_dir(), reason="../shared/real-texts not present")


def _doc(text: str) -> Document:
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return Document(path="t.txt", sha256="0", format="text", route="text", lines=lines)


def _texts(text: str) -> list[str]:
    return [ln.text for ln in normalize(_doc(text)).lines]


# --- Traditional characters ------------------------------------------------------------------

@pytest.mark.parametrize("printed,simple", [
    ("公務用車購置費", "公务用车购置费"),
    ("行政運行", "行政运行"),
    ("預算數", "预算数"),
    ("一般公共預算財政撥款支出決算表", "一般公共预算财政拨款支出决算表"),
    ("因公出國(境)費 0 萬元,占 %", "因公出国(境)费 0 万元,占 %"),
    ("憑藉", "凭借"),  # an OpenCC phrase: 藉 alone stays 藉
])
def test_traditional_to_simplified_one_for_one(printed, simple):
    assert to_simplified(printed) == simple
    assert len(to_simplified(printed)) == len(printed)


def test_traditional_line_keeps_printed_text_in_orig():
    nd = normalize(_doc("公務用車購置費３．２３萬元\n行政運行"))
    assert [ln.text for ln in nd.lines] == ["公务用车购置费3.23万元", "行政运行"]
    assert nd.lines[0].orig == "公務用車購置費３．２３萬元"
    assert nd.lines[0].repaired  # the full-width digits were mapped
    assert not nd.lines[1].repaired  # a Traditional character is no repair of a number
    assert nd.counts["traditional_line"] == 2


def test_simplified_text_is_left_alone():
    # 著, 乾, 于, 台, 系 are written in Simplified text too: they never make a line Traditional
    text = "显著提高了乾隆年间著作的整理，于是台账系统上线。"
    nd = normalize(_doc(text))
    assert nd.lines[0].text == text and "traditional_line" not in nd.counts
    assert not may_hold_traditional([text])


def test_hints_are_traditional_without_doubt():
    certain = traditional._tables()[3]
    assert HINTS <= certain
    assert "著" not in certain and "乾" not in certain and "台" not in certain


def test_phrase_conversion_that_changes_length_falls_back_per_character(monkeypatch):
    t2s, table, char_map, certain = traditional._tables()

    class Lengthening:  # a phrase table that turned one character into two
        def convert(self, text):
            return t2s.convert(text).replace("费", "费用")

    monkeypatch.setattr(traditional, "_tables", lambda: (Lengthening(), table, char_map, certain))
    got = traditional.to_simplified("公務用車購置費12.5")
    assert got == "公务用车购置费12.5" and len(got) == len("公務用車購置費12.5")

    class Shifting:  # same length, but a digit moved: per character too
        def convert(self, text):
            s = t2s.convert(text)
            return s[1:] + s[0]

    monkeypatch.setattr(traditional, "_tables", lambda: (Shifting(), table, char_map, certain))
    assert traditional.to_simplified("經費12") == "经费12"


# --- pinyin ruby -----------------------------------------------------------------------------

@pytest.mark.parametrize("printed,clean,removed", [
    ("“三公”經(jīng)費(fèi)", "“三公”經費", 2),
    ("35萬(wàn)元", "35萬元", 1),
    ("萬（wàn）元", "萬元", 1),
    ("說(shuō)明", "說明", 1),
    ("因公出国(境)费", "因公出国(境)费", 0),  # a Han character in brackets is text
    ("的(de)", "的(de)", 0),  # no tone mark: not taken for ruby
    ("(jīng)费", "(jīng)费", 0),  # not after a Han character
])
def test_pinyin_ruby(printed, clean, removed):
    assert strip_pinyin_ruby(printed) == (clean, removed)


def test_ruby_and_traditional_together():
    nd = normalize(_doc("財政預算撥款“三公”經(jīng)費支出合計35萬(wàn)元"))
    assert nd.lines[0].text == "财政预算拨款“三公”经费支出合计35万元"
    assert nd.lines[0].orig == "財政預算撥款“三公”經費支出合計35萬元"
    assert nd.counts["pinyin_ruby"] == 2


# --- page furniture --------------------------------------------------------------------------

@pytest.mark.parametrize("line", ["— 12 —", "- 12 -", "－3－", "第 3 页 共 20 页", "第 2 页,共 46 页",
                                  "共 20 页 第 3 页", "第3页", "  3/20 "])
def test_page_lines(line):
    assert is_page_line(line)
    nd = normalize(_doc("一、部门职责\n" + line + "\n二、机构设置"))
    assert [ln.text for ln in nd.lines] == ["一、部门职责", "二、机构设置"]
    assert nd.counts == {"page_line": 1} and nd.removed == 1


@pytest.mark.parametrize("line", ["详见第3页。", "12.50", "—", "2023", "第一部分 概况"])
def test_not_page_lines(line):
    assert not is_page_line(line)
    assert _texts(line) == [line]


@pytest.mark.parametrize("printed,clean", [
    ("支 第 2 页,共 46 页 出 总 计 16,745.59", "支 出 总 计 16,745.59"),  # as real-texts/13 has it
    ("合计 1,234.56 第 2 页 共 9 页", "合计 1,234.56"),
    ("第 2 页 共 9 页 一、部门职责", "一、部门职责"),
    ("详见第3页附表", "详见第3页附表"),  # 第 N 页 alone inside text is text
])
def test_page_mark_run_into_a_line(printed, clean):
    assert _texts(printed) == [clean]
    nd = normalize(_doc(printed))
    assert nd.lines[0].text == nd.lines[0].orig  # cut before orig is fixed: offsets stay shared


def test_page_mark_inline_counted():
    assert cut_inline_page_marks("支 第 2 页,共 46 页 出") == ("支 出", 1)
    assert cut_inline_page_marks("没有页码") == ("没有页码", 0)


def test_form_feeds_and_running_headers():
    text = ("湛江市委宣传部2017年部门决算\n一、部门职责\n负责宣传工作。\n"
            "\f湛江市委宣传部2017年部门决算\n二、机构设置\n内设科室5个。\n"
            "\f湛江市委宣传部2017年部门决算\n三、人员情况\n\f")
    nd = normalize(_doc(text))
    assert [ln.text for ln in nd.lines] == [
        "湛江市委宣传部2017年部门决算", "一、部门职责", "负责宣传工作。", "二、机构设置", "内设科室5个。", "三、人员情况"]
    assert nd.counts == {"form_feed": 3, "running_header": 2}
    assert [ln.no for ln in nd.lines] == [1, 2, 3, 5, 6, 8]


def test_a_table_row_ending_two_pages_is_no_running_footer():
    # two tables each end a page on the same last row (pdftotext -layout): the row is kept; the
    # running footer under it is still dropped
    row = "221   02   03   购房补贴     258.50   258.50"
    text = (f"收入决算表\n{row}\n某某局2024年部门决算\n\f支出决算表\n{row}\n某某局2024年部门决算\n"
            "\f一般公共预算财政拨款支出决算表\n")
    nd = normalize(_doc(text))
    assert [ln.text for ln in nd.lines].count(row) == 2
    assert "某某局2024年部门决算" not in [ln.text for ln in nd.lines]


def test_a_name_under_a_lone_code_piece_ending_two_pages_is_kept():
    # pdftotext without -layout: the code column's boxes print `208` `05` `05` apart, and the same
    # subject row ends two pages (收入 and 支出 tables): its name under the lone 项 piece is a cell
    name = "机关事业单位基本养老保险缴费支出"
    text = (f"收入预算总表\n208\n\n05\n\n05\n\n{name}\n\f208\n06\n"
            f"支出预算总表\n208\n\n05\n\n05\n\n{name}\n\f208\n06\n")
    assert _texts(text).count(name) == 2
    # a running footer is still one: under a piece that a page break leaves above it (another page)
    footer = "某某局2026年单位预算"
    text = f"甲\n05\n\f{footer}\n乙\n05\n\f{footer}\n丙\n"
    assert footer not in _texts(text)


def test_cells_at_two_page_edges_are_no_running_headers():
    # real shapes (pdfminer.six, Beijing's 预算05表 and 项目支出绩效目标表): a table continued over
    # pages puts the same cell at two page tops or bottoms; a subject row, a project code, a numbered
    # item, an indicator value, a row of indicator levels and a unit are kept; the title line that
    # heads every page is still a running header
    cells = ["2080506 机关事业单位职业年金缴费支出", "11000026T00", "二十四、债务付息支出", "≥95%",
             "产出指标 数量指标", "月", "（十）完成区委、区政府交办的其他任务。"]
    header = "北京市水务局2026年部门预算"
    for cell in cells:
        text = f"{header}\n甲\n{cell}\n\f{header}\n{cell}\n乙\n{cell}\n\f{header}\n{cell}\n丙\n"
        texts = _texts(text)
        assert texts.count(cell) == 4, cell
        assert texts.count(header) == 1, cell  # the first page's, which may be the report's title


def test_table_title_at_every_page_top_is_kept():
    text = "项目支出绩效自评表\n项目名称\tA\n\f项目支出绩效自评表\n项目名称\tB\n\f项目支出绩效自评表\n项目名称\tC"
    assert _texts(text).count("项目支出绩效自评表") == 3


_ROWS05 = [
    ["项    目", "本年支出"],
    ["功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"],
    ["栏次", "1", "2", "3"],
    ["合计", "1279.28", "995.80", "283.48"],
    ["201", "一般公共服务支出", "65.45", "", "65.45"],
    ["2019999", "其他一般公共服务支出", "65.45", "", "65.45"],
    ["206", "科学技术支出", "1052.86", "834.83", "218.03"],
    ["2060101", "行政运行", "834.83", "834.83", ""],
    ["2060199", "其他科学技术管理事务支出", "218.03", "", "218.03"],
    ["208", "社会保障和就业支出", "160.97", "160.97", ""],
]
_TITLE05 = "一般公共预算财政拨款支出决算表\n\t\t\t公开05表\n部门：测试局\t\t单位：万元\n"


def _rows(table):
    return [(r.code.value if r.code else None, r.name.value,
             {k: v.value for k, v in r.values.items()}) for r in table.rows]


def test_flat_05_with_form_feed_and_page_line_reads_the_same_rows():
    clean = _TITLE05 + flat(_ROWS05) + "\n注：本表反映本部门本年度一般公共预算财政拨款支出情况。"
    (t0,) = structure(normalize(_doc(clean))).tables
    # the same table as pdftotext would give it over two pages: a page-number line between two
    # rows, one inside a row, a form feed before a cell and a running header at the new page's top
    noisy = (clean
             .replace("\t206\n", "第 2 页 共 9 页\n\f测试局2017年部门决算\n\t206\n")
             .replace("\t行政运行\n", "\t行政运行\n第 2 页 共 9 页\n")
             .replace("\t2060199\n", "\f\t2060199\n"))
    noisy = "测试局2017年部门决算\n" + noisy + "\n\f测试局2017年部门决算\n附件"
    nd = normalize(_doc(noisy))
    assert nd.counts == {"page_line": 2, "form_feed": 3, "running_header": 2}
    (t1,) = structure(nd).tables
    assert t0.template == t1.template == "final.05"
    assert _rows(t1) == _rows(t0)
    # read by hand from _ROWS05
    assert [r[1] for r in _rows(t1)] == ["合计", "一般公共服务支出", "其他一般公共服务支出", "科学技术支出",
                                          "行政运行", "其他科学技术管理事务支出", "社会保障和就业支出"]
    rows = {r[1]: r for r in _rows(t1)}
    assert rows["行政运行"][0] == "2060101"
    assert rows["行政运行"][2]["本年支出/基本支出"] == Decimal("834.83")
    assert rows["科学技术支出"][2]["本年支出/项目支出"] == Decimal("218.03")


# --- masked values ---------------------------------------------------------------------------

def test_masked_year_and_nbsp_masks():
    nd = normalize(_doc("****年度单位决算\n目*****;*****;录\n第一部分*****;概况\n**一、职责**\n第一部分 概况\n正文。"))
    texts = [ln.text for ln in nd.lines]
    assert texts[0] == "****年度单位决算"  # a masked year stays masked (the markdown-bold rule leaves 3+ stars)
    assert "目  录" not in texts  # a masked &nbsp; is a space: the 目录 is seen and dropped
    assert texts[1:] == ["第一部分 概况", "正文。"]
    assert nd.counts["nbsp_mask"] == 3


def test_masked_cells_are_masked_not_numbers():
    rows = [r[:] for r in _ROWS05]
    rows[7] = ["2060101", "行政运行", "*****", "****", ""]
    (t,) = structure(normalize(_doc(_TITLE05 + flat(rows)))).tables
    row = next(r for r in t.rows if r.name.value == "行政运行")
    for col in ("本年支出/小计", "本年支出/基本支出"):
        f = row.values[col]
        assert f.value is None and "masked value" in f.notes and f.confidence == policy.CELL_MASKED
    assert row.values["本年支出/小计"].raw == "*****"


def test_masked_amounts_in_narrative_are_no_numbers(tmp_path):
    p = tmp_path / "masked.txt"
    p.write_text("****年度测试局部门决算\n一、收入支出决算总体情况说明\n"
                 "本年收入合计*****万元，本年支出合计*****万元。\n", encoding="utf-8")
    r = extract(p, ner=False)
    assert r.report.year is None
    assert "income_total" not in r.totals and "expenditure_total" not in r.totals


# --- the real texts --------------------------------------------------------------------------

def _money(report) -> dict[str, str]:
    return {e.text.raw: e.text.value for e in report.entities if e.label == "MONEY"}


@needs_real
def test_real_traditional_06_zhanjiang():
    r = extract(REAL_TEXTS / "06_guangdong_zhanjiang_xuanchuanbu_2017_sangong.txt")  # entities[] needs the NER layer
    assert r.report.year.value == 2017
    money = _money(r)
    # read in the file: 支出合計35萬元, 比上年減少2.28萬元, 購置及運行維護費5萬元, 公務接待費30萬元
    for raw, value in (("35萬元", "35万元"), ("2.28萬元", "2.28万元"), ("5萬元", "5万元"), ("30萬元", "30万元")):
        assert money.get(raw) == value
    subjects = {(e.text.raw, e.text.value) for e in r.entities if e.label == "SUBJECT"}
    assert ("公務接待費", "公务接待费") in subjects  # printed Traditional, the catalogue's name Simplified


@needs_real
def test_real_traditional_16_caigou():
    path = REAL_TEXTS / "16_guangdong_caigou_zhongxin_2015_sangong_fanti.txt"
    nd = normalize(_doc(path.read_text(encoding="utf-8")))
    texts = [ln.text for ln in nd.lines]
    assert texts[0].startswith("1、决算车辆运行维护费用2.94万元,比去年3.01万元少0.07万元")
    assert nd.lines[0].orig.startswith("1、決算車輛運行維護費用2.94萬元")
    assert "公务用车" in texts and "购置费 |" in texts  # the table's header cells, ruby gone
    assert "以前年度结转资金9.83 |" in texts
    r = extract(path)
    money = _money(r)
    # read in the file: 運行維護費用2.94萬元, 公務接待費用4萬元, 同比去年1.05萬元增加2.95萬元
    for raw, value in (("2.94萬元", "2.94万元"), ("4萬元", "4万元"), ("1.05萬元", "1.05万元"), ("2.95萬元", "2.95万元")):
        assert money.get(raw) == value
    subjects = {(e.text.raw, e.text.value) for e in r.entities if e.label == "SUBJECT"}
    assert ("其他城鄉社區管理事務支出", "其他城乡社区管理事务支出") in subjects


@needs_real
def test_real_masked_14_hainan():
    path = REAL_TEXTS / "14_hainan_ledong_shuiwu_xiangmu_juesuan_masked.txt"
    nd = normalize(_doc(path.read_text(encoding="utf-8")))
    texts = [ln.text for ln in nd.lines]
    assert texts[2] == "****年度单位决算"
    assert "第一部分  乐东黎族自治县水务项目建设管理中心" in texts  # the body heading after the TOC
    assert not any("*;" in t for t in texts)
    r = extract(path, ner=False)
    assert r.report.year is None  # ****年: masked, never a number


@needs_real
def test_real_page_mark_13():
    path = REAL_TEXTS / "13_unknown_jiaoyuju_2020_yusuan_xls.txt"
    nd = normalize(_doc(path.read_text(encoding="utf-8")))
    line = next(ln.text for ln in nd.lines if "收 入 总 计" in ln.text)
    assert "收 入 总 计 16,745.59 支 出 总 计 16,745.59 表1-1" in line
    assert nd.counts == {"page_mark_inline": 1}


def _all_real_files():
    out = []
    for folder in (REAL_TEXTS, SEEDS):
        if folder.is_dir():
            out.extend(sorted(p for p in folder.iterdir() if p.suffix == ".txt"))
    return out


@needs_real
def test_text_and_orig_equal_length_on_every_real_line():
    files = _all_real_files()
    assert len(files) >= 15
    for p in files:
        nd = normalize(_doc(p.read_text(encoding="utf-8-sig")))
        for ln in nd.lines:
            assert len(ln.text) == len(ln.orig), (p.name, ln.no)
        if p.parent == SEEDS:  # Simplified reports: OpenCC never loaded for them
            assert not may_hold_traditional(ln.text for ln in nd.lines)


def test_text_and_orig_equal_length_on_random_lines():
    pieces = ["經(jīng)", "費(fèi)", "萬(wàn)元", "公務用車", "購置費", "３．２３", "１００％", "第 2 页 共 9 页", "— 12 —",
              "*****;", "****", "**", "\f", "\t", " ", "行政运行", "憑藉", "著作", "(境)", "（", "）", "[bookmark: _GoBack]",
              "PAGEREF _Toc25831 h 3", "1,234.56", "目 录", "|", "乾", "ā", "页", "共"]
    rng = random.Random(11)
    for _ in range(400):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 8))]
        nd = normalize(_doc("\n".join(lines)))
        for ln in nd.lines:
            assert len(ln.text) == len(ln.orig)
            assert "\f" not in ln.text and "(wàn)" not in ln.text


@pytest.mark.parametrize("line", [
    "第" + " " * 200_000,
    "第 1 页 " * 25_000,
    "共 1 页 第" * 25_000,
    "經(" + "a" * 200_000,
    "經(ā" * 70_000,
    "*" * 200_000,
    "*****;" * 35_000,
    "— 1" * 70_000,
    "\f" * 200_000,
])
def test_adversarial_long_lines_take_linear_time(line):
    t = time.process_time()
    nd = normalize(_doc(line + "\n" + line))
    assert all(len(ln.text) == len(ln.orig) for ln in nd.lines)
    assert time.process_time() - t < 10  # a backtracking regex would take hours here


@needs_real
def test_three_public_total_is_no_expenditure_total_and_a_masked_year_keeps_the_kind():
    """Real text 06 (Traditional): “三公”經費支出合計35萬元 is the 三公 total, never the department's
    whole spending; real text 14 prints its title as ****年度单位决算: the kind is read, for review."""
    r = extract(next(REAL_TEXTS.glob("06_*.txt")))
    assert "expenditure_total" not in r.totals
    total = r.totals["three_public_total"]
    assert total.value == Decimal("35") and total.raw == "35"
    r = extract(next(REAL_TEXTS.glob("14_*.txt")))
    assert r.report.kind.value == "单位决算" and r.report.kind.confidence < policy.REVIEW_THRESHOLD
    assert r.report.year is None  # the year is masked (****): no number is read from it


@pytest.mark.parametrize("layout", ["flat", "tsv", "pipe"])
def test_generated_reports_in_traditional_with_page_furniture_read_as_their_truth(tmp_path, layout):
    """Generated reports turned into Traditional characters (OpenCC s2t) with a form feed and a
    `第 N 页 共 9 页` line every 70 lines, tables included: field F1 1.0 against their truth, as the
    Simplified text without furniture gives."""
    from opencc import OpenCC

    from extractor.evaluate import Score, compare
    from samplegen import generate

    to_traditional = OpenCC("s2t").convert
    score = Score()
    for kind in ("final", "budget", "self_eval"):
        text, truth = generate(2, noise=0.0, layout=layout, kind=kind)
        lines = to_traditional(text).split("\n")
        assert lines != text.split("\n")  # there is something Traditional to read
        out = []
        for i, line in enumerate(lines):
            out.append(line)
            if i and i % 70 == 0:
                out.append(f"\f第 {i // 70} 页 共 9 页")
        path = tmp_path / f"{kind}.txt"
        path.write_text("\n".join(out), encoding="utf-8")
        score.merge(compare(extract(path, ner=False), truth))
    assert score.tp > 300 and score.f1 == 1.0, score.mismatches[:5]
