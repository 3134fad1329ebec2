"""The layers contract is live: import-linter passes on the tree and fails on an import against the
flow (a stage importing another stage's internals)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


from conftest import ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(tree))
    return subprocess.run([str(LINT), "--config", str(tree / "pyproject.toml"), "--no-cache"], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=120)


def test_layers_contract_kept_and_a_forbidden_import_breaks_it(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "extractor", tree / "extractor", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    ok = _lint(tree)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "1 kept, 0 broken" in ok.stdout
    facts = tree / "extractor" / "recognize" / "facts.py"
    facts.write_text(facts.read_text(encoding="utf-8") + "\nfrom ..structure.tables import split_header  # noqa\n",
                     encoding="utf-8")
    broken = _lint(tree)
    assert broken.returncode == 1
    assert "extractor.recognize is not allowed to import extractor.structure" in broken.stdout
