"""Tests of the DOCX and PDF renderers of samplegen: the synthetic reports as DOCX and PDF (same
truth as the text), and extracted report JSON rendered back into a document (support/roundtrip.py).
Skipped when python-docx, fpdf2, pypdfium2 or a CJK font are not installed (they are not
dependencies of the extractor)."""
from __future__ import annotations

import decimal
import io
import json
import re
import zipfile

import pytest

import docx  # python-docx, pypdfium2 (dependencies) and fpdf2 (test extra): never skipped
import fpdf  # noqa: F401
import pypdfium2 as pdfium

import samplegen as ms  # noqa: E402
from samplegen import __main__ as cli  # noqa: E402
from support.roundtrip import render_report_json  # noqa: E402

needs_font = pytest.mark.usefixtures("cjk_font")  # missing, the test fails (conftest.cjk_font)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def seed_with(kind: str, style_fn, **want) -> int:
    """The first seed whose layout style has the wanted values."""
    return next(s for s in range(200) if all(style_fn(s, kind)[k] == v for k, v in want.items()))


def table_amounts(truth: dict) -> set[str]:
    out = set()
    for t in truth["tables"].values():
        for r in t["rows"]:
            out.update(v for v in r["values"].values() if v is not None)
    for e in truth["explanations"]:
        out.update(e[k] for k in ("budget", "actual", "completion_rate") if e.get(k))
    for p in truth["projects"]:
        out.update(p[k] for k in ("budget", "actual", "score") if p.get(k))
    return out


def has_amount(text: str, v: str) -> bool:
    ip, _, fr = v.partition(".")
    forms = {v, f"{int(ip):,}" + ("." + fr if fr else "")}
    return any(re.search(r"(?<![\d.,])" + re.escape(f) + r"(?!\d)", text) for f in forms)


def docx_text(d) -> str:
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.append("\t".join(c.text for c in row.cells))
    return "\n".join(parts)


def header_line(page_text: str) -> str:
    """The first line after the 部门：… 单位：… line of a table's first page: its first header row."""
    lines = page_text.split("\r\n")
    return lines[next(i for i, ln in enumerate(lines) if "单位：" in ln) + 1]


def pdf_text(data: bytes) -> tuple[str, list]:
    doc = pdfium.PdfDocument(data)
    pages = [(p.get_size(), p.get_textpage().get_text_range()) for p in doc]
    return "\n".join(t for _, t in pages), pages


@pytest.fixture(scope="module")
def final_docx():
    seed = seed_with("final", ms.docx_style, numbering=True, toc="field")
    doc, truth = ms.report_doc(seed, "final")
    return seed, truth, ms.docx_bytes(doc, ms.docx_style(seed, "final"), f"final-{seed}")


# ---- the model and the text -------------------------------------------------------------------

def test_recording_leaves_the_text_unchanged():
    for seed, kind in ((7, "final"), (8, "budget"), (9, "self_eval")):
        for layout in ("flat", "mixed"):
            rec = ms.Recorder()
            assert ms.generate_recorded(seed, 0.3, layout, kind, rec) == ms.generate(seed, 0.3, layout, kind)
            assert rec.lines and rec.tables


def test_model_truth_is_the_text_truth():
    for seed, kind in ((3, "final"), (4, "budget"), (5, "self_eval"), (6, "mixed")):
        doc, truth = ms.report_doc(seed, kind)
        assert truth == ms.generate(seed, 0.0, "flat", kind)[1]
        assert doc.department == truth["report"]["department"] and doc.year == truth["report"]["year"]
        assert any(isinstance(b, ms.Tab) for b in doc.blocks)


