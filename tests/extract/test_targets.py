"""Targets: one sentence per rule of pipeline/extract/targets.py, negatives, seeds, properties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.targets import _find_targets, find_targets, is_retrospective
from pipeline.schema import COMPARATORS, Target


def T(text, span, indicator, comparator, value, value_max, unit, year) -> Target:
    return Target(text, span, indicator, comparator, value, value_max, unit, year)


RULES = [
    (
        "基层首诊率保持在95%以上。",
        None,
        [
            T("基层首诊率保持在95%以上", (0, 13), "基层首诊率", ">=", 95.0, None, "%", None),
        ],
    ),
    (
        "每年招聘不少于30名高学历优秀医学毕业生。",
        None,
        [
            T(
                "每年招聘不少于30名高学历优秀医学毕业生",
                (0, 20),
                "高学历优秀医学毕业生",
                ">=",
                30.0,
                None,
                "名",
                None,
            ),
        ],
    ),
    (
        "到2021年,市办医院床护比达到1:0.6,县办医院床护比1:0.4。",
        None,
        [
            T("市办医院床护比达到1:0.6", (7, 21), "市办医院床护比", ">=", 0.6, None, "ratio", 2021),
            T("县办医院床护比1:0.4", (22, 34), "县办医院床护比", "=", 0.4, None, "ratio", 2021),
        ],
    ),
    (
        "开展优质护理服务，普通病房实际护床比不低于0.4:1，落实保护性医疗制度。",
        None,
        [
            T(
                "普通病房实际护床比不低于0.4:1",
                (9, 26),
                "普通病房实际护床比",
                ">=",
                0.4,
                None,
                "ratio",
                None,
            ),
        ],
    ),
    (
        "院前医疗急救服务平均反应时间稳定在12分钟以内。",
        None,
        [
            T(
                "院前医疗急救服务平均反应时间稳定在12分钟以内",
                (0, 23),
                "院前医疗急救服务平均反应时间",
                "<=",
                12.0,
                None,
                "分钟",
                None,
            ),
        ],
    ),
    (
        "建设3-5个市级重点专科。",
        None,
        [
            T("建设3-5个市级重点专科", (0, 12), "市级重点专科", "range", 3.0, 5.0, "个", None),
        ],
    ),
    (
        "三级医院远程服务量年均增长5%以上。",
        None,
        [
            T(
                "三级医院远程服务量年均增长5%以上",
                (0, 17),
                "三级医院远程服务量年均增长",
                ">=",
                5.0,
                None,
                "%",
                None,
            ),
        ],
    ),
    (
        "到2021年,患者投诉降低10%以上。",
        None,
        [
            T("患者投诉降低10%以上", (7, 18), "患者投诉降低", ">=", 10.0, None, "%", 2021),
        ],
    ),
    (
        "县域内就诊率不低于百分之九十。",
        None,
        [
            T("县域内就诊率不低于百分之九十", (0, 14), "县域内就诊率", ">=", 90.0, None, "%", None),
        ],
    ),
    (
        "实现按病种收付费病种300个以上。",
        None,
        [
            T(
                "按病种收付费病种300个以上",
                (2, 16),
                "按病种收付费病种",
                ">=",
                300.0,
                None,
                "个",
                None,
            ),
        ],
    ),
    (
        "安排专项资金1000万元。",
        None,
        [
            T("安排专项资金1000万元", (0, 12), "专项资金", "=", 1000.0, None, "万元", None),
        ],
    ),
    (
        "院前急救人员培训率达到100%。",
        None,
        [
            T(
                "院前急救人员培训率达到100%",
                (0, 15),
                "院前急救人员培训率",
                ">=",
                100.0,
                None,
                "%",
                None,
            ),
        ],
    ),
    ("远程医疗服务实现基层全覆盖。", None, []),
    (
        "95%以上的二级以上医院开展分时段预约。",
        None,
        [
            T("95%以上的二级以上医院", (0, 12), "二级以上医院", ">=", 95.0, None, "%", None),
        ],
    ),
    (
        "今年主要预期目标是：地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内。",
        2024,
        [
            T("地区生产总值增长6%左右", (10, 22), "地区生产总值增长", "=", 6.0, None, "%", 2024),
            T(
                "城镇调查失业率控制在5.5%以内",
                (23, 39),
                "城镇调查失业率",
                "<=",
                5.5,
                None,
                "%",
                2024,
            ),
        ],
    ),
    (
        "一般公共预算收入增长5.5%、力争6%以上。",
        None,
        [
            T(
                "一般公共预算收入增长5.5%",
                (0, 14),
                "一般公共预算收入增长",
                "=",
                5.5,
                None,
                "%",
                None,
            ),
            T("6%以上", (17, 21), "一般公共预算收入增长", ">=", 6.0, None, "%", None),
        ],
    ),
    (
        "门诊处方抗菌药物使用率低于20%。",
        None,
        [
            T(
                "门诊处方抗菌药物使用率低于20%",
                (0, 16),
                "门诊处方抗菌药物使用率",
                "<",
                20.0,
                None,
                "%",
                None,
            ),
        ],
    ),
    (
        "送检率大于30%。",
        None,
        [
            T("送检率大于30%", (0, 8), "送检率", ">", 30.0, None, "%", None),
        ],
    ),
    (
        "平均住院日不超过8天。",
        None,
        [
            T("平均住院日不超过8天", (0, 10), "平均住院日", "<=", 8.0, None, "天", None),
        ],
    ),
    (
        "三级医院平均住院日降低到7.5天。",
        None,
        [
            T(
                "三级医院平均住院日降低到7.5天",
                (0, 16),
                "三级医院平均住院日",
                "<=",
                7.5,
                None,
                "天",
                None,
            ),
        ],
    ),
    (
        "门诊药占比不高于30%。",
        None,
        [
            T("门诊药占比不高于30%", (0, 11), "门诊药占比", "<=", 30.0, None, "%", None),
        ],
    ),
    (
        "政府办基层医疗卫生机构实施基本药物制度的比例为100%。",
        None,
        [
            T(
                "政府办基层医疗卫生机构实施基本药物制度的比例为100%",
                (0, 27),
                "政府办基层医疗卫生机构实施基本药物制度的比例",
                "=",
                100.0,
                None,
                "%",
                None,
            ),
        ],
    ),
    (
        "城乡居民医保财政补助标准提高到每人每年640元。",
        None,
        [
            T(
                "城乡居民医保财政补助标准提高到每人每年640元",
                (0, 23),
                "城乡居民医保财政补助标准",
                ">=",
                640.0,
                None,
                "元",
                None,
            ),
        ],
    ),
    (
        "药占比降低5个百分点。",
        None,
        [
            T("药占比降低5个百分点", (0, 10), "药占比降低", "=", 5.0, None, "个百分点", None),
        ],
    ),
    (
        "孕产妇死亡率控制在10/10万以下。",
        None,
        [
            T(
                "孕产妇死亡率控制在10/10万以下",
                (0, 17),
                "孕产妇死亡率",
                "<=",
                10.0,
                None,
                "/10万",
                None,
            ),
        ],
    ),
    (
        "城镇新增就业4万人以上。",
        None,
        [
            T("城镇新增就业4万人以上", (0, 11), "城镇新增就业", ">=", 4.0, None, "万人", None),
        ],
    ),
    (
        "年内新增家庭病床100张以上。",
        2024,
        [
            T("新增家庭病床100张以上", (2, 14), "家庭病床", ">=", 100.0, None, "张", 2024),
        ],
    ),
    (
        "打造4个以上省级重点专科和40个以上临床重点学科。",
        None,
        [
            T("打造4个以上省级重点专科", (0, 12), "省级重点专科", ">=", 4.0, None, "个", None),
            T("40个以上临床重点学科", (13, 24), "临床重点学科", ">=", 40.0, None, "个", None),
        ],
    ),
    (
        "每个乡镇卫生院至少配备2名全科医生。",
        None,
        [
            T(
                "每个乡镇卫生院至少配备2名全科医生",
                (0, 17),
                "全科医生",
                ">=",
                2.0,
                None,
                "名",
                None,
            ),
        ],
    ),
    (
        "各医疗机构每年开展不少于两次应急演练。",
        None,
        [
            T(
                "各医疗机构每年开展不少于两次应急演练",
                (0, 18),
                "应急演练",
                ">=",
                2.0,
                None,
                "次",
                None,
            ),
        ],
    ),
]


@pytest.mark.parametrize(("text", "ref_year", "expected"), RULES, ids=[r[0][:14] for r in RULES])
def test_rule(text: str, ref_year: int | None, expected: list[Target]) -> None:
    assert find_targets(text, ref_year=ref_year) == expected


NEGATIVES = [
    "三级医院和二级以上医院全部实行一站式服务。",  # tier names
    "到2020年，建立一级、二级、三级医院分级诊疗体系，创建三甲医院。",
    "怀柔医院按照三级甲等医院标准提高医疗质量，二级甲等医院加强管理。",
    "根据《关于印发改善医疗服务行动计划的通知》（国卫医发〔2015〕2号）要求制定本方案。",  # doc number
    "川卫办发〔2018〕27号",
    "联系电话：0539-8199999。",  # phone
    "各县区要在2024年6月底前完成自查，2016年2月4日印发。",  # dates
    "提供24小时值班服务，开通12345热线。",  # a service standard, not a commitment
    "全市建成15分钟健康服务圈。",  # a service name
    "重点做好65岁以上老年人、慢性病人群健康管理。",  # an age bracket names a population
    "推动1个中心建设，实施“三个一”工程和“四名工程”。",  # names and slogans
    "推行高血压、糖尿病两个慢性病种的处方点评，在以下11个方面创新服务。",  # counts no verb commits to
    "对13家社区卫生服务中心进行消防改造。",
    "围绕改善服务和改进作风等六个方面开展工作，分三个阶段推进。",
    "远程医疗服务实现基层全覆盖。",  # not a number
    "第三季度起全面推行电子健康卡。",
    "12、加强临床专科建设。",  # list numbers
    "（三）总结评估阶段（2016年12月）",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_target(text: str) -> None:
    assert find_targets(text) == []


HISTORY = [
    "已建成12家社区卫生服务中心。",
    "截至目前，已累计培训乡村医生1200人次。",
    "去年全市地区生产总值增长5.2%，一般公共预算收入增长3.1%。",
    "过去五年，新增三甲医院3家。",
    "这一功能获得了97.6%受调查者的好评。",
    "预计全年实现地区生产总值4450亿元、增长6.5%。",
    "全市共建成标准化村卫生室320个。",
]


@pytest.mark.parametrize("text", HISTORY)
def test_history_is_not_a_target(text: str) -> None:
    assert find_targets(text) == []


def test_commitment_after_history_marker_wins() -> None:
    (t,) = find_targets("在已有基础上，力争再建成5家胸痛中心。")
    assert (t.comparator, t.value, t.unit, t.indicator) == ("=", 5.0, "家", "胸痛中心")


def test_bare_past_year_is_history_only_with_ref_year() -> None:
    text = "2023年全市地区生产总值增长5.2%。"
    assert find_targets(text, ref_year=2024) == []
    assert [t.year for t in find_targets(text)] == [2023]
    assert [t.year for t in find_targets("到2025年，签约率达到75%。", ref_year=2024)] == [2025]


def test_year_resolution() -> None:
    assert find_targets("今年新增养老床位2000张。", ref_year=2024)[0].year == 2024
    assert find_targets("今年新增养老床位2000张。")[0].year is None
    assert find_targets("力争2013年再下降2个百分点以上。")[0].year == 2013
    assert find_targets("“十四五”期末，县域内就诊率达到90%。")[0].year == 2025
    # a baseline year is not the target year
    assert find_targets("到2025年，药占比比2020年下降10%。")[0].year == 2025


def test_offset_shifts_spans() -> None:
    text = "基层首诊率保持在95%以上"
    (t,) = find_targets(text, offset=100)
    assert t.span == (100, 113)


def test_list_values_share_the_indicator() -> None:
    ts = find_targets("城镇、农村居民人均可支配收入分别增长6%、7.5%。")
    assert [(t.comparator, t.value, t.unit) for t in ts] == [("=", 6.0, "%"), ("=", 7.5, "%")]
    assert ts[0].indicator == ts[1].indicator == "农村居民人均可支配收入分别增长"


def test_chinese_multiplier_stays_in_unit() -> None:
    (t,) = find_targets("培养三万名乡村医生。")
    assert (t.value, t.unit) == (3.0, "万名")


def test_is_retrospective() -> None:
    assert is_retrospective(["一、2023年工作回顾"])
    assert is_retrospective(["过去一年的工作"])
    assert not is_retrospective(["二、2024年重点工作", "（一）稳增长"])


def test_symbol_comparators() -> None:
    ts = find_targets("门诊预约率≥60%，平均住院日≤8天。")
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in ts] == [
        ("门诊预约率", ">=", 60.0, "%"),
        ("平均住院日", "<=", 8.0, "天"),
    ]


def test_short_gloss_stays_in_indicator() -> None:
    (t,) = find_targets("每千人口拥有执业（助理）医师3.2人。")
    assert (t.indicator, t.comparator, t.value, t.unit) == (
        "每千人口拥有执业（助理）医师",
        "=",
        3.2,
        "人",
    )


def test_change_by_chinese_one() -> None:
    (t,) = find_targets("农民收入增长一倍。")
    assert (t.indicator, t.value, t.unit) == ("农民收入增长", 1.0, "倍")


def test_adverbial_bound_before_verb() -> None:
    (t,) = find_targets("每年至少开展两次专项督导。")
    assert (t.comparator, t.value, t.unit, t.indicator) == (">=", 2.0, "次", "专项督导")


def test_split_predicate_around_indicator() -> None:
    (t,) = find_targets("缩短急诊留观时间至24小时以内。")
    assert (t.text, t.indicator, t.comparator, t.value, t.unit) == (
        "缩短急诊留观时间至24小时以内",
        "急诊留观时间",
        "<=",
        24.0,
        "小时",
    )
    (t,) = find_targets("将药占比降低到30%。")
    assert (t.indicator, t.comparator, t.value) == ("药占比", "<=", 30.0)


def test_comparison_before_de_is_a_condition() -> None:
    assert find_targets("床位使用率低于75%的公立医院不得增加床位。") == []
    (t,) = find_targets("合规部分的医疗费用给予不低于50%的补偿。")
    assert (t.comparator, t.value, t.unit) == (">=", 50.0, "%")


def test_commitment_later_in_a_history_sentence() -> None:
    (t,) = find_targets("2022年以来，全市累计新增床位3000张，今年再新增500张。", ref_year=2024)
    assert (t.value, t.unit, t.year) == (500.0, "张", 2024)


def test_more_grammar() -> None:
    (t,) = find_targets("到2025年，每个县至少有1家县级医院达到三级医院服务能力。")
    assert (t.indicator, t.comparator, t.value, t.unit, t.year) == (
        "县级医院",
        ">=",
        1.0,
        "家",
        2025,
    )
    (t,) = find_targets("确保90%以上的患者在30分钟内得到救治。")
    assert (t.indicator, t.comparator, t.value, t.unit) == ("患者", ">=", 90.0, "%")
    (t,) = find_targets("二〇二五年，床位达到一千二百张。")
    assert (t.indicator, t.value, t.unit, t.year) == ("床位", 1200.0, "张", 2025)
    (t,) = find_targets("重大慢性病过早死亡率较2015年降低10%。")
    assert (t.comparator, t.value, t.year) == ("=", 10.0, None)  # 2015 is the baseline


# --- seeds -------------------------------------------------------------------


def _seed(raw_dir: Path, prefix: str) -> str:
    (path,) = raw_dir.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_seed_000_nurse_bed_ratio(raw_dir: Path) -> None:
    text = _seed(raw_dir, "000")
    hits = [t for t in find_targets(text) if t.unit == "ratio"]
    assert [(t.text, t.indicator, t.comparator, t.value) for t in hits] == [
        ("普通病房实际护床比不低于0.4:1", "普通病房实际护床比", ">=", 0.4)
    ]
    assert text[hits[0].span[0] : hits[0].span[1]] == hits[0].text


def test_seed_004_bed_nurse_ratio(raw_dir: Path) -> None:
    text = _seed(raw_dir, "004")
    hits = [t for t in find_targets(text) if t.unit == "ratio"]
    assert [(t.indicator, t.comparator, t.value, t.year) for t in hits] == [
        ("市办医院床护比", ">=", 0.6, 2021),
        ("县办医院床护比", "=", 0.4, 2021),
    ]


def test_seed_004_targets(raw_dir: Path) -> None:
    got = {(t.comparator, t.value, t.unit) for t in find_targets(_seed(raw_dir, "004"))}
    assert {
        (">=", 95.0, "%"),  # 基层首诊率保持在95%以上
        (">=", 5.0, "%"),  # 远程服务量年均增长5%以上
        ("<=", 7.5, "天"),  # 平均住院日降低到7.5天
        (">=", 80.0, "个"),  # 日间手术病种不少于80个
        ("<", 10.0, "%"),  # 个人负担比例低于10%
        (">=", 300.0, "个"),  # 按病种收付费病种300个以上
        (">=", 10.0, "%"),  # 患者投诉降低10%以上
    } <= got


def test_seed_003_targets(raw_dir: Path) -> None:
    got = [
        (t.comparator, t.value, t.value_max, t.unit) for t in find_targets(_seed(raw_dir, "003"))
    ]
    assert (">=", 30.0, None, "名") in got  # 每年招聘不少于30名
    assert ("range", 3.0, 5.0, "个") in got  # 建设3-5个市级重点专科
    assert ("<=", 12.0, None, "分钟") in got  # 平均反应时间稳定在12分钟以内
    assert (">=", 98.0, None, "%") in got  # 急救呼叫满足率稳定在98%以上
    assert all(u != "家" for _, _, _, u in got)  # 对13家…改造 / 到3家公立医院 are not targets


# --- generic properties ------------------------------------------------------

_alphabet = st.sampled_from(
    list(
        "0123456789.%％:：∶-—~至到以上下内左右约超达不低于高控制在每年个名家万元亿分钟天岁比率的，。、；（）“”《》〔〕一二三两十百千零|\n≥≤年"
    )
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_alphabet, max_size=60) | st.text(max_size=60), st.integers(0, 10_000))
def test_never_raises_and_spans_point_at_text(text: str, offset: int) -> None:
    # the rules themselves, without find_targets' safety net, so that a bug shows up here
    targets = _find_targets(text, offset, 2024)
    assert targets == sorted(targets, key=lambda t: t.span)
    for t in targets:
        s, e = t.span
        assert text[s - offset : e - offset] == t.text
        assert t.comparator in COMPARATORS
        assert (t.value_max is None) == (t.comparator != "range")
        assert t.indicator is None or t.indicator in text


@pytest.mark.shared
def test_city_reports_goal_sentences_yield_targets(city_reports_dir: Path) -> None:
    """Every report's 2024 预期目标 line (目标是：…增长6%…) yields at least one target."""
    missing = []
    for path in sorted((city_reports_dir / "txt").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        find_targets(text[:20000], ref_year=2024)  # never raises on a whole report
        for sent in re.split(r"(?<=[。；\n])", text):
            head = re.search(r"(\d{4})?\s*年?[^。；：:]{0,20}预期目标[^：:]{0,4}[：:]", sent)
            if head and (not head.group(1) or head.group(1) == "2024") and re.search(r"\d%", sent):
                if not find_targets(sent, ref_year=2024):
                    missing.append(path.name)
                break
    assert missing == []


# --- raw full-width numbers, 一 under a bound, 万/亿 amounts, indicator trimming ----------


def _rows(text: str) -> list[tuple]:
    return [(t.text, t.indicator, t.comparator, t.value, t.unit) for t in find_targets(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "城镇调查失业率控制在5．5％以内。",
            [("城镇调查失业率控制在5．5％以内", "城镇调查失业率", "<=", 5.5, "%")],
        ),
        (
            "人均预期寿命达到８０．２岁。",
            [("人均预期寿命达到８０．２岁", "人均预期寿命", ">=", 80.2, "岁")],
        ),
    ],
)
def test_full_width_digits_and_decimal_point(text: str, expected: list[tuple]) -> None:
    assert _rows(text) == expected


