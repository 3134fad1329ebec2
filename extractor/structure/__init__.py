"""Structure: narrative paragraphs and table grids from normalized lines; tables get templates.

What it does: `structure(ndoc)` -> Structured(narrative, tables, grids): tables the page readers
found are placed, the text readers (text_tables.py) find the rest, tables continued over pages are
joined, and each grid becomes a Table with its reader's method and parsing report; then amounts a
reader left apart from their rows are placed where the report's other tables confirm them
(detached_runs.py, the one pass that looks across tables), and a project table's rows are named by
their project (project_rows.py). Titles of standard tables that no reader
read are recorded as problems (unread.py).
What it does not: recognise values in narrative (recognize/) or check anything (validate/).
"""
from __future__ import annotations

from ..datamodel import GridBlock, NLine, NormalizedDocument, Structured, Table
from .blocks import split_blocks
from .continuation import join_continued
from .detached_runs import place_detached
from .narrative import build_narrative
from .project_rows import name_rows_by_project
from .tables import build_table
from .unread import printed_empty, unread_tables
from . import html_tables  # noqa: F401  (registers its reader)
from . import cell_lines  # noqa: F401  (registers its reader)
from . import row_stream  # noqa: F401  (registers its reader)
from . import sides_stream  # noqa: F401  (registers its reader)
from . import sides_detached  # noqa: F401  (registers its reader)
from . import sides_bare  # noqa: F401  (registers its reader: after sides-detached, whose tables print 行次)
from . import sides_words  # noqa: F401  (registers its reader)
from . import coded_panels  # noqa: F401  (registers its reader)
from . import sides_runs  # noqa: F401  (registers its reader: after sides-words, which reads pdftotext's budget 收支总表)
from . import zero_runs  # noqa: F401  (registers its reader: a 合计 row of 0s printed column-wise)
from . import groups_stream  # noqa: F401  (registers its reader)
from . import labelled_stream  # noqa: F401  (registers its reader)
from . import labelled_flow  # noqa: F401  (registers its reader)
from . import form_flow  # noqa: F401  (registers its reader)
from . import one_line  # noqa: F401  (registers its reader)
from . import numbered_units  # noqa: F401  (registers its reader)
from . import spaced_tree  # noqa: F401  (registers its reader)
from . import spaced_rows  # noqa: F401  (registers its reader)
from . import column_runs  # noqa: F401  (registers its reader)
from . import unit_columns  # noqa: F401  (registers its reader)
from . import shared_columns  # noqa: F401  (registers its reader)
from . import coded_flat  # noqa: F401  (registers its reader: last, a region no other reader reads)
from . import own_runs  # noqa: F401  (registers its reader: after every other, the rows of a scrambled stream in row order)
from . import segment_runs  # noqa: F401  (registers its reader: first, a coded table printed as segments of subject lines and their amounts)
from . import names_runs  # noqa: F401  (registers its reader: after own-runs, names-only subject tables cut into runs)
from . import project_runs  # noqa: F401  (registers its reader: Guangdong's 项目支出及其他支出预算表, wrapped names and seven-amount runs)
from . import zero_row  # noqa: F401  (registers its reader)
from . import three_stream  # noqa: F401  (registers its reader)
from . import project_goals  # noqa: F401  (registers its reader)
from . import coded_goals  # noqa: F401  (registers its reader)
from . import purchase_tree  # noqa: F401  (registers its reader: a 政府采购支出表 printed as column runs, its tree proved by sums)


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
    # amounts a reader left apart from their rows, by the other tables (and those printed empty)
    tables, unplaced = place_detached(grids, tables, frozenset(printed_empty(blocks)))
    for t in tables:
        name_rows_by_project(t)
    return Structured(ndoc=ndoc, narrative=build_narrative(narrative_lines), tables=tables, grids=grids,
                      problems=unplaced + unread_tables(blocks, tables))
