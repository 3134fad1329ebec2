"""Subject-code catalogue of the Chinese government budget classification.

What it does
------------
Loads two bundled UTF-8 TSV tables (``data/function.tsv`` and
``data/economic.tsv``) describing the 财政部 政府收支分类科目:

* ``function`` -- 支出功能分类科目 (类 = 3 digits, 款 = 5, 项 = 7);
* ``economic`` -- 部门预算支出经济分类科目 (类 = 3 digits, 款 = 5).

Each line is a (code, name, since, until) record; a code whose name changed
between editions has one line per name with its year range.  The module offers
look-ups by code (optionally for a given year), name comparison, the children of a 类 / 款
with a given name, resolution of
a printed 类/款/项 name path to its code, and a guess of which catalogue a
printed (code, name) pair belongs to.

The tables are read lazily, once per process, on the first call, and indexed
in dictionaries; every later call is a dict look-up.  Pure standard library.

What it does not do
-------------------
* It is not the complete official catalogue: it holds every 类 and the common
  款/项 (see ``README.md`` beside this file for what is covered).  A code
  missing here is not proof that a report is wrong.
* It does not cover 收入分类科目 nor the 政府预算支出经济分类 (501-599).
* It does not fuzzy-match or OCR-correct names: :func:`name_matches` only
  ignores whitespace and full-width/half-width bracket differences.
* It does not validate amounts or the tree structure of a report.
"""

from __future__ import annotations

import csv
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Entry",
    "normalize_code",
    "lookup",
    "names",
    "level_of",
    "parent",
    "name_matches",
    "code_for_path",
    "guess_kind",
    "all_entries",
    "child_codes",
]

KINDS = ("function", "economic")
_DATA_DIR = Path(__file__).resolve().parent / "data"
_LEVELS = {3: "类", 5: "款", 7: "项"}


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    kind: str  # "function" | "economic"
    level: str  # 类 | 款 | 项
    since: int | None
    until: int | None

    def valid_in(self, year: int) -> bool:
        """True when this name is in force in ``year``."""
        return (self.since is None or self.since <= year) and (
            self.until is None or year <= self.until
        )


# --------------------------------------------------------------------------
# loading


class _Catalogue:
    __slots__ = ("entries", "by_code", "by_norm_name", "children")

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        # code -> entries, oldest first (since None sorts first)
        self.by_code: dict[str, list[Entry]] = {}
        for e in entries:
            self.by_code.setdefault(e.code, []).append(e)
        for lst in self.by_code.values():
            lst.sort(key=lambda e: (e.since is not None, e.since or 0))
        # (parent code or "", normalized name) -> codes
        self.by_norm_name: dict[tuple[str, str], set[str]] = {}
        # normalized name -> codes at that level, keyed by level length
        self.children: dict[tuple[int, str], set[str]] = {}
        for e in entries:
            n = norm_name(e.name)
            p = _parent(e.code) or ""
            self.by_norm_name.setdefault((p, n), set()).add(e.code)
            self.children.setdefault((len(e.code), n), set()).add(e.code)


_CACHE: dict[str, _Catalogue] = {}
_LOCK = threading.Lock()


def _load(kind: str) -> _Catalogue:
    cat = _CACHE.get(kind)
    if cat is not None:
        return cat
    if kind not in KINDS:
        raise ValueError(f"unknown catalogue kind {kind!r}; expected one of {KINDS}")
    with _LOCK:
        cat = _CACHE.get(kind)
        if cat is None:
            cat = _Catalogue(_read_tsv(_DATA_DIR / f"{kind}.tsv", kind))
            _CACHE[kind] = cat
    return cat


def _read_tsv(path: Path, kind: str) -> list[Entry]:
    out: list[Entry] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if header[:2] != ["code", "name"]:
            raise ValueError(f"{path}: unexpected header {header!r}")
        for row in reader:
            if not row or not row[0].strip():
                continue
            row = row + [""] * (4 - len(row))
            code, name, since, until = (c.strip() for c in row[:4])
            out.append(
                Entry(
                    code=code,
                    name=name,
                    kind=kind,
                    level=_LEVELS[len(code)],
                    since=int(since) if since else None,
                    until=int(until) if until else None,
                )
            )
    return out


# --------------------------------------------------------------------------
# helpers

_BRACKETS = str.maketrans({"（": "(", "）": ")"})


def norm_name(name) -> str:
    """A subject name as compared: whitespace removed, full-width round brackets folded to ASCII."""
    return "".join(str(name).split()).translate(_BRACKETS)


def _parent(code: str) -> str | None:
    if len(code) == 7:
        return code[:5]
    if len(code) == 5:
        return code[:3]
    return None


def _norm_or_none(code: str) -> str | None:
    if code is None:
        return None
    if len(code) in (3, 5, 7) and code.isascii() and code.isdigit():
        return code  # fast path
    return normalize_code(code)


# --------------------------------------------------------------------------
# public API


def normalize_code(text: str) -> str | None:
    """Canonical code digits, or None if ``text`` is not a 3/5/7-digit code.

    Accepts ``"2010350"``, ``"201 03 50"``, full-width digits and spaces.  When
    the code is printed in groups, each group boundary must fall on a level
    boundary (3 | 2 | 2 digits), so ``"20 10350"`` is rejected.
    """
    if not isinstance(text, str):
        return None
    t = unicodedata.normalize("NFKC", text).strip()
    if not t:
        return None
    groups = t.split()
    digits = "".join(groups)
    if len(digits) not in (3, 5, 7) or not (digits.isascii() and digits.isdigit()):
        return None
    pos = 0
    for g in groups[:-1]:
        pos += len(g)
        if pos not in (3, 5):
            return None
    return digits


