"""Personal data printed in reports (填表人, phone numbers): found, and kept out unless asked for.

What it does: `find_contacts` reads `填表人：X … 联系电话：N` lines; `redact` blanks phone numbers and
those names in any text, so they do not reach the JSON unless `--keep-contacts` is given.
What it does not: detect every kind of personal data; only the contact lines reports print.
"""
from __future__ import annotations

import regex as re

PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
CONTACT = re.compile(
    r"(?P<role>填表人|联系人|经办人|单位负责人|负责人)\s*(?:签字)?\s*[:：]\s*(?P<name>[\p{Han}·]{2,4})?"
    r"(?:[^\n]{0,40}?(?:联系电话|电话)\s*[:：]\s*(?P<phone>[\d\-]{7,13}))?"
)


def find_contacts(text: str) -> list[dict[str, str]]:
    out = []
    for m in CONTACT.finditer(text):
        if not m.group("name") and not m.group("phone"):
            continue
        item = {"role": m.group("role")}
        if m.group("name"):
            item["name"] = m.group("name")
        if m.group("phone"):
            item["phone"] = m.group("phone")
        out.append(item)
    return out


def redact(text: str, names: set[str]) -> str:
    text = PHONE.sub("[redacted]", text)
    for n in names:
        if n:
            text = text.replace(n, "[redacted]")
    return text
