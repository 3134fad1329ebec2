"""Amounts a text extractor wrapped in a narrow column, joined again where that is certain.

What it does: pypdf and others break an amount too wide for its column: its last digit(s) after a
space, at the line's end or before the next amount (`350,034.4 2`, `370,219.2 5 293,191.8 6 …`),
alone on the next line (`226,000.0` / `0`, `1,264,602` / `.38`), or around the row's line (the
head above it, the digits below: `around`). `join_tail` (the piece on the amount's own line),
`join_piece` (the piece on a line of its own), `join_head` (the head alone on a line, the piece opening
the next: `376,936.6` / `0 372,569.82 …`) and `around` join them only where it is certain:
the amount as printed lacks the table's two decimals, the piece is exactly the missing digits (joined, the amount prints two decimals), and
the other amounts of the table so far (at least `_MIN_SEEN`) all print exactly two decimals (so the
piece can be no amount of its own: `2` would print `2.00`). The joined Amount keeps what was
printed (`printed`); `wrap_repair` is the Repair its Cell carries (`raw` keeps the print).
`check_table` sends the joins of a table that, read whole, has amounts without two decimals to
review (the certainty rested on every amount printing two). Where the text keeps no positions, an
amount joined around its row has no place among the row's amounts: spaced_rows.py appends it and
sends the row's amounts to review.
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


def join_tail(amounts: list[Amount], seen: Iterable[Amount]) -> list[Amount]:
    """The row's amounts with each amount's last digit(s) printed after one space joined back
    (`350,034.4 2` at the line's end, `370,219.2 5 293,191.8 6 …` within it -> 350,034.42,
    370,219.25, 293,191.86), when certain (see the module text); else `amounts` unchanged.
    `seen`: the table's amounts read so far."""
    pairs: list[int] = []  # indexes of the amounts a piece after them completes
    k = 0
    while k + 1 < len(amounts):
        a, piece = amounts[k], amounts[k + 1]
        if piece.start - a.end == 1 and _joined(a, piece.text) is not None:
            pairs.append(k)
            k += 2
        else:
            k += 1
    if not pairs:
        return amounts
    taken = set(pairs) | {k + 1 for k in pairs}
    if not _format_certain(list(seen) + [a for k, a in enumerate(amounts) if k not in taken]):
        return amounts
    out: list[Amount] = []
    k = 0
    while k < len(amounts):
        if k in pairs:
            a, piece = amounts[k], amounts[k + 1]
            out.append(Amount(a.text + piece.text, a.start, piece.end, printed=f"{a.text} {piece.text}"))
            k += 2
        else:
            out.append(amounts[k])
            k += 1
    return out


def join_piece(amounts: list[Amount], line_text: str, seen: Iterable[Amount]) -> bool:
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


def join_head(head: str, piece: str) -> Optional[str]:
    """An amount's head printed alone on a line and its last digits opening the next line
    (`376,936.6` / `0 372,569.82 …`): the joined amount when the head lacks the two decimals the
    piece completes, else None (the caller checks that the line's other amounts print two decimals)."""
    return _joined(Amount(head, 0, len(head)), piece)


def two_decimals(text: str) -> bool:
    """An amount printing exactly two decimals."""
    return bool(_TWO.match(text))


def is_piece(text: str) -> bool:
    """A line that may hold only an amount's wrapped digits (`2`, `.38`)."""
    return bool(_PIECE.match(text.strip()))


def around(above: Sequence[Amount], row: Sequence[Amount], piece: str, seen: Iterable[Amount]) -> Optional[Amount]:
    """An amount printed around its row's line, broken in two (`350,034.4` / `合计 432,513.70 …` /
    `2`, or the row's amounts all above its name: `226,000.00 226,000.0` / `城乡社区支出` / `0`;
    pdfplumber, `pdftotext -layout`): the line above ends with its head (one amount without the
    table's two decimals), the line below holds only its last digits; the joined Amount when certain
    (see the module text), else None. `row`: the row's other amounts."""
    if not above:
        return None
    a = above[-1]
    text = _joined(a, piece.strip())
    if text is None or not _format_certain(list(seen) + list(above[:-1]) + list(row)):
        return None
    return Amount(text, a.start, a.end, printed=f"{a.text} / {piece.strip()}")


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
