from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import pytest

from pipeline.research import report
from pipeline.research.cli import add_compare_subcommands, main, markdown_table
from pipeline.research.fonts import CJKFontNotFound


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_registers_on_a_parent_parser() -> None:
    parser = argparse.ArgumentParser(prog="planminer")
    add_compare_subcommands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(
        ["compare", "coverage", "--corpus", "x", "--by", "document", "--share"]
    )
    assert (args.comparison, args.by, args.share, args.corpus) == (
        "coverage",
        "document",
        True,
        Path("x"),
    )
    assert callable(args.func)
    args = parser.parse_args(["search", "远程", "--width", "5"])
    assert (args.query, args.width) == ("远程", 5)


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "--help"],
        ["compare", "targets", "--help"],
        ["search", "--help"],
        ["report", "--help"],
        ["export", "--help"],
    ],
)
def test_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0
    assert "usage: planminer" in capsys.readouterr().out


def test_compare_targets_markdown_stdout(
    fixture_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "compare", "targets", "--corpus", str(fixture_dir), "--indicator", "护床比"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("| indicator | region | region_level |")
    assert len(lines) == 4
    assert "| 床护比 | 临沂市 | city |" in lines[3]


def test_compare_coverage_csv(
    fixture_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cov.csv"
    code, _, _ = run(capsys, "compare", "coverage", "--corpus", str(fixture_dir), "--out", str(out))
    assert code == 0
    df = pd.read_csv(out, index_col=0, encoding="utf-8-sig")
    assert df.loc["怀柔区", "primary_care"] == 2
    assert list(df.index) == ["全国", "四川省", "临沂市", "怀柔区"]


@pytest.mark.parametrize("table", ["timeline", "agencies", "gap"])
def test_compare_other_tables_md(
    table: str, fixture_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"{table}.md"
    code, _, _ = run(capsys, "compare", table, "--corpus", str(fixture_dir), "--out", str(out))
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("| ")
    assert len(text.splitlines()) > 3


def test_compare_gap_long_csv(
    fixture_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "gap.csv"
    assert (
        run(capsys, "compare", "gap", "--long", "--corpus", str(fixture_dir), "--out", str(out))[0]
        == 0
    )
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert {"doc_id", "measure_name", "taken_up", "codes"} <= set(df.columns)


def test_compare_bad_suffix_and_missing_corpus(
    fixture_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "compare",
        "agencies",
        "--corpus",
        str(fixture_dir),
        "--out",
        str(tmp_path / "a.xlsx"),
    )
    assert code == 2 and ".csv or .md" in err
    code, _, err = run(capsys, "compare", "agencies", "--corpus", str(tmp_path / "none"))
    assert code == 2 and "no documents.jsonl" in err


def test_search(fixture_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "护床比", "--corpus", str(fixture_dir), "--width", "3")
    assert code == 0
    assert out.splitlines() == ["临沂市 2019 action_plan\t房实际【护床比】不低于\tly-2019-plan"]
    assert "1 hits in 1 documents" in err
    code, _, err = run(capsys, "search", "(", "--regex", "--corpus", str(fixture_dir))
    assert code == 2 and "error" in err


def test_export_and_report(
    fixture_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _, _ = run(
        capsys,
        "export",
        "--corpus",
        str(fixture_dir),
        "--parquet-dir",
        str(tmp_path / "pq"),
        "--duckdb",
        str(tmp_path / "c.duckdb"),
    )
    assert code == 0
    assert (tmp_path / "pq" / "targets.parquet").is_file() and (tmp_path / "c.duckdb").is_file()
    # the report itself is tested in test_report.py; here only the wiring and the error path
    calls = []

    def fake_report(corpus_dir, out_dir):
        calls.append((Path(corpus_dir), Path(out_dir)))
        return Path(out_dir) / "index.html"

    monkeypatch.setattr(report, "write_report", fake_report)
    code, _, err = run(
        capsys, "report", "--corpus", str(fixture_dir), "--out", str(tmp_path / "rep")
    )
    assert code == 0 and calls == [(fixture_dir, tmp_path / "rep")]
    assert "report written to" in err

    def no_font(corpus_dir, out_dir):
        raise CJKFontNotFound("no CJK font found: install fonts-noto-cjk")

    monkeypatch.setattr(report, "write_report", no_font)
    code, _, err = run(capsys, "report", "--corpus", str(fixture_dir))
    assert code == 1 and "fonts-noto-cjk" in err


def test_markdown_table_escapes() -> None:
    df = pd.DataFrame({"a": ["x|y", None], "b": [["甲", "乙"], 1.5]})
    assert markdown_table(df) == "| a | b |\n| --- | --- |\n| x\\|y | 甲、乙 |\n|  | 1.5 |\n"


def test_search_filters(fixture_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["search", "行动计划", "--corpus", str(fixture_dir), "--width", "2"]
    _, out, _ = run(capsys, *base)
    assert len(out.splitlines()) == 3
    _, out, _ = run(capsys, *base, "--level", "city")
    assert [ln.split("\t")[-1] for ln in out.splitlines()] == ["ly-2019-plan"]
    _, out, _ = run(capsys, *base, "--region", "怀柔区")
    assert [ln.split("\t")[-1] for ln in out.splitlines()] == ["hr-2024-plan"]
    _, out, err = run(capsys, *base, "--units-only")
    assert out == "" and "0 hits in 0 documents" in err
    _, out, _ = run(
        capsys, "search", "远程", "--corpus", str(fixture_dir), "--kind", "implementation_plan"
    )
    assert [ln.split("\t")[-1] for ln in out.splitlines()] == ["sc-2018-plan"]
