"""Tests of samplegen.scans (scripts/render_scans.py): scanned (rasterised, degraded) versions of
the synthetic reports. Skipped when numpy, opencv, pillow, pypdfium2, fpdf2 or a CJK font are
missing (they are not needed by the extractor itself). Small dpi and a few pages keep them fast."""
from __future__ import annotations

import json

import pytest

import cv2  # noqa: F401  (opencv: a dependency of rapidocr; numpy, pypdfium2 dependencies; fpdf2, pillow test extras)
import fpdf  # noqa: F401
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

import samplegen as ms  # noqa: E402
from samplegen import scans as rs  # noqa: E402

pytestmark = pytest.mark.usefixtures("cjk_font")  # missing, the tests fail (conftest.cjk_font)

DPI = 72          # small rasters: fast tests


def n_pages(seed: int, kind: str) -> int:
    data, _ = rs.clean_pdf(seed, kind)
    return len(pdfium.PdfDocument(data))


def first_page(seed: int, kind: str, dpi: int, degrade: float, want) -> int:
    """The first page whose plan satisfies want(page plan)."""
    _, plan, _ = rs.plan_pages(seed, n_pages(seed, kind), dpi, degrade)
    return next(p["page"] for p in plan if want(p))


def test_same_seed_same_bytes(tmp_path):
    for fmt, name in (("pdf", "a.pdf"), ("png", "a.png"), ("tiff", "a.tif")):
        a, b, c = tmp_path / "1" / name, tmp_path / "2" / name, tmp_path / "3" / name
        for p in (a, b, c):
            p.parent.mkdir(exist_ok=True)
        t1, log1 = rs.write_scan(2, "self_eval", a, dpi=DPI, degrade=0.8, fmt=fmt, pages=[1, 2])
        t2, log2 = rs.write_scan(2, "self_eval", b, dpi=DPI, degrade=0.8, fmt=fmt, pages=[1, 2])
        rs.write_scan(3, "final", c, dpi=DPI, degrade=0.8, fmt=fmt, pages=[1, 2])
        files = sorted(p.name for p in a.parent.iterdir())
        assert files == sorted(p.name for p in b.parent.iterdir())
        for f in files:
            assert (a.parent / f).read_bytes() == (b.parent / f).read_bytes(), (fmt, f)
            assert (a.parent / f).read_bytes() != (c.parent / f).read_bytes(), (fmt, f)
        assert t1 == t2 and log1 == log2


def test_page_plan_does_not_depend_on_the_pages_written(tmp_path):
    _, all_log = rs.write_scan(2, "self_eval", tmp_path / "all.png", dpi=DPI, degrade=0.6, fmt="png")
    _, one_log = rs.write_scan(2, "self_eval", tmp_path / "one.png", dpi=DPI, degrade=0.6, fmt="png", pages=[3])
    strip = lambda p: {k: v for k, v in p.items() if k != "file"}  # noqa: E731
    assert strip(one_log[0]) == strip(all_log[2])
    assert (tmp_path / "one_p03.png").read_bytes() == (tmp_path / "all_p03.png").read_bytes()


def test_scanned_pdf_has_no_text_layer(tmp_path):
    seed, kind = 3, "final"
    path = tmp_path / "scan.pdf"
    truth, log = rs.write_scan(seed, kind, path, dpi=DPI, degrade=0.5, pages=[1, 6, 9])
    assert truth == ms.write_pdf(seed, kind, tmp_path / "clean.pdf")
    clean = pdfium.PdfDocument(tmp_path / "clean.pdf")
    doc = pdfium.PdfDocument(path)
    assert len(doc) == 3 == len(log)
    assert [p["page"] for p in log] == [1, 6, 9]
    for page, p in zip(doc, log):
        assert page.get_textpage().get_text_range() == ""
        objs = list(page.get_objects())
        assert len(objs) == 1 and isinstance(objs[0], pdfium.PdfImage)
        assert list(objs[0].get_px_size()) == p["size"]
        assert p["jpeg_quality"] is not None and objs[0].get_filters() == ["DCTDecode"]
        want = clean[p["page"] - 1].get_size()
        if p["rotation"] in (90, 270):
            want = want[::-1]
        assert page.get_size() == pytest.approx(want, abs=0.01)