def test_grid_merges():
    spec_h = [[("项目", 2), ("本年支出", 3)], ms.cells("功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"),
              ms.cells("", "", "", "", "")]
    grid, ncols, nhead = ms.grid_of(spec_h, [ms.cells("201", "一般公共服务支出", "1", "2", "")])
    assert (ncols, nhead) == (5, 3)
    assert grid[0][0].span == 2 and grid[0][1].span == 3
    assert all(g.cont for g in grid[2]) and grid[1][0].down == 2
    assert not grid[3][4].cont                    # an empty data cell is not merged
    h, rows = ms.split_codes(spec_h, [ms.cells("2010350", "事业运行", "1", "2", "")])
    assert rows[0][:3] == [("201", 1), ("03", 1), ("50", 1)] and h[0][0] == ("项目", 4)
    assert ["类", "款", "项"] == [c for c, _ in h[3][:3]]
    assert ms.spaced_codes(spec_h, [ms.cells("2010350", "x")])[1][0][0] == ("201 03 50", 1)


# ---- DOCX --------------------------------------------------------------------------------------

def test_docx_tables_merges_and_values(final_docx):
    _, truth, data = final_docx
    d = docx.Document(io.BytesIO(data))
    assert len(d.tables) == 9
    t01 = d.tables[0]
    assert t01.cell(0, 0)._tc is t01.cell(0, 2)._tc            # 收入 spans three columns (gridSpan)
    assert t01.cell(0, 0).text == "收入" and t01.cell(0, 3).text == "支出"
    assert t01.cell(1, 1)._tc.vMerge == "restart" and t01.cell(2, 1)._tc is t01.cell(1, 1)._tc   # 行次 spans down
    t09 = d.tables[8]
    assert t09.cell(1, 0)._tc is t09.cell(2, 0)._tc and t09.cell(1, 0).text == "合计"
    text = docx_text(d)
    missing = [v for v in table_amounts(truth) if not has_amount(text, v)]
    assert not missing
    paras = [p.text for p in d.paragraphs]
    for code in ("公开01表", "公开05表", "公开09表"):
        assert code in paras
    assert any(p.startswith("部门：" + truth["report"]["department"]) and p.endswith("单位：万元") for p in paras)
    assert any(p.startswith("注：") for p in paras)
    rows05 = truth["tables"]["公开05表"]["rows"]
    cells05 = {c.text for row in d.tables[4].rows for c in row.cells}
    assert {r["code"] for r in rows05 if r["code"]} <= cells05


def test_docx_fields_bookmarks_header_footer(final_docx):
    _, truth, data = final_docx
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert 'w:name="_GoBack"' in xml
    assert "TOC \\o" in xml and "PAGEREF _Toc" in xml
    assert xml.count('w:name="_Toc') >= 3
    d = docx.Document(io.BytesIO(data))
    assert d.sections[0].header.paragraphs[0].text.startswith(truth["report"]["department"])
    assert "PAGE" in d.sections[0].footer._element.xml


def _word_numbers(d) -> dict:
    """numId -> (abstract levels {ilvl: (numFmt, lvlText)}), read from numbering.xml."""
    np_el = d.part.numbering_part.element
    abstracts = {}
    for a in np_el.iter(W + "abstractNum"):
        levels = {}
        for lvl in a.iter(W + "lvl"):
            levels[int(lvl.get(W + "ilvl"))] = (lvl.find(W + "numFmt").get(W + "val"), lvl.find(W + "lvlText").get(W + "val"))
        abstracts[a.get(W + "abstractNumId")] = levels
    return {n.get(W + "numId"): abstracts[n.find(W + "abstractNumId").get(W + "val")] for n in np_el.iter(W + "num")}


def test_docx_automatic_numbering_restores_the_text(final_docx):
    """Word's counters (every w:num here restarts its list) print exactly the numbers the text has."""
    seed, _, data = final_docx
    d = docx.Document(io.BytesIO(data))
    nums = _word_numbers(d)
    lines = {ln.strip() for ln in ms.generate(seed, 0.0, "flat", "final")[0].split("\n")}
    counters: dict = {}
    numbered = 0
    for p in d.paragraphs:
        ppr = p._p.pPr
        if ppr is None or ppr.numPr is None:
            continue
        nid, ilvl = str(ppr.numPr.numId.val), int(ppr.numPr.ilvl.val)
        c = counters.setdefault(nid, [0, 0, 0])
        c[ilvl] += 1
        c[ilvl + 1:] = [0] * (len(c) - ilvl - 1)
        fmt, text = nums[nid][ilvl]
        n = c[ilvl]
        shown = ms.cn_num(n) if fmt == "chineseCounting" else str(n)
        prefix = re.sub(r"%\d", shown, text)
        assert not re.match(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]", p.text)
        assert prefix + p.text in lines, prefix + p.text
        numbered += 1
    assert numbered >= 10
    assert {f for levels in nums.values() for f, _ in levels.values()} >= {"chineseCounting", "decimal"}


