from __future__ import annotations

import pandas as pd
import pytest

from pipeline.research import compare
from pipeline.research.compare import (
    agency_involvement,
    coverage_matrix,
    deadline_timeline,
    framework_gap,
    framework_gap_summary,
    region_labels,
    shared_indicators,
    targets_table,
)
from pipeline.research.corpus import Corpus
from pipeline.research.taxonomy import Measure


def _rows(df: pd.DataFrame, cols: list[str]) -> list[list[object]]:
    return [
        [None if pd.isna(v) else v for v in row] for row in df[cols].astype(object).values.tolist()
    ]


def test_coverage_by_region_counts(corpus: Corpus) -> None:
    m = coverage_matrix(corpus)
    assert list(m.index) == ["全国", "四川省", "临沂市", "怀柔区"]
    # taxonomy order, every code a column even when unused
    assert list(m.columns[:5]) == [
        "appointment_flow",
        "tiered_care",
        "primary_care",
        "emergency_care",
        "telemedicine",
    ]
    assert m.loc["怀柔区", "primary_care"] == 2
    assert m.loc["临沂市", "telemedicine"] == 0
    assert m.loc["四川省", "telemedicine"] == 1
    assert m["nursing"].tolist() == [1, 1, 1, 0]
    assert m["quality_safety"].sum() == 0
    assert int(m.to_numpy().sum()) == 17  # every label counted once


def test_coverage_by_document_share(corpus: Corpus) -> None:
    m = coverage_matrix(corpus, by="document", share=True)
    assert list(m.index) == ["nat-2018-plan", "sc-2018-plan", "ly-2019-plan", "hr-2024-plan"]
    assert m.loc["hr-2024-plan", "primary_care"] == 1.0
    assert m.loc["hr-2024-plan", "telemedicine"] == 0.5
    assert m.loc["ly-2019-plan", "nursing"] == pytest.approx(0.3333)


def test_coverage_rejects_unknown_by(corpus: Corpus) -> None:
    with pytest.raises(ValueError):
        coverage_matrix(corpus, by="province")  # type: ignore[arg-type]


def test_region_labels_disambiguate_same_name() -> None:
    docs = pd.DataFrame(
        {
            "region": ["朝阳区", "朝阳区", "朝阳区", None],
            "region_code": ["110105", "220104", "110105", None],
            "province": ["北京市", "吉林省", "北京市", None],
        }
    )
    assert list(region_labels(docs)) == [
        "朝阳区（北京市）",
        "朝阳区（吉林省）",
        "朝阳区（北京市）",
        "(unknown region)",
    ]


def test_targets_table_chuanghubi(corpus: Corpus) -> None:
    """护床比 0.4:1 and 床护比 1:0.6 line up as one indicator, in one orientation."""
    t = targets_table(corpus, "护床比")
    cols = ["region", "region_level", "comparator", "value", "unit", "year"]
    assert _rows(t, cols) == [
        ["四川省", "province", ">=", 0.6, "ratio", 2020],
        ["临沂市", "city", ">=", 0.4, "ratio", None],
    ]
    assert list(t["indicator_as_written"]) == ["三级医院床护比", "普通病房实际护床比"]
    assert targets_table(corpus, "床护比").equals(t)


def test_targets_table_all(corpus: Corpus) -> None:
    t = targets_table(corpus)
    assert len(t) == 9
    assert t["indicator"].value_counts().to_dict() == {
        "急救反应时间": 3,
        "基层首诊率": 2,
        "床护比": 2,
        "预约诊疗率": 2,
    }
    er = t[t.indicator == "急救反应时间"]
    assert list(zip(er.region, er.value, er.unit, strict=True)) == [
        ("全国", 15.0, "分钟"),
        ("临沂市", 12.0, "分钟"),
        ("怀柔区", 15.0, "分钟"),
    ]
    assert targets_table(corpus, "不存在的指标").empty


def test_targets_table_wide(corpus: Corpus) -> None:
    w = targets_table(corpus, wide=True)
    assert w.loc["四川省", "床护比"] == "≥1:0.6 (2020)"
    assert w.loc["临沂市", "床护比"] == "≥1:0.4"
    assert w.loc["怀柔区", "急救反应时间"] == "≤15分钟 (2026)"
    assert w.loc["全国", "预约诊疗率"] == "≥60% (2020)"
    assert w.loc["临沂市", "基层首诊率"] == ""


def test_deadline_timeline(corpus: Corpus) -> None:
    tl = deadline_timeline(corpus)
    assert list(tl["text"]) == [
        "2018年6月底前",
        "2019年4月至11月",
        "到2020年",
        "到2020年",
        "到2026年",
        "每季度",
    ]
    assert list(tl["region"]) == ["四川省", "临沂市", "全国", "四川省", "怀柔区", "四川省"]
    assert tl.loc[1, "primary_code"] == "emergency_care"
    assert tl.loc[1, "unit_kind"] == "task"
    assert tl.loc[1, "start"] == pd.Timestamp("2019-04-01")
    assert pd.isna(tl.loc[5, "end"])


def test_agency_involvement(corpus: Corpus) -> None:
    a = agency_involvement(corpus)
    rows = {(r.canonical, r.code, r.role): (r.n_units, r.n_documents) for r in a.itertuples()}
    assert rows[("卫生健康委员会", "nursing", "lead")] == (1, 1)
    assert rows[("卫生健康委员会", "telemedicine", "responsible")] == (1, 1)
    assert rows[("人力资源和社会保障局", "nursing", "cooperate")] == (1, 1)
    assert rows[("卫生和计划生育委员会", "telemedicine", "responsible")] == (1, 1)
    assert len(a) == 10
    assert set(a["role"]) == {"lead", "cooperate", "responsible"}


