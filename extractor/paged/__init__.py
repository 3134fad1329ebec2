"""What the paged routes (PDF text layer, OCR of page images) share: positioned words -> lines,
running headers dropped, tables placed among lines (lines.py), and the alignment table reader for
unruled tables (alignment.py).

What it does not: open files (ingest/) or recognise text in images (ocr/); both call into here,
which is why it sits below them and imports neither.
"""
