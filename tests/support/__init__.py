"""Support code the tests import (`from support.roundtrip import …`); no tests here."""
