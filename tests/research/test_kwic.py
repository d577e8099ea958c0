from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.research.corpus import Corpus
from pipeline.research.kwic import KWIC_COLUMNS, compile_query, format_kwic, kwic


def test_kwic_literal(corpus: Corpus) -> None:
    h = kwic(corpus, "远程医疗", width=4)
    assert list(h.columns) == KWIC_COLUMNS
    cols = ["doc_id", "region", "doc_year", "doc_kind", "task_id", "left", "match", "right"]
    assert h[cols].astype(object).values.tolist() == [
        [
            "nat-2018-plan",
            "全国",
            2017,
            "action_plan",
            "nat-2018-plan#001",
            "载体推进",
            "远程医疗",
            "，开展远",
        ],
        [
            "sc-2018-plan",
            "四川省",
            2018,
            "implementation_plan",
            "sc-2018-plan#001",
            "一）建设",
            "远程医疗",
            "协作网，",
        ],
    ]
    text = corpus.documents.set_index("doc_id")["text"]
    for r in h.itertuples():
        assert text[r.doc_id][r.start : r.end] == r.match


def test_kwic_context_shows_line_breaks_as_spaces(corpus: Corpus) -> None:
    h = kwic(corpus, "责任单位", width=6)
    assert list(h["doc_id"]) == ["sc-2018-plan", "hr-2024-plan"]
    assert h.loc[0, "left"] == "有贫困县。 "
    assert h.loc[0, "unit_kind"] == "task"


def test_kwic_outside_units_has_no_task(corpus: Corpus) -> None:
    h = kwic(corpus, "征求意见稿")
    assert len(h) == 1
    assert h.loc[0, "task_id"] is None
    assert h.loc[0, "doc_id"] == "hr-2024-plan"


def test_kwic_regex_and_fullwidth_query(corpus: Corpus) -> None:
    h = kwic(corpus, r"\d+分钟", regex=True)
    assert list(h["match"]) == ["15分钟", "12分钟"]
    # a full-width query finds the half-width digits of the normalised text
    assert list(kwic(corpus, "１２分钟")["doc_id"]) == ["ly-2019-plan"]
    # a literal query is not a pattern
    assert kwic(corpus, "1.2").empty


def test_kwic_no_hit_and_bad_query(corpus: Corpus) -> None:
    h = kwic(corpus, "不存在的词")
    assert h.empty and list(h.columns) == KWIC_COLUMNS
    with pytest.raises(ValueError):
        compile_query("")
    assert kwic(corpus, r"x*", regex=True).empty  # zero-width hits are dropped


def test_format_kwic(corpus: Corpus) -> None:
    lines = format_kwic(kwic(corpus, "护床比", width=3), 3).splitlines()
    assert lines == ["临沂市 2019 action_plan\t房实际【护床比】不低于\tly-2019-plan"]


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=8), st.integers(0, 30))
def test_kwic_never_raises_on_literal_queries(corpus: Corpus, query: str, width: int) -> None:
    hits = kwic(corpus, query, width=width)
    text = corpus.documents.set_index("doc_id")["text"]
    for r in hits.itertuples():
        assert text[r.doc_id][r.start : r.end].replace("\n", " ").replace("\r", " ") == r.match
