"""Amounts a text extractor wrapped in a narrow column, joined again where that is certain.

What it does: pypdf and others break an amount too wide for its column: its last digit(s) after a
space at the line's end (`350,034.4 2`) or alone on the next line (`226,000.0` / `0`,
`1,264,602` / `.38`). `join_tail` (the piece on the amount's own line) and `join_piece` (the piece
on a line of its own) join them only where it is certain: the amount as printed lacks the table's
two decimals, the piece is exactly the missing digits (joined, the amount prints two decimals), and
the other amounts of the table so far (at least `_MIN_SEEN`) all print exactly two decimals (so the
piece can be no amount of its own: `2` would print `2.00`). The joined Amount keeps what was
printed (`printed`); `wrap_repair` is the Repair its Cell carries (`raw` keeps the print).
`check_table` sends the joins of a table that, read whole, has amounts without two decimals to
review (the certainty rested on every amount printing two).
What it does not: join pieces of names or codes (spaced_rows.py), or place amounts in columns
(spaced_columns.py).
"""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

import regex as re

from ..datamodel import Repair
from .spaced_columns import Amount

_TWO = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")  # an amount printing two decimals
_PIECE = re.compile(r"^(?:\d{1,2}|\.\d{1,2})$")  # the wrapped digits: `2`, `00`, `.38`
_MIN_SEEN = 2  # other amounts, all printing two decimals, that make the table's format certain
WRAP_KIND = "text.wrapped_amount"
_WRAP_NOTE = "amount wrapped in its column: printed {!r}, joined"
_WRAP_DOUBT = ("amount wrapped in its column: printed {!r}, joined; the table also prints amounts without two "
               "decimals, so the piece may be an amount of its own")


def _joined(amount: Amount, piece: str) -> Optional[str]:
    """The amount with the piece as its missing digits, or None when that is no two-decimal amount
    (or the amount already prints two decimals)."""
    if _TWO.match(amount.text) or not _PIECE.match(piece):
        return None
    text = amount.text + piece
    return text if _TWO.match(text) else None


def _format_certain(others: Iterable[Amount]) -> bool:
    seen = list(others)
    return len(seen) >= _MIN_SEEN and all(a.printed is not None or _TWO.match(a.text) for a in seen)


def join_tail(amounts: list[Amount], seen: Sequence[Amount]) -> list[Amount]:
    """The row's amounts with a last amount's digits printed after a space at the line's end joined
    (`350,034.4 2` -> 350,034.42), when certain (see the module text); else `amounts` unchanged.
    `seen`: the table's amounts read so far."""
    if len(amounts) < 2:
        return amounts
    a, piece = amounts[-2], amounts[-1]
    text = _joined(a, piece.text)
    if text is None or piece.start - a.end != 1 or not _format_certain(list(seen) + amounts[:-2]):
        return amounts
    return amounts[:-2] + [Amount(text, a.start, piece.end, printed=f"{a.text} {piece.text}")]


def join_piece(amounts: list[Amount], line_text: str, seen: Sequence[Amount]) -> bool:
    """A line holding only the last amount's wrapped digits (`226,000.0` / `0`): joined into that
    amount (in place) when certain (see the module text); True when joined."""
    piece = line_text.strip()
    if not amounts or not _PIECE.match(piece):
        return False
    a = amounts[-1]
    text = _joined(a, piece)
    if text is None or not _format_certain(list(seen) + amounts[:-1]):
        return False
    amounts[-1] = Amount(text, a.start, a.end, printed=f"{a.text} / {piece}")
    return True


def wrap_repair(amount: Amount, doubtful: bool = False) -> Optional[Repair]:
    """The Repair a joined amount's Cell carries (None for an amount printed whole)."""
    if amount.printed is None:
        return None
    if doubtful:
        return Repair(kind=WRAP_KIND, note=_WRAP_DOUBT.format(amount.printed), status="unconfirmed")
    return Repair(kind=WRAP_KIND, note=_WRAP_NOTE.format(amount.printed), status="made")


def check_table(amounts: Iterable[Amount]) -> bool:
    """True when every amount of the table printed whole prints two decimals (the joins stand)."""
    return all(_TWO.match(a.text) for a in amounts if a.printed is None)
