"""Which part of 基本支出 a 部门预算支出经济分类 class belongs to: 人员经费 or 公用经费.

What it does: `basic_group(code)` names the group of a 3-digit class or of a 5-digit item under it:
人员经费 = 301 工资福利支出 + 303 对个人和家庭的补助; 公用经费 = 302 商品和服务支出 + 307 债务利息及费用支出
+ 309 资本性支出（基本建设） + 310 资本性支出 + 399 其他支出 (as the 公开06表 / 基本支出预算表 sum them).
What it does not: know a region's own split of an item (some count 工会经费 in 人员经费): a reader that uses
this as evidence must find every row agreeing, never trust one item; nor does it cover the 政府预算支出
经济分类 (501-599).
"""
from __future__ import annotations

from typing import Optional

PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "307", "309", "310", "399")


def basic_group(code: Optional[str]) -> Optional[str]:
    """'人员经费' or '公用经费' for an economic class (3 digits) or item (5 digits); None otherwise."""
    if not code or not code.isdigit() or len(code) not in (3, 5):
        return None
    if code[:3] in PERSONNEL_CLASSES:
        return "人员经费"
    if code[:3] in PUBLIC_CLASSES:
        return "公用经费"
    return None