def test_docx_deterministic_and_kinds():
    for seed, kind in ((2, "budget"), (3, "self_eval")):
        doc, truth = ms.report_doc(seed, kind)
        a = ms.docx_bytes(doc, ms.docx_style(seed, kind), f"{kind}-{seed}")
        b = ms.docx_bytes(ms.report_doc(seed, kind)[0], ms.docx_style(seed, kind), f"{kind}-{seed}")
        assert a == b
        d = docx.Document(io.BytesIO(a))
        text = docx_text(d)
        assert not [v for v in table_amounts(truth) if not has_amount(text, v)]
        for ind in truth["performance"]["indicators"]:
            assert ind["name"] in text
    # the merged label column of the 自评表 (vMerge in data rows)
    d = docx.Document(io.BytesIO(a))
    form = d.tables[1]
    col0 = [form.cell(r, 0)._tc for r in range(len(form.rows))]
    assert max(col0.count(tc) for tc in col0) >= 5


# ---- PDF ---------------------------------------------------------------------------------------

@needs_font
def test_pdf_pages_landscape_continued_tables_and_amounts():
    seed = seed_with("final", ms.pdf_style, landscape=True, repeat_header=False, row_h=8.0)
    doc, truth = ms.report_doc(seed, "final")
    log: list = []
    data = ms.pdf_bytes(doc, ms.pdf_style(seed, "final"), log=log)
    text, pages = pdf_text(data)
    assert len(pages) > 9
    assert any(w > h for (w, h), _ in pages) and any(w < h for (w, h), _ in pages)
    assert not [v for v in table_amounts(truth) if not has_amount(text, v)]
    running = f"{truth['report']['department']}{truth['report']['year']}年部门决算"
    for k, (_, t) in enumerate(pages, 1):
        assert t.startswith(running) and f"第 {k} 页" in t
    continued = [e for e in log if e["pages"] > 1]
    assert continued
    for e in continued:                                 # the continued page starts with data rows
        head = header_line(pages[e["first_page"] - 1][1])
        assert head not in pages[e["first_page"]][1]
    assert ms.pdf_bytes(doc, ms.pdf_style(seed, "final")) == data                                     # deterministic


@needs_font
def test_pdf_repeated_header_and_code_styles():
    seed = seed_with("final", ms.pdf_style, repeat_header=True, row_h=8.0, codes="spaced")
    doc, truth = ms.report_doc(seed, "final")
    log: list = []
    text, pages = pdf_text(ms.pdf_bytes(doc, ms.pdf_style(seed, "final"), log=log))
    e = next(e for e in log if e["pages"] > 1)
    cont = pages[e["first_page"]][1]
    assert header_line(pages[e["first_page"] - 1][1]) in cont     # the header rows again on the continued page
    codes = [r["code"] for r in truth["tables"]["公开05表"]["rows"] if r["code"] and len(r["code"]) == 7]
    assert f"{codes[0][:3]} {codes[0][3:5]} {codes[0][5:]}" in text
    seed = seed_with("final", ms.pdf_style, codes="split")
    doc, truth = ms.report_doc(seed, "final")
    text, _ = pdf_text(ms.pdf_bytes(doc, ms.pdf_style(seed, "final")))
    assert re.search(r"类\s*款\s*项", text)


