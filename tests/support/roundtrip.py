"""Extracted report JSON rendered back into a document, for the round-trip tests:
`render_report_json(report, path, fmt)` turns an extracted report (the tool's output contract) into
a DOCX or PDF — a title, each table, each explanation and each project in the printed patterns, and
the self-evaluation score and indicators — so that extracting the rendered file again should give
the same values. `report_json_doc(report)` is its document model.

Test support only: it draws with the sample generator's writers (samplegen) and generates nothing.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Optional, Union

from samplegen.docx_writer import PLAIN_DOCX, docx_bytes
from samplegen.document import Doc, Para, Tab
from samplegen.numerals import cn_num
from samplegen.pdf_writer import PLAIN_PDF, pdf_bytes


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def _fv(f) -> object:
    """The value of a Field (dict with "value") or of a plain value."""
    if isinstance(f, dict):
        return f.get("value")
    return f


def _name_text(f) -> str:
    """A row name as printed: empty when the tool made the name up (raw ""), e.g. 三公经费 or 第1行."""
    if isinstance(f, dict):
        if f.get("raw") == "":
            return ""
        f = f.get("value")
    return "" if f is None else str(f)


def _num_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        v = Decimal(repr(v))
    if isinstance(v, (int, Decimal)):
        s = format(Decimal(v), "f")
        return s
    return str(v)


def field_text(f) -> str:
    """A Field as printed: its raw text when that is the same number as its value (keeps 204.60 or
    1,234.00 as printed), else the value."""
    if f is None:
        return ""
    if not isinstance(f, dict):
        return _num_text(f)
    v, raw = f.get("value"), f.get("raw")
    if v is None:
        return ""
    if isinstance(raw, str) and raw.strip():
        clean = re.sub(r"\s+", "", raw.translate(FULLWIDTH_DIGITS))
        if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
            try:
                if Decimal(clean.replace(",", "").rstrip("%")) == Decimal(repr(v) if isinstance(v, float) else v):
                    return clean
            except InvalidOperation:
                pass
        elif isinstance(v, str) and clean == re.sub(r"\s+", "", v):
            return v
    return _num_text(v)


def _path_header(cols: list[str], lead: list[str], depth: int) -> list[list]:
    """Header rows for "/"-joined column paths: cells of a shared prefix merged across columns, a
    shorter path or a lead column (code, name) continuing down (empty cells below it)."""
    paths = [c.split("/") for c in cols]
    rows = []
    for k in range(depth):
        row = [(lab if k == 0 else "", 1) for lab in lead]
        i = 0
        while i < len(paths):
            p = paths[i]
            if len(p) <= k:
                row.append(("", 1))
                i += 1
                continue
            j = i + 1
            if len(p) > k + 1:
                while j < len(paths) and len(paths[j]) > k + 1 and paths[j][:k + 1] == p[:k + 1]:
                    j += 1
            row.append((p[k], j - i))
            i = j
        rows.append(row)
    return rows


def _json_table(t: dict, dept: str) -> Tab:
    cols = list(t.get("columns") or [])
    rows = t.get("rows") or []
    blocks = [r.get("block") for r in rows]
    if any(blocks):
        order = [b for b in dict.fromkeys(x for x in blocks if x)]
        sides = []
        for b in order:
            brows = [r for r in rows if r.get("block") == b]
            keys = {k for r in brows for k in (r.get("values") or {})}
            bcols = [c for c in cols if c in keys] or cols[:1]
            sides.append((b, brows, bcols))
        depth = max(max((len(c.split("/")) for c in bc), default=1) for _, _, bc in sides)
        header = [[(b, 1 + len(bc)) for b, _, bc in sides]]
        parts = [_path_header(bc, ["项目"], depth) for _, _, bc in sides]
        for k in range(depth):
            header.append([cell for part in parts for cell in part[k]])
        data = []
        for i in range(max(len(br) for _, br, _ in sides)):
            row = []
            for _, br, bc in sides:
                if i < len(br):
                    r = br[i]
                    row.append((_name_text(r.get("name")), 1))
                    row += [(field_text((r.get("values") or {}).get(c)), 1) for c in bc]
                else:
                    row += [("", 1)] * (1 + len(bc))
            data.append(row)
    else:
        has_code = any(_fv(r.get("code")) for r in rows)
        has_name = any(_name_text(r.get("name")) for r in rows)
        lead = ["科目编码", "科目名称"] if has_code else (["项目"] if has_name or not cols else [])
        depth = max((len(c.split("/")) for c in cols), default=1)
        header = _path_header(cols, lead, depth)
        data = []
        for r in rows:
            code, name = _fv(r.get("code")), _name_text(r.get("name"))
            vals = [(field_text((r.get("values") or {}).get(c)), 1) for c in cols]
            if has_code:
                lead_cells = [(str(code), 1), (name, 1)] if code else [(name, 2)]
            else:
                lead_cells = [(name, 1)] if has_name else []
            data.append(lead_cells + vals)
    title = t.get("title") or ""
    code = t.get("code") or ""
    pre = [Para(title, "center", page_break=True)] if title else []
    if code:
        pre.append(Para(code, "right", page_break=not pre))
    pre.append(Para(f"部门：{dept}", "unit", right=f"单位：{t.get('unit') or '万元'}", page_break=not pre))
    post = [Para(n, "note") for n in (t.get("notes") or []) if isinstance(n, str) and n.strip()]
    return Tab(header, data, (), pre, post, code or title)


def _subject_text(subject: str) -> str:
    parts = [x for x in (subject or "").split("/") if x]
    return "".join(f"{p}（{lv}）" for p, lv in zip(parts, ("类", "款", "项")))


def _explanation_paras(i: int, e: dict, budget_kind: bool, year) -> list[Para]:
    subj = _subject_text(str(_fv(e.get("subject")) or ""))
    budget, actual = field_text(e.get("budget")), field_text(e.get("actual"))
    rate, direction = field_text(e.get("completion_rate")), _fv(e.get("direction"))
    reason = _fv(e.get("reason"))
    reason = str(reason).strip() if reason else ""
    if budget_kind and not actual:
        change, crate = field_text(e.get("change")), field_text(e.get("change_rate"))
        body = f"{year}年预算数为{budget}万元" if budget else ""
        if direction == "持平":
            body += "，与上年执行数持平"
        elif direction in ("增加", "减少") and change:
            body += f"，比上年执行数{direction}{change}万元"
            if crate:
                body += f"，{'增长' if direction == '增加' else '下降'}{crate}%"
        elif direction in ("增加", "减少") and crate:
            body += f"，比上年执行数{direction}{crate}%"
        elif direction in ("增加", "减少"):
            body += f"，比上年执行数有所{direction}"
        if reason:
            body += f"，主要原因是：{reason}"
        body = body.lstrip("，")
        if not body.endswith("。"):
            body += "。"
        return [Para(f"{i}、{subj}：{body}", "body")]
    parts = []
    if budget:
        parts.append(f"年初预算为{budget}万元")
    if actual:
        parts.append(f"支出决算为{actual}万元")
    if rate:
        parts.append(f"完成年初预算的{rate}%")
    if direction in ("大于", "小于"):
        parts.append(f"决算数{direction}年初预算数" + (f"的主要原因是：{reason}" if reason else ""))
    elif direction == "等于":
        parts.append("决算数与年初预算数持平" + (f"，{reason}" if reason else ""))
    elif reason:
        parts.append(f"主要原因是：{reason}")
    body = "，".join(parts)
    if body and not body.endswith("。"):
        body += "。"
    return [Para(f"{i}、{subj}。", "body"), Para(body, "body")] if body else [Para(f"{i}、{subj}。", "body")]


def _project_para(p: dict) -> Optional[Para]:
    name = _fv(p.get("name"))
    if not name:
        return None
    bits = []
    for key, fmt in (("budget", "全年预算数{}万元"), ("actual", "执行数{}万元"), ("completion_rate", "完成预算的{}%"),
                     ("score", "部门评价得分{}分"), ("grade", "评价等级为“{}”")):
        v = field_text(p.get(key))
        if v:
            bits.append(fmt.format(v))
    if not bits:
        return None
    return Para(f"“{name}”项目" + "，".join(bits) + "。", "body")


def report_json_doc(report: dict) -> Doc:
    """The document model of an extracted report (the output contract of the tool)."""
    info = report.get("report") or {}
    dept = str(_fv(info.get("department")) or "")
    year = _fv(info.get("year")) or ""
    kind = str(_fv(info.get("kind")) or "")
    if kind in ("", "unknown"):
        kind = "部门决算"
    title = f"{dept}{year}年{kind}"
    blocks: list = [Para(title, "cover")]
    n = 0

    def head(text: str) -> None:
        nonlocal n
        n += 1
        blocks.append(Para(f"{cn_num(n)}、{text}", "h1", num=("multi", 0, n), prefix=f"{cn_num(n)}、"))

    perf = report.get("performance") or {}
    tables = report.get("tables") or []
    if perf.get("indicators"):      # the 自评表 is drawn from performance.indicators below
        tables = [t for t in tables if t.get("template") != "performance"]
    if tables:
        head("报表")
        for t in tables:
            blocks.append(_json_table(t, dept))
    expl = report.get("explanations") or []
    budget_kind = "预算" in kind
    if expl:
        blocks.append(Para(f"{cn_num(n + 1)}、{'一般公共预算支出预算具体情况' if budget_kind else '一般公共预算财政拨款支出决算具体情况'}",
                           "h1", page_break=bool(tables)))
        n += 1
        for i, e in enumerate(expl, 1):
            blocks += _explanation_paras(i, e, budget_kind, year)
    projects = report.get("projects") or []
    children = [p for p in projects if p.get("parent")]
    parents = {str(p.get("parent")) for p in children}
    listed = [p for p in projects if _fv(p.get("actual")) is not None and _fv(p.get("budget")) is None
              and _fv(p.get("name")) and not p.get("parent")]
    tops = [p for p in projects if not p.get("parent") and str(_fv(p.get("name"))) in parents]
    evaluated = [pp for pp in (_project_para(p) for p in projects if p not in listed and p not in tops
                               and not p.get("parent")) if pp]
    if listed:
        head("项目支出情况")
        for k, p in enumerate(listed, 1):
            name = str(_fv(p.get("name")))
            blocks.append(Para(f"{k}、{name}项目支出{field_text(p.get('actual'))}万元。", "body",
                               num=("dec", 0, k), prefix=f"{k}、"))
    if tops:
        # projects with sub-projects, in the 绩效自评 phrasing: 项目“P”年初预算金额…（1）X 项目支出…
        head("项目实施情况")
        for p in tops:
            name = str(_fv(p.get("name")))
            blocks.append(Para(f"项目“{name}”年初预算金额{field_text(p.get('budget')) or 0}万元，实际支出"
                               f"{field_text(p.get('actual')) or 0}万元。项目实施及绩效情况如下：", "body"))
            for k, c in enumerate([c for c in children if str(c.get("parent")) == name], 1):
                blocks.append(Para(f"（{k}）{_fv(c.get('name'))}", "body"))
                blocks.append(Para(f"项目支出{field_text(c.get('actual')) or 0}万元。", "body"))
    if evaluated:
        head("项目支出绩效情况")
        blocks += evaluated
    score, grade = field_text(perf.get("score")), field_text(perf.get("grade"))
    inds = perf.get("indicators") or []
    if score or inds:
        head("绩效自评结果")
        if score:
            line = f"经综合评价，本部门{year}年度整体支出绩效自评得分{score}分"
            blocks.append(Para(line + (f"，评价等级为“{grade}”。" if grade else "。"), "body"))
        if inds:
            hdr = [[(h, 1) for h in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")]]
            rows, last1, last2 = [], None, None
            for ind in inds:
                l1, l2 = str(_fv(ind.get("level1")) or ""), str(_fv(ind.get("level2")) or "")
                rows.append([(l1 if l1 != last1 else "", 1), (l2 if (l1, l2) != (last1, last2) else "", 1)]
                            + [(field_text(ind.get(k)), 1) for k in ("name", "target", "actual", "weight", "score")])
                last1, last2 = l1, l2
            if score:
                rows.append([("总分", 5), ("100", 1), (score, 1)])
            blocks.append(Tab(hdr, rows, (0, 1), [Para(f"{year}年度部门整体支出绩效自评表", "center", page_break=True)],
                              [], "自评表"))
    return Doc("json", dept, int(year) if str(year).isdigit() else 0, title, blocks)


def render_report_json(report: dict, path: Union[str, Path], fmt: str, font: Optional[str] = None) -> None:
    """Render an extracted report JSON (dict) as "docx" or "pdf" at path: title with department and
    year, each table of tables[] (title, code line, unit line, header rebuilt from the column paths
    with merged cells, code / name columns, values as printed), each explanation in the 决算 pattern
    (预算 pattern for a 部门预算 without actuals), each project in the 部门评价 pattern, and the
    self-evaluation score and indicators."""
    doc = report_json_doc(report)
    if fmt == "docx":
        data = docx_bytes(doc, PLAIN_DOCX, "json")
    elif fmt == "pdf":
        data = pdf_bytes(doc, PLAIN_PDF, font)
    else:
        raise ValueError(f"fmt must be docx or pdf, not {fmt!r}")
    Path(path).write_bytes(data)
