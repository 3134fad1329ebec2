"""Table templates: which standard table a grid is, and how its columns and rows are laid out.

What it does: identifies a grid by its printed code (公开05表) or title (一般公共预算财政拨款支出决算表; a
budget title that says 情况表, 收支总体情况表 / 一般公共预算支出情况表, names the same table as 收支总表 /
一般公共预算支出表; 西安's 部门综合预算 一般公共预算支出明细表（按支出功能分类科目） names the 一般公共预算支出表 and
…（按支出经济分类科目） its 经济分类 table)
and gives its shape: `subject` (功能分类/经济分类 code + name + amount columns), `two_sides`
(公开01/04表: income and expenditure blocks side by side), `groups` (公开06表: code/name/amount groups
side by side), `flat_values` (公开09表: one row of amounts under a header tree), `indicators`
(绩效自评表) or `generic`.
What it does not: parse cells (tables.py does that with the shape chosen here).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex as re


@dataclass(frozen=True)
class Template:
    id: str
    title: str  # canonical title
    shape: str  # subject | two_sides | groups | flat_values | indicators
    code_hint: Optional[str] = None  # usual 公开NN表 number
    row_name: Optional[str] = None  # name of the single row of a flat_values table


# Ordered: the more specific title first (substring matches).
TEMPLATES: list[tuple[re.Pattern, Template]] = [
    (re.compile(r"财政拨款收入支出决算总表"), Template("final.04", "财政拨款收入支出决算总表", "two_sides", "公开04表")),
    (re.compile(r"收入支出决算总表"), Template("final.01", "收入支出决算总表", "two_sides", "公开01表")),
    (re.compile(r"一般公共预算财政拨款基本支出决算"), Template("final.06", "一般公共预算财政拨款基本支出决算表", "groups", "公开06表")),
    (re.compile(r"一般公共预算财政拨款支出决算"), Template("final.05", "一般公共预算财政拨款支出决算表", "subject", "公开05表")),
    (re.compile(r"政府性基金预算财政拨款收入支出决算"), Template("final.07", "政府性基金预算财政拨款收入支出决算表", "subject", "公开07表")),
    (re.compile(r"国有资本经营预算财政拨款(?:收入)?支出决算"), Template("final.08", "国有资本经营预算财政拨款支出决算表", "subject", "公开08表")),
    (re.compile(r"[“\"]?三公[”\"]?经费(?:[及和]机关运行经费)?支出决算"), Template("final.09", "财政拨款“三公”经费支出决算表", "flat_values", "公开09表", "三公经费")),
    (re.compile(r"收入决算表"), Template("final.02", "收入决算表", "subject", "公开02表")),
    (re.compile(r"支出决算表"), Template("final.03", "支出决算表", "subject", "公开03表")),
    # budgets (部门预算 / 单位预算); short titles such as 部门收入总表 / 一般公共预算基本支出表 too
    (re.compile(r"财政拨款收支(?:预算)?(?:总体情况|总)表"), Template("budget.fiscal_total", "财政拨款收支预算总表", "two_sides")),
    (re.compile(r"收支(?:预算)?(?:总体情况|总)表"), Template("budget.total", "收支预算总表", "two_sides")),
    (re.compile(r"[“\"]?三公[”\"]?经费(?:[、及和]会议费)?(?:[、及和]培训费)?(?:支出)?(?:[及和]机关运行经费)?(?:支出)?(?:预算)?表"), Template("budget.three_public", "一般公共预算“三公”经费支出预算表", "flat_values", None, "三公经费")),
    (re.compile(r"一般公共预算(?:财政拨款)?基本支出(?:部门预算)?(?:经济分类)?(?:情况)?(?:预算)?(?:明细|情况)?表"), Template("budget.basic", "一般公共预算基本支出预算表", "subject")),
    (re.compile(r"一般公共预算(?:财政拨款)?支出(?:部门预算)?经济分类(?:情况)?(?:预算)?表"), Template("budget.general_economic", "一般公共预算支出经济分类预算表", "subject")),
    # 部门综合预算 (西安): 一般公共预算支出明细表（按支出经济分类科目） / （按支出功能分类科目）
    (re.compile(r"一般公共预算(?:财政拨款)?支出明细表[（(]按支出经济分类"), Template("budget.general_economic", "一般公共预算支出经济分类预算表", "subject")),
    (re.compile(r"政府性基金(?:预算)?(?:财政拨款)?支出(?:功能分类)?(?:预算)?(?:情况)?表"), Template("budget.fund", "政府性基金预算支出表", "subject")),
    (re.compile(r"国有资本经营(?:预算)?(?:财政拨款)?支出(?:功能分类)?(?:预算)?(?:情况)?表"), Template("budget.state_capital", "国有资本经营预算支出表", "subject")),
    (re.compile(r"一般公共预算(?:财政拨款)?项目支出(?:经济分类)?(?:预算)?(?:情况)?表"), Template("budget.project", "一般公共预算项目支出预算表", "subject")),
    (re.compile(r"一般公共预算(?:财政拨款)?支出(?:功能分类)?(?:预算)?(?:情况|明细)?表"), Template("budget.general", "一般公共预算支出预算表", "subject")),
    (re.compile(r"收入(?:预算)?(?:总)?表"), Template("budget.income", "收入预算表", "subject")),
    (re.compile(r"(?<!采购|服务)支出(?:预算)?(?:总体情况|总)?表"), Template("budget.expenditure", "支出预算表", "subject")),
    (re.compile(r"绩效(?:目标|自评)表"), Template("performance", "绩效自评表", "indicators")),
]

CODE_RE = re.compile(r"公开\s*(\d{1,2})\s*表|(?<![\p{Han}])表\s*(\d{1,2})(?!\d)")


# titles that say 情况表 (收支总体情况表, 一般公共预算支出情况表: 部门预算 of several provinces) name the same
# tables as 收支总表 / 一般公共预算支出表
_SITUATION = ((re.compile(r"总体情况表"), "总表"), (re.compile(r"情况表"), "表"))


def identify(title_text: str, header_text: str) -> Optional[Template]:
    """Find the template from the preamble text (title, code) and, failing that, the header cells."""
    t = "".join((title_text).split())
    for pattern, short in _SITUATION:
        t = pattern.sub(short, t)
    for pattern, template in TEMPLATES:
        if pattern.search(t):
            return template
    h = "".join((header_text).split())
    if re.search(r"收入.*支出", h) and len(re.findall(r"项目", h)) >= 2:
        return Template("two_sides", "收入支出表", "two_sides")
    if "三级指标" in h or ("指标" in h and "得分" in h):
        return Template("performance", "绩效自评表", "indicators")
    if re.search(r"经济分类科目编码.*经济分类科目编码", h):
        return Template("final.06", "一般公共预算财政拨款基本支出决算表", "groups", "公开06表")
    return None


def printed_code(title_text: str) -> Optional[str]:
    m = re.search(r"公开\s*(\d{1,2})\s*表", title_text)
    if m:
        return f"公开{int(m.group(1)):02d}表"
    m = re.search(r"(?:^|\s)(附?)表\s*(\d{1,2})(?:\s*[-－]\s*(\d{1,2}))?(?!\d)", title_text)
    if m:
        return f"{m.group(1)}表{int(m.group(2))}" + (f"-{int(m.group(3))}" if m.group(3) else "")
    return None


# The funding-source columns of a 收入总表 / 支出总表 by unit (部门综合预算: one row per unit), as
# its header prints them; SOURCE_GROUPS head sub-columns (小计, 其中：…) when the header prints any.
SOURCE_LABELS: tuple[str, ...] = (
    "合计", "总计", "一般公共预算拨款", "公共预算拨款", "财政拨款", "政府性基金拨款", "政府性基金预算拨款",
    "国有资本经营预算拨款", "上级补助收入", "事业收入", "事业单位经营收入", "对附属单位上缴收入",
    "附属单位上缴收入", "用事业基金弥补收支差额", "上年结转", "上年实户资金余额", "其他收入",
)
SOURCE_GROUPS: tuple[str, ...] = ("一般公共预算拨款", "公共预算拨款", "财政拨款")