def test_png_jpeg_tiff_files(tmp_path):
    seed, kind = 2, "budget"
    _, log = rs.write_scan(seed, kind, tmp_path / "s.png", dpi=DPI, degrade=0.4, fmt="png", pages=[1, 3])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s_p01.png", "s_p03.png"]
    for p in log:
        with Image.open(tmp_path / p["file"]) as im:
            assert im.format == "PNG" and list(im.size) == p["size"] and im.mode == p["mode"]
            assert round(im.info["dpi"][0]) == DPI

    jdir = tmp_path / "j"
    jdir.mkdir()
    _, log = rs.write_scan(seed, kind, jdir / "s.jpg", dpi=DPI, degrade=0.4, fmt="jpeg", pages=[2])
    assert [p.name for p in jdir.iterdir()] == ["s_p02.jpg"]
    with Image.open(jdir / "s_p02.jpg") as im:
        assert im.format == "JPEG" and list(im.size) == log[0]["size"]
    assert 40 <= log[0]["jpeg_quality"] <= 95

    _, log = rs.write_scan(seed, kind, tmp_path / "s.tif", dpi=DPI, degrade=0.4, fmt="tiff", pages=[1, 2, 4])
    with Image.open(tmp_path / "s.tif") as im:
        assert im.format == "TIFF" and im.n_frames == 3
        for k, p in enumerate(log):
            im.seek(k)
            assert list(im.size) == p["size"]


@pytest.mark.parametrize("color", [False, True])
def test_degrade_zero_is_the_clean_raster(tmp_path, color):
    seed, kind = 2, "self_eval"
    _, log = rs.write_scan(seed, kind, tmp_path / "s.png", dpi=DPI, degrade=0.0, fmt="png", pages=[1, 2],
                           color=color)
    for p in log:
        assert (p["skew_deg"], p["rotation"], p["blur"], p["noise"], p["jpeg_quality"], p["seal"], p["fold"]) == \
            (0.0, 0, 0.0, 0.0, None, False, False)
        clean = rs.clean_page_image(seed, kind, p["page"], DPI, color=color)
        assert clean.dtype == np.uint8 and clean.ndim == (3 if color else 2)
        got = np.asarray(Image.open(tmp_path / p["file"]))
        assert np.array_equal(got, clean)
    # the scanned PDF keeps the raster losslessly at degrade 0
    rs.write_scan(seed, kind, tmp_path / "s.pdf", dpi=DPI, degrade=0.0, pages=[2], color=color)
    img = list(pdfium.PdfDocument(tmp_path / "s.pdf")[0].get_objects())[0]
    assert img.get_filters() == ["FlateDecode"]
    got = img.get_bitmap(render=False).to_numpy()
    assert np.array_equal(got, rs.clean_page_image(seed, kind, 2, DPI, color=color))


def test_degradation_changes_pixels_and_is_logged(tmp_path):
    seed, kind, deg = 3, "final", 1.0
    seal_pg = first_page(seed, kind, DPI, deg, lambda p: p["seal"] and not p["rotation"])
    fold_pg = first_page(seed, kind, DPI, deg, lambda p: p["fold"] and not p["seal"] and not p["rotation"])
    plain_pg = first_page(seed, kind, DPI, deg, lambda p: not p["seal"] and not p["rotation"])
    pages = sorted({seal_pg, fold_pg, plain_pg})
    _, log = rs.write_scan(seed, kind, tmp_path / "s.png", dpi=DPI, degrade=deg, fmt="png", pages=pages, color=True)
    by = {p["page"]: p for p in log}
    for p in log:
        assert 0 < abs(p["skew_deg"]) <= 3 and 0 < p["blur"] <= 1.2 * DPI / 200 + 1e-9
        assert p["noise"] > 0 and 40 <= p["jpeg_quality"] <= 95 and p["mode"] == "RGB"
        got = np.asarray(Image.open(tmp_path / p["file"])).astype(int)
        clean = rs.clean_page_image(seed, kind, p["page"], DPI, color=True).astype(int)
        assert got.shape == clean.shape
        assert np.abs(got - clean).mean() > 2
        red = ((got[..., 0] - got[..., 1]) > 60).sum()
        if p["seal"]:
            assert red > 200 and len(p["seal_xy"]) == 2
        else:
            assert red < 20 and "seal_xy" not in p
    p = by[fold_pg]
    assert p["fold_dir"] in ("v", "h") and 0.25 < p["fold_pos"] < 0.75
    gray = np.asarray(Image.open(tmp_path / p["file"]).convert("L")).astype(float)
    if p["fold_dir"] == "v":
        gray = gray.T
    paper = np.percentile(gray, 90, axis=1)               # paper brightness of each row
    at = int(round(p["fold_pos"] * len(paper)))
    assert paper[at - 1:at + 2].min() < np.median(paper) - 10


def test_mild_degradation_stays_mild():
    _, plan, _ = rs.plan_pages(7, 20, 200, 0.4)
    for p in plan:
        assert abs(p["skew_deg"]) <= 1.2 and p["blur"] <= 0.48 + 1e-9 and p["noise"] <= 4.8 + 1e-9
        assert p["jpeg_quality"] >= 73 and p["rotation"] == 0 and 0.9 <= p["contrast"] <= 1.02


