from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.research.indicators import (
    load_aliases,
    load_units,
    match_alias,
    normalise_indicator,
    normalise_target,
)


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("床护比", "床护比"),
        ("护床比", "床护比"),
        ("普通病房实际护床比", "床护比"),
        ("三级医院床护比", "床护比"),
        ("预约率", "预约诊疗率"),
        ("门诊预约率", "预约诊疗率"),
        ("预约诊疗率", "预约诊疗率"),
        ("基层首诊率", "基层首诊率"),
        ("急救反应时间", "急救反应时间"),
        ("院前急救平均反应时间", "急救反应时间"),
        ("平均反应时间", "急救反应时间"),
        ("家庭医生签约率", "家庭医生签约率"),
        ("重点人群家庭医生签约率", "家庭医生签约率"),
        ("项目签约率", "项目签约率"),  # not a health measure: kept as written
        ("群众满意度", "群众满意度"),
        ("全 科 医 生 数", "全科医生数"),  # unknown: cleaned of spaces, kept
        ("ＣＴ检查阳性率", "CT检查阳性率"),  # unknown: NFKC-folded
    ],
)
def test_normalise_indicator(written: str, normalised: str) -> None:
    assert normalise_indicator(written) == normalised


def test_normalise_indicator_none() -> None:
    assert normalise_indicator(None) is None
    assert normalise_indicator("") is None


def test_longest_alias_wins() -> None:
    # 分时段预约诊疗率 contains 预约诊疗率 and 预约率? no: the longest alias present decides
    assert match_alias("门诊患者满意度").indicator == "门诊患者满意度"
    assert match_alias("患者满意度").indicator == "患者满意度"


def test_ratio_orientation_is_one_measure() -> None:
    """护床比 0.4:1 and 床护比 1:0.4 are the same commitment: 0.4 nurses per bed."""
    a = normalise_target("护床比", 0.4, None, "ratio", "护床比不低于0.4:1")
    b = normalise_target("床护比", 0.4, None, "ratio", "床护比不低于1:0.4")
    assert a.indicator == b.indicator == "床护比"
    assert a.value == b.value == pytest.approx(0.4)
    assert a.unit == b.unit == "ratio"


def test_ratio_computed_from_full_ratio_text() -> None:
    # 护床比 2:5 = nurses:beds -> 0.4 nurses per bed; 床护比 5:2 = beds:nurses -> 0.4 too
    assert normalise_target("护床比", 2, None, "ratio", "护床比达到2:5").value == pytest.approx(0.4)
    assert normalise_target("床护比", 2, None, "ratio", "床护比达到5：2").value == pytest.approx(
        0.4
    )
    assert normalise_target("医护比", 1.25, None, "ratio", "医护比1:1.25").value == pytest.approx(
        1.25
    )


def test_ratio_without_text_keeps_extracted_value() -> None:
    assert normalise_target("护床比", 0.6, None, "ratio", None).value == 0.6


def test_units_converted() -> None:
    t = normalise_target("院前急救平均反应时间", 0.25, None, "小时", "不超过0.25小时")
    assert (t.indicator, t.value, t.unit, t.known) == ("急救反应时间", 15.0, "分钟", True)
    t = normalise_target("投入资金", 1.5, 2.0, "亿元", None)
    assert (t.value, t.value_max, t.unit, t.known) == (15000.0, 20000.0, "万元", False)
    t = normalise_target("招聘人数", 30, None, "名", None)
    assert (t.indicator, t.value, t.unit) == ("招聘人数", 30, "名")


def test_indicator_from_text_when_missing() -> None:
    assert normalise_target(None, 50, None, "%", "预约诊疗率达到50%").indicator == "预约诊疗率"
    t = normalise_target(None, 3, None, "个", "建设3个中心")
    assert (t.indicator, t.known) == (None, False)


def test_alias_table_is_consistent() -> None:
    aliases = load_aliases()
    assert len({a.alias for a in aliases}) == len(aliases), "duplicate alias"
    names = {a.alias: a for a in aliases}
    for a in aliases:
        # every normalised indicator is itself listed, with the same unit and orientation
        assert a.indicator in names, a
        assert names[a.indicator].unit == a.unit, a
        assert not names[a.indicator].flip
    units = load_units()
    assert units["小时"] == ("分钟", 60.0)
    assert {a.unit for a in aliases if a.unit not in ("ratio",)} <= set(units) | {
        "级",
        "人",
        "张",
        "岁",
        "/10万",
        "‰",
    }


@given(
    st.one_of(st.none(), st.text(max_size=30)),
    st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    st.one_of(
        st.none(), st.sampled_from(["%", "ratio", "小时", "万元", "个"]), st.text(max_size=4)
    ),
    st.one_of(st.none(), st.text(max_size=40)),
)
def test_normalise_target_never_raises(indicator, value, value_max, unit, text) -> None:
    normalise_target(indicator, value, value_max, unit, text)
    normalise_indicator(indicator)
