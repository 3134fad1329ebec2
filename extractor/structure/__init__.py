"""Structure: narrative paragraphs and table grids from normalized lines; tables get templates.

What it does: `structure(ndoc)` -> Structured(narrative, tables, grids).
What it does not: recognise values in narrative (recognize/) or check anything (validate/).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Table
from ..normalize import NLine, NormalizedDocument
from .blocks import GridBlock, split_blocks
from .continuation import join_continued
from .narrative import Narrative, build_narrative
from .tables import build_table


@dataclass
class Structured:
    ndoc: NormalizedDocument
    narrative: Narrative
    tables: list[Table] = field(default_factory=list)
    grids: list[GridBlock] = field(default_factory=list)


def structure(ndoc: NormalizedDocument) -> Structured:
    blocks = join_continued(split_blocks(ndoc.lines, ndoc.tables))
    narrative_lines: list[NLine] = []
    tables: list[Table] = []
    grids: list[GridBlock] = []
    for b in blocks:
        if isinstance(b, GridBlock):
            grids.append(b)
            tables.append(build_table(b))
        else:
            narrative_lines.append(b)
    return Structured(ndoc=ndoc, narrative=build_narrative(narrative_lines), tables=tables, grids=grids)
