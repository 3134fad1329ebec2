"""Ruled tables that print their whole title on every page they run over (Xi'an's 部门综合预算 tables:
`表6` / title / `（按支出经济分类科目-不含上年结转）` / `预算单位：X 单位：元`, then the header again on
each page), titles wrapped over two lines under their `表N` code, a who-and-unit line that the frame's
column rules cut into cells, and PDF pages whose MediaBox names its corners top-left first."""
from __future__ import annotations

from decimal import Decimal

from extractor.datamodel import GridBlock, NLine, NTable
from extractor.structure.blocks import split_blocks
from extractor.structure.continuation import join_continued
from extractor.structure.tables import build_table

HEAD = ["序号", "部门经济科目编码", "部门经济科目名称", "合计", "人员经费支出", "公用经费支出"]


def _line(text: str, page: int, no: int) -> NLine:
    return NLine(text=text, orig=text, no=no, page=page)


def _table(rows: list[list[str]], page: int, at: int) -> NTable:
    out = []
    for y, r in enumerate(rows):
        out.append([NLine(text=t, orig=t, no=None, page=page, bbox=(50.0 + 80 * x, 100.0 + 15 * y,
                                                                     130.0 + 80 * x, 115.0 + 15 * y))
                    for x, t in enumerate(r)])
    return NTable(at=at, rows=out, method="lattice")


def _pages(pages: list[tuple[list[str], list[list[str]]]]):
    """Each page: (its lines above the table, its table rows) -> (lines, tables)."""
    lines: list[NLine] = []
    tables: list[NTable] = []
    for p, (above, rows) in enumerate(pages, start=1):
        lines.extend(_line(t, p, k) for k, t in enumerate(above, start=1))
        tables.append(_table(rows, p, len(lines)))
        lines.append(_line("", p, len(above) + 1))  # page break
    return lines, tables


def _grids(lines, tables) -> list[GridBlock]:
    return [b for b in join_continued(split_blocks(lines, tables)) if isinstance(b, GridBlock)]


TITLE = ["表6", "2021年部门综合预算一般公共预算支出明细表", "（按支出经济分类科目-不含上年结转）",
         "预算单位：西安市某局 单位：元"]


def test_a_table_that_reprints_title_and_header_on_each_page_is_one_table():
    lines, tables = _pages([
        (TITLE, [HEAD, ["1", "", "合计", "700.00", "500.00", "200.00"],
                 ["2", "301", "工资福利支出", "500.00", "500.00", "0.00"],
                 ["3", "30101", "基本工资", "300.00", "300.00", "0.00"]]),
        (TITLE, [HEAD, ["4", "30102", "津贴补贴", "200.00", "200.00", "0.00"],
                 ["5", "302", "商品和服务支出", "200.00", "0.00", "200.00"],
                 ["6", "30201", "办公费", "200.00", "0.00", "200.00"]]),
    ])
    grids = _grids(lines, tables)
    assert len(grids) == 1
    g = grids[0]
    assert [ln.text for ln in g.preamble] == TITLE  # the qualifier and the title are the table's own
    assert [r[0].text for r in g.rows] == ["序号", "1", "2", "3", "4", "5", "6"]  # header once
    t = build_table(g)
    assert t.title == "2021年部门综合预算一般公共预算支出明细表（按支出经济分类科目-不含上年结转）"
    got = {r.code.value: r.values["合计"].value for r in t.rows if r.code and r.code.value}
    assert got == {"301": Decimal("500.00"), "30101": Decimal("300.00"), "30102": Decimal("200.00"),
                   "302": Decimal("200.00"), "30201": Decimal("200.00")}


def test_forms_of_one_title_each_with_its_own_fields_stay_apart():
    title = ["2026年项目支出绩效目标表", "（2026年度）"]
    lines, tables = _pages([
        (title, [["项目名称", "社区养老服务"], ["预算金额", "120.00"]]),
        (title, [["项目名称", "救助站运行"], ["预算金额", "80.00"]]),
    ])
    grids = _grids(lines, tables)
    assert len(grids) == 2
    assert [g.rows[0][1].text for g in grids] == ["社区养老服务", "救助站运行"]


def test_a_title_wrapped_under_its_table_code_is_the_preamble():
    above = ["表12", "2021年部门综合预算政府采购（资产配置、购买服务）", "预算表（不含上年结转）",
             "预算单位：西安市某局 单位：元"]
    lines, tables = _pages([(above, [["序号", "采购项目", "合计"], ["1", "办公设备", "3,000.00"]])])
    grids = _grids(lines, tables)
    assert [ln.text for ln in grids[0].preamble] == above


