"""Evidence: printed text -> Fields, and how far each is trusted.

What it does: numbers as printed -> exact values (numbers.py); narrative spans and table cells ->
Fields with raw text, provenance, repairs and confidence (spans.py, cells.py); the confidence
policy every stage follows (policy.py); the printed shapes several stages recognise (printed.py).
What it does not: find values (recognize/), tables (structure/) or check anything (validate/).
"""
