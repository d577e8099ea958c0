"""Tests for pipeline/extract/deadlines.py (and the grammar in timeexpr.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.deadlines import find_deadlines
from pipeline.extract.timeexpr import to_int

D = dt.date


def rows(text: str, ref: dt.date | None = None) -> list[tuple]:
    return [(d.text, d.start, d.end, d.kind, d.recurrence) for d in find_deadlines(text, 0, ref)]


# one small made-up sentence per rule: (sentence, ref_date, expected rows)
RULES = [
    # by: leading 到/至, trailing 前/底前, 年底
    (
        "到2025年，全市二级以上医院全部建成胸痛中心。",
        None,
        [("到2025年", None, "2025-12-31", "by", None)],
    ),
    ("至2016年底，建成医学检验中心。", None, [("至2016年底", None, "2016-12-31", "by", None)]),
    ("各地于2019年6月底前报送方案。", None, [("2019年6月底前", None, "2019-06-30", "by", None)]),
    ("2020年2月29日前完成填报。", None, [("2020年2月29日前", None, "2020-02-29", "by", None)]),
    ("至2021年2月底，完成整改。", None, [("至2021年2月底", None, "2021-02-28", "by", None)]),
    ("力争2025年前实现目标。", None, [("2025年前", None, "2025-12-31", "by", None)]),
    ("各县区3月前上报名单。", D(2022, 1, 5), [("3月前", None, "2022-02-28", "by", None)]),
    # Chinese numerals
    ("二〇二五年底前实现全覆盖。", None, [("二〇二五年底前", None, "2025-12-31", "by", None)]),
    ("十二月底前完成清算。", D(2018, 6, 1), [("十二月底前", None, "2018-12-31", "by", None)]),
    (
        "到二〇三〇年，人均预期寿命达到80岁。",
        None,
        [("到二〇三〇年", None, "2030-12-31", "by", None)],
    ),
    # ranges keep both ends
    (
        "（二）深入开展阶段（2016年4月至11月）",
        None,
        [("2016年4月至11月", "2016-04-01", "2016-11-30", "range", None)],
    ),
    (
        "开展百日宣传活动（2016年2月至3月）",
        None,
        [("2016年2月至3月", "2016-02-01", "2016-03-31", "range", None)],
    ),
    (
        "第一阶段（2009年6月20日至7月1日）为动员部署阶段。",
        None,
        [("2009年6月20日至7月1日", "2009-06-20", "2009-07-01", "range", None)],
    ),
    (
        "2019年6月至2020年12月为全面推进阶段。",
        None,
        [("2019年6月至2020年12月", "2019-06-01", "2020-12-31", "range", None)],
    ),
    (
        "2021年1—6月开展第一轮考核。",
        None,
        [("2021年1—6月", "2021-01-01", "2021-06-30", "range", None)],
    ),
    (
        "3月至5月开展集中整治。",
        D(2021, 1, 5),
        [("3月至5月", "2021-03-01", "2021-05-31", "range", None)],
    ),
    # periods of whole years
    (
        "行动方案（2018-2020年）",
        None,
        [("2018-2020年", "2018-01-01", "2020-12-31", "period", None)],
    ),
    (
        "2018—2020年重点在以下方面创新。",
        None,
        [("2018—2020年", "2018-01-01", "2020-12-31", "period", None)],
    ),
    (
        "2018年至2020年，全省分三批推进。",
        None,
        [("2018年至2020年", "2018-01-01", "2020-12-31", "period", None)],
    ),
    (
        "在2016年—2018年期间选派医生。",
        None,
        [("2016年—2018年期间", "2016-01-01", "2018-12-31", "period", None)],
    ),
    (
        "2025年，全市基层医疗卫生机构全部达标。",
        None,
        [("2025年", "2025-01-01", "2025-12-31", "period", None)],
    ),
    (
        "2019年度财政预算安排专项资金。",
        None,
        [("2019年度", "2019-01-01", "2019-12-31", "period", None)],
    ),
    (
        "2020财政年度结余资金应当收回。",
        None,
        [("2020财政年度", "2020-01-01", "2020-12-31", "period", None)],
    ),
    (
        "2024年第一季度完成招标。",
        None,
        [("2024年第一季度", "2024-01-01", "2024-03-31", "period", None)],
    ),
    (
        "总结评估阶段（2016年12月）",
        None,
        [("2016年12月", "2016-12-01", "2016-12-31", "period", None)],
    ),
    # five-year plans
    (
        "“十四五”期间，新增床位2000张。",
        None,
        [("“十四五”期间", "2021-01-01", "2025-12-31", "period", None)],
    ),
    (
        "十三五期间要建成县域医共体。",
        None,
        [("十三五期间", "2016-01-01", "2020-12-31", "period", None)],
    ),
    (
        "“十二五”时期要完成改造。",
        None,
        [("“十二五”时期", "2011-01-01", "2015-12-31", "period", None)],
    ),
    (
        "“十五五”时期要全面建成健康城市。",
        None,
        [("“十五五”时期", "2026-01-01", "2030-12-31", "period", None)],
    ),
    ("“十四五”末，床位数达到7张。", None, [("“十四五”末", None, "2025-12-31", "by", None)]),
    # relative to the document's date
    ("其余一级医院年内要全部建成。", D(2013, 3, 1), [("年内", None, "2013-12-31", "by", None)]),
    ("其余一级医院年内要全部建成。", None, [("年内", None, None, "by", None)]),
    (
        "今年完成10所乡镇卫生院改造。",
        D(2024, 2, 1),
        [("今年", "2024-01-01", "2024-12-31", "period", None)],
    ),
    ("今年完成10所乡镇卫生院改造。", None, [("今年", None, None, "period", None)]),
    ("明年在全市全面推开。", D(2024, 2, 1), [("明年", "2025-01-01", "2025-12-31", "period", None)]),
    ("年底前完成全部改造任务。", D(2022, 5, 1), [("年底前", None, "2022-12-31", "by", None)]),
    ("6月底前出台实施细则。", D(2024, 1, 20), [("6月底前", None, "2024-06-30", "by", None)]),
    (
        "上半年完成调研，下半年全面实施。",
        D(2019, 1, 1),
        [
            ("上半年", "2019-01-01", "2019-06-30", "period", None),
            ("下半年", "2019-07-01", "2019-12-31", "period", None),
        ],
    ),
    (
        "在本财政年度内完成资金拨付。",
        D(2021, 2, 1),
        [("本财政年度内", None, "2021-12-31", "by", None)],
    ),
    (
        "三年内实现家庭医生签约全覆盖。",
        D(2020, 4, 10),
        [("三年内", None, "2022-12-31", "by", None)],
    ),
    ("力争两年内建成区域医疗中心。", None, [("两年内", None, None, "by", None)]),
    ("收到投诉后5个工作日内予以答复。", None, [("5个工作日内", None, None, "by", None)]),
    ("三个月内完成整改。", D(2020, 1, 1), [("三个月内", None, None, "by", None)]),
    ("对发现的问题限期整改到位。", None, [("限期", None, None, "by", None)]),
    # start points
    (
        "本办法自2020年1月1日起施行。",
        None,
        [("自2020年1月1日起", "2020-01-01", None, "point", None)],
    ),
    (
        "从2021年开始，全面推行电子健康卡。",
        None,
        [("从2021年开始", "2021-01-01", None, "point", None)],
    ),
    (
        "定于2024年5月20日召开全市推进会。",
        None,
        [("2024年5月20日", "2024-05-20", "2024-05-20", "point", None)],
    ),
    # recurrences
    (
        "由各牵头部门于每月4日前报送材料。",
        None,
        [("每月4日前", None, None, "recurring", "monthly")],
    ),
    (
        "家庭医生每年至少两次对签约居民随访。",
        None,
        [("每年至少两次", None, None, "recurring", "yearly")],
    ),
    ("各地每季度报送进展情况。", None, [("每季度", None, None, "recurring", "quarterly")]),
    ("每半年开展一次督导检查。", None, [("每半年", None, None, "recurring", "half_yearly")]),
    ("医院每周召开一次例会。", None, [("每周", None, None, "recurring", "weekly")]),
    ("急救中心每日通报运行情况。", None, [("每日", None, None, "recurring", "daily")]),
    ("按季度开展绩效考核。", None, [("按季度", None, None, "recurring", "quarterly")]),
    ("每两年组织一次评审。", None, [("每两年", None, None, "recurring", None)]),
    ("建立季度汇报督导制度。", None, [("季度", None, None, "recurring", "quarterly")]),
    (
        "实行一月一调度、一季一通报。",
        None,
        [
            ("一月一调度", None, None, "recurring", "monthly"),
            ("一季一通报", None, None, "recurring", "quarterly"),
        ],
    ),
    (
        "各地于每年第一季度报送上年度工作情况。",
        None,
        [("每年第一季度", None, None, "recurring", "yearly")],
    ),
    # dekads, next year, the document's own date
    ("2023年10月中旬前完成验收。", None, [("2023年10月中旬前", None, "2023-10-20", "by", None)]),
    (
        "6月中旬至8月底开展集中检查。",
        D(2023, 5, 10),
        [("6月中旬至8月底", "2023-06-11", "2023-08-31", "range", None)],
    ),
    (
        "次年1月底前报送工作总结。",
        D(2023, 5, 10),
        [("次年1月底前", None, "2024-01-31", "by", None)],
    ),
    (
        "今年底前完成改造，明年底全面达标。",
        D(2023, 5, 10),
        [("今年底前", None, "2023-12-31", "by", None), ("明年底", None, "2024-12-31", "by", None)],
    ),
    (
        "本方案自印发之日起施行。",
        D(2023, 5, 10),
        [("自印发之日起", "2023-05-10", None, "point", None)],
    ),
    (
        "三年行动计划（2023-2025）",
        None,
        [("2023-2025", "2023-01-01", "2025-12-31", "period", None)],
    ),
    (
        "2025年初步建立分级诊疗制度。",
        None,
        [("2025年", "2025-01-01", "2025-12-31", "period", None)],
    ),
    (
        "1-3月为动员部署阶段。",
        D(2023, 5, 10),
        [("1-3月", "2023-01-01", "2023-03-31", "range", None)],
    ),
    (
        "2023年11月至次年2月开展冬春季专项行动。",
        None,
        [("2023年11月至次年2月", "2023-11-01", "2024-02-29", "range", None)],
    ),
    (
        "2023年11月至2月开展冬春季专项行动。",
        None,
        [("2023年11月至2月", "2023-11-01", "2024-02-29", "range", None)],
    ),
]


@pytest.mark.parametrize(("text", "ref", "expected"), RULES, ids=[r[0][:12] for r in RULES])
def test_rule(text: str, ref: dt.date | None, expected: list[tuple]) -> None:
    assert rows(text, ref) == expected


HISTORY = [
    ("该办法于2017年印发实施。", None),
    ("自2016年以来，全市共建成社区卫生服务中心30个。", None),
    (
        "根据《进一步改善医疗服务行动计划（2018-2020年）》（国卫医发〔2017〕73号），制定本方案。",
        None,
    ),
    ("2015—2017年，全省医疗机构认真实施行动计划，患者满意度显著提升。", D(2018, 5, 18)),
    ("总结2015—2017年改善医疗服务行动计划经验成效。", None),
    ("截至2020年底，全市已建成医联体35个。", None),
    ("到2013年，已有20类病种纳入大病保障范围。", None),
    ("2013年12月20日，检测中心正式启用。", None),
    ("2012年8月，国家发改委等6部门出台指导意见。", None),
    ("“十三五”以来，全省医疗卫生事业取得长足发展。", None),
    ("十三五期间，全县已建成县级医院12家。", None),
    ("2024年是中华人民共和国成立75周年。", D(2024, 1, 20)),
    ("今年是实现“十四五”规划目标任务的关键一年。", D(2024, 1, 20)),
    ("一、2023年工作回顾", D(2024, 1, 20)),
    ("城乡居民收入比由2022年的2.03:1降至2023年的1.97:1。", D(2024, 1, 20)),
    ("据悉，自今年3月1日上线到8月底，日均连接1500余台。", None),
    ("按照《急诊科评价标准（2010年版）》规范设置。", None),
    ("实现了一季度开门红、二三季度态势稳。", D(2024, 1, 20)),
    ("前三季度，GDP增长6.5%。", D(2024, 1, 20)),
    ("最低生活保障标准提高到每月1115元。", None),
    ("床护比达到1:0.6，基层就诊率达到95%，咨询电话12320，建设2-3个示范点。", None),
    ("每万人口全科医生数达到3名。", None),
    ("临沂市人民政府办公室\n2019年5月24日\n", None),
    ("四川省卫生和计划生育委员会办公室         2018年5月21日印发", None),
    ("完成“十四五”规划纲要中期评估。", None),
    ("2025年前后基本建成。", None),
    ("2023年前三季度，全省GDP增长5.2%。", None),
    ("与2020年相比，孕产妇死亡率下降20%。", None),
    ("2019年以来，我省先后出台系列文件。", None),
    ("2015—2017年，全省认真实施行动计划，就医感受明显改善，患者满意度显著提升。", None),
]


@pytest.mark.parametrize(("text", "ref"), HISTORY, ids=[h[0][:12] for h in HISTORY])
def test_history_is_not_a_deadline(text: str, ref: dt.date | None) -> None:
    assert rows(text, ref) == []


def test_plan_steps_with_start_verbs_are_kept() -> None:
    ref = D(2022, 5, 1)
    assert rows("2022年9月，成立工作专班。", ref) == [
        ("2022年9月", "2022-09-01", "2022-09-30", "period", None)
    ]


def test_modal_keeps_a_plan_year_despite_past_words() -> None:
    text = "2013年，所有二级以上公立医院都要开展临床路径管理，覆盖卫生部已经下发的临床路径。"
    assert rows(text) == [("2013年", "2013-01-01", "2013-12-31", "period", None)]


def test_offset_shifts_spans_and_text_matches() -> None:
    doc = "前言。" * 3 + "到2021年，新增急救站点65个。"
    unit_start = 9
    found = find_deadlines(doc[unit_start:], offset=unit_start)
    assert [(d.text, d.span) for d in found] == [("到2021年", (9, 15))]
    assert all(doc[d.span[0] : d.span[1]] == d.text for d in found)


def test_year_end_and_quarter_end_forms() -> None:
    ref = D(2024, 1, 20)
    assert rows("2024年年底前完成全部改造。") == [("2024年年底前", None, "2024-12-31", "by", None)]
    assert rows("各地于第二季度末完成自查。", ref) == [
        ("第二季度末", None, "2024-06-30", "by", None)
    ]
    assert rows("每月底前报送。") == [("每月底前", None, None, "recurring", "monthly")]


def test_ref_date_may_be_an_issued_date_string() -> None:
    assert rows("今年完成。", "2024-05") == [("今年", "2024-01-01", "2024-12-31", "period", None)]  # type: ignore[arg-type]
    assert rows("今年完成。", "not a date") == [("今年", None, None, "period", None)]  # type: ignore[arg-type]


def test_spaced_and_full_width_digits() -> None:
    assert rows("２０２５年底前全面完成。") == [("２０２５年底前", None, "2025-12-31", "by", None)]
    assert rows("2024 年 6 月底前完成招标。") == [
        ("2024 年 6 月底前", None, "2024-06-30", "by", None)
    ]


def test_years_before_the_document_are_history() -> None:
    assert rows("2016年，全市完成改造。", D(2017, 3, 1)) == []
    assert rows("2017年，全市完成改造。", D(2017, 3, 1)) == [
        ("2017年", "2017-01-01", "2017-12-31", "period", None)
    ]


# ----------------------------------------------------------------- robustness


_TIME_CHARS = list("0123456789年月日号至到前底起内每季度半周今明十二〇一三五“”期间，。《》-—已要\n")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(_TIME_CHARS), st.characters()), max_size=80))
def test_never_raises_and_spans_point_at_text(text: str) -> None:
    found = find_deadlines(text, offset=7)
    last_end = -1
    for d in found:
        s, e = d.span
        assert text[s - 7 : e - 7] == d.text
        assert s - 7 >= last_end  # sorted, not overlapping
        last_end = e - 7
        assert d.kind in ("by", "range", "point", "recurring", "period")
        for iso in (d.start, d.end):
            assert iso is None or dt.date.fromisoformat(iso)


def test_non_string_input_gives_empty_list() -> None:
    assert find_deadlines(None) == []  # type: ignore[arg-type]


# ----------------------------------------------------------------- property: dates parse back

_CN_DIGITS = "〇一二三四五六七八九"


def cn_year(y: int) -> str:
    return "".join(_CN_DIGITS[int(c)] for c in str(y))


def cn_small(n: int) -> str:
    """1..31 the way dates write them: 十, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")