def test_a_who_and_unit_line_cut_by_the_frame_s_rules_is_lifted():
    lines, tables = _pages([(TITLE[:3], [["预算", "单位：西安", "", "", "", "单位：元"], HEAD,
                                          ["1", "", "合计", "700.00", "500.00", "200.00"]])])
    g = _grids(lines, tables)[0]
    assert [ln.text for ln in g.preamble][-1] == "预算 单位：西安 单位：元"
    assert [c.text for c in g.rows[0]] == HEAD
    # a header row that names its unit in a cell is no such line: it stays
    lines, tables = _pages([(TITLE[:3], [["项目", "金额（单位：元）"], ["合计", "700.00"]])])
    assert [c.text for c in _grids(lines, tables)[0].rows[0]] == ["项目", "金额（单位：元）"]


def _pdf(mediabox: str) -> bytes:
    """A one-page PDF (landscape A4) with one line of text 100 points below the top edge."""
    content = b"BT /F1 12 Tf 72 495.276 Td (Total 535,987,052.43) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox.encode()
            + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for k, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % x for x in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def test_a_mediabox_written_top_left_first_places_the_text_on_the_page(tmp_path):
    from extractor.ingest.pdf import read_pdf

    tops = []
    for box in ("[0 0 841.89 595.276]", "[0 595.276 841.89 0]"):
        path = tmp_path / "p.pdf"
        path.write_bytes(_pdf(box))
        doc = read_pdf(path, tables=False, ocr=False)
        ln = next(ln for ln in doc.lines if ln.text.strip())
        assert ln.text == "Total 535,987,052.43"
        tops.append(ln.bbox[1])
    assert 90 < tops[0] < 100 and abs(tops[1] - tops[0]) < 0.01  # not a page height (595) lower


def _pline(top: float, *words: tuple[str, float, float]) -> dict:
    return {"text": " ".join(w for w, _, _ in words), "x0": words[0][1], "x1": words[-1][2], "top": top,
            "bottom": top + 10.0, "tokens": list(words)}


def test_a_code_column_printed_staggered_by_level_is_one_column():
    from extractor.paged.alignment import stream_tables

    lines = [_pline(60, ("一般公共预算支出明细表（按支出功能分类科目）", 200, 420)),
             _pline(90, ("功能科目编码", 20, 80), ("功能科目名称", 120, 180), ("合计", 300, 320),
                    ("人员经费支出", 360, 420)),
             _pline(110, ("合计", 140, 160), ("700.00", 290, 320), ("500.00", 390, 420)),
             _pline(126, ("201", 20, 35), ("一般公共服务支出", 110, 190), ("700.00", 290, 320), ("500.00", 390, 420)),
             _pline(142, ("20140", 45, 70), ("信访事务", 110, 150), ("700.00", 290, 320), ("500.00", 390, 420)),
             _pline(158, ("2014001", 60, 95), ("行政运行", 115, 155), ("500.00", 290, 320), ("500.00", 390, 420)),
             _pline(174, ("2014004", 60, 95), ("信访业务", 115, 155), ("200.00", 290, 320), ("0.00", 390, 420))]
    (t,) = stream_tables(lines, 1)
    rows = [[c.text for c in r] for r in t.rows]
    assert rows[0] == ["功能科目编码", "功能科目名称", "合计", "人员经费支出"]
    assert [r[:3] for r in rows[1:]] == [["", "合计", "700.00"], ["201", "一般公共服务支出", "700.00"],
                                         ["20140", "信访事务", "700.00"], ["2014001", "行政运行", "500.00"],
                                         ["2014004", "信访业务", "200.00"]]


def test_fake_bold_cells_and_text_a_table_already_holds():
    from extractor.datamodel import TableCell
    from extractor.ingest.pdf import _held, _once

    assert _once("合计合计合计合计合计") == "合计"
    assert _once("收   入收   入收   入") == "收   入"
    assert _once("1111") == "1111" and _once("哈密") == "哈密"  # digits, and text that is no repeat
    cells = [[TableCell(text=t, page=1) for t in r] for r in (["序号", "功能科目编码", "功能科目名称", "合计"],
                                                             ["24", "21011", "行政事业单位医疗", "1826008.42"])]
    table = NTable(at=0, rows=cells, method="lattice")
    table.bbox = (57.0, 56.6, 798.0, 356.0)
    off = {"text": "24 21011 行政事业单位医疗 1826008.42", "top": 49.5, "bottom": 58.5}
    assert _held(off, [table])  # its first row printed across the frame's top rule
    assert _held({"text": "序", "top": 117.0, "bottom": 126.0}, [table])
    assert not _held({"text": "表5 一般公共预算支出明细表", "top": 40.0, "bottom": 58.0}, [table])
    assert not _held({"text": "24 21011 行政事业单位医疗 1826008.42", "top": 30.0, "bottom": 39.0}, [table])