def test_agency_involvement_unlabelled(corpus: Corpus) -> None:
    bare = Corpus(**{**corpus.tables(), "labels": corpus.labels.iloc[0:0]})
    a = agency_involvement(bare)
    assert set(a["code"]) == {"unlabelled"}
    assert a.loc[a.canonical == "卫生健康委员会", "n_units"].sum() == 4


FRAMEWORK = [
    Measure("m1", "远程医疗制度", ("telemedicine",)),
    Measure("m2", "预约诊疗制度", ("appointment_flow",)),
    Measure("m3", "优质护理", ("nursing", "care_models")),
]


def test_framework_gap_with_crosswalk(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "national_measures", lambda framework: FRAMEWORK)
    g = framework_gap(corpus)
    assert len(g) == 4 * 3
    left_out = g[~g.taken_up]
    assert sorted(zip(left_out.region, left_out.measure_name, strict=True)) == [
        ("临沂市", "远程医疗制度"),
        ("四川省", "预约诊疗制度"),
        ("怀柔区", "优质护理"),
        ("怀柔区", "预约诊疗制度"),
    ]
    assert g.set_index(["doc_id", "measure"]).loc[("nat-2018-plan", "m1"), "n_units"] == 1
    s = framework_gap_summary(corpus).set_index("doc_id")
    assert s.loc["ly-2019-plan", "left_out"] == "远程医疗制度"
    assert s.loc["ly-2019-plan", "taken_up"] == "预约诊疗制度、优质护理"
    assert s.loc["hr-2024-plan", "share"] == pytest.approx(0.3333)
    r = framework_gap_summary(corpus, by="region").set_index("region")
    assert r.loc["四川省", "n_taken_up"] == 2 and r.loc["四川省", "n_measures"] == 3


def test_framework_gap_fallback_to_national_labels(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a cross-walk, the framework is the codes of the national document."""
    monkeypatch.setattr(compare, "national_measures", lambda framework: None)
    g = framework_gap(corpus)
    measures = list(dict.fromkeys(g["measure"]))
    assert measures == [
        "appointment_flow",
        "tiered_care",
        "emergency_care",
        "telemedicine",
        "nursing",
    ]
    ly = g[g.doc_id == "ly-2019-plan"].set_index("measure")["taken_up"].to_dict()
    assert ly == {
        "appointment_flow": True,
        "tiered_care": False,
        "emergency_care": True,
        "telemedicine": False,
        "nursing": True,
    }


def test_framework_gap_real_taxonomy_telemedicine(corpus: Corpus) -> None:
    """With the packaged taxonomy, only 临沂市 leaves out the 2018 framework's 远程医疗 measure."""
    g = framework_gap(corpus)
    tele = g[g.measure_name.str.contains("远程医疗")]
    if tele.empty:
        pytest.skip("the taxonomy has no 远程医疗 measure in its ygfw_2018 cross-walk")
    assert list(tele.loc[~tele.taken_up, "region"]) == ["临沂市"]


def test_readme_example_pandas(corpus: Corpus) -> None:
    """The README question, answered in a few lines of pandas."""
    t = corpus.targets
    chuanghu = t[t.indicator_norm == "床护比"][
        ["region", "region_level", "comparator", "value_norm", "year"]
    ]
    assert chuanghu.values.tolist()[0] == ["四川省", "province", ">=", 0.6, 2020]
    assert list(chuanghu.region) == ["四川省", "临沂市"]
    has_tele = set(corpus.labels.loc[corpus.labels.code == "telemedicine", "doc_id"])
    without = corpus.documents.loc[~corpus.documents.doc_id.isin(has_tele), "region"]
    assert list(without) == ["临沂市"]


def test_shared_indicators(corpus: Corpus) -> None:
    s = shared_indicators(corpus)
    assert s.values.tolist() == [
        ["急救反应时间", 3, 3, True],
        ["基层首诊率", 2, 2, True],
        ["床护比", 2, 2, True],
        ["预约诊疗率", 2, 2, True],
    ]
    assert list(shared_indicators(corpus, min_regions=3)["indicator"]) == ["急救反应时间"]


def test_framework_gap_warns_without_labels(corpus: Corpus) -> None:
    bare = Corpus(**{**corpus.tables(), "labels": corpus.labels.iloc[0:0]})
    with pytest.warns(compare.NoLabelsWarning, match="classifier"):
        g = framework_gap(bare)
    assert not g["taken_up"].any()


@pytest.mark.parametrize(
    ("row", "cell"),
    [
        (
            {"comparator": "range", "value": 3.0, "value_max": 5.0, "unit": "个", "year": 2020},
            "3–5个 (2020)",
        ),
        ({"comparator": ">=", "value": 95.0, "value_max": None, "unit": "%", "year": None}, "≥95%"),
        (
            {"comparator": "<=", "value": 12.0, "value_max": None, "unit": "分钟", "year": None},
            "≤12分钟",
        ),
        (
            {"comparator": "=", "value": 0.5, "value_max": None, "unit": "ratio", "year": 2025},
            "=1:0.5 (2025)",
        ),
        ({"comparator": ">=", "value": None, "value_max": None, "unit": None, "year": None}, "?"),
    ],
)
def test_format_target(row: dict, cell: str) -> None:
    assert compare._format_target(pd.Series(row)) == cell
