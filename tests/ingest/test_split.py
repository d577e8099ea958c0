"""Splitting pages that hold several documents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.boilerplate import remove_boilerplate
from pipeline.ingest.normalize import normalize_text
from pipeline.ingest.split import split_documents


def test_seed_001_splits_into_its_nine_articles(raw_dir, resources):
    raw = next(raw_dir.glob("001_*.txt")).read_text(encoding="utf-8")
    text, _ = remove_boilerplate(normalize_text(raw, resources.t2s.convert).text)
    parts = split_documents(text)
    assert len(parts) == 9
    for part in parts:
        assert part.startswith("医疗服务行动方案范文\n")  # each part starts at its own title
        assert "第2篇" not in part
    assert parts[0].split("\n")[1].startswith("根据《昆明市卫生和计划生育委员会")
    assert parts[8].endswith("规范化轨道。")


def test_preface_before_the_first_article_is_dropped():
    text = "某某网 精选范文\n前言：本站小编收集。\n第1篇：甲方案\n甲正文。\n第2篇：乙方案\n乙正文。"
    assert split_documents(text) == ["甲方案\n甲正文。", "乙方案\n乙正文。"]


def test_chinese_numbered_markers():
    text = "第一篇 甲方案\n甲。\n第二篇 乙方案\n乙。\n第三篇 丙方案\n丙。"
    assert [p.split("\n")[0] for p in split_documents(text)] == ["甲方案", "乙方案", "丙方案"]


def test_other_aggregator_marker_forms():
    text = "【篇一】甲方案\n甲。\n【篇二】乙方案\n乙。"
    assert split_documents(text) == ["甲方案\n甲。", "乙方案\n乙。"]
    text = "篇一：甲方案\n甲。\n篇二：乙方案\n乙。"
    assert split_documents(text) == ["甲方案\n甲。", "乙方案\n乙。"]
    text = "范文1：甲方案\n甲。\n范文2：乙方案\n乙。"
    assert split_documents(text) == ["甲方案\n甲。", "乙方案\n乙。"]


def test_parts_of_a_long_plan_are_not_documents():
    text = "某某市“十四五”卫生健康规划\n第一篇 总体要求\n第一章 发展基础\n正文。\n第二篇 主要任务\n第二章 服务体系\n正文。"
    assert split_documents(text) == [text]


def test_text_without_markers_is_one_document():
    text = "一、总体要求\n二、重点任务"
    assert split_documents(text) == [text]


def test_a_lone_or_unordered_marker_does_not_split():
    assert split_documents("第一篇 总则\n正文。") == ["第一篇 总则\n正文。"]
    text = "第3篇：甲\n正文。\n第5篇：乙\n正文。"
    assert split_documents(text) == [text]


def test_marker_inside_a_sentence_is_not_a_split_point():
    text = "第1篇：甲\n甲。\n详见第2篇论文。\n第2篇：乙\n乙。"
    assert split_documents(text) == ["甲\n甲。\n详见第2篇论文。", "乙\n乙。"]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("第1篇2一二:：\n甲。 "), max_size=80))
def test_split_never_raises(text):
    assert split_documents(text)
