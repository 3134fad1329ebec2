"""Shapes of printed text that more than one stage recognises, each written once.

What it does: the regular expressions for a narrative heading (一、 （二） 3. ①), an item number in
front of a name, how a department's or unit's name ends (ORG_TAIL), and the lines that stand
around a table — its code (公开05表, 表3-1), its amount unit (单位：万元), its department (部门：…),
a continuation mark (续表), a note line (注：…, 备注：…) and the header labels of a code's
parts (类 | 款 | 项).
What it does not: decide anything: structure/ and paged/ use these to find tables and titles,
recognize/ to find headings; numbers are parsed in numbers.py.
"""
from __future__ import annotations

import regex as re

_NUMERALS = "一二三四五六七八九十"

# a heading or item mark that starts a narrative paragraph
HEADING = re.compile(
    rf"^\s*(?:第[{_NUMERALS}]+部分|[{_NUMERALS}]+\s*[、.．]|（[{_NUMERALS}]+）"
    rf"|\([{_NUMERALS}]+\)|\d{{1,2}}\s*[、．.](?!\d)|（\d{{1,2}}）|\(\d{{1,2}}\)|附件\s*\d*|项目[{_NUMERALS}]+[、，]"
    r"|[①-⑳])"
)
# an item number printed in front of a table row's name (一、 （二） 3.)
ORDINAL = re.compile(rf"^\s*(?:[{_NUMERALS}]+、|（[{_NUMERALS}]+）|\d+[、.．](?!\d))\s*")

# how the name of a department or unit ends (福州市商务局, 福州市公安局巡特警支队, …中心; the units a
# department budgets for: schools 某某中学 / 小学 / 大学 / 幼儿园, 某某电视台, 某某少年宫, 某某林场 …)
ORG_TAIL = (r"(?:局|委员会|委|办公室|办|中心|院|所|站|队|馆|处|部|会|厅|室|署|社|校|学校|医院|大队|支队|分局|政府"
            r"|街道办事处|管理处|服务中心|中学|小学|大学|幼儿园|电视台|广播电台|少年宫|剧团|林场|农场|监狱|公司)")

# --- lines around a table -------------------------------------------------------------------------
# the table's printed code: 公开05表 anywhere, or 表3 / 附表2-1 / 公开表2 on a line of its own
TABLE_CODE = re.compile(r"公开\s*\d+\s*表|^(?:公开\s*|附)?表\s*[0-9一二三四五六七八九十]{1,3}(?:[-－]\d{1,2})?\s*$")
# a line that starts with a table number (表1 收入支出总表, 公开 表2)
TABLE_NUMBER_START = re.compile(r"^(?:公开)?\s*(?:附)?表\s*\d")
# the amount unit of a table: 单位：万元
AMOUNT_UNIT = re.compile(r"单位[:：]\s*(万元|元|千元|亿元)")
UNIT_WORD = re.compile(r"单位[:：]")
# who made the table: 部门：X, 编制单位：X, 单位名称：X
WHO = re.compile(r"^(?:编制|填报)?(?:部门|单位)(?:[（(]单位[）)])?(?:名称)?[:：]")
# who made the table printed as its code and name under the title (`341-湖州市财政局`)
UNIT_CODE_LINE = re.compile(r"^\d{3,9}\s?[-－—]\s?\p{Han}[\p{Han}（）()]{1,40}$")
# the header label of a subject code's part in a column of its own (类 | 款 | 项 over `201 | 08 | 01`)
CODE_PART_LABEL = re.compile(r"^[类款项]$")
# a table continued from the previous page
CONTINUED = re.compile(r"续表|（续）|\(续\)|续上表")
# a line that ends like a table title (…表, or …表（按功能分类科目）: the classification it is by, also
# printed without 按 (…表（功能科目）, …表（经济分类）), or what it leaves out or covers (…表（不含上年结转）,
# …表（一级项目）, …表（2026）); 按… may name a long classification: （按支出经济分类科目-不含上年结转）
TITLE_END = re.compile(r"表\s*(?:[（(](?:按[^（）()\s]{1,20}|[^（）()\s]{0,8}(?:科目|分类)|不含[^（）()\s]{1,10}"
                       r"|[一二]级项目|\d{4}年?)[）)]\s*)?$")
# a note under a table: 注：… / 说明：… / 备注：… / 注1
# a title's second line: its qualifier in brackets, `（按支出功能分类科目-不含上年结转）`
TITLE_QUALIFIER = re.compile(r"^[（(][^（）()]{2,30}[）)]$")
NOTE_LINE = re.compile(r"^\s*(?:备注|注|说明)\s*[:：\d]")


def is_table_preamble(text: str) -> bool:
    """A title-area line of a table: its code, its amount unit or who made it."""
    return bool(TABLE_CODE.search(text) or AMOUNT_UNIT.search(text) or WHO.search(text))
