"""Cheap substring gates in front of whole-text regex passes change no result.

Each reference below runs the regexes unconditionally, as the code did before the
gates; texts are drawn from fragments that do and do not trigger each pattern.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import boilerplate as bp
from pipeline.ingest import normalize as nz

_FRAGMENTS = st.sampled_from(
    [
        "正文内容，", "。", "\n", "\r\n", "\r", "\u2028", "\x0c", "\x85", "\u200b", "\ufeff",
        "\u00ad", "\u00a0", "【", "】", "[", "]", "〖", "〗", "打印本文", "关闭", "下载Word",
        "字体", "字号", "：", "大", " 中 ", "小", "图表解读", "图解", "政策解读", "相关链接", ":",
        "分享到", "分享至", "扫一扫", "在手机打开", "\n分享到：微信", " 扫一扫在手机打开", "務", "(wù)", "?,F(xiàn)", "（市卫健委牵头）", "安全",
        "?zé)o", "ab", "|", "[打印本文]", "〖关闭〗", "【下载Word】", "字号：大 中 小",
    ]
)  # fmt: skip
_TEXTS = st.lists(_FRAGMENTS, max_size=25).map("".join)


def _reference_newlines(text: str) -> str:
    text = nz._LINE_SEPARATORS.sub("\n", text)
    text = nz._INVISIBLE.sub("", text)
    return text.replace("\u00a0", " ")


def _reference_widgets(text: str) -> tuple[str, int]:
    lines = text.split("\n")
    joined = bp._BRACKETED_WIDGET.sub(
        lambda m: "\n" * m.group().count("\n"), bp._FONT_SIZE_WIDGET.sub(bp._keep_newlines, text)
    )
    for pattern in (bp._INTERPRETATION_LINKS, bp._SHARE_WIDGET, bp._SCAN_WIDGET):
        joined = pattern.sub("", joined)
    new_lines = joined.split("\n")
    if len(new_lines) != len(lines):
        return joined, 0
    return joined, sum(1 for old, new in zip(lines, new_lines, strict=True) if old != new)


def _reference_mojibake(text: str) -> tuple[str, int]:
    count = 0

    def replace(match):  # type: ignore[no-untyped-def]
        nonlocal count
        inner = match.group(1)
        if nz.has_tone_mark(inner) and nz.is_pinyin_syllable(inner):
            count += 1
            return nz.LOST
        return match.group()

    text = nz._MOJIBAKE_BEFORE_ANNOTATION.sub(replace, text)
    text = nz._ANNOTATION_LOST_PAREN.sub(replace, text)
    return text, count


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_gated_passes_equal_unconditional_passes(text: str) -> None:
    assert nz.normalize_newlines(text) == _reference_newlines(text)
    assert bp.remove_widget_tokens(text) == _reference_widgets(text)
    assert nz.remove_mojibake(text) == _reference_mojibake(text)


def test_fragments_trigger_the_gated_patterns() -> None:
    assert bp.remove_widget_tokens("【打印本文】\n字体：大 中 小\n图表解读：链接")[1] == 3
    assert nz.remove_mojibake("安全?,F(xiàn)將")[1] == 1
    assert nz.normalize_newlines("a\r\nb\u200bc") == "a\nbc"


def _reference_fold(text: str) -> str:
    import unicodedata

    text = nz._FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    text = text.replace("\u3000", " ")
    text = nz._LOOKALIKE_IDEOGRAPHS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return nz._FULLWIDTH_DECIMAL_POINT.sub(".", text)


_FOLD_FRAGMENTS = st.sampled_from(
    ["２０２４", "ＡＢ", "ｚ", "：", "＠", "［", "｀", "｛", "\u3000", "⼀", "⿕", "⿖", "豈", "﫿", "1．5",
     "．", "１．５", "正文", "ab", "\ud800", "𠀀"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_FOLD_FRAGMENTS, max_size=20).map("".join), st.text(max_size=40)))
def test_gated_width_folding_equals_unconditional_folding(text: str) -> None:
    assert nz.fold_widths(text) == _reference_fold(text)


_SPLIT_FRAGMENTS = st.sampled_from(
    ["第1篇：标题一\n", "第 2 篇 标题二\n", "篇三：", "【篇二】", "范文3：", "范文 1", "篇章", "篇幅",
     "第一章", "第二篇", "\n", " ", "正文内容。", "第", "篇", "1", "二", "老字号"]
)  # fmt: skip


def _reference_markers(text: str) -> list[tuple[int, int]]:
    from pipeline.ingest import split as sp

    found, expected = [], 1
    for match in sp._PART_MARKER.finditer(text):
        if sp._marker_number(match.group("n")) == expected:
            found.append(match.span())
            expected += 1
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPLIT_FRAGMENTS, max_size=25).map("".join))
def test_gated_part_markers_equal_unconditional_markers(text: str) -> None:
    from pipeline.ingest import split as sp

    assert [m.span() for m in sp._numbered_markers(text)] == _reference_markers(text)
    assert bp.remove_widget_tokens(text) == _reference_widgets(text)


def test_spaced_part_markers_still_split() -> None:
    from pipeline.ingest.split import split_documents

    text = "第 1 篇 甲方案\n内容一。\n第 2 篇 乙方案\n内容二。"
    assert split_documents(text) == ["甲方案\n内容一。", "乙方案\n内容二。"]


def _reference_chrome_line(line: str, position: int) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    short = len(stripped) <= bp._SHORT_LINE and not bp._reads_like_sentence(stripped)
    return any(
        (
            bp._SEPARATOR_ONLY.match(stripped) is not None,
            short and bp._WELCOME.match(stripped) is not None,
            short and bp._FOOTER.search(stripped) is not None,
            short and len(bp._FOOTER_WEAK.findall(stripped)) >= 2,
            short and bp._PREV_NEXT.match(stripped) is not None,
            short and bp._BREADCRUMB.match(stripped) is not None,
            bp._BREADCRUMB_TRAIL.match(stripped) is not None and short,
            short and bp._PAGE_STATS.search(stripped) is not None,
            bp._AGGREGATOR_PREFACE.match(stripped) is not None,
            bp._COLLECTION_HEADER.match(stripped) is not None,
            bp._LINK_SECTION_HEADER.match(stripped) is not None,
            bp._FILE_LINK.match(stripped) is not None,
            bp._is_site_breadcrumb(stripped, position),
            bp._is_widget_only_line(stripped),
            short and bp._is_page_info_line(stripped),
        )
    )


_LINE_FRAGMENTS = st.sampled_from(
    ["欢迎访问", "本站", "版权所有", "主办单位：", "承办单位：", "上一篇：", "下一页", "当前位置：",
     "您现在的位置：", "首页", " > ", "网站首页", "浏览次数：", "前言：", "小编", "精选范文（5篇）",
     "相关文章", "推荐阅读", "猜你喜欢", "附件下载", "方案.docx", ".", "——", "|", "-", "·", " ",
     "\t", "　", "发布时间：2023-06-12", "责任编辑：张三", "打印本页", "公务员期刊网", "正文内容",
     "，", "。", "；", "：", "大"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_LINE_FRAGMENTS, max_size=8).map("".join), st.integers(0, 8))
def test_gated_chrome_line_rules_equal_all_rules(line: str, position: int) -> None:
    assert bool(bp._is_chrome_line(line, position)) == _reference_chrome_line(line, position)