def test_rotation_only_at_high_degrade(tmp_path):
    rotated_reports = 0
    for seed in range(100):
        for deg in (0.3, 0.5, 0.79):
            _, plan, _ = rs.plan_pages(seed, 20, 200, deg)
            assert all(p["rotation"] == 0 for p in plan)
        _, plan, _ = rs.plan_pages(seed, 20, 200, 1.0)
        rot = [p["rotation"] for p in plan if p["rotation"]]
        assert len(rot) <= 20 // 5 and set(rot) <= {90, 180, 270}
        rotated_reports += bool(rot)
        _, plan, _ = rs.plan_pages(seed, 4, 200, 1.0)      # fewer than five pages: never
        assert all(p["rotation"] == 0 for p in plan)
    assert 10 < rotated_reports < 95

    # a rendered rotation by 90 / 270: the image and the PDF page are turned
    seed, kind = next((s, "final") for s in (6, 5, 11, 12, 13, 14, *range(15, 200))   # 6 first: fast
                      if any(p["rotation"] in (90, 270) for p in rs.plan_pages(s, n_pages(s, "final"), DPI, 0.9)[1]))
    pg = first_page(seed, kind, DPI, 0.9, lambda p: p["rotation"] in (90, 270))
    path = tmp_path / "r.pdf"
    _, log = rs.write_scan(seed, kind, path, dpi=DPI, degrade=0.9, pages=[pg])
    clean = rs.clean_page_image(seed, kind, pg, DPI)
    assert log[0]["size"] == [clean.shape[0], clean.shape[1]]
    clean_size = pdfium.PdfDocument(rs.clean_pdf(seed, kind)[0])[pg - 1].get_size()
    assert pdfium.PdfDocument(path)[0].get_size() == pytest.approx(clean_size[::-1], abs=0.01)


def test_auto_dpi_and_bad_arguments(tmp_path):
    _, log = rs.write_scan(2, "self_eval", tmp_path / "s.pdf", dpi=None, degrade=0.3, pages=[1])
    assert log[0]["dpi"] in rs.AUTO_DPIS
    assert log[0]["dpi"] == rs.plan_pages(2, 4, None, 0.3)[0]["dpi"]
    with pytest.raises(ValueError):
        rs.write_scan(2, "self_eval", tmp_path / "x.pdf", dpi=DPI, pages=[99])
    with pytest.raises(ValueError):
        rs.write_scan(2, "self_eval", tmp_path / "x.pdf", dpi=DPI, degrade=1.5)
    with pytest.raises(ValueError):
        rs.write_scan(2, "self_eval", tmp_path / "x.pdf", dpi=DPI, fmt="gif")


def test_page_texts_are_the_clean_text_layer():
    seed, kind = 3, "final"
    texts = rs.page_texts(seed, kind)
    _, truth = rs.clean_pdf(seed, kind)
    assert len(texts) == n_pages(seed, kind)
    assert all(t.strip() and "\r" not in t for t in texts)
    assert truth["report"]["department"] in texts[0]
    assert texts[0].rstrip().endswith("第 1 页")


def test_cli(tmp_path):
    out = tmp_path / "scans"
    assert rs.main(["--out", str(out), "--count", "2", "--seed", "2", "--kind", "mixed", "--dpi", str(DPI),
                    "--degrade", "0.5", "--format", "png", "--pages", "1,2"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["sample_0001.scan.json", "sample_0001.truth.json", "sample_0001_p01.png", "sample_0001_p02.png",
                     "sample_0002.scan.json", "sample_0002.truth.json", "sample_0002_p01.png", "sample_0002_p02.png"]
    truth = json.loads((out / "sample_0001.truth.json").read_text(encoding="utf-8"))
    assert truth["file"] == "sample_0001_p01.png"
    want = rs.clean_pdf(2, "mixed")[1]
    want["file"] = truth["file"]
    assert truth == want
    scan = json.loads((out / "sample_0002.scan.json").read_text(encoding="utf-8"))
    assert scan["seed"] == 3 and scan["kind"] == "final" and [p["page"] for p in scan["pages"]] == [1, 2]

    out2 = tmp_path / "pdf"
    assert rs.main(["--out", str(out2), "--count", "1", "--seed", "2", "--kind", "self_eval", "--dpi", str(DPI),
                    "--pages", "1"]) == 0
    assert sorted(p.name for p in out2.iterdir()) == ["sample_0001.pdf", "sample_0001.scan.json",
                                                       "sample_0001.truth.json"]
