"""Error types that carry the file and the stage, so a batch can record a failure and go on.

What it does: one exception class with a message a person can act on.
What it does not: print, log or exit; the command line decides that.
"""
from __future__ import annotations


class ExtractionError(Exception):
    """A file could not be extracted: `path`, `stage` and a human `cause`."""

    def __init__(self, path: str, stage: str, cause: str):
        super().__init__(f"{path}: {cause} (stage: {stage})")
        self.path = path
        self.stage = stage
        self.cause = cause
