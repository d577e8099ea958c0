"""Where a document's body ends."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.structure.layout import body_end


def test_signature_block_with_issuer_line():
    text = "一、要求\n各单位要落实。\n\n    某县卫生健康委员会\n    2016年2月4日\n"
    assert text[: body_end(text)].rstrip().endswith("各单位要落实。")


def test_distribution_and_printing_lines():
    text = "一、要求\n各单位要落实。\n抄送：县委办公室。\n某县卫生健康委员会办公室   2023年3月2日印发\n"
    assert text[: body_end(text)].rstrip().endswith("各单位要落实。")


def test_widgets_after_the_last_sentence_on_one_line():
    text = "一、要求 各单位要落实。 图表解读:某通知 【下载Word】"
    assert text[: body_end(text)].rstrip() == "一、要求 各单位要落实。"


def test_covering_notice_signature_before_the_body_is_ignored():
    text = "某局\n2018年5月18日\n方案\n一、要求\n各单位要落实。\n"
    assert body_end(text, text.index("一、")) == len(text)


def test_contact_line_counts_only_after_the_last_heading():
    text = "一、要求\n联系人：张三\n二、宣传\n加强宣传。\n联系人：李四\n"
    assert body_end(text, 0, text.index("二、")) == text.index("联系人：李四")


@given(st.text(max_size=120), st.integers(min_value=0, max_value=120))
def test_never_raises_and_stays_inside(text, after):
    after = min(after, len(text))
    assert after <= body_end(text, after) <= len(text)


def _combined_closing_start(text: str, after: int) -> int | None:
    """The closing markers and the printing line as the single alternation they once were."""
    import regex

    from pipeline.structure import layout

    combined = regex.compile(
        layout._CLOSING.pattern[:-1] + "|" + layout._PRINTED.pattern[len(layout._AT) :] + ")",
        regex.MULTILINE,
    )
    m = combined.search(text, after)
    return m.start() if m else None


@given(
    st.lists(
        st.sampled_from(
            [
                "一、要求\n",
                "各单位要落实。",
                "抄送：县委办公室。\n",
                "某县卫生健康委员会办公室   2023年3月2日印发\n",
                "附件：1.名单\n",
                "2024年1月5日印发",
                "\n",
                "  ",
            ]
        ),
        max_size=8,
    )
)
def test_printing_line_split_out_ends_the_body_where_the_alternation_did(parts: list[str]) -> None:
    # The printing line has its own pattern (tried only when 日印发 occurs) for speed;
    # the body must still end at the earliest closing marker of either kind.
    # (No fragment is a date line or a late marker, so only these two decide.)
    text = "".join(parts)
    expected = _combined_closing_start(text, 0)
    assert body_end(text) == (len(text) if expected is None else expected)


_LAYOUT_PIECES = [
    "各单位要落实。",
    "抄送：县委。",
    "附件：1.名单",
    "附件",
    "附表3",
    "【下载】",
    "【 打印",
    "扫一扫扫一扫",
    "扫一扫一扫",
    "相关解读",
    "2024年1月5日",
    "\n2024年1月5日\n",
    "\n　二〇二四年一月五日　",
    "二〇二四年一月五日",
    "2024 年\n1 月 5 日",
    "5日",
    "日",
    "年",
    "1",
    "\n",
    "  ",
    "\u3000",
    "\t",
    "。",
    "）",
]


@settings(max_examples=400)
@given(
    st.lists(st.sampled_from(_LAYOUT_PIECES), max_size=12),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=60),
)
def test_gated_searches_find_what_the_patterns_find(parts, after, cut):
    # (perf) _first_closing and _first_date_line try the patterns only near their words.
    from pipeline.structure import layout

    text = "".join(parts)
    after = min(after, len(text))
    end = max(after, len(text) - cut)

    def span(m):
        return None if m is None else m.span()

    assert span(layout._first_closing(text, after, end)) == span(
        layout._CLOSING.search(text, after, end)
    )
    assert span(layout._first_date_line(text, after, end)) == span(
        layout._DATE_LINE.search(text, after, end)
    )