def test_one_under_a_bound_is_a_target() -> None:
    assert _rows("每个乡镇至少设置一个标准化预防接种门诊。") == [
        ("每个乡镇至少设置一个标准化预防接种门诊", "标准化预防接种门诊", ">=", 1.0, "个")
    ]
    assert _rows("推行一站式结算，建设一体化信息平台。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "力争全年实现农产品网络零售额80亿元。",
            [("农产品网络零售额80亿元", "农产品网络零售额", "=", 80.0, "亿元")],
        ),
        (
            "确保全年接待住院患者12万人次。",
            [("接待住院患者12万人次", "接待住院患者", "=", 12.0, "万人次")],
        ),
        ("全县常住人口86万人，辖12个乡镇。", []),
    ],
)
def test_amounts_in_wan_and_yi_need_a_committed_clause(text: str, expected: list[tuple]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("全省婴儿死亡率比2020年下降15%。", "婴儿死亡率下降"),
        ("单位地区生产总值能耗较2020年降低13.5%。", "单位地区生产总值能耗降低"),
        ("全市城乡居民人均可支配收入增长6%左右。", "城乡居民人均可支配收入增长"),
        ("全县二级以上医院预约诊疗率达到60%。", "二级以上医院预约诊疗率"),
    ],
)
def test_indicator_drops_scope_and_baseline_keeps_tier_and_change(
    text: str, indicator: str
) -> None:
    (t,) = find_targets(text)
    assert t.indicator == indicator
    assert text.startswith(t.text)  # the text keeps the scope and the baseline


def test_amounts_that_qualify_a_noun_are_not_levels() -> None:
    # 、 and “…” after the amount continue a noun phrase the amount qualifies
    assert all(t.value != 50.0 for t in find_targets("力争50亿元、100亿元以上产业项目有新突破。"))
    assert _rows("力争128万亩“吨半粮”核心区全部达标。") == []
    assert _rows("成功争取地方政府专项债券351亿元。") == []
