from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.research.corpus import DOC_VARS, Corpus, load_corpus, parse_date
from pipeline.schema import DOC_KINDS, LEVELS


def test_tables_have_expected_rows(corpus: Corpus) -> None:
    sizes = {name: len(df) for name, df in corpus.tables().items()}
    assert sizes == {
        "documents": 4,
        "tasks": 11,
        "labels": 17,
        "deadlines": 6,
        "targets": 9,
        "agencies": 8,
    }
    assert corpus.build_report is not None and corpus.build_report["n_tasks"] == 11


def test_documents_columns_and_dtypes(corpus: Corpus) -> None:
    d = corpus.documents.set_index("doc_id")
    assert list(d["region"]) == ["全国", "四川省", "临沂市", "怀柔区"]
    assert list(d["region_code"].fillna("")) == ["", "510000", "371300", "110116"]
    assert str(d["issued_date"].dtype).startswith("datetime64")
    assert d.loc["sc-2018-plan", "issued_date"] == pd.Timestamp("2018-05-10")
    # 'YYYY-MM' is read as the first of the month; the text is kept
    assert d.loc["ly-2019-plan", "issued_date"] == pd.Timestamp("2019-04-01")
    assert d.loc["ly-2019-plan", "issued_date_text"] == "2019-04"
    # no issued date: the year falls back to the period's first year
    assert pd.isna(d.loc["hr-2024-plan", "issued_date"])
    assert list(d["doc_year"]) == [2017, 2018, 2019, 2024]
    assert list(d["period_start"]) == [2018, 2018, 2019, 2024]
    assert d["region_level"].dtype == pd.CategoricalDtype(list(LEVELS))
    assert list(d["doc_kind"].cat.categories) == list(DOC_KINDS)
    assert d.loc["hr-2024-plan", "status"] == "draft"
    assert d.loc["nat-2018-plan", "issuers"] == ["国家卫生计生委", "国家中医药管理局"]


def test_long_tables_carry_document_variables(corpus: Corpus) -> None:
    for name in ("tasks", "labels", "deadlines", "targets", "agencies"):
        df = corpus.tables()[name]
        assert set(DOC_VARS) <= set(df.columns), name
        assert df["region_level"].dtype == corpus.documents["region_level"].dtype
    t = corpus.targets.set_index("text")
    assert t.loc["普通病房实际护床比不低于0.4:1", "region"] == "临沂市"
    assert t.loc["普通病房实际护床比不低于0.4:1", "city"] == "临沂市"
    assert t.loc["普通病房实际护床比不低于0.4:1", "province"] == "山东省"
    assert t.loc["普通病房实际护床比不低于0.4:1", "period_end"] == 2021
    assert t.loc["普通病房实际护床比不低于0.4:1", "doc_kind"] == "action_plan"


def test_every_span_points_at_its_text(corpus: Corpus) -> None:
    text = corpus.documents.set_index("doc_id")["text"]
    for name in ("tasks", "deadlines", "targets", "agencies"):
        df = corpus.tables()[name]
        for r in df.itertuples(index=False):
            field = r.name if name == "agencies" else r.text
            assert text[r.doc_id][r.span_start : r.span_end] == field, (name, r)


def test_tasks_table(corpus: Corpus) -> None:
    t = corpus.tasks.set_index("task_id")
    row = t.loc["sc-2018-plan#001"]
    assert row["kind"] == "task"
    assert row["number"] == "（一）"
    assert row["heading_path"] == ["二、重点任务"]
    assert row["primary_code"] == "telemedicine"
    assert row["codes"] == ["telemedicine"]
    assert (row["n_deadlines"], row["n_targets"], row["n_agencies"]) == (1, 0, 2)
    assert list(corpus.tasks["kind"].cat.categories) == ["task", "goal", "safeguard", "phase"]


def test_labels_rank_and_codes(corpus: Corpus) -> None:
    lab = corpus.labels[corpus.labels.task_id == "nat-2018-plan#000"]
    assert list(lab["code"].astype(str)) == ["appointment_flow", "emergency_care"]
    assert list(lab["rank"]) == [0, 1]
    assert list(lab["score"]) == [0.9, 0.7]
    assert isinstance(corpus.labels["code"].dtype, pd.CategoricalDtype)


