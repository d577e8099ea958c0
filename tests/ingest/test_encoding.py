"""Encoding detection on real Chinese sentences in every encoding the corpus meets."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.encoding import common_char_ratio, decode_bytes
from pipeline.ingest.errors import IngestError

SIMPLIFIED = (
    "为进一步改善医疗服务，提高群众看病就医满意度，根据国家卫生健康委员会的部署，"
    "结合本市实际，制定本行动计划。到2025年，二级以上公立医院预约诊疗率达到90%以上。\n"
    "（一）优化门诊服务流程。各医疗机构要推行分时段预约诊疗，缩短患者等候时间。\n"
)
TRADITIONAL = (
    "為進一步改善醫療服務，提高群眾看病就醫滿意度，根據國家衛生健康委員會的部署，"
    "結合本市實際，制定本行動計劃。到2025年，二級以上公立醫院預約診療率達到90%以上。\n"
    "（一）優化門診服務流程。各醫療機構要推行分時段預約診療，縮短患者等候時間。\n"
)


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("gb2312", "gb2312"), ("gbk", "gb2312"), ("gb18030", "gb2312")],
)
def test_gb_family_is_read_and_named_by_the_narrowest_standard(encoding, reported):
    decoded = decode_bytes(SIMPLIFIED.encode(encoding))
    assert decoded.text == SIMPLIFIED
    assert decoded.encoding == reported


def test_gbk_only_characters_are_reported_as_gbk():
    text = "镕基同志指出，要做好卫生工作。" + SIMPLIFIED  # 镕 is outside GB2312
    decoded = decode_bytes(text.encode("gbk"))
    assert decoded.text == text
    assert decoded.encoding == "gbk"


def test_gb18030_four_byte_characters():
    text = SIMPLIFIED + "㐀䶵𠀀"  # CJK extension A/B need GB18030 four-byte sequences
    decoded = decode_bytes(text.encode("gb18030"))
    assert decoded.text == text
    assert decoded.encoding == "gb18030"


def test_big5_traditional_is_not_mistaken_for_gbk():
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap: these bytes are also valid GB18030
    decoded = decode_bytes(data)
    assert decoded.text == TRADITIONAL
    assert decoded.encoding == "big5"


@pytest.mark.parametrize("phrase", ["醫療服務", "衛生健康委員會", "行動方案"])
def test_big5_short_phrases(phrase):
    assert decode_bytes(phrase.encode("big5")).text == phrase


def test_common_char_ratio_separates_right_from_wrong_decoding():
    data = TRADITIONAL.encode("big5")
    assert common_char_ratio(data.decode("big5")) > 0.9
    assert common_char_ratio(data.decode("gb18030")) < 0.6


@pytest.mark.parametrize(
    ("bom", "codec", "reported"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ],
)
def test_byte_order_marks(bom, codec, reported):
    decoded = decode_bytes(bom + SIMPLIFIED.encode(codec))
    assert decoded.text == SIMPLIFIED  # the BOM itself is not part of the text
    assert decoded.encoding == reported


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_found_by_its_nul_bytes(codec):
    decoded = decode_bytes(SIMPLIFIED.encode(codec))
    assert decoded.text == SIMPLIFIED
    assert decoded.encoding == codec


def test_utf16_without_bom_and_without_ascii():
    text = "为进一步改善医疗服务提高群众看病就医满意度制定本行动计划"
    decoded = decode_bytes(text.encode("utf-16-le"))
    assert decoded.text == text


def test_plain_utf8():
    decoded = decode_bytes(SIMPLIFIED.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (SIMPLIFIED, "utf-8")


def test_html_charset_hint_is_used_when_it_fits():
    decoded = decode_bytes(SIMPLIFIED.encode("gbk"), hint="GB2312")
    assert decoded.text == SIMPLIFIED


def test_a_wrong_hint_is_ignored():
    decoded = decode_bytes(TRADITIONAL.encode("big5"), hint="iso-8859-1x")
    assert decoded.text == TRADITIONAL


@pytest.mark.parametrize("codec", ["utf-8", "gbk", "big5"])
def test_a_few_damaged_bytes_do_not_cost_the_file(codec):
    text = (TRADITIONAL if codec == "big5" else SIMPLIFIED) * 10
    data = text.encode(codec)
    damaged = data[:-1] + b"\xff" if codec != "utf-8" else data + b"\xe5\x8c"  # truncated last char
    decoded = decode_bytes(damaged)
    assert decoded.text.startswith(text[:-2])
    assert decoded.text.count("\ufffd") == 1
    assert decoded.encoding in {codec, "gb18030"}


def test_one_bad_byte_inside_utf8_is_not_read_as_gb18030():
    data = (SIMPLIFIED * 10).encode("utf-8")
    middle = len(data) // 2
    data = data[:middle] + b"\x80" + data[middle:]
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") >= 1
    assert "提高群众看病就医满意度" in decoded.text


def test_undecodable_bytes_give_a_clear_error():
    with pytest.raises(IngestError, match=r"encoding could not be determined \(tried utf-8"):
        decode_bytes(bytes([0x80, 0xFF, 0x81, 0x20, 0xFF, 0xFE, 0x80]) * 20)


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200))
def test_any_utf8_text_round_trips(text):
    assert decode_bytes(text.encode("utf-8")).text == text.removeprefix("\ufeff")


def test_a_file_pasted_together_from_two_encodings_is_decoded_line_by_line() -> None:
    head = "某市改善医疗服务行动计划\n一、主要任务\n（一）推进预约诊疗，二级以上医院预约诊疗率达到90%以上。\n"
    tail = "繁體中文的醫院服務"
    decoded = decode_bytes(head.encode("utf-8") + tail.encode("big5"))
    assert decoded.encoding == "mixed(utf-8+big5)"
    assert decoded.text == head + tail
