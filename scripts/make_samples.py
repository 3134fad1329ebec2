#!/usr/bin/env python3
"""Command line of the sample generator, the package samplegen beside this file (its options are
described in samplegen/__main__.py):

    python scripts/make_samples.py --out DIR --count N [--seed S] [--noise X] [--layout flat|pipe|tsv|mixed]
                                   [--kind final|budget|self_eval|mixed] [--name STEM] [--format txt|docx|pdf|all]

Nothing else: code that wants reports imports samplegen (`from samplegen import generate`).
"""
import sys

from samplegen.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
