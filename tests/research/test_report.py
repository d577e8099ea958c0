from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.research.corpus import Corpus
from pipeline.research.fonts import CJKFontNotFound, find_cjk_font
from pipeline.research.report import (
    doc_slug,
    documents_by_level,
    highlight_html,
    spans_by_task,
    unit_anchor,
    unit_spans,
    write_report,
)

CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).is_file()),
    None,
)


@pytest.fixture(scope="module")
def report_dir(fixture_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        find_cjk_font()
    except CJKFontNotFound as err:
        pytest.skip(f"no CJK font: {err}")
    out = tmp_path_factory.mktemp("report")
    index = write_report(fixture_dir, out)
    assert index == out / "index.html"
    return out


def test_highlight_html_nested_and_escaped() -> None:
    text = "到2020年<床护比>达到1:0.6"
    spans = [(100, 106, "deadline"), (106, 130, "target"), (107, 110, "agency"), (90, 95, "target")]
    html = highlight_html(text, spans, offset=100)
    assert html == (
        '<mark class="deadline">到2020年</mark><mark class="target">&lt;</mark>'
        '<mark class="agency target">床护比</mark><mark class="target">&gt;达到1:0.6</mark>'
    )
    assert highlight_html("a\nb", []) == "a<br>b"


def test_unit_spans(corpus: Corpus) -> None:
    spans = unit_spans(corpus, "sc-2018-plan#001")
    kinds = sorted(k for _, _, k in spans)
    assert kinds == ["agency", "agency", "deadline"]


def test_doc_slug_is_safe_and_stable() -> None:
    s = doc_slug("raw/四川/002.txt#2")
    assert re.fullmatch(r"[A-Za-z0-9_.-]+\.html", s)
    assert s == doc_slug("raw/四川/002.txt#2") != doc_slug("raw/四川/002.txt#3")


def test_report_files_and_content(report_dir: Path, corpus: Corpus) -> None:
    index = (report_dir / "index.html").read_text(encoding="utf-8")
    font = find_cjk_font()
    assert font.name in index  # the report says which font drew the charts
    for img in ("overview.png", "heatmap.png", "targets.png", "timeline.png"):
        assert f'src="img/{img}"' in index
        assert (report_dir / "img" / img).stat().st_size > 5000
    assert "documents by region (4 regions)" in index
    assert "broken/scan.pdf" in index and "PDF has no text layer" in index  # build errors
    assert "≥1:0.4" in index and "≥1:0.6 (2020)" in index  # targets side by side
    links = re.findall(r'href="(docs/[^"]+\.html)"', index)
    assert len(links) == 4
    for link in links:
        assert (report_dir / link).is_file()
    page = (report_dir / "docs" / doc_slug("ly-2019-plan")).read_text(encoding="utf-8")
    assert '<mark class="target">普通病房实际护床比不低于0.4:1</mark>' in page
    assert '<mark class="agency">市卫生健康委</mark>' in page
    assert '<mark class="deadline">2019年4月至11月</mark>' in page
    assert page.count('class="unit"') == 3
    assert 'href="../index.html"' in page


def _non_trivial_png(path: Path) -> float:
    import matplotlib.image as mpimg

    pixels = mpimg.imread(str(path))
    return float(pixels[..., :3].std())


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(report_dir: Path, tmp_path: Path) -> None:
    shot = tmp_path / "index.png"
    cmd = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=1280,2000",
        (report_dir / "index.html").as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 20_000
    assert _non_trivial_png(shot) > 0.05  # not one flat colour: text and charts were drawn


def test_documents_by_level_keeps_unknown(corpus: Corpus) -> None:
    docs = corpus.documents.copy()
    docs.loc[docs.doc_id == "hr-2024-plan", "region_level"] = None
    table = documents_by_level(Corpus(**{**corpus.tables(), "documents": docs}))
    assert list(table.index) == ["national", "province", "city", "(unknown)"]
    assert list(table.columns) == ["action_plan", "implementation_plan"]
    assert int(table.to_numpy().sum()) == 4


@given(
    st.text(max_size=40),
    st.lists(
        st.tuples(
            st.integers(-5, 50),
            st.integers(-5, 50),
            st.sampled_from(["deadline", "target", "agency"]),
        ),
        max_size=6,
    ),
    st.integers(0, 10),
)
def test_highlight_html_keeps_the_text(text: str, spans, offset: int) -> None:
    """Whatever the spans, the highlighted HTML shows exactly the text (tags aside)."""
    out = highlight_html(text, spans, offset)
    plain = re.sub(r"</?mark[^>]*>", "", out).replace("<br>", "\n")
    assert html_lib.unescape(plain) == text


def test_spans_by_task_matches_unit_spans(corpus: Corpus) -> None:
    grouped = spans_by_task(corpus)
    for task_id in corpus.tasks["task_id"]:
        assert sorted(grouped.get(task_id, [])) == sorted(unit_spans(corpus, task_id))


def test_targets_and_deadlines_link_to_their_units(report_dir: Path) -> None:
    index = (report_dir / "index.html").read_text(encoding="utf-8")
    link = f'<a href="docs/{doc_slug("ly-2019-plan")}#{unit_anchor("ly-2019-plan#000")}">普通病房实际护床比不低于0.4:1</a>'
    assert link in index
    assert f'#{unit_anchor("ly-2019-plan#001")}">2019年4月至11月</a>' in index
    page = (report_dir / "docs" / doc_slug("ly-2019-plan")).read_text(encoding="utf-8")
    assert f'id="{unit_anchor("ly-2019-plan#000")}"' in page
    assert re.fullmatch(r"u-[0-9a-f]{12}", unit_anchor("a#b/c"))


def test_report_leaves_matplotlib_settings_alone(fixture_dir: Path, tmp_path: Path) -> None:
    """A notebook user calling write_report keeps their own backend and fonts."""
    import matplotlib

    try:
        find_cjk_font()
    except CJKFontNotFound as err:
        pytest.skip(str(err))
    before = (matplotlib.get_backend(), list(matplotlib.rcParams["font.sans-serif"]))
    write_report(fixture_dir, tmp_path / "r")
    assert (matplotlib.get_backend(), list(matplotlib.rcParams["font.sans-serif"])) == before
