"""Tests for pipeline/ingest/regions.py: the GB/T 2260 table and region inference."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.regions import RegionTable, infer_region, region_from_body, region_notes


@pytest.fixture(scope="module")
def regions() -> RegionTable:
    return RegionTable.load()


# ---------------------------------------------------------------------------- the table
def test_table_has_all_provinces_and_prefectures(regions: RegionTable) -> None:
    current = [e for e in regions.entries if not e.historical]
    provinces = {e.code[:2] for e in current if e.level == "province"}
    expected = set(
        [
            "11",
            "12",
            "13",
            "14",
            "15",
            "21",
            "22",
            "23",
            "31",
            "32",
            "33",
            "34",
            "35",
            "36",
            "37",
            "41",
            "42",
            "43",
            "44",
            "45",
            "46",
            "50",
            "51",
            "52",
            "53",
            "54",
            "61",
            "62",
            "63",
            "64",
            "65",
        ]
    )
    assert expected <= provinces
    # 333 prefecture-level divisions (地级市 293, 地区 7, 自治州 30, 盟 3), not counting the
    # county-level cities governed directly by a province (天门市 429006 …).
    prefectures = [e for e in current if e.level == "city" and e.code[2:4] != "90"]
    assert len(prefectures) == 333
    assert sum(e.name.endswith("自治州") for e in prefectures) == 30
    assert sum(e.name.endswith("盟") for e in prefectures) == 3
    assert sum(e.name.endswith("地区") for e in prefectures) == 7


def test_codes_are_consistent_with_parents(regions: RegionTable) -> None:
    seen = set()
    for e in regions.entries:
        assert len(e.code) == 6 and e.code.isdigit(), e
        assert (e.code, e.name) not in seen
        seen.add((e.code, e.name))
        assert e.level in ("province", "city", "county")
        if e.level == "province":
            assert e.code.endswith("0000") and not e.parent_code
            continue
        parent = regions.entry(e.parent_code)
        assert parent is not None, e
        assert e.code[:2] == parent.code[:2], e
        if parent.level == "city":
            assert e.code[:4] == parent.code[:4], e
        if e.level == "city" and e.code[2:4] != "90":
            assert e.code.endswith("00"), e
        if e.historical:
            assert e.successor and regions.entry(e.successor) is not None, e


def test_municipality_districts_are_complete(regions: RegionTable) -> None:
    def districts(prefix: str) -> int:
        return sum(
            1
            for e in regions.entries
            if e.code.startswith(prefix) and e.level == "county" and not e.historical
        )

    assert districts("11") == 16
    assert districts("12") == 16
    assert districts("31") == 16
    assert districts("50") == 38


@pytest.mark.parametrize(
    ("name", "code", "short"),
    [
        ("临沂市", "371300", "临沂"),
        ("四川省", "510000", "四川"),
        ("广西壮族自治区", "450000", "广西"),
        ("恩施土家族苗族自治州", "422800", "恩施"),
        ("锡林郭勒盟", "152500", "锡林郭勒"),
        ("怀柔区", "110116", "怀柔"),
        ("盘龙区", "530103", "盘龙"),
    ],
)
def test_short_names(regions: RegionTable, name: str, code: str, short: str) -> None:
    (e,) = regions.lookup(name)
    assert (e.code, e.short_name) == (code, short)
    assert regions.find(short).code == code  # type: ignore[union-attr]


# ---------------------------------------------------------------------------- find
def test_county_resolves_to_city_and_province(regions: RegionTable) -> None:
    r = regions.find("盘龙区")
    assert r is not None
    assert (r.name, r.county, r.city, r.province, r.level, r.code) == (
        "盘龙区",
        "盘龙区",
        "昆明市",
        "云南省",
        "county",
        "530103",
    )


def test_municipality_district_has_city(regions: RegionTable) -> None:
    r = regions.find("怀柔区")
    assert (r.province, r.city, r.county, r.code) == ("北京市", "北京市", "怀柔区", "110116")  # type: ignore[union-attr]
    b = regions.find("北京市")
    assert (b.level, b.province, b.city, b.code) == ("province", "北京市", "北京市", "110000")  # type: ignore[union-attr]


def test_historical_names_keep_their_code_and_know_the_successor(regions: RegionTable) -> None:
    old = regions.find("蓟县")
    assert (old.name, old.code, old.city, old.province, old.level) == (
        "蓟县",
        "120225",
        "天津市",
        "天津市",
        "county",
    )  # type: ignore[union-attr]
    new = regions.find("蓟州区")
    assert new.code == "120119"  # type: ignore[union-attr]
    notes = region_notes(old, regions)  # type: ignore[arg-type]
    assert notes and "蓟州区" in notes[0] and "120119" in notes[0]
    assert region_notes(new, regions) == []  # type: ignore[arg-type]
    (xf,) = regions.lookup("襄樊市")
    assert xf.historical and regions.successor_of(xf).name == "襄阳市"  # type: ignore[union-attr]
    (sm,) = regions.lookup("思茅市")
    assert regions.successor_of(sm).name == "普洱市"  # type: ignore[union-attr]
    (lw,) = regions.lookup("莱芜市")
    assert regions.successor_of(lw).name == "济南市"  # type: ignore[union-attr]
    (ch,) = [e for e in regions.lookup("巢湖市") if e.level == "city"]
    assert ch.historical and ch.valid_to.startswith("2011")


def test_ambiguous_names_need_context(regions: RegionTable) -> None:
    # 朝阳区 is in Beijing and in 长春: nothing shared, so nothing is claimed.
    assert regions.find("朝阳区") is None
    beijing = regions.lookup("北京市")
    changchun = regions.lookup("长春市")
    assert regions.find("朝阳区", beijing).code == "110105"  # type: ignore[union-attr]
    assert regions.find("朝阳区", changchun).code == "220104"  # type: ignore[union-attr]
    assert regions.find("朝阳区", regions.lookup("吉林省")).code == "220104"  # type: ignore[union-attr]
    # 鼓楼区 of 南京 and 徐州 share 江苏省; of 福州 and 开封 not.
    assert regions.find("鼓楼区", regions.lookup("福建省")).code == "350102"  # type: ignore[union-attr]
    nj, xz = [e for e in regions.lookup("鼓楼区") if e.code[:2] == "32"]
    assert regions.common_ancestor([nj, xz]).name == "江苏省"  # type: ignore[union-attr]


def test_leading_region_of_issuers(regions: RegionTable) -> None:
    assert regions.leading_region("临沂市人民政府办公室").code == "371300"  # type: ignore[union-attr]
    assert regions.leading_region("四川省卫生和计划生育委员会办公室").code == "510000"  # type: ignore[union-attr]
    assert regions.leading_region("云南省昆明市盘龙区卫生局").code == "530103"  # type: ignore[union-attr]
    assert regions.leading_region("蓟县卫生和计划生育委员会").code == "120225"  # type: ignore[union-attr]
    assert regions.leading_region("国家卫生健康委员会") is None
    assert regions.leading_region("朝阳区卫生健康局") is None


# ---------------------------------------------------------------------------- inference
def test_infer_from_issuer_title_and_national(regions: RegionTable) -> None:
    r = infer_region("", ["临沂市人民政府办公室"], None, regions)
    assert (r.city, r.province, r.level, r.code) == ("临沂市", "山东省", "city", "371300")
    r = infer_region("", ["国家卫生健康委员会", "国家中医药管理局"], None, regions)
    assert r.level == "national"
    r = infer_region(
        "为提升我区医疗服务能力……", [], "怀柔区提升区域医疗服务能力三年行动计划", regions
    )
    assert r.code == "110116"


def test_infer_from_body_county_actor(regions: RegionTable) -> None:
    text = (
        "根据《昆明市卫生和计划生育委员会进一步改善医疗服务行动计划实施方案》的要求，盘龙区卫计局"
        "为进一步改善医疗服务，现将工作总结如下：为方便患者在我区人民医院就诊，盘龙区人民医院加强清洁。"
    )
    r = infer_region(text, [], None, regions)
    assert (r.name, r.city, r.province, r.code) == ("盘龙区", "昆明市", "云南省", "530103")


def test_infer_ambiguous_district_from_body(regions: RegionTable) -> None:
    text = (
        "为落实长春市工作部署，结合我区实际，朝阳区卫生健康局制定本方案。朝阳区各医院要认真落实。"
    )
    r = infer_region(text, ["朝阳区卫生健康局"], None, regions)
    assert (r.code, r.city, r.province) == ("220104", "长春市", "吉林省")
    # Without any other place the name is left alone rather than guessed.
    r = infer_region("朝阳区卫生健康局制定本方案。", ["朝阳区卫生健康局"], None, regions)
    assert r.code is None


def test_county_missing_from_table_is_kept_as_written(regions: RegionTable) -> None:
    text = "为落实徐州市改善医疗服务工作部署，结合我县实际，制定本方案。"
    r = infer_region(text, ["沛县卫生健康局"], None, regions)
    assert (r.name, r.county, r.city, r.province, r.level, r.code) == (
        "沛县",
        "沛县",
        "徐州市",
        "江苏省",
        "county",
        None,
    )
    r = infer_region("", ["临沂市沂水县卫生健康局"], None, regions)
    assert (r.name, r.city, r.province) == ("沂水县", "临沂市", "山东省")
    # words that end like a county are not counties
    assert infer_region("", ["全县卫生健康局"], None, regions).name is None
    assert infer_region("", ["社区卫生服务中心"], None, regions).name is None
    assert infer_region("", ["高新区卫生健康局"], None, regions).name is None


def test_city_named_like_its_province(regions: RegionTable) -> None:
    text = (
        Path(__file__)
        .parents[1]
        .joinpath("fixtures", "metadata", "city_report.txt")
        .read_text(encoding="utf-8")
    )
    r = region_from_body(text, regions)
    assert r is not None and (r.name, r.level, r.code) == ("吉林市", "city", "220200")


def test_places_in_cited_titles_do_not_count(regions: RegionTable) -> None:
    text = "根据《四川省改善医疗服务行动方案》《四川省卫生健康委关于印发…的通知》，我县制定本方案。蓟县各单位要落实。"
    r = region_from_body(text, regions)
    assert r is not None and r.name == "蓟县"


def test_national_report_speaker(regions: RegionTable) -> None:
    r = region_from_body("各位代表：现在，我代表国务院，向大会报告政府工作。北京、上海……", regions)
    assert r is not None and r.level == "national"


_TABLE = RegionTable.load()


@settings(max_examples=60, deadline=None)
@given(
    st.text(max_size=300),
    st.lists(st.text(max_size=20), max_size=3),
    st.one_of(st.none(), st.text(max_size=40)),
)
def test_infer_region_never_raises(text: str, issuers: list[str], title: str | None) -> None:
    r = infer_region(text, issuers, title, _TABLE)
    assert r.level in (None, "national", "province", "city", "county")


# ---------------------------------------------------------------------------- city work reports
# Three files of the shared corpus hold the State Council's national report ("我代表国务院"),
# not their city's: from the text alone the right answer there is "national".
NATIONAL_REPORTS = {"台州", "襄阳", "贵阳"}


def test_city_work_reports_find_their_city_from_text(
    city_reports_dir: Path, regions: RegionTable
) -> None:
    files = sorted((city_reports_dir / "txt").glob("*.txt"))
    assert len(files) == 143
    wrong = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        r = infer_region(text, [], None, regions)
        if f.stem in NATIONAL_REPORTS:
            ok = r.level == "national"
        else:
            city = regions.lookup(r.city)[0] if r.city else None
            ok = city is not None and f.stem in (city.short_name, city.name)
            ok = ok and r.code is not None and r.code[:4] == city.code[:4]  # type: ignore[union-attr]
        if not ok:
            wrong.append((f.stem, r.name, r.city))
    assert wrong == []


def test_text_addressed_to_all_provinces_is_national(regions: RegionTable) -> None:
    text = "各省、自治区、直辖市及新疆生产建设兵团卫生健康委：\n为进一步改善医疗服务，现将北京、上海等地经验印发给你们。"
    assert region_from_body(text, regions).level == "national"  # type: ignore[union-attr]
    # a province writing to its cities is not national
    assert (
        region_from_body("各市（州）卫生健康委：\n为推进我省工作，四川省……", regions).code
        == "510000"
    )  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("issuers", "level"),
    [
        (["财政部", "国家卫生健康委"], "national"),
        (["人力资源社会保障部"], "national"),
        (["国务院办公厅"], "national"),
        (["中共临沂市委组织部"], "city"),
        (["临沂市委宣传部"], "city"),
    ],
)
def test_national_and_party_issuers(regions: RegionTable, issuers: list[str], level: str) -> None:
    assert infer_region("", issuers, None, regions).level == level


def test_body_names_a_county_missing_from_the_table(regions: RegionTable) -> None:
    text = (
        "为贯彻徐州市工作部署，结合我县实际，制定本方案。\\n沛县人民医院要牵头建设医共体。"
        "沛县卫生健康局负责督导，沛县中医院配合。"
    ).replace("\\\\n", "\\n")
    r = region_from_body(text, regions)
    assert r is not None and (r.name, r.city, r.province, r.code) == (
        "沛县",
        "徐州市",
        "江苏省",
        None,
    )
    # one passing mention is not enough
    r = region_from_body("结合我县实际，徐州市各医院和沛县人民医院要加强协作。", regions)
    assert r is not None and r.name == "徐州市"


def test_autonomous_region_calls_itself_our_region(regions: RegionTable) -> None:
    text = "为推动全区医疗服务高质量发展，结合我区实际，广西各市要……南宁市、柳州市率先试点。广西壮族自治区卫生健康委负责。"
    r = region_from_body(text, regions)
    assert r is not None and (r.name, r.level, r.code) == ("广西壮族自治区", "province", "450000")


# ---------------------------------------------------------------------------- name scanner
def _alternation_spans(names: list[str], text: str) -> list[tuple[int, int]]:
    """The reference semantics: one regex alternation, longest name first."""
    import re

    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return [m.span() for m in pattern.finditer(text)]


_SCAN_NAMES = ["北京", "北京市", "北海市", "海南省", "南京市", "京山市", "山东省", "东城区", "市"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_SCAN_NAMES, "北", "京", "山", "海", "，", "a", "市场"])))
def test_name_scanner_matches_like_a_longest_first_alternation(parts: list[str]) -> None:
    # The dictionary scan replaced a regex alternation for speed; it must find
    # exactly the same leftmost-longest, non-overlapping names.
    from pipeline.ingest.regions import _NameScanner

    text = "".join(parts)
    scanner = _NameScanner(_SCAN_NAMES)
    assert list(scanner.finditer(text)) == _alternation_spans(_SCAN_NAMES, text)
    for pos in range(len(text) + 1):
        spans = [s for s in _alternation_spans(_SCAN_NAMES, text[pos:]) if s[0] == 0]
        assert scanner.longest_at(text, pos) == (pos + spans[0][1] if spans else -1)


def test_mentions_of_the_real_table_match_the_alternation(regions: RegionTable) -> None:
    names = list(regions._names._names)
    text = "北京市朝阳区和长春市朝阳区，江苏省南京市鼓楼区、徐州市鼓楼区；临沂、四川省成都市。"
    assert [(m.start, m.end) for m in regions.mentions(text)] == _alternation_spans(names, text)


def test_repeated_mention_scans_give_equal_independent_lists(regions: RegionTable) -> None:
    # mentions() keeps its last few scans; a caller changing its list must not change the next.
    texts = [
        f"{name}卫生健康委员会在江苏省南京市鼓楼区召开会议" for name in ("临沂市", "成都市")
    ] * 4
    first = [regions.mentions(t) for t in texts[:2]]
    for t in texts:
        found = regions.mentions(t)
        assert found == regions._scan_mentions(t)
        found.clear()
    assert first == [regions._scan_mentions(t) for t in texts[:2]]


def test_name_scanner_edge_cases() -> None:
    from pipeline.ingest.regions import _NameScanner

    assert list(_NameScanner(["市"]).finditer("市场市")) == [(0, 1), (2, 3)]
    assert list(_NameScanner([]).finditer("北京")) == []
    assert list(_NameScanner(["北京"]).finditer("")) == []
    assert list(_NameScanner(["北京"]).finditer("北")) == []
    assert list(_NameScanner(["北京", "京"]).finditer("\ud800北京京")) == [(1, 3), (3, 4)]
