"""Sentence splitting and jieba segmentation with the domain dictionary."""

from __future__ import annotations

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.structure.segment import USERDICT, load_tokenizer, split_sentences, tokenize


@pytest.fixture(scope="module")
def tokenizer() -> jieba.Tokenizer:
    return load_tokenizer()


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_tokenizer_is_private_and_initialised(tokenizer):
    assert tokenizer is not jieba.dt
    assert tokenizer.initialized


@pytest.mark.parametrize(
    "word", ["卫健委", "医联体", "家庭医生签约", "医保局", "日间手术", "分级诊疗"]
)
def test_domain_words_stay_whole(tokenizer, word):
    words = tokenize(f"由{word}负责，持续推进相关工作。", tokenizer)
    assert word in words


def test_fast_cache_load_gives_jiebas_own_dictionary(tokenizer):
    # load_tokenizer reads jieba's prefix-dictionary cache in one piece for speed;
    # the result must be exactly what Tokenizer.initialize() + the user dictionary give.
    reference = jieba.Tokenizer()
    reference.initialize()
    reference.load_userdict(str(USERDICT))
    assert tokenizer.total == reference.total
    assert tokenizer.FREQ == reference.FREQ
    text = "市卫健委牵头，推进紧密型县域医共体建设，2025年底前基本实现全覆盖。"
    assert tokenizer.lcut(text) == reference.lcut(text)


def test_domain_words_in_a_real_sentence(tokenizer):
    words = tokenize(
        "市卫健委牵头，加强医联体建设，推进家庭医生签约服务和检查检验结果互认。", tokenizer
    )
    assert "医联体" in words
    assert "检查检验结果互认" in words
    assert any(w.endswith("卫健委") for w in words)


def test_tokenize_drops_punctuation_and_whitespace(tokenizer):
    words = tokenize("加强 组织领导。  （一）完善制度；", tokenizer)
    assert words
    assert all(w.strip() and w not in "。；（）、，" for w in words)


def test_userdict_has_hundreds_of_entries():
    lines = [ln for ln in USERDICT.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(lines) >= 300
    assert all(len(ln.split()) >= 2 and ln.split()[1].isdigit() for ln in lines)


def test_split_on_stops_and_line_breaks():
    text = "加强领导。完善制度！是否落实？明确责任；\n第二行没有句号\n"
    assert sentences(text) == [
        "加强领导。",
        "完善制度！",
        "是否落实？",
        "明确责任；",
        "第二行没有句号",
    ]


def test_no_split_inside_brackets_and_book_titles():
    text = "落实任务（市卫健委牵头；市医保局配合）。依据《关于A；B的通知》执行。"
    assert sentences(text) == [
        "落实任务（市卫健委牵头；市医保局配合）。",
        "依据《关于A；B的通知》执行。",
    ]


def test_unclosed_bracket_does_not_swallow_the_next_line():
    assert sentences("括号没有闭合（这里。\n下一行。") == ["括号没有闭合（这里。", "下一行。"]


@given(st.text(alphabet="加强。！？；（）《》()\n 　a1", max_size=80))
def test_sentence_spans_are_ordered_trimmed_and_inside(text):
    spans = split_sentences(text)
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev = e


# ----------------------------------------------------------------------------- batch segmenter
_CUT_ALPHABET = st.sampled_from(
    [
        *"卫生健康委员会医联体家庭签约服务推进建设县域共体加强管理",
        *["紧密型", "医疗", "2025", "年底", "前", "3.5%", "AI", "x", "-", "#"],
        *[" ", "\n", "\r\n", "\t", "\u3000", "，", "。", "（", "）", "、", "：", "㐀", "𠀀", "é"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CUT_ALPHABET, max_size=40))
def test_batch_segmenter_gives_jiebas_words(tokenizer, parts):
    # tokenize() segments with the tokenizer's BatchSegmenter: it must give exactly jieba's words.
    from pipeline.structure.segment import _batch_segmenter

    text = "".join(parts)
    assert _batch_segmenter(tokenizer).cut(text) == tokenizer.lcut(text, HMM=True)


def test_batch_segmenter_on_real_plan_text(tokenizer):
    from pipeline.structure.segment import _batch_segmenter

    text = (
        "（三）推进紧密型县域医共体建设。到2025年底，全市90%以上的县（市、区）建成"
        "紧密型县域医共体，由市卫健委牵头、市医保局配合。欧阳娜娜和张三丰参加。\r\n"
        "Covid-19 防控 A+B 方案 #1 完成率≥95.5%"
    )
    assert _batch_segmenter(tokenizer).cut(text) == tokenizer.lcut(text, HMM=True)
    assert tokenize(text, tokenizer) == [
        w for w in tokenizer.lcut(text, HMM=True) if w.strip() and any(c.isalnum() for c in w)
    ]


def test_tokenize_follows_dictionary_changes():
    private = load_tokenizer()
    text = "推进智慧健康驿站建设"
    before = tokenize(text, private)
    private.add_word("智慧健康驿站", 100000)
    after = tokenize(text, private)
    assert "智慧健康驿站" in after and after != before
    assert after == [w for w in private.lcut(text, HMM=True) if w.strip()]
