"""The noise injector: `add_noise(text, rng, level, profile)` damages a report's text the way
document converters do (header cells broken over lines, thousands separators, full-width digits,
bold markers, bookmarks, split paragraphs, page footers inside tables, a table of contents)
without changing what it means, so the truth stays valid. A `NoiseProfile` says where a kind's
tables are (`FINAL_NOISE`, the default, for the 决算 tables; budget.py and self_eval.py define
theirs).

It never changes a figure's value, and it does not write reports (the report kinds do).
"""
from __future__ import annotations

import random
import re
from typing import Optional


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
