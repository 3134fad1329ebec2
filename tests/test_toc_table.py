"""A 目录 whose entries are not lines of text (drawn as a table, or an image): only the 目录 page
is contents; the tables after it keep their titles."""
from __future__ import annotations

from extractor.datamodel import Document, Line
from extractor.normalize import normalize


def test_contents_drawn_as_a_table_end_at_its_page():
    pages = [
        (18, ["2022年部门综合预算公开报表", "部门名称：某某局"]),
        (19, ["目  录"]),  # the entries are a ruled table on this page: no lines
        (20, ["表1", "2022年部门综合预算收支总表", "预算单位：某某局" + " " * 60 + "金额单位：元"]),
        (21, ["表2", "2022年部门综合预算收入总表", "预算单位：某某局" + " " * 60 + "金额单位：元"]),
    ]
    lines = []
    for page, texts in pages:
        lines += [Line(text=t, no=k + 1, page=page) for k, t in enumerate(texts)]
        lines.append(Line(text="", no=len(texts) + 1, page=page))
    doc = Document(path="x.pdf", sha256="0", format="pdf", route="pdf-text", lines=lines, pages=21, size=1)
    kept = [ln.text for ln in normalize(doc).lines]
    assert "目  录" not in kept and "目录" not in kept
    assert "2022年部门综合预算收支总表" in kept and "2022年部门综合预算收入总表" in kept
    assert "表1" in kept