def render(d: dt.date, chinese: bool) -> str:
    if chinese:
        return f"{cn_year(d.year)}年{cn_small(d.month)}月{cn_small(d.day)}日"
    return f"{d.year}年{d.month}月{d.day}日"


dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2049, 12, 31))


@settings(max_examples=200, deadline=None)
@given(dates, st.booleans())
def test_day_deadline_parses_back(d: dt.date, chinese: bool) -> None:
    text = f"各单位于{render(d, chinese)}前完成。"
    assert rows(text) == [(render(d, chinese) + "前", None, d.isoformat(), "by", None)]


@settings(max_examples=200, deadline=None)
@given(dates, dates, st.booleans())
def test_day_range_parses_back(a: dt.date, b: dt.date, chinese: bool) -> None:
    a, b = min(a, b), max(a, b)
    phrase = f"{render(a, chinese)}至{render(b, chinese)}"
    assert rows(f"第二阶段（{phrase}）为组织实施阶段。") == [
        (phrase, a.isoformat(), b.isoformat(), "range", None)
    ]


@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2049), st.integers(1, 12), st.integers(1, 12), st.booleans())
def test_month_range_parses_back(year: int, m1: int, m2: int, chinese: bool) -> None:
    m1, m2 = min(m1, m2), max(m1, m2)
    y = cn_year(year) if chinese else str(year)
    mm1, mm2 = (cn_small(m1), cn_small(m2)) if chinese else (str(m1), str(m2))
    phrase = f"{y}年{mm1}月至{mm2}月"
    last = (D(year + (m2 == 12), m2 % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
    assert rows(f"（{phrase}）") == [(phrase, D(year, m1, 1).isoformat(), last, "range", None)]


@settings(max_examples=100, deadline=None)
@given(st.integers(1990, 2049), st.integers(0, 10), st.sampled_from(["-", "—", "至"]))
def test_year_span_parses_back(a: int, n: int, sep: str) -> None:
    phrase = f"{a}{sep}{a + n}年" if sep != "至" else f"{a}年至{a + n}年"
    assert rows(f"行动方案（{phrase}）") == [
        (phrase, f"{a}-01-01", f"{a + n}-12-31", "period", None)
    ]


@pytest.mark.parametrize(("s", "n"), [("二〇二五", 2025), ("十二", 12), ("三十一", 31), ("05", 5)])
def test_to_int(s: str, n: int) -> None:
    assert to_int(s) == n


# ----------------------------------------------------------------- the seeds' hard cases


def _seed(raw_dir, prefix: str) -> str:
    (path,) = raw_dir.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_seed_000_phases_and_deadlines(raw_dir) -> None:
    text = _seed(raw_dir, "000")
    found = {
        (d.text, d.start, d.end, d.kind, d.recurrence)
        for d in find_deadlines(text, 0, D(2016, 2, 4))
    }
    assert {
        ("至2016年底", None, "2016-12-31", "by", None),
        ("2016年2月至3月", "2016-02-01", "2016-03-31", "range", None),
        ("2016年4月至11月", "2016-04-01", "2016-11-30", "range", None),
        ("2016年12月", "2016-12-01", "2016-12-31", "period", None),
        ("每月4日前", None, None, "recurring", "monthly"),
    } <= found
    assert not any(d.text == "2016年2月4日" for d in find_deadlines(text, 0, D(2016, 2, 4)))


def test_seed_001_article_phases(raw_dir) -> None:
    opencc = pytest.importorskip("opencc")
    raw = _seed(raw_dir, "001")
    text = opencc.OpenCC("t2s").convert(re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", raw))
    found = [(d.text, d.start, d.end, d.kind) for d in find_deadlines(text)]
    for phrase, a, b in [
        ("2009年6月20日至7月1日", "2009-06-20", "2009-07-01"),
        ("2009年7月1日至9月10日", "2009-07-01", "2009-09-10"),
        ("2009年9月10日至9月20日", "2009-09-10", "2009-09-20"),
    ]:
        assert (phrase, a, b, "range") in found
    assert ("每月3日前", None, None, "recurring") in found
    assert all(d[0] not in ("截止到2013年11月底", "到2013年", "2013年12月20日") for d in found)


def test_seed_004_deadlines(raw_dir) -> None:
    text = _seed(raw_dir, "004")
    found = [(d.text, d.end, d.kind) for d in find_deadlines(text, 0, D(2019, 5, 24))]
    assert found.count(("到2021年", "2021-12-31", "by")) == 10
    assert ("2019年6月底前", "2019-06-30", "by") in found
    assert not any(t == "2019年5月24日" for t, _, _ in found)


# --- statistics, recurring windows, school terms, measured durations ------------------

STATISTICS = [
    # 截至 + a date + a stock verb reports a count, with or without the document's date
    ("截至2022年底，全省共有村卫生室8600个。", None),
    ("截至2023年6月底，全区累计签约家庭医生团队210个。", D(2023, 9, 1)),
    ("截止2021年末，全县现有执业医师1500人。", None),
    # a bare year + a totalling or perfective result verb is that year's report
    ("2022年，全区共完成适龄儿童疫苗接种3.2万剂次。", None),
    ("2021年，全市新建了口袋公园40个。", None),
    ("2022年，全省实现了县域医共体全覆盖。", None),
    # a measured duration is the level of an indicator (a target), not a time limit
    ("三级医院平均住院日控制在7天以内。", None),
    ("院前急救平均反应时间缩短到12分钟以内。", None),
    ("急诊患者留观时间不超过72小时。", None),
    ("二级以上医院平均住院日9天以内。", None),
    ("门诊患者平均等候时间20分钟以内。", None),
]


@pytest.mark.parametrize(("text", "ref"), STATISTICS, ids=[h[0][:12] for h in STATISTICS])
def test_statistics_and_measures_are_not_deadlines(text: str, ref: dt.date | None) -> None:
    assert rows(text, ref) == []


def test_a_modal_keeps_a_stock_sentence_a_plan() -> None:
    text = "截至2026年底，全市要累计建成智慧药房50家。"
    assert rows(text) == [("截至2026年底", None, "2026-12-31", "by", None)]


def test_a_time_limit_for_doing_something_stays_a_deadline() -> None:
    assert rows("对符合条件的申请，要在5个工作日内办结。") == [
        ("5个工作日内", None, None, "by", None)
    ]


RECURRING_DETAIL = [
    # the window of a yearly routine is one item; start/end stay None (no single occurrence)
    ("每年5月1日至10月31日为防火期，实行24小时值守。", "每年5月1日至10月31日", "yearly"),
    ("每年3月至5月开展春季爱国卫生运动。", "每年3月至5月", "yearly"),
    ("每周三召开调度会。", "每周三", "weekly"),
    ("每星期五下午报送周报。", "每星期五", "weekly"),
    ("每天18时前上传监测数据。", "每天18时前", "daily"),
    ("每月第一个工作日通报上月情况。", "每月第一个工作日", "monthly"),
    ("每季度最后一个月开展督查。", "每季度最后一个月", "quarterly"),
]


@pytest.mark.parametrize(
    ("text", "span", "rec"), RECURRING_DETAIL, ids=[r[1] for r in RECURRING_DETAIL]
)
def test_recurring_keeps_its_day_hour_and_window(text: str, span: str, rec: str) -> None:
    assert rows(text) == [(span, None, None, "recurring", rec)]


def test_weekly_frequency_is_not_a_weekday() -> None:
    assert rows("每周一次开展巡查。") == [("每周", None, None, "recurring", "weekly")]


SCHOOL_TERMS = [
    ("从2025年秋季学期起，中小学全面开设劳动课。", None, "从2025年秋季学期起", "2025-09-01"),
    ("2026年春季学期开始，推行课后延时服务。", None, "2026年春季学期开始", "2026-03-01"),
    ("自春季学期起，各校推行课后服务。", D(2025, 1, 10), "自春季学期起", "2025-03-01"),
    ("2025年10月起，全面推行电子健康码。", None, "2025年10月起", "2025-10-01"),
]


@pytest.mark.parametrize(
    ("text", "ref", "span", "start"), SCHOOL_TERMS, ids=[s[2] for s in SCHOOL_TERMS]
)
def test_terms_and_months_with_qi_are_start_points(
    text: str, ref: dt.date | None, span: str, start: str
) -> None:
    assert rows(text, ref) == [(span, start, None, "point", None)]
