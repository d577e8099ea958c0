"""Tests for pipeline/ingest/metadata.py: per-document metadata (GB/T 9704 elements, portal)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.metadata import (
    DocMeta,
    extract_metadata,
    find_cc,
    find_doc_number,
    find_issued_date,
    find_issuers,
    find_kind,
    find_period,
    find_printed,
    find_status,
    find_titles,
    normalize_doc_number,
    parse_cn_date,
)
from pipeline.ingest.regions import RegionTable
from pipeline.schema import DOC_KINDS, Document, Period

FIXTURES = Path(__file__).parents[1] / "fixtures" / "metadata"
REGIONS = RegionTable.load()


def meta_of(name: str, portal: dict[str, str] | None = None) -> DocMeta:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return extract_metadata(text, portal, name, REGIONS)


def test_docmeta_fields_match_the_document_contract() -> None:
    doc_fields = {f.name: f.type for f in dataclasses.fields(Document)}
    for f in dataclasses.fields(DocMeta):
        assert f.name in doc_fields
    assert [f.name for f in dataclasses.fields(DocMeta)] == [
        "title",
        "notice_title",
        "doc_number",
        "issuers",
        "issued_date",
        "region",
        "period",
        "status",
        "kind",
        "portal",
        "cc",
        "printed_by",
        "printed_date",
    ]


# ---------------------------------------------------------------------------- 发文字号
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("川卫办发〔2018〕27号", "川卫办发〔2018〕27号"),
        ("京卫医〔2020]20号", "京卫医〔2020〕20号"),
        ("临政办发[2019]8 号", "临政办发〔2019〕8号"),
        ("鲁卫发(2019)8号", "鲁卫发〔2019〕8号"),
        ("国卫医发（2017）73号", "国卫医发〔2017〕73号"),
        ("粤卫函【2021】 105 号", "粤卫函〔2021〕105号"),
        ("沪卫医〔2022〕第3号", "沪卫医〔2022〕3号"),
        ("2019年8号", None),
    ],
)
def test_doc_number_bracket_variants(raw: str, expected: str | None) -> None:
    assert normalize_doc_number(raw) == expected


def test_cited_numbers_are_not_the_documents_own() -> None:
    text = (
        "关于做好改善医疗服务工作的通知\n\n各县区卫生健康局：\n\n"
        "根据《国家卫生计生委关于印发进一步改善医疗服务行动计划的通知》（国卫医发〔2017〕73号），"
        "现就有关事项通知如下。\n"
    )
    assert find_doc_number(text) is None
    header = "苏卫医政〔2019〕5号\n\n" + text
    assert find_doc_number(header) == "苏卫医政〔2019〕5号"


def test_doc_number_prefers_portal_and_normalises_it() -> None:
    text = "临政办发〔2019〕8号 各县区人民政府："
    assert find_doc_number(text, {"发文字号": "临政办发〔2019〕8 号"}) == "临政办发〔2019〕8号"


# ---------------------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2018年5月18日", "2018-05-18"),
        ("二〇一八年五月十八日", "2018-05-18"),
        ("二○二一年十二月三十一日", "2021-12-31"),
        ("2019 年 5 月", "2019-05"),
        ("2019-05-24", "2019-05-24"),
        ("五月十八日", None),
    ],
)
def test_parse_cn_date(raw: str, expected: str | None) -> None:
    assert parse_cn_date(raw) == expected


def test_issued_date_is_the_signature_date_not_body_dates() -> None:
    text = (
        "关于印发《某市改善医疗服务工作方案》的通知\n各区县：\n"
        "2018年12月31日前各医院完成整改，2019年3月底前开展评估。\n\n"
        "某某市卫生健康委员会\n二〇一九年一月八日\n\n某市改善医疗服务工作方案\n到2020年6月30日全部完成。\n"
    )
    assert find_issued_date(text) == "2019-01-08"
    assert find_issued_date("为做好工作，2018年5月前完成。") is None
    assert find_issued_date("", {"成文日期": "2019-05-24"}) == "2019-05-24"


# ---------------------------------------------------------------------------- titles
def test_titles_are_joined_across_line_breaks() -> None:
    text = (
        "川卫办发〔2018〕27号\n\n四川省卫生和计划生育委员会办公室\n\n关于印发《四川省全面改善医疗服务三年\n\n"
        "行动方案（2018-2020年）》的通知\n\n各市（州）卫生计生委：\n\n现印发给你们。\n"
    )
    title, notice = find_titles(text)
    assert title == "四川省全面改善医疗服务三年行动方案（2018-2020年）"
    assert (
        notice
        == "四川省卫生和计划生育委员会办公室关于印发《四川省全面改善医疗服务三年行动方案（2018-2020年）》的通知"
    )


def test_title_without_notice_keeps_period_drops_status() -> None:
    text = "怀柔区提升区域医疗服务能力三年行动计划\n（2024-2026年）\n（征求意见稿）\n\n以习近平新时代中国特色社会主义思想为指导，制定方案如下：\n"
    assert find_titles(text) == ("怀柔区提升区域医疗服务能力三年行动计划（2024-2026年）", None)


def test_notice_inside_a_sentence_is_not_a_title() -> None:
    text = "根据《关于转发2016年重点工作方案的通知》的要求，盘龙区卫计局现将工作总结如下：\n一、优化布局\n"
    assert find_titles(text) == (None, None)


def test_aggregator_label_is_not_a_title() -> None:
    assert (
        find_titles("医疗服务行动方案范文\n3D实景智慧医嘱受欢迎\n\n门诊楼、医技楼……")[0]
        == "3D实景智慧医嘱受欢迎"
    )


# ---------------------------------------------------------------------------- period, status, kind
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("四川省全面改善医疗服务三年行动方案（2018-2020年）", (2018, 2020)),
        ("怀柔区提升区域医疗服务能力三年行动计划（2024—2026年）", (2024, 2026)),
        ("临沂市看病就医便民惠民服务行动计划(2019-2021年)", (2019, 2021)),
        ("2016年进一步改善医疗服务行动计划", (2016, 2016)),
        ("广西“十四五”医疗服务提升工作方案", (2021, 2025)),
        ("某省2023年度卫生健康工作要点", (2023, 2023)),
        ("进一步改善医疗服务行动计划", None),
    ],
)
def test_period_from_title(title: str, expected: tuple[int, int] | None) -> None:
    assert find_period(title) == (Period(*expected) if expected else None)


@pytest.mark.parametrize("marker", ["征求意见稿", "送审稿", "讨论稿"])
def test_draft_status(marker: str) -> None:
    assert find_status(f"某县改善医疗服务行动方案\n（{marker}）\n\n为推进工作……", None) == "draft"
    assert find_status("正文", f"某县改善医疗服务行动方案（{marker}）") == "draft"


def test_final_status_by_default() -> None:
    assert (
        find_status(
            "某县改善医疗服务行动方案\n\n为推进工作，广泛征求意见后制定本方案。",
            "某县改善医疗服务行动方案",
        )
        == "final"
    )


@pytest.mark.parametrize(
    ("title", "notice", "kind"),
    [
        ("四川省全面改善医疗服务三年行动方案（2018-2020年）", "关于印发《…》的通知", "action_plan"),
        ("进一步改善医疗服务行动计划", None, "action_plan"),
        ("某市公立医院改革实施方案", None, "implementation_plan"),
        ("某县2021年基层卫生工作要点", None, "work_plan"),
        ("某区改善医疗服务工作方案", None, "work_plan"),
        ("某区2022年卫生工作计划", None, "work_plan"),
        (None, "关于开展医疗质量安全检查的通知", "notice"),
        ("2016年上半年改善医疗服务工作总结", None, "summary"),
        ("2024年政府工作报告", None, "report"),
        ("关于医疗服务情况的报告", None, "report"),
        ("医院党建", None, "other"),
    ],
)
def test_kind_from_title(title: str | None, notice: str | None, kind: str) -> None:
    assert find_kind(title, notice) == kind
    assert kind in DOC_KINDS


def test_kind_from_opening_when_title_is_silent() -> None:
    assert (
        find_kind(None, None, "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。")
        == "report"
    )
    assert find_kind(None, None, "盘龙区卫计局……现将2016年上半年工作总结如下：") == "summary"
    assert find_kind(None, None, "本报讯（记者 张三）昨天，市第一人民医院……") == "news"
    assert find_kind(None, None, "一、工作目标\n通过专项整治行动，打击非法行医。") == "action_plan"
    assert (
        find_kind(None, None, "一、指导思想\n以习近平新时代中国特色社会主义思想为指导。")
        == "work_plan"
    )


# ---------------------------------------------------------------------------- imprint, issuers
def test_cc_and_printed_lines() -> None:
    text = "……\n抄送：国家卫生健康委员会，省中医药局。\n\n四川省卫生和计划生育委员会办公室         2018年5月21日印发\n"
    assert find_cc(text) == ["国家卫生健康委员会", "省中医药局"]
    assert find_printed(text) == ("四川省卫生和计划生育委员会办公室", "2018-05-21")
    assert find_cc("没有抄送") == []
    assert find_printed("没有印发行") == (None, None)


def test_issuers_from_portal_header_and_signature() -> None:
    text = "国家卫生计生委 国家中医药管理局关于印发\n某行动计划的通知\n\n各省：\n现印发。\n\n国家卫生计生委        国家中医药管理局\n2017年12月29日\n"
    assert find_issuers(text) == ["国家卫生计生委", "国家中医药管理局"]
    assert find_issuers("正文。", {"发文机关": "临沂市人民政府办公室"}) == ["临沂市人民政府办公室"]


# ---------------------------------------------------------------------------- whole documents
def test_ministry_notice() -> None:
    m = meta_of("ministry.txt")
    assert m.doc_number == "国卫医发〔2017〕73号"
    assert (
        m.notice_title
        == "国家卫生计生委国家中医药管理局关于印发进一步改善医疗服务行动计划（2018-2020年）的通知"
    )
    assert m.title == "进一步改善医疗服务行动计划（2018-2020年）"
    assert m.issuers[:2] == ["国家卫生计生委", "国家中医药管理局"]
    assert m.issued_date == "2017-12-29"
    assert m.region.level == "national"
    assert m.period == Period(2018, 2020)
    assert (m.status, m.kind) == ("final", "action_plan")
    assert m.cc == ["各省、自治区、直辖市人民政府办公厅", "国家中医药管理局办公室"]
    assert (m.printed_by, m.printed_date) == ("国家卫生计生委办公厅", "2017-12-29")


def test_county_notice_with_chinese_date() -> None:
    m = meta_of("county.txt")
    assert m.doc_number == "沂卫发〔2021〕3号"
    assert m.title == "沂南县2021年基层卫生工作要点"
    assert m.issuers[0] == "沂南县卫生健康局"
    assert m.issued_date == "2021-03-05"
    r = m.region
    assert (r.name, r.county, r.city, r.province, r.level, r.code) == (
        "沂南县",
        "沂南县",
        "临沂市",
        "山东省",
        "county",
        "371321",
    )
    assert m.period == Period(2021, 2021)
    assert m.kind == "work_plan"


def test_ambiguous_district_with_damaged_number() -> None:
    m = meta_of("district_ambiguous.txt")
    assert m.doc_number == "朝卫发〔2019〕8号"
    assert m.title == "朝阳区改善医疗服务实施方案（2019—2020年）"
    assert m.issued_date == "2019-07-01"
    assert (m.region.code, m.region.city, m.region.province) == ("220104", "长春市", "吉林省")
    assert m.period == Period(2019, 2020)
    assert m.kind == "implementation_plan"


def test_province_draft() -> None:
    m = meta_of("province_draft.txt")
    assert m.title == "广西壮族自治区“十四五”医疗服务提升工作方案"
    assert (m.status, m.kind) == ("draft", "work_plan")
    assert m.period == Period(2021, 2025)
    assert (m.region.name, m.region.code, m.region.level) == (
        "广西壮族自治区",
        "450000",
        "province",
    )
    assert m.doc_number is None and m.issued_date is None


def test_portal_fields_are_kept() -> None:
    portal = {
        "标题": "临沂市人民政府办公室关于印发临沂市看病就医便民惠民服务行动计划(2019-2021年)的通知",
        "索引号": "852681291/zfb/2019-0000046",
        "主题分类": "卫生、体育-卫生",
        "发文机关": "临沂市人民政府办公室",
        "发文字号": "临政办发〔2019〕8 号",
        "成文日期": "2019-05-24",
        "发布日期": "2019-05-24",
        "效力状态": "",
    }
    m = extract_metadata(
        "为进一步深化医药卫生体制改革，制定本行动计划。", portal, "x.html", REGIONS
    )
    assert m.portal == portal
    assert m.notice_title == portal["标题"]
    assert m.title == "临沂市看病就医便民惠民服务行动计划(2019-2021年)"
    assert (m.doc_number, m.issued_date, m.issuers) == (
        "临政办发〔2019〕8号",
        "2019-05-24",
        ["临沂市人民政府办公室"],
    )
    assert m.region.code == "371300"
    assert m.period == Period(2019, 2021)


@settings(max_examples=80, deadline=None)
@given(
    st.text(max_size=400),
    st.one_of(st.none(), st.dictionaries(st.text(max_size=6), st.text(max_size=20), max_size=4)),
)
def test_extract_metadata_never_raises(text: str, portal: dict[str, str] | None) -> None:
    m = extract_metadata(text, portal, "x.txt", REGIONS)
    assert m.status in ("final", "draft")
    assert m.kind in DOC_KINDS
    assert m.issued_date is None or len(m.issued_date) in (7, 10)


# ---------------------------------------------------------------------------- seeds
@pytest.fixture(scope="module")
def seed_docs(raw_dir: Path) -> dict[str, list[Document]]:
    from pipeline.ingest import ingest_file
    from pipeline.resources import Resources

    res = Resources()
    return {f.name[:3]: ingest_file(f, raw_dir, res) for f in sorted(raw_dir.glob("*.txt"))}


def test_seed_000_jixian_county_plan(seed_docs: dict[str, list[Document]]) -> None:
    (d,) = seed_docs["000"]
    assert d.title == "2016年进一步改善医疗服务行动计划"
    assert d.issuers == ["蓟县卫生和计划生育委员会"]
    assert d.issued_date == "2016-02-04"
    assert (d.region.name, d.region.code, d.region.level, d.region.province) == (
        "蓟县",
        "120225",
        "county",
        "天津市",
    )
    assert d.period == Period(2016, 2016)
    assert (d.status, d.kind) == ("final", "action_plan")


def test_seed_001_articles_have_their_own_regions(seed_docs: dict[str, list[Document]]) -> None:
    docs = seed_docs["001"]
    assert len(docs) == 9
    first = docs[0]
    assert (first.region.name, first.region.city, first.region.province, first.region.code) == (
        "盘龙区",
        "昆明市",
        "云南省",
        "530103",
    )
    assert first.doc_number is None  # 昆卫医〔2015〕16号 is cited, not its own
    assert first.kind == "summary"
    assert docs[2].region.province == "江苏省"  # 苏州 news: "在我省为首创"
    assert all(d.title is None or "范文" not in d.title for d in docs)


def test_seed_002_sichuan_plan_with_notice(seed_docs: dict[str, list[Document]]) -> None:
    (d,) = seed_docs["002"]
    assert d.title == "四川省全面改善医疗服务三年行动方案（2018-2020年）"
    assert (
        d.notice_title
        == "四川省卫生和计划生育委员会办公室关于印发《四川省全面改善医疗服务三年行动方案（2018-2020年）》的通知"
    )
    assert d.doc_number == "川卫办发〔2018〕27号"
    assert d.issuers == ["四川省卫生和计划生育委员会办公室"]
    assert d.issued_date == "2018-05-18"
    assert (d.region.name, d.region.code, d.region.level) == ("四川省", "510000", "province")
    assert d.period == Period(2018, 2020)
    assert (d.status, d.kind) == ("final", "action_plan")
    assert d.cc == ["国家卫生健康委员会", "省中医药局"]
    assert (d.printed_by, d.printed_date) == ("四川省卫生和计划生育委员会办公室", "2018-05-21")


def test_seed_003_huairou_draft(seed_docs: dict[str, list[Document]]) -> None:
    (d,) = seed_docs["003"]
    assert d.title == "怀柔区提升区域医疗服务能力三年行动计划（2024-2026年）"
    assert (d.region.name, d.region.city, d.region.province, d.region.code) == (
        "怀柔区",
        "北京市",
        "北京市",
        "110116",
    )
    assert d.period == Period(2024, 2026)
    assert (d.status, d.kind) == ("draft", "action_plan")


def test_seed_004_linyi_portal_page(seed_docs: dict[str, list[Document]]) -> None:
    (d,) = seed_docs["004"]
    assert d.title == "临沂市看病就医便民惠民服务行动计划(2019-2021年)"
    assert d.doc_number == "临政办发〔2019〕8号"
    assert d.issuers[0] == "临沂市人民政府办公室"
    assert d.issued_date == "2019-05-24"
    assert (d.region.name, d.region.code, d.region.level, d.region.province) == (
        "临沂市",
        "371300",
        "city",
        "山东省",
    )
    assert d.period == Period(2019, 2021)
    assert d.kind == "action_plan"
    assert d.portal is not None and d.portal.get("索引号") == "852681291/zfb/2019-0000046"


def test_bare_notice_is_its_own_title() -> None:
    text = (
        "京卫医〔2020〕20号\n\n北京市卫生健康委员会\n关于开展2020年医疗质量安全\n检查工作的通知\n\n"
        "各区卫生健康委：\n\n现就有关事项通知如下。\n\n北京市卫生健康委员会\n2020年3月2日\n"
    )
    m = extract_metadata(text, None, "x.txt", REGIONS)
    assert m.notice_title == "北京市卫生健康委员会关于开展2020年医疗质量安全检查工作的通知"
    assert m.title == m.notice_title
    assert (m.kind, m.doc_number, m.issued_date) == ("notice", "京卫医〔2020〕20号", "2020-03-02")
    assert (m.region.name, m.region.code, m.issuers) == (
        "北京市",
        "110000",
        ["北京市卫生健康委员会"],
    )


def test_inline_label_lines_are_read_like_a_portal_table() -> None:
    text = (
        "索引号：11440300/2021-00123\n发文机关：深圳市卫生健康委员会\n发文字号：深卫健发〔2021〕5号\n"
        "成文日期：2021年4月2日\n\n深圳市改善医疗服务行动计划（2021-2023年）\n\n为进一步改善医疗服务，制定本计划。\n"
    )
    m = extract_metadata(text, None, "x.html", REGIONS)
    assert (m.doc_number, m.issued_date, m.issuers) == (
        "深卫健发〔2021〕5号",
        "2021-04-02",
        ["深圳市卫生健康委员会"],
    )
    assert m.title == "深圳市改善医疗服务行动计划（2021-2023年）"
    assert (m.region.code, m.period) == ("440300", Period(2021, 2023))
    assert m.portal is not None and m.portal["索引号"] == "11440300/2021-00123"


def test_sentence_starting_with_an_agency_is_not_a_signature() -> None:
    text = (
        "某市改善医疗服务工作方案\n\n为推进工作，制定本方案。市卫生健康委2019年5月组织专项检查。\n\n"
        "四川省卫生健康委员会          四川省发展和改革委员会\n\n            2019年3月1日\n"
    )
    assert find_issued_date(text) == "2019-03-01"
    assert find_issuers(text) == ["四川省卫生健康委员会", "四川省发展和改革委员会"]


def test_attachment_label_is_skipped() -> None:
    text = "附件\n\n广州市番禺区改善医疗服务行动计划\n（2021—2023年）\n\n为进一步改善医疗服务，结合我区实际，制定本计划。\n"
    m = extract_metadata(text, None, "x", REGIONS)
    assert m.title == "广州市番禺区改善医疗服务行动计划（2021—2023年）"
    assert (m.region.name, m.region.code, m.period) == ("番禺区", "440113", Period(2021, 2023))


def test_title_from_transmittal_sentence_when_header_is_lost() -> None:
    text = (
        "各区县卫生健康委、委直属各单位：\n\n现将《重庆市2022年医政工作要点》印发给你们，请遵照执行。\n\n"
        "重庆市卫生健康委员会\n2022年2月28日\n\n重庆市2022年医政工作要点\n一、……\n"
    )
    m = extract_metadata(text, None, "x", REGIONS)
    assert (m.title, m.kind, m.period) == (
        "重庆市2022年医政工作要点",
        "work_plan",
        Period(2022, 2022),
    )
    assert (m.issuers, m.issued_date, m.region.code) == (
        ["重庆市卫生健康委员会"],
        "2022-02-28",
        "500000",
    )


def test_long_one_line_notice_title() -> None:
    notice = "江苏省卫生健康委员会江苏省中医药管理局关于印发江苏省进一步改善医疗服务、提升患者就医体验三年行动计划（2023-2025年）的通知"
    text = (
        notice
        + "\n苏卫医政〔2023〕14号\n各设区市卫生健康委：\n现印发给你们。\n江苏省卫生健康委员会\n2023年6月1日\n"
    )
    m = extract_metadata(text, None, "x", REGIONS)
    assert m.notice_title == notice
    assert m.title == "江苏省进一步改善医疗服务、提升患者就医体验三年行动计划（2023-2025年）"
    assert (m.doc_number, m.period, m.region.code) == (
        "苏卫医政〔2023〕14号",
        Period(2023, 2025),
        "320000",
    )
    assert m.issuers[:2] == ["江苏省卫生健康委员会", "江苏省中医药管理局"]


def test_trial_marker_stays_in_the_title() -> None:
    text = "某市医疗服务价格动态调整实施方案\n（试行）\n\n为建立医疗服务价格动态调整机制，制定本方案。\n"
    m = extract_metadata(text, None, "x", REGIONS)
    assert (m.title, m.status, m.kind) == (
        "某市医疗服务价格动态调整实施方案（试行）",
        "final",
        "implementation_plan",
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "川卫办发",
                "〔2018〕",
                "[2019]",
                "（2020）",
                "27号",
                "第3号",
                " ",
                "\n",
                "根据",
                "《通知》",
                "。",
                "印发",
                "某市卫生健康委员会",
                "2024年",
            ]
        ),
        max_size=10,
    )
)
def test_doc_number_prefilter_changes_nothing(parts: list[str]) -> None:
    # find_doc_number returns early when no bracketed year + 号 occurs (a speed
    # filter); with the filter disabled the answer must be the same.
    import re

    from pipeline.ingest import metadata

    text = "".join(parts)
    fast = metadata.find_doc_number(text)
    saved = metadata._DOC_NO_TAIL
    metadata._DOC_NO_TAIL = re.compile("")
    try:
        slow = metadata.find_doc_number(text)
    finally:
        metadata._DOC_NO_TAIL = saved
    assert fast == slow


def test_issuers_and_date_share_one_signature_scan() -> None:
    from pipeline.ingest.metadata import _signatures, find_issued_date, find_issuers

    text = "正文。\n\n临沂市卫生健康委员会\n2019年5月18日\n"
    _signatures.cache_clear()
    assert find_issuers(text) == ["临沂市卫生健康委员会"]
    assert find_issued_date(text) == "2019-05-18"
    assert _signatures.cache_info().hits == 1


_SIGNATURE_FRAGMENTS = st.sampled_from(
    [
        "临沂市卫生健康委员会", "市政府办公室", "局", "国家卫生健康委", "　", " ", "\n", "\n\n",
        "。", "|", "2019年5月18日", "2019 年\n5 月 18 日", "二〇一九年五月十八日", "2019年12月",
        "12019年1月", "二〇二〇二〇年十月", "20192020年3月", "年", "月", "日", "5", "十",
        "印发", "（此件公开发布）", "(", "正文内容，", "2024年工作", "二〇一八年\n十二月",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_SIGNATURE_FRAGMENTS, max_size=30).map("".join))
def test_windowed_signature_scan_equals_the_whole_text_scan(text: str) -> None:
    from pipeline.ingest.metadata import _SIGNATURE, _SIGNATURE_DATE, _signature_dates, _signatures

    def spans(matches):  # type: ignore[no-untyped-def]
        return [(m.span(), m.groups()) for m in matches]

    assert spans(_signature_dates(text)) == spans(_SIGNATURE_DATE.finditer(text))
    assert spans(_signatures.__wrapped__(text)) == spans(_SIGNATURE.finditer(text))


def test_signature_found_with_its_date_lines_below() -> None:
    from pipeline.ingest.metadata import _signatures

    text = (
        "正文。\n" * 50
        + "临沂市卫生健康委员会\n\n\n2019年5月18日\n（此件公开发布）\n"
        + "附件\n" * 5
    )
    assert [m.group(1) for m in _signatures.__wrapped__(text)] == ["临沂市卫生健康委员会"]


_DOC_NO_FRAGMENTS = st.sampled_from(
    [
        "川卫办发", "国卫医发", "临沂市卫生健康委员会关于印发的通知文件", "文号：", " ", "\n", "　",
        "〔", "〕", "[", "]", "(", "）", "【", "﹝", "2018", "1999", "20", "第", "27", "5", "号",
        "〔2018〕27号", "[2019] 8 号", "（2020）第3号", "a", "，", "《方案》",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_DOC_NO_FRAGMENTS, max_size=30).map("".join))
def test_windowed_doc_number_scan_equals_the_whole_text_scan(text: str) -> None:
    from pipeline.ingest.metadata import _DOC_NO, _doc_numbers

    def spans(matches):  # type: ignore[no-untyped-def]
        return [(m.span(), m.groups()) for m in matches]

    assert spans(_doc_numbers(text)) == spans(_DOC_NO.finditer(text))
