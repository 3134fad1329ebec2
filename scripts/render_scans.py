#!/usr/bin/env python3
"""Command line of the scanned samples, samplegen/scans.py beside this file (its options:
`--help`):

    python scripts/render_scans.py --out /tmp/scans --count 5 --kind mixed --degrade 0.5

Nothing else: code that wants scans imports samplegen (`from samplegen import write_scan`).
"""
import sys

from samplegen.scans import main

if __name__ == "__main__":
    sys.exit(main())
