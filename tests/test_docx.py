"""The DOCX route: paragraphs, Word numbering, merged cells, fields, legacy and broken files."""
from __future__ import annotations

import shutil
from decimal import Decimal

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from extractor import ExtractionError, extract


def _numbered(doc, paragraph, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(ilvl)
    numpr.append(nid)
    ppr.append(numpr)


def _add_numbering(doc) -> int:
    """A chineseCounting list (一、二、…) in the numbering part; returns its numId."""
    part = doc.part.numbering_part
    numbering = part.element
    an = OxmlElement("w:abstractNum")
    an.set(qn("w:abstractNumId"), "90")
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", "chineseCounting"), ("w:lvlText", "%1、")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        lvl.append(el)
    an.append(lvl)
    numbering.insert(0, an)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    aid = OxmlElement("w:abstractNumId")
    aid.set(qn("w:val"), "90")
    num.append(aid)
    numbering.append(num)
    return 90


def _toc_field(paragraph, shown: str) -> None:
    for kind, text in (("begin", None), (None, ' TOC \\o "1-3" \\h '), ("separate", None), (None, shown), ("end", None)):
        run = OxmlElement("w:r")
        if kind:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            run.append(fc)
        elif text and text.startswith(" TOC"):
            it = OxmlElement("w:instrText")
            it.text = text
            run.append(it)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run.append(t)
        paragraph._p.append(run)


def make_report(path):
    d = docx.Document()
    num = _add_numbering(d)
    _toc_field(d.add_paragraph(), "一、部门职责……3")
    d.add_paragraph("2024年度测试局部门决算")
    h = d.add_paragraph("收入支出决算情况说明")
    _numbered(d, h, num)
    d.add_paragraph("一般公共预算财政拨款支出决算表")
    d.add_paragraph("公开05表")
    d.add_paragraph("部门：测试局\t单位：万元")
    t = d.add_table(rows=6, cols=5)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "功能分类科目编码"  # vertical merge
    t.cell(0, 1).merge(t.cell(1, 1)).text = "科目名称"
    t.cell(0, 2).merge(t.cell(0, 4)).text = "本年支出"  # horizontal merge
    for j, head in zip((2, 3, 4), ("小计", "基本支出", "项目支出")):
        t.cell(1, j).text = head
    t.cell(2, 0).merge(t.cell(2, 1)).text = "合计"
    for i, row in ((2, [None, None, "10.50", "8", "2.50"]), (3, ["201", "一般公共服务支出", "10.50", "8", "2.50"]),
                   (4, ["20103", "政府办公厅（室）及相关机构事务", "10.50", "8", "2.50"]),
                   (5, ["2010301", "行政运行", "10.50", "8", "2.50"])):
        for j, v in enumerate(row):
            if v is not None:
                t.cell(i, j).text = v
    d.add_paragraph("注：本表反映一般公共预算财政拨款支出情况。")
    d.add_paragraph("1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。")
    d.add_paragraph("年初预算为10万元，支出决算为10.50万元，完成年初预算的105%，决算数大于年初预算数的主要原因是：增加任务。")
    h2 = d.add_paragraph("一般公共预算财政拨款基本支出决算情况说明")
    _numbered(d, h2, num)
    d.save(str(path))


def test_docx_tables_numbering_and_fields(tmp_path):
    p = tmp_path / "r.docx"
    make_report(p)
    r = extract(p)
    assert r.status == "ok" and r.source.format == "docx"
    (t,) = r.tables
    assert t.code == "公开05表" and t.template == "final.05" and t.unit == "万元"
    assert t.columns == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    assert [x.name.value for x in t.rows] == ["合计", "一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"]
    assert t.rows[3].code.value == "2010301" and t.rows[3].values["本年支出/项目支出"].value == Decimal("2.50")
    assert all(c.passed for c in r.checks)
    e = r.explanations[0]
    assert (e.code.value, e.actual.value, e.reason.value) == ("2010301", Decimal("10.50"), "增加任务。")
    from extractor.ingest import load  # numbering restored in the narrative lines

    lines = [ln.text for ln in load(p).lines]
    assert "一、收入支出决算情况说明" in lines and "二、一般公共预算财政拨款基本支出决算情况说明" in lines
    assert not any("……3" in ln or "TOC" in ln for ln in lines)  # the TOC field's entries are left out


def test_broken_and_legacy_word_files(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ExtractionError, match="not a valid DOCX"):
        extract(bad)
    enc = tmp_path / "locked.docx"
    enc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ExtractionError, match="password-protected"):
        extract(enc)
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    if shutil.which("soffice") or shutil.which("libreoffice"):
        with pytest.raises(ExtractionError, match="LibreOffice could not convert"):
            extract(legacy)
    else:
        with pytest.raises(ExtractionError, match="needs LibreOffice"):
            extract(legacy)


def test_legacy_doc_through_libreoffice(tmp_path):
    import subprocess

    p = tmp_path / "r.docx"
    make_report(p)
    subprocess.run([shutil.which("soffice") or shutil.which("libreoffice"), "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(p)], check=True, capture_output=True, timeout=180)
    r = extract(tmp_path / "r.doc")
    assert r.source.format == "doc" and r.status == "ok"
    (t,) = r.tables
    assert t.rows[3].code.value == "2010301" and t.rows[3].values["本年支出/项目支出"].value == Decimal("2.50")
    assert r.explanations[0].actual.value == Decimal("10.50")
