"""Indicator tables: rows ``indicator | unit | baseline | target`` become targets."""

from __future__ import annotations

from pipeline.extract.targets import find_targets

TABLE = """主要指标
序号 | 指标名称 | 单位 | 2020年 | 2025年 | 指标属性
1 | 基层医疗卫生机构诊疗量占比 | % | 52 | ≥65 | 预期性
2 | 每千人口执业（助理）医师数 | 人 | 2.9 | 3.2 | 预期性
3 | 孕产妇死亡率 | 1/10万 | 12 | ≤10 | 约束性
4 | 个人卫生支出占卫生总费用比重 | （%） | 28 | 27左右 | 约束性"""


def test_indicator_rows() -> None:
    got = [(t.indicator, t.comparator, t.value, t.unit, t.year) for t in find_targets(TABLE)]
    assert got == [
        ("基层医疗卫生机构诊疗量占比", ">=", 65.0, "%", 2025),
        ("每千人口执业（助理）医师数", "=", 3.2, "人", 2025),
        ("孕产妇死亡率", "<=", 10.0, "/10万", 2025),
        ("个人卫生支出占卫生总费用比重", "=", 27.0, "%", 2025),
    ]


def test_spans_point_into_the_table() -> None:
    for t in find_targets(TABLE, offset=7):
        assert TABLE[t.span[0] - 7 : t.span[1] - 7] == t.text


def test_rows_without_unit_column_are_not_targets() -> None:
    text = "成文日期 | 2019-05-24 | 发布日期 | 2019-05-24 |\n任务 | 责任单位 | 完成时限\n加强服务 | 区卫健委 | 2024年底"
    assert find_targets(text) == []