def test_deadlines_dates(corpus: Corpus) -> None:
    d = corpus.deadlines.set_index("text")
    assert d.loc["2019年4月至11月", "start"] == pd.Timestamp("2019-04-01")
    assert d.loc["2019年4月至11月", "end"] == pd.Timestamp("2019-11-30")
    assert d.loc["每季度", "recurrence"] == "quarterly"
    assert pd.isna(d.loc["每季度", "end"])
    assert str(corpus.deadlines["end"].dtype).startswith("datetime64")


def test_targets_normalised(corpus: Corpus) -> None:
    t = corpus.targets.set_index("text")
    row = t.loc["院前急救平均反应时间不超过0.25小时"]
    assert (row["indicator"], row["value"], row["unit"]) == ("院前急救平均反应时间", 0.25, "小时")
    assert (row["indicator_norm"], row["value_norm"], row["unit_norm"]) == (
        "急救反应时间",
        15.0,
        "分钟",
    )
    assert row["year"] == 2026
    assert t.loc["普通病房实际护床比不低于0.4:1", "indicator_norm"] == "床护比"
    assert pd.isna(t.loc["普通病房实际护床比不低于0.4:1", "year"])


def test_agencies(corpus: Corpus) -> None:
    a = corpus.agencies[corpus.agencies.doc_id == "ly-2019-plan"]
    assert list(a["role"].astype(str)) == ["lead", "cooperate", "lead", "lead", "cooperate"]
    assert set(a["canonical"]) == {"卫生健康委员会", "人力资源和社会保障局", "医疗保障局"}
    assert a["level"].iloc[0] == "city"


def test_accepts_documents_jsonl_path(fixture_dir: Path) -> None:
    c = load_corpus(fixture_dir / "documents.jsonl")
    assert len(c.documents) == 4
    assert c.path == fixture_dir


def _write(dir_: Path, docs: list[dict], tasks: list[dict] | None) -> Path:
    (dir_ / "documents.jsonl").write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
    )
    if tasks is not None:
        (dir_ / "tasks.jsonl").write_text(
            "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8"
        )
    return dir_


def test_documents_only_corpus(tmp_path: Path) -> None:
    """Before the extractors land, tasks.jsonl may be empty or absent: tables are empty, typed."""
    _write(tmp_path, [{"doc_id": "a", "text": "正文", "region": None, "period": None}], None)
    c = load_corpus(tmp_path)
    assert len(c.documents) == 1 and len(c.tasks) == 0 and len(c.targets) == 0
    assert "region" in c.targets.columns and "indicator_norm" in c.targets.columns
    assert c.documents.loc[0, "n_chars"] == 2
    assert c.build_report is None


def test_unexpected_category_is_kept(tmp_path: Path) -> None:
    _write(
        tmp_path,
        [{"doc_id": "a", "text": "x", "kind": "guideline", "region": {"level": "township"}}],
        [],
    )
    c = load_corpus(tmp_path)
    assert c.documents.loc[0, "doc_kind"] == "guideline"
    assert c.documents.loc[0, "region_level"] == "township"


def test_missing_corpus_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make corpus"):
        load_corpus(tmp_path)
    (tmp_path / "documents.jsonl").write_text('{"doc_id": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"documents.jsonl:2"):
        load_corpus(tmp_path)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-05-10", pd.Timestamp("2018-05-10")),
        ("2019-04", pd.Timestamp("2019-04-01")),
        ("2020", pd.Timestamp("2020-01-01")),
        ("2019-02-30", pd.NaT),
        ("soon", pd.NaT),
        (None, pd.NaT),
        ("", pd.NaT),
    ],
)
def test_parse_date(value, expected) -> None:
    got = parse_date(value)
    assert (pd.isna(got) and pd.isna(expected)) or got == expected


def test_document_lookup(corpus: Corpus) -> None:
    assert corpus.document("sc-2018-plan")["region_code"] == "510000"
    with pytest.raises(KeyError):
        corpus.document("nope")


def test_repr_is_short(corpus: Corpus) -> None:
    assert repr(corpus).endswith(
        ": 4 documents, 11 tasks, 17 labels, 6 deadlines, 9 targets, 8 agencies)"
    )