def level_of(code: str) -> str | None:
    """类 / 款 / 项 from the code length (3 / 5 / 7); None otherwise."""
    c = _norm_or_none(code)
    return _LEVELS.get(len(c)) if c else None


def parent(code: str) -> str | None:
    """The enclosing code (项 -> 款 -> 类), None for a 类 or a non-code."""
    c = _norm_or_none(code)
    return _parent(c) if c else None


def lookup(code: str, kind: str = "function", year: int | None = None) -> Entry | None:
    """The entry for ``code``; ``year`` picks the name in force that year.

    With ``year=None`` the newest name is returned.  When no name's range
    covers ``year`` the nearest one in time is returned (the catalogue only
    records renamings, not every code's first and last edition).
    """
    c = _norm_or_none(code)
    if c is None:
        return None
    lst = _load(kind).by_code.get(c)
    if not lst:
        return None
    if year is None or len(lst) == 1:
        return lst[-1]
    for e in lst:
        if e.valid_in(year):
            return e

    def distance(e: Entry) -> int:
        if e.since is not None and year < e.since:
            return e.since - year
        if e.until is not None and year > e.until:
            return year - e.until
        return 0

    return min(lst, key=distance)


def names(code: str, kind: str = "function") -> list[str]:
    """All known names of ``code``, oldest first; [] when unknown."""
    c = _norm_or_none(code)
    if c is None:
        return []
    return [e.name for e in _load(kind).by_code.get(c, ())]


def name_matches(code: str, name: str, kind: str = "function") -> bool:
    """True when ``name`` equals one of the code's known names.

    Only whitespace and full-width/half-width round brackets are ignored; a
    missing or extra trailing 支出, or any other difference, does not match.
    """
    if not name:
        return False
    c = _norm_or_none(code)
    if c is None:
        return False
    lst = _load(kind).by_code.get(c)
    if not lst:
        return False
    n = norm_name(name)
    return any(norm_name(e.name) == n for e in lst)


_LEVEL_SUFFIXES = ("(类)", "(款)", "(项)")


def _path_name(name: str) -> str:
    n = norm_name(name)
    for s in _LEVEL_SUFFIXES:
        if n.endswith(s) and len(n) > len(s):
            return n[: -len(s)]
    return n


def code_for_path(
    names: list[str], year: int | None = None, kind: str = "function"
) -> str | None:
    """Code for a printed name path, e.g. [类名, 款名, 项名] -> ``"2010301"``.

    Accepts 1 to 3 names (for ``economic``, 1 or 2).  The path normally starts
    at the 类; if the first name is no 类 name it is tried as a 款 name
    (paths printed without their 类).  Names are compared like
    :func:`name_matches`, and a trailing （类）/（款）/（项） label is dropped.
    When ``year`` is given, names in force that year are preferred.  Returns
    None when the path is unknown or ambiguous.
    """
    if not names or not all(isinstance(n, str) and n.strip() for n in names):
        return None
    cat = _load(kind)
    wanted = [_path_name(n) for n in names]
    max_depth = 3 if kind == "function" else 2
    lengths = (3, 5, 7)
    for start in range(0, max_depth):
        if start + len(wanted) > max_depth:
            break
        found = _resolve(cat, wanted, lengths[start:], year)
        if found is not None:
            return found or None  # "" marks ambiguity
    return None


def _resolve(
    cat: _Catalogue, wanted: list[str], lengths: tuple[int, ...], year: int | None
) -> str | None:
    """Walk the path; None = no match at all, "" = ambiguous, else the code."""
    candidates: set[str] | None = None
    for depth, n in enumerate(wanted):
        if candidates is None:
            level_codes = set(cat.children.get((lengths[depth], n), ()))
        else:
            level_codes = set()
            for p in candidates:
                level_codes |= cat.by_norm_name.get((p, n), set())
        if year is not None and len(level_codes) > 1:
            in_force = {
                c for c in level_codes
                if any(e.valid_in(year) and norm_name(e.name) == n for e in cat.by_code[c])
            }
            if in_force:
                level_codes = in_force
        if not level_codes:
            return None if depth == 0 else ""
        candidates = level_codes
    assert candidates is not None
    return next(iter(candidates)) if len(candidates) == 1 else ""


def guess_kind(code: str, name: str) -> str | None:
    """"function" or "economic": the catalogue holding ``code`` with ``name``.

    None when neither catalogue has the code under a matching name (e.g. a
    row number such as ``301`` next to an unrelated label).
    """
    c = _norm_or_none(code)
    if c is None or not name:
        return None
    hits = [k for k in KINDS if name_matches(c, name, k)]
    return hits[0] if len(hits) == 1 else None


def child_codes(parent_code: str, name: str, kind: str = "function") -> set[str]:
    """The codes directly under ``parent_code`` (a 类 or 款) named ``name`` (compared like
    :func:`name_matches`); an empty set when there is none."""
    c = _norm_or_none(parent_code)
    if c is None or len(c) not in (3, 5) or not name:
        return set()
    return set(_load(kind).by_norm_name.get((c, norm_name(name)), ()))


def codes_named(name: str, kind: str = "function") -> set[str]:
    """Every code of the ``kind`` catalogue, at any level, one of whose names is ``name`` (compared
    like :func:`norm_name`); an empty set when none is."""
    if not name:
        return set()
    children = _load(kind).children
    n = norm_name(name)
    return set().union(*(children.get((size, n), ()) for size in (3, 5, 7)))


def all_entries(kind: str) -> list[Entry]:
    """Every entry of the ``kind`` catalogue, in file order (a new list)."""
    return list(_load(kind).entries)
