"""The batch segmenter must give jieba's own words (``lcut(text, HMM=True)``), word for word."""

from __future__ import annotations

import jieba
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.structure.segment import load_tokenizer, tokenize, tokenize_many
from pipeline.structure.segment_batch import BatchSegmenter


@pytest.fixture(scope="module")
def tokenizer() -> jieba.Tokenizer:
    return load_tokenizer()


@pytest.fixture(scope="module")
def segmenter(tokenizer) -> BatchSegmenter:
    return BatchSegmenter.from_tokenizer(tokenizer)


# Common words, characters jieba's dictionary lacks (they go to its HMM), digits, ratios,
# Latin letters, the symbols jieba keeps inside a Han block (+#&._%-), punctuation,
# whitespace incl. \r\n, a NUL and a character outside the BMP.
_ALPHABET = (
    list("推进医联体卫健委家庭医生签约服务到年底覆盖率达以上")
    + list("鱼咡湾菂蒫玥珺婠")
    + list("0123456789%.+#&_-abcXYZ")
    + list("，。、；：（）《》“” \t\n\r\x00")
    + ["\U00020000"]
)

texts = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_cut_is_jiebas_lcut(segmenter, tokenizer, text):
    assert segmenter.cut(text) == tokenizer.lcut(text, HMM=True)


@settings(max_examples=150, deadline=None)
@given(st.lists(texts, max_size=6))
def test_tokenize_many_is_tokenize_of_each_text(tokenizer, batch):
    assert tokenize_many(batch, tokenizer) == [tokenize(t, tokenizer) for t in batch]


def test_seed_corpus_words_are_jiebas(segmenter, tokenizer, raw_dir):
    for path in sorted(raw_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert segmenter.cut(text) == tokenizer.lcut(text, HMM=True), path.name


def test_city_report_words_are_jiebas(segmenter, tokenizer, city_reports_dir):
    for path in sorted((city_reports_dir.parent / "txt").glob("*.txt"))[:12]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert segmenter.cut(text) == tokenizer.lcut(text, HMM=True), path.name


def test_runs_of_unknown_characters_go_to_the_hmm(segmenter, tokenizer):
    # 鱼咡湾 is no dictionary word: jieba's HMM decides, and the batch segmenter follows it
    text = "建设鱼咡湾码头，提升服务水平"
    assert segmenter.cut(text) == tokenizer.lcut(text, HMM=True)


def test_empty_and_separator_only_texts(tokenizer):
    assert tokenize_many([], tokenizer) == []
    assert tokenize_many(["", "\x00", " "], tokenizer) == [[], [], []]


def test_a_changed_dictionary_is_seen():
    tokenizer = load_tokenizer()
    text = "推进蓝鲸湾智慧医院建设"
    before = tokenize_many([text], tokenizer)[0]
    assert "蓝鲸湾智慧医院" not in before
    tokenizer.add_word("蓝鲸湾智慧医院", freq=100000)
    after = tokenize_many([text], tokenizer)[0]
    assert "蓝鲸湾智慧医院" in after
    assert after == tokenizer.lcut(text, HMM=True)


def test_cached_segmenter_gives_the_same_words(tmp_path, tokenizer):
    from pipeline.structure.segment_batch import load_segmenter

    built = load_segmenter(cache_dir=tmp_path)
    (cached,) = tmp_path.glob("planminer-segmenter-*")
    loaded = load_segmenter(cache_dir=tmp_path)
    assert isinstance(loaded.trie.first, np.memmap)  # mapped, not read
    texts = ["到2025年底，全市二级以上公立医院全面推行预约诊疗", "建设鱼咡湾码头\r\n提升服务"]
    expected = [tokenize(t, tokenizer) for t in texts]
    assert tokenize_many(texts, built) == tokenize_many(texts, loaded) == expected
    # a damaged cache is rebuilt, not trusted
    (cached / "first.npy").write_bytes(b"not an npy file")
    assert tokenize_many(texts, load_segmenter(cache_dir=tmp_path)) == expected
    assert [p.name for p in tmp_path.iterdir()] == [cached.name]  # no temporary or broken copies
    assert tokenize_many(texts, load_segmenter(cache_dir=tmp_path)) == expected


def test_copied_patterns_are_still_jiebas():
    # the batch segmenter copies jieba's block patterns to avoid importing jieba
    from jieba import finalseg

    from pipeline.structure import hmm_batch, segment_batch

    assert segment_batch.RE_HAN_DEFAULT.pattern == jieba.re_han_default.pattern
    assert segment_batch.RE_HAN_DEFAULT.flags == jieba.re_han_default.flags
    assert hmm_batch.HAN.pattern.lower() == finalseg.re_han.pattern.lower()
    assert hmm_batch.SKIP.pattern == finalseg.re_skip.pattern


def test_prediction_does_not_import_jieba(tmp_path):
    import subprocess
    import sys

    from pipeline.structure.segment_batch import load_segmenter

    load_segmenter()  # make sure the cache exists
    code = (
        "import sys\n"
        "from pipeline.classify.model import load_default_classifier\n"
        "clf = load_default_classifier()\n"
        "assert clf is not None\n"
        "clf.predict(['推进医联体建设，到2025年底覆盖率达90%'])\n"
        "print('jieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=200, deadline=None)
@given(texts)
def test_han_blocks_are_re_han_default_matches(text):
    from pipeline.codepoints import wide_code_points as code_points
    from pipeline.structure.segment_batch import RE_HAN_DEFAULT, _han_blocks

    starts, ends = _han_blocks(code_points(text))
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [
        m.span() for m in RE_HAN_DEFAULT.finditer(text)
    ]


def test_han_block_table_is_the_pattern_class():
    from pipeline.structure.segment_batch import _HAN_BLOCK_CHAR, RE_HAN_DEFAULT

    expected = [bool(RE_HAN_DEFAULT.fullmatch(chr(c))) for c in range(0x20000)]
    assert _HAN_BLOCK_CHAR[:0x20000].tolist() == expected
