"""A short fuzzing run over the whole per-file function (bounded by example count, not time).

Random documents are assembled from the pieces real plans are made of
(numbering, dates, numbers, agency clauses, punctuation, noise); whatever comes
in, `process_file` must return a result, never raise, and every span it emits
must point at the text it claims.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.build.discover import InputFile
from pipeline.build.process import process_file

PIECES = [
    "一、", "二、", "（一）", "（二）", "1.", "2、", "（1）", "①", "第一章", "第三条", "-、",
    "到2025年", "2016年4月至11月", "每季度", "年内", "“十四五”期间", "2018-2020年", "6月底前",
    "达到95%以上", "床护比1:0.6", "不少于30名", "百分之九十", "3-5个", "1000万元", "三级医院",
    "（市卫生健康委牵头，市医保局配合）", "责任单位：区卫健委、区财政局", "牵头单位：", "配合单位：",
    "列第一位者为牵头部门，下同", "。", "，", "；", "：", "\n", "\n\n", " ", "\u3000", "?", "（", "）",
    "《", "》", "〔2020]20号", "醫療服務", "務(wù)", "【关闭窗口】", "欢迎访问本网站", "\x00", "\ufffd",
]  # fmt: skip


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=12)),
            min_size=1,
            max_size=80,
        )
    )
    return "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents())
def test_process_file_never_raises_and_spans_hold(text: str, resources) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = process_file(InputFile(path, Path(tmp)), resources)
    assert result.status in {"ok", "error"}
    if result.status == "error":
        assert result.message and "internal error" not in result.message, result.message
        return
    texts = {d["doc_id"]: d["text"] for d in result.documents}
    for task in result.tasks:
        doc_text = texts[task["doc_id"]]
        start, end = task["span"]
        assert doc_text[start:end] == task["text"]
        for item in task["deadlines"] + task["targets"]:
            s, e = item["span"]
            assert doc_text[s:e] == item["text"]
        for agency in task["agencies"]:
            s, e = agency["span"]
            assert doc_text[s:e] == agency["name"]