@needs_font
def test_pdf_budget_and_self_eval():
    for seed, kind in ((1, "budget"), (1, "self_eval")):
        doc, truth = ms.report_doc(seed, kind)
        text, pages = pdf_text(ms.pdf_bytes(doc, ms.pdf_style(seed, kind)))
        assert len(pages) > 1
        assert not [v for v in table_amounts(truth) if not has_amount(text, v)]


# ---- command line and extracted JSON -----------------------------------------------------------

@needs_font
def test_cli_formats(tmp_path):
    assert cli.main(["--out", str(tmp_path), "--count", "1", "--seed", "5", "--kind", "self_eval", "--format", "all"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["sample_0001.docx", "sample_0001.pdf", "sample_0001.truth.json", "sample_0001.txt"]
    truth = json.loads((tmp_path / "sample_0001.truth.json").read_text(encoding="utf-8"))
    assert truth["file"] == "sample_0001.txt"
    assert {k: v for k, v in truth.items() if k != "file"} == \
        {k: v for k, v in ms.generate(5, 0.0, "flat", "self_eval")[1].items() if k != "file"}
    assert cli.main(["--out", str(tmp_path / "d"), "--count", "1", "--kind", "budget", "--format", "docx"]) == 0
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["sample_0001.docx", "sample_0001.truth.json"]
    assert json.loads((tmp_path / "d" / "sample_0001.truth.json").read_text(encoding="utf-8"))["file"] == "sample_0001.docx"


def _flatten_docx(data: bytes) -> str:
    """A DOCX as converted text: paragraphs, table rows as TAB-separated cells (a merged cell once)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(io.BytesIO(data))
    out = []
    for el in d.element.body.iterchildren():
        if el.tag == W + "p":
            out.append(Paragraph(el, d).text)
        elif el.tag == W + "tbl":
            for row in Table(el, d).rows:
                cells, prev = [], None
                for c in row.cells:
                    cells.append("" if c._tc is prev else c.text.replace("\n", ""))
                    prev = c._tc
                out.append("\t".join(cells))
            out.append("")
    return "\n".join(out)


@needs_font
def test_render_report_json(tmp_path):
    from extractor import extract

    def values(j: dict) -> dict:
        out = {}
        for t in j["tables"]:
            for r in t["rows"]:
                for k, v in r["values"].items():
                    out[(t["code"] or t["title"], r["code"] and r["code"]["value"], r["name"] and r["name"]["value"],
                         r.get("block"), k)] = v and v["value"]
        return out

    def figures(j: dict) -> list:
        return [tuple(e[k] and e[k]["value"] for k in ("subject", "budget", "actual", "completion_rate", "direction", "reason"))
                for e in j["explanations"]] + \
               sorted(tuple(str(p[k] and p[k]["value"]) for k in ("name", "budget", "actual", "completion_rate", "score", "grade"))
                      for p in j["projects"])

    text, truth = ms.generate(11, 0.0, "flat", "final")
    src = tmp_path / "r.txt"
    src.write_text(text, encoding="utf-8")
    report = json.loads(extract(src).model_dump_json(), parse_float=decimal.Decimal)
    render_report_json(report, tmp_path / "r.docx", "docx")
    render_report_json(report, tmp_path / "r.pdf", "pdf")
    data = (tmp_path / "r.docx").read_bytes()
    d = docx.Document(io.BytesIO(data))
    assert len(d.tables) == len(report["tables"])
    assert d.paragraphs[0].text == f"{truth['report']['department']}{truth['report']['year']}年部门决算"
    ptext, pages = pdf_text((tmp_path / "r.pdf").read_bytes())
    assert len(pages) > 1
    amounts = table_amounts(truth)
    assert not [v for v in amounts if not has_amount(docx_text(d), v)]
    assert not [v for v in amounts if not has_amount(ptext, v)]
    # extracting the rendered document again (here through its text) gives the same values
    (tmp_path / "r2.txt").write_text(_flatten_docx(data), encoding="utf-8")
    again = json.loads(extract(tmp_path / "r2.txt").model_dump_json(), parse_float=decimal.Decimal)
    assert values(again) == values(report)
    assert figures(again) == figures(report)
