"""The extractors' fast paths (perf) against the plain forms they replace.

Each fast path skips work that cannot change a result: a pattern is not run on a
text without its literal core, a search runs once instead of once per word.  These
tests restate the plain form and check that both agree on texts built from the
characters the rules look at, so that a later edit of a pattern or a word list
cannot silently break a skip.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import agencies, targets, timeexpr
from pipeline.extract.agency_lexicon import load_lexicon as load_agency_lexicon

_TIME_TOKENS = st.sampled_from(
    [*"年月日内前底末初度季每按一二三五十至到（）()“”起期间用时", "2024", "6", "半年",
     "十四五", "之日起", "即日起", "限期", "秋季", "学期", "今年", "明年", "年度", "季度",
     "考核", "调度", "时间", "个", "工作日", "-", "—"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_TIME_TOKENS, max_size=30).map("".join))
def test_every_time_match_holds_a_word_its_gate_needs(text: str) -> None:
    for shape, pattern in timeexpr.PATTERNS.items():
        needs = timeexpr._NEEDS[shape]
        if any(m.end() > m.start() for m in pattern.finditer(text)):
            assert any(w in text for w in needs), (shape, text)


_TIME_PHRASES = [
    "1-3月", "2018-2020年", "（2023-2025）", "2021年1—6月", "2016年4月至11月", "3月至5月",
    "2019年度", "2024年秋季学期起", "春季学期开始", "2019年6月底", "6月底前", "年内", "上半年",
    "一季度", "今年末", "明年底", "自印发之日起", "即日起", "“十四五”期间", "三年内", "用3年时间",
    "限期", "每月4日前", "按季度", "一月一调度", "年度考核",
]  # fmt: skip


def test_every_time_phrase_is_let_through_by_the_gates() -> None:
    matched = set()
    for text in _TIME_PHRASES:
        for shape, pattern in timeexpr.PATTERNS.items():
            if any(m.end() > m.start() for m in pattern.finditer(text)):
                matched.add(shape)
                assert any(w in text for w in timeexpr._NEEDS[shape]), (shape, text)
    assert matched == set(timeexpr.PATTERNS)  # every pattern is exercised


def test_every_time_pattern_has_a_gate() -> None:
    assert set(timeexpr._NEEDS) == set(timeexpr.PATTERNS)


def _last_end_plain(text: str, words: tuple[str, ...]) -> int:
    best = -1
    for m in targets._any_of(words).finditer(text, overlapped=True):
        best = max(best, m.end())
    return best


_WORDS = ("已", "已经", "累计", "去年", "力争", "到", "确保", "了")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, "经", "年", "x", "，"]), max_size=20).map("".join))
def test_last_end_is_the_largest_end_of_any_match(text: str) -> None:
    lex = targets.load_lexicon()
    for words in (_WORDS, lex.history, lex.commitment):
        assert targets._last_end(text, words) == _last_end_plain(text, words)


def _sentence_bounds_plain(text: str, pos: int) -> tuple[int, int]:
    block = pos // targets.MAX_SENTENCE
    lo = max(0, (block - 1) * targets.MAX_SENTENCE)
    hi = min(len(text), (block + 2) * targets.MAX_SENTENCE)
    s = max(max(text.rfind(c, lo, pos) for c in targets.SENTENCE_BREAK) + 1, lo)
    ends = [e for e in (text.find(c, pos, hi) for c in targets.SENTENCE_BREAK) if e >= 0]
    return s, min(ends) if ends else hi


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="。；;！\n甲乙", max_size=60), st.integers(0, 60))
def test_sentence_bounds_match_the_per_character_form(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert targets._sentence_bounds(text, pos) == _sentence_bounds_plain(text, pos)


def test_sentence_bounds_across_blocks() -> None:
    text = ("甲" * 1999 + "。") * 3
    for pos in (0, 1999, 2000, 2500, 4001, len(text)):
        assert targets._sentence_bounds(text, pos) == _sentence_bounds_plain(text, pos)


def test_by_first_keeps_the_order_of_each_group() -> None:
    words = ("建设完成", "建成", "建设", "培养", "建")
    assert targets._by_first(words) == {"建": ("建设完成", "建成", "建设", "建"), "培": ("培养",)}


def test_field_labels_gate_the_field_regex() -> None:
    lex = load_agency_lexicon()
    for label in lex.label_cues:
        text = f"【{label}】市卫健委"
        assert lex.field_regex.search(text) and lex.label_regex.search(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["：", ":", "牵头", "负责", "配合", "参与", "区卫健委", "，", " "]),
                max_size=12).map("".join))  # fmt: skip
def test_duty_heads_need_their_core(text: str) -> None:
    if agencies._DUTY_HEAD.search(text):
        assert agencies._DUTY_CORE.search(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["列", "第一位", "者", "为", "牵头", "主责", "主办", "首位", "部门"]),
                max_size=10).map("".join))  # fmt: skip
def test_first_listed_gate_agrees_with_the_pattern(text: str) -> None:
    assert agencies.declares_first_listed_lead(text) == bool(agencies._FIRST_LISTED.search(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="。；;！\n甲乙", max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_sentence_bounds_hold_for_every_position_of_the_sentence(
    text: str, pos: int, later: int
) -> None:
    # _find_targets reuses the bounds of a sentence for a later value before its end
    # (texts of at most two blocks): that is only right if every position in it agrees
    pos = min(pos, len(text))
    start, end = targets._sentence_bounds(text, pos)
    later = min(max(pos, later), len(text))
    if later < end:
        assert targets._sentence_bounds(text, later) == (start, end)


def test_value_groups_are_read_in_pattern_order() -> None:
    # _read_groups unpacks Match.groups() by position (perf): the names must line up
    order = sorted(targets._value_pattern().groupindex.items(), key=lambda kv: kv[1])
    assert tuple(name for name, _ in order) == targets._VALUE_GROUPS
    year_order = sorted(targets._YEAR.groupindex.items(), key=lambda kv: kv[1])
    assert [name for name, _ in year_order] == ["pre", "to", "y1", "y", "post", "rel", "plan"]


def test_offset_moves_spans_like_a_shifted_copy() -> None:
    text = "到2025年，基层首诊率保持在95%以上，建设3-5个重点专科。"
    plain = targets.find_targets(text)
    moved = targets.find_targets(text, offset=100)
    assert [(t.span[0] + 100, t.span[1] + 100) for t in plain] == [t.span for t in moved]
    assert [t.text for t in plain] == [t.text for t in moved]


_VALUE_TOKENS = st.sampled_from(
    [*"0123456789一二两三十百千万亿第.,:：∶-－—~～至到%％‰/ \n多余年性A，。；、个名人家元次",
     "百分之", "个百分点", "个工作日", "万元", "亿元", "人次", "张床位", "微克/立方米", "10万",
     "以上", "及以上", "以下", "以内", "左右", "上下", "千瓦时", "小时", "\u3000", "\x1c"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(_VALUE_TOKENS, max_size=14).map("".join))
def test_value_pattern_guards_change_no_match(text: str) -> None:
    # the guards are conditions every match satisfies: same matches, same groups
    def found(pattern):
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert found(targets._value_pattern()) == found(targets._plain_value_pattern())


def test_value_pattern_guards_on_every_value_form() -> None:
    text = (
        "百分之九十，1:0.6，1 ： 2，3-5个，3个至5个，10%～20%，95%以上，30名，1000万元，三万人，"
        "10/10万人口，1/10万，2200万人次，4.5平方米，50多家，100余项，二〇二五年，一是，"
    )
    plain = [(m.span(), m.groups()) for m in targets._plain_value_pattern().finditer(text)]
    assert [(m.span(), m.groups()) for m in targets._value_pattern().finditer(text)] == plain
    assert len(plain) >= 15


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([*"、，；。（）()甲乙丙丁", "执业（助理）"]), max_size=25).map(
        "".join
    ),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_wide_clause_start_is_the_narrow_one_unless_a_comma_of_lists_ends_it(
    text: str, pos: int, floor: int
) -> None:
    # _candidate skips the wide search when the narrow clause does not start after a 、
    pos = min(pos, len(text))
    floor = min(floor, pos)
    narrow = targets._clause_start(text, pos, floor)
    if not (narrow > 0 and text[narrow - 1] == "、"):
        assert targets._clause_start(text, pos, floor, targets._WIDE_CLAUSE_BREAK) == narrow


def test_ascii_digits_gate_lists_every_fullwidth_character_it_replaces() -> None:
    assert set(targets._FULLWIDTH_CHARS) == {chr(c) for c in range(0xFF10, 0xFF1A)} | {"．"}
    assert targets._ascii_digits("达到５．５％") == "达到5.5％"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*_WORDS, "经", "年", "x", "，", "“", "《", '"', "建设", "实施"]),
             max_size=20).map("".join),
    st.integers(0, 40),
    st.integers(0, 40),
)  # fmt: skip
def test_stdlib_literal_searches_agree_with_the_regex_module(text: str, a: int, b: int) -> None:
    # per-sentence gates and the verb scan use the stdlib engine on plain literals
    lex = targets.load_lexicon()
    lo, hi = min(a, b, len(text)), min(max(a, b), len(text))
    for words in (_WORDS, lex.history, lex.action_verbs):
        fast = targets._literal_search(words)(text, lo, hi)
        plain = targets._any_of(words).search(text, lo, hi)
        assert (fast and fast.span()) == (plain and plain.span())
    quoted = targets._QUOTE_OPENER_SEARCH(text, lo, hi) is not None
    assert quoted == any(o in text[lo:hi] for o in targets._QUOTE_OPENERS)


def test_lexicon_searches_are_built_from_its_words() -> None:
    lex = targets.load_lexicon()
    text = "已经建成了，力争达到"
    assert targets._last_end_of(lex.history_back, text) == targets._last_end(text, lex.history)
    assert targets._last_end_of(lex.commitment_back, text) == targets._last_end(
        text, lex.commitment
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="。；;！?\n\r甲乙", max_size=60), st.integers(0, 60))
def test_bounds_from_breaks_match_sentence_bounds(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    breaks = [m.start() for m in targets._SENTENCE_BREAK_AHEAD.finditer(text)]
    assert targets._bounds_from_breaks(breaks, len(text), pos) == targets._sentence_bounds(
        text, pos
    )


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([*"到至在于截2〇一二两十今明本当全近年内底末前以间来期“”五四甲力争"]),
             max_size=10).map("".join)
)  # fmt: skip
def test_leading_time_starts_with_a_listed_character(text: str) -> None:
    # _strip_front skips the time regex for an ideograph that cannot begin a time phrase
    m = targets._LEADING_TIME.match(text)
    if m and m.end() > 0:
        c = text[0]
        assert c in targets._LEADING_TIME_FIRSTS or not "一" <= c <= "\u9fff"


def test_every_baseline_holds_its_cue() -> None:
    for text in ("比2020年", "较上年", "与2020年相比", "同期", "相比去年", "相较于基期"):
        for m in targets._BASELINE.finditer(text):
            assert targets._BASELINE_CUE(m.group())
