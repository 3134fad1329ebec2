"""Shared test fixtures: where the real reports live (../shared, beside the repository)."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXPECTED = ROOT / "tests" / "expected"


def seed_path(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(reason=f"real seed reports not available: {SEEDS} is absent (they live in ../shared, outside the repo)")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(reason=f"seed {prefix} not found in {SEEDS}")
    return found[0]


@pytest.fixture()
def cjk_font() -> str:
    """The CJK font the sample generator's PDFs use: installed by scripts/install_system_packages.sh
    (or named by $MAKE_SAMPLES_CJK_FONT). Missing, the tests that need it fail: no skip hides an
    install step."""
    from samplegen.pdf_writer import find_cjk_font

    font = find_cjk_font()
    assert font is not None, ("no CJK font: run scripts/install_system_packages.sh "
                              "(fonts-wqy-microhei) or set MAKE_SAMPLES_CJK_FONT")
    return font


WQY_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"  # fonts-wqy-microhei (install_system_packages.sh)


@pytest.fixture()
def wqy_font() -> str:
    """The WenQuanYi font the OCR and PDF tests draw with; missing, they fail (no skip)."""
    assert Path(WQY_FONT).is_file(), f"{WQY_FONT} missing: run scripts/install_system_packages.sh (fonts-wqy-microhei)"
    return WQY_FONT


def flat(rows: list[list[str]]) -> str:
    """A table in the flattened layout of converted reports: one cell per line after a TAB, a blank
    line between rows."""
    out = []
    for r in rows:
        out.extend("\t" + c for c in r)
        out.append("")
    return "\n".join(out)


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """Every test runs with the network unavailable: nothing may download models or data at run
    time (tests/test_ocr.py also runs the command line under `unshare -n` where it can)."""

    def refuse(*args, **kwargs):
        raise OSError("network access is disabled in the tests")

    saved = (socket.socket.connect, socket.socket.connect_ex, socket.create_connection)
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    yield
    socket.socket.connect, socket.socket.connect_ex, socket.create_connection = saved
