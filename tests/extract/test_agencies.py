"""Tests for pipeline/extract/agencies.py (and its lexicon and list helpers)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.agencies import declares_first_listed_lead, find_agencies
from pipeline.extract.agency_lexicon import DATA_DIR, AgencyLexicon, load_lexicon


def triples(text: str, **kw) -> list[tuple[str, str, str]]:
    """(name, canonical, role) of every agency found, in order."""
    return [(a.name, a.canonical, a.role) for a in find_agencies(text, **kw)]


# ---------------------------------------------------------------- styles
def test_field_responsible_list():
    assert triples("责任单位：区卫健委、区财政局") == [
        ("区卫健委", "卫生健康委员会", "responsible"),
        ("区财政局", "财政局", "responsible"),
    ]


def test_field_first_listed_leads_makes_first_the_lead():
    roles = [r for _, _, r in triples("责任单位：区卫健委、区财政局", first_listed_leads=True)]
    assert roles == ["lead", "responsible"]


def test_lead_and_cooperate_fields_on_one_line():
    assert triples("牵头单位：市卫健委；配合单位：市财政局、市医保局") == [
        ("市卫健委", "卫生健康委员会", "lead"),
        ("市财政局", "财政局", "cooperate"),
        ("市医保局", "医疗保障局", "cooperate"),
    ]


def test_fields_on_separate_lines_with_other_fields():
    text = "完善长期护理保险。\n牵头部门：市医保局\n配合部门：市民政局\n完成时限：2025年底"
    assert triples(text) == [
        ("市医保局", "医疗保障局", "lead"),
        ("市民政局", "民政局", "cooperate"),
    ]


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("参与单位", "cooperate"),
        ("协办单位", "cooperate"),
        ("责任部门", "responsible"),
        ("主责单位", "lead"),
        ("责任主体", "responsible"),
        ("牵头部门", "lead"),
        ("配合部门", "cooperate"),
    ],
)
def test_field_labels(label: str, role: str):
    assert triples(f"{label}：县民政局") == [("县民政局", "民政局", role)]


def test_bracketed_labels_without_colon():
    assert triples("【牵头单位】省卫生健康委 【配合单位】省教育厅") == [
        ("省卫生健康委", "卫生健康委员会", "lead"),
        ("省教育厅", "教育厅", "cooperate"),
    ]


def test_role_note_inside_list():
    roles = [r for _, _, r in triples("责任单位：省卫生健康委（牵头），省发展改革委，省财政厅")]
    assert roles == ["lead", "responsible", "responsible"]


def test_parenthetical_lead_cooperate_with_closing_deng():
    text = "(市卫生健康委牵头,市工信局、市大数据局等单位配合)"
    assert triples(text) == [
        ("市卫生健康委", "卫生健康委员会", "lead"),
        ("市工信局", "工业和信息化局", "cooperate"),
        ("市大数据局", "大数据管理局", "cooperate"),
    ]


def test_parenthetical_by_division_of_duties():
    text = "推进结果互认。（市卫生健康委牵头，市公安局、市司法局按职责分工负责）"
    assert [r for _, _, r in triples(text)] == ["lead", "responsible", "responsible"]


def test_parenthetical_ministries_by_duties():
    found = find_agencies("（国家卫生健康委、国家医保局按职责分工负责）")
    assert [(a.canonical, a.prefix, a.level, a.role) for a in found] == [
        ("卫生健康委员会", "国家", "national", "responsible"),
        ("医疗保障局", "国家", "national", "responsible"),
    ]


def test_parenthetical_first_listed_declaration():
    text = "（省卫生健康委、省医保局负责，列第一位者为牵头部门，下同）"
    assert [(c, r) for _, c, r in triples(text)] == [
        ("卫生健康委员会", "lead"),
        ("医疗保障局", "responsible"),
    ]


def test_parenthetical_with_other_content_is_not_an_assignment():
    assert triples("建立分级诊疗制度（以下简称市卫健委负责的制度）") == []


def test_by_a_lead():
    assert triples("1.由区卫生健康委牵头制定人才引进政策。") == [
        ("区卫生健康委", "卫生健康委员会", "lead")
    ]


def test_lead_with_huitong_partners():
    assert triples("由市卫生健康委牵头，会同市财政局、市人力资源社会保障局制定具体办法。") == [
        ("市卫生健康委", "卫生健康委员会", "lead"),
        ("市财政局", "财政局", "cooperate"),
        ("市人力资源社会保障局", "人力资源和社会保障局", "cooperate"),
    ]


def test_a_huitong_b():
    assert triples("县卫生健康局会同县教育局开展学生健康促进行动。") == [
        ("县卫生健康局", "卫生健康局", "lead"),
        ("县教育局", "教育局", "cooperate"),
    ]


def test_a_qiantou_fuze_b_peihe_in_running_text():
    assert [r for _, _, r in triples("建立转诊平台，市卫生健康委牵头负责，市医保局配合。")] == [
        "lead",
        "cooperate",
    ]


def test_a_fuze():
    assert triples("市医保局负责将互联网诊疗纳入支付范围。") == [
        ("市医保局", "医疗保障局", "responsible")
    ]


def test_line_of_agencies_after_the_unit():
    text = "加强县级医院专科建设。\n县卫生健康局、县财政局"
    assert [n for n, _, _ in triples(text)] == ["县卫生健康局", "县财政局"]


def test_collectives_split_into_group_prefix_and_standard_name():
    # Convention changed: a group's canonical is the standard name without 各 and its level
    # words (which go to ``prefix``), so 各区县政府 and 区政府 compare as 人民政府.
    found = find_agencies("责任单位：各区县政府、各级卫生健康行政部门、各医疗机构")
    assert [(a.name, a.canonical, a.role, a.level, a.prefix) for a in found] == [
        ("各区县政府", "人民政府", "responsible", "county", "各区县"),
        ("各级卫生健康行政部门", "卫生健康行政部门", "responsible", None, "各级"),
        ("各医疗机构", "医疗机构", "responsible", None, "各"),
    ]


def test_gedi_responsible():
    assert triples("（各地负责）") == [("各地", "各地", "responsible")]


def test_table_row_with_header():
    text = "任务 | 牵头单位 | 配合单位 | 完成时限\n建设医共体 | 省卫生健康委 | 省医保局、省财政厅 | 2025年"
    assert [(c, r) for _, c, r in triples(text)] == [
        ("卫生健康委员会", "lead"),
        ("医疗保障局", "cooperate"),
        ("财政厅", "cooperate"),
    ]


def test_table_row_without_header():
    text = "3 | 建设省级区域医疗中心 | 省卫生健康委、省发展改革委 | 2024年12月"
    assert [n for n, _, _ in triples(text)] == ["省卫生健康委", "省发展改革委"]


@pytest.mark.parametrize(
    "text",
    [
        "责任单位：区卫健委 区财政局",
        "责任单位：区卫健委/区财政局",
        "责任单位：区卫健委,区财政局",
        "责任单位：区卫健委；区财政局",
        "责任单位：区卫健委和区财政局",
        "责任单位：区卫健委及区财政局等部门",
    ],
)
def test_list_separators(text: str):
    assert [n for n, _, _ in triples(text)] == ["区卫健委", "区财政局"]


def test_he_inside_a_name_does_not_split_it():
    assert triples("责任单位：县人力资源和社会保障局") == [
        ("县人力资源和社会保障局", "人力资源和社会保障局", "responsible")
    ]


# ---------------------------------------------------------------- canonical forms and levels
@pytest.mark.parametrize(
    ("name", "canonical", "prefix", "level"),
    [
        ("区卫生健康委", "卫生健康委员会", "区", "county"),
        ("市卫健委", "卫生健康委员会", "市", "city"),
        ("省卫生计生委", "卫生和计划生育委员会", "省", "province"),
        ("卫计委", "卫生和计划生育委员会", None, "city"),
        ("县人社局", "人力资源和社会保障局", "县", "county"),
        ("市医保局", "医疗保障局", "市", "city"),
        ("市发改委", "发展和改革委员会", "市", "city"),
        ("市市场监管局", "市场监督管理局", "市", "city"),
        ("区委编办", "机构编制委员会办公室", "区委", "county"),
        ("国家中医药局", "中医药管理局", "国家", "national"),
        ("区疾控中心", "疾病预防控制中心", "区", "county"),
        ("临沂市卫生健康委员会", "卫生健康委员会", "临沂市", "city"),
        ("怀柔区卫健委", "卫生健康委员会", "怀柔区", "county"),
        ("北京市卫生健康委", "卫生健康委员会", "北京市", "province"),
        ("山东省临沂市医保局", "医疗保障局", "山东省临沂市", "city"),
        ("自治区医保局", "医疗保障局", "自治区", "province"),
        ("区政府办", "人民政府办公室", "区", "county"),
        ("镇政府", "人民政府", "镇", "township"),
        ("教育部", "教育部", None, "national"),
        ("省教育厅", "教育厅", "省", "province"),
        ("国家药监局", "药品监督管理局", "国家", "national"),
        ("市场监管局", "市场监督管理局", None, "city"),
        ("区中医医院", "中医医院", "区", "county"),
        ("市委人才发展服务中心", "人才发展服务中心", "市委", "city"),
        ("怀柔医院", "怀柔医院", None, "city"),
    ],
)
def test_canonical_prefix_level(name: str, canonical: str, prefix: str | None, level: str):
    found = find_agencies(f"责任单位：{name}", doc_level="city")
    assert [(a.name, a.canonical, a.prefix, a.level) for a in found] == [
        (name, canonical, prefix, level)
    ]


def test_level_from_document_when_no_prefix():
    assert find_agencies("责任单位：卫健委", doc_level="county")[0].level == "county"
    assert find_agencies("责任单位：卫健委")[0].level is None


def test_provincial_adjective_is_not_a_prefix():
    lex = load_lexicon()
    assert lex.analyse("省级区域医疗中心") is None


def test_alias_table_is_large_and_every_alias_maps_to_its_canonical():
    lex = load_lexicon()
    assert len(lex.aliases) >= 100
    for alias, entry in lex.aliases.items():
        got = lex.analyse(alias)
        assert got is not None and got.canonical == entry.canonical, alias


def test_injected_lexicon_is_used(tmp_path: Path):
    for f in DATA_DIR.glob("agency_*"):
        shutil.copy(f, tmp_path / f.name)
    with (tmp_path / "agency_aliases.tsv").open("a", encoding="utf-8") as fh:
        fh.write("数据局\t数据管理局\tdata\n")
    lex = AgencyLexicon.load(tmp_path)
    assert find_agencies("协同单位：市数据局", lexicon=lex)[0].canonical == "数据管理局"
    assert find_agencies("协同单位：市数据局")[0].canonical == "数据局"


# ---------------------------------------------------------------- first-listed convention
@pytest.mark.parametrize(
    "text",
    [
        "（A、B负责，列第一位者为牵头部门，下同）",
        "排在首位的为牵头单位",
        "各项任务中列第一位的为牵头单位",
        "第一个单位为牵头单位",
    ],
)
def test_declares_first_listed_lead(text: str):
    assert declares_first_listed_lead(text)


def test_no_first_listed_declaration():
    assert not declares_first_listed_lead("（市卫生健康委牵头，市医保局配合）")
    assert not declares_first_listed_lead("")


# ---------------------------------------------------------------- negatives
@pytest.mark.parametrize(
    "text",
    [
        "各级医疗机构要优化服务流程，医院要设置便民门诊。",
        "医联体牵头医院要发挥龙头作用，带动基层能力提升。",
        "认真落实院长负责制和首诊负责制。",
        "2023年，市卫生健康委共培训医务人员5000人次。",
        "孙奇亮  蓟县卫计委副主任\n郭力群  蓟县卫计委副主任",
        "牵头领导：张三\n联系人：李四",
        "近日，市卫生健康委召开会议，市医保局有关负责同志出席。",
        "统一领导，政府负责，部门协调。",
        "支持龙头企业牵头组建创新联合体。",
        "（一）加强组织领导",
        "",
    ],
)
def test_non_assignments_yield_nothing(text: str):
    assert find_agencies(text) == []


# ---------------------------------------------------------------- offsets and robustness
def test_spans_are_shifted_by_offset_and_point_at_the_name():
    text = "做好工作。责任单位：区卫健委、区财政局"
    for a in find_agencies(text, offset=100):
        assert text[a.span[0] - 100 : a.span[1] - 100] == a.name


_TOKENS = st.sampled_from(
    [
        *"区市省县国家卫健委医保局财政牵头配合负责责任单位：、，,；（）()\n |\t【】各级和由会同中心院0名干部直",
        "责任单位：",
        "牵头单位：",
        "等单位",
        "按职责分工负责",
        "列第一位者为牵头部门",
        "下同",
        "其中",
        "区卫健委",
        "国家医保局",
        "2019年5月24日",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=40).map("".join) | st.text(max_size=60))
def test_never_raises_and_spans_point_at_text(text: str):
    for a in find_agencies(text, offset=7, doc_level="city", first_listed_leads=True):
        assert text[a.span[0] - 7 : a.span[1] - 7] == a.name
        assert a.role in ("lead", "cooperate", "responsible")
        assert a.name and a.canonical
    declares_first_listed_lead(text)


# ---------------------------------------------------------------- seeds
def _seed(raw_dir: Path, prefix: str) -> str:
    return next(raw_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seed_003_responsibility_lines(raw_dir: Path):
    lines = _seed(raw_dir, "003").splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("1.由区卫生健康委牵头"))
    unit = lines[i] + "\n" + lines[i + 1]
    assert [(a.name, a.role, a.level) for a in find_agencies(unit, doc_level="county")] == [
        ("区卫生健康委", "lead", "county"),
        ("区委组织部", "responsible", "county"),
        ("区委编办", "responsible", "county"),
        ("区人保局", "responsible", "county"),
        ("区卫健委", "responsible", "county"),
    ]


def test_seed_004_one_line_plan_has_ten_lead_cooperate_endings(raw_dir: Path):
    line = max(_seed(raw_dir, "004").splitlines(), key=len)
    found = find_agencies(line, doc_level="city")
    leads = [a.name for a in found if a.role == "lead"]
    assert leads == ["市卫生健康委"] * 7 + ["市医保局", "市卫生健康委", "市公安局"]
    coop = {a.canonical for a in found if a.role == "cooperate"}
    assert {"工业和信息化局", "人才发展服务中心", "红十字会", "城市管理局"} <= coop
    assert not [a for a in found if a.role == "responsible"]
    assert all(re.fullmatch(r"市.+", a.name) for a in found)


# ---------------------------------------------------------------- further layouts
def test_fields_inside_a_closing_parenthesis():
    text = "（牵头单位：省卫生健康委；责任单位：各市（州）人民政府、县（市、区）卫生健康行政部门）"
    found = find_agencies(text)
    assert [(a.name, a.role, a.level, a.prefix) for a in found] == [
        ("省卫生健康委", "lead", "province", "省"),
        ("各市（州）人民政府", "responsible", "city", "各市（州）"),
        ("县（市、区）卫生健康行政部门", "responsible", "county", "县（市、区）"),
    ]


def test_duty_list_per_agency():
    text = "（一）区卫生健康委：负责统筹协调。\n（二）区财政局：负责经费保障。"
    assert [(n, r) for n, _, r in triples(text)] == [
        ("区卫生健康委", "responsible"),
        ("区财政局", "responsible"),
    ]


def test_modal_between_agency_and_verb():
    assert [(n, r) for n, _, r in triples("市卫生健康委要会同市医保局制定办法。")] == [
        ("市卫生健康委", "lead"),
        ("市医保局", "cooperate"),
    ]


def test_aside_in_list_is_dropped_from_the_name():
    assert [n for n, _, _ in triples("责任单位：市卫生健康委员会（市中医药管理局）、市财政局")] == [
        "市卫生健康委员会",
        "市财政局",
    ]


def test_digits_and_directly_subordinate_prefix():
    found = find_agencies("由市120急救中心牵头，省直有关部门配合。")
    assert [(a.canonical, a.prefix, a.role) for a in found] == [
        ("120急救中心", "市", "lead"),
        ("有关部门", "省直", "cooperate"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "国家区域医疗中心（省儿童医院）二期建设加快推进。",
        "乡镇（街道）综合文化站实现全覆盖。",
        "支持川酒集团牵头组建原酒联盟，推动国家医学中心牵头组建专科联盟。",
        "深圳科研机构牵头绘制图谱。",
        "公厕（含城市驿站）48个。",
        "各部门要密切配合，形成工作合力。",
    ],
)
def test_appositions_and_verb_phrases_are_not_assignments(text: str):
    assert find_agencies(text) == []


def test_bare_parenthesis_of_agencies_closing_a_sentence():
    assert triples("做好健康宣传（区卫健委、区融媒体中心）。") == [
        ("区卫健委", "卫生健康委员会", "responsible"),
        ("区融媒体中心", "融媒体中心", "responsible"),
    ]


def test_sector_words_closed_by_deng_bumen():
    found = find_agencies("(三)由县公安部门负责,卫生、人口和计划生育等部门配合,依法打击非法行医。")
    assert [(a.name, a.canonical, a.role) for a in found] == [
        ("县公安部门", "公安部门", "responsible"),
        ("卫生", "卫生部门", "cooperate"),
        ("人口和计划生育", "人口和计划生育部门", "cooperate"),
    ]


def test_counts_and_people_are_not_agencies():
    assert find_agencies("累计选派480名干部参与对口帮扶工作。") == []
    assert find_agencies("责任单位：3家医院") == []


def test_qizhong_clause_names_the_lead_among_the_responsible():
    assert [(n, r) for n, _, r in triples("（区卫健委、区发改委负责，其中区卫健委牵头）")] == [
        ("区发改委", "responsible"),
        ("区卫健委", "lead"),
    ]


def test_region_name_starting_with_a_conjunction_character():
    found = find_agencies("责任单位：和平区卫健委、与会单位")
    assert [(a.name, a.prefix, a.level) for a in found] == [("和平区卫健委", "和平区", "county")]


def test_party_committee_of_a_named_city():
    a = find_agencies("责任单位：中共临沂市委组织部")[0]
    assert (a.canonical, a.prefix, a.level) == ("组织部", "中共临沂市委", "city")


def test_table_header_cells_with_notes():
    text = "工作任务 | 责任单位（部门） | 配合单位/部门\n建设胸痛中心 | 市卫健委 | 市财政局"
    assert [(n, r) for n, _, r in triples(text)] == [
        ("市卫健委", "responsible"),
        ("市财政局", "cooperate"),
    ]


@pytest.mark.parametrize(
    "text",
    ["各项任务均由列在第一位的部门牵头", "第一个为牵头单位", "排在第一位的为牵头部门"],
)
def test_more_first_listed_wordings(text: str):
    assert declares_first_listed_lead(text)


@pytest.mark.parametrize("text", ["第一责任人", "建立首诊负责制", "首位"])
def test_first_listed_needs_a_lead_word(text: str):
    assert not declares_first_listed_lead(text)


def test_explicit_lead_overrides_first_listed_convention():
    text = "（市卫生健康委牵头，市医保局、市财政局按职责分工负责）"
    roles = [r for _, _, r in triples(text, first_listed_leads=True)]
    assert roles == ["lead", "responsible", "responsible"]


def test_signature_block_is_not_an_assignment():
    text = "请认真组织实施。\n临沂市人民政府办公室\n2019年5月24日"
    assert find_agencies(text) == []


def test_alias_table_has_no_duplicate_aliases():
    rows = [
        line.split("\t")[0]
        for line in (DATA_DIR / "agency_aliases.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(rows) == len(set(rows))


@pytest.mark.parametrize(
    "text",
    [
        "该项工作牵头单位为市卫生健康委，配合单位为市财政局。",
        "牵头单位：市卫健委配合单位：市财政局",
        "牵头单位：市卫健委；完成时限：2024年；配合单位：市财政局",
    ],
)
def test_fields_with_wei_or_glued_labels(text: str):
    assert [(c, r) for _, c, r in triples(text)] == [
        ("卫生健康委员会", "lead"),
        ("财政局", "cooperate"),
    ]


def test_after_you_any_named_agency_may_lead():
    found = find_agencies("(四)由监察部门会同卫生、人口和计划生育等部门,对医疗机构进行检查。")
    assert [(a.canonical, a.role) for a in found] == [
        ("监察部门", "lead"),
        ("卫生部门", "cooperate"),
        ("人口和计划生育部门", "cooperate"),
    ]
    assert find_agencies("由医院组织专家会诊。") == []


def test_cues_read_from_the_roles_file():
    assert triples("由市政府办公室统筹，市卫生健康委主责。") == [
        ("市政府办公室", "人民政府办公室", "lead"),
        ("市卫生健康委", "卫生健康委员会", "lead"),
    ]
    # 落实 closes a list inside an assignment parenthesis but is too common to assign in prose.
    assert triples("（区卫健委落实）") == [("区卫健委", "卫生健康委员会", "responsible")]
    assert triples("区卫健委落实了各项措施。") == []


# ---------------------------------------------------------------- blind-review generalisations
def quads(text: str, doc_level: str | None = None) -> list[tuple[str, str, str, str | None]]:
    return [
        (a.name, a.canonical, a.role, a.level) for a in find_agencies(text, doc_level=doc_level)
    ]


@pytest.mark.parametrize(
    ("verb", "role"),
    [
        ("按职责分工负责", "responsible"),
        ("分工负责", "responsible"),
        ("按职责负责", "responsible"),
        ("共同负责", "responsible"),
        ("参与", "cooperate"),
        ("配合", "cooperate"),
        ("协助", "cooperate"),
        ("参加", "cooperate"),
    ],
)
def test_national_parenthesis_lists_every_agency(verb, role):
    # The agencies after the lead keep their own clause's role: 参与/配合 make partners,
    # 按职责分工负责/负责 after a lead make them responsible (not partners): they carry
    # their own share of the task, which is what the plan says.
    text = f"开展青少年近视防控行动（民政部牵头，国家疾控局、全国妇联、共青团中央{verb}）。"
    assert quads(text, "national") == [
        ("民政部", "民政部", "lead", "national"),
        ("国家疾控局", "疾病预防控制局", role, "national"),
        ("全国妇联", "妇女联合会", role, "national"),
        ("共青团中央", "共青团中央委员会", role, "national"),
    ]


def test_national_mass_organisations_with_zhongguo():
    assert quads("（工业和信息化部牵头，中国残联、中国科协参与）") == [
        ("工业和信息化部", "工业和信息化部", "lead", "national"),
        ("中国残联", "残疾人联合会", "cooperate", "national"),
        ("中国科协", "科学技术协会", "cooperate", "national"),
    ]


def test_longest_alias_beats_a_prefix_chain():
    # 县市监局 is the county's 市场监督管理局 (市监局), not a 监局 of a region 县市.
    assert quads("牵头单位：县卫健局、县市监局；配合单位：区市监局") == [
        ("县卫健局", "卫生健康局", "lead", "county"),
        ("县市监局", "市场监督管理局", "lead", "county"),
        ("区市监局", "市场监督管理局", "cooperate", "county"),
    ]


def test_bare_level_markers_do_not_chain_but_level_groups_do():
    lex = load_lexicon()
    assert lex.prefix_level("县市") is None
    assert lex.prefix_level("省市") is None
    assert lex.prefix_level("县市区") == "county"
    assert lex.prefix_level("县（市、区）") == "county"
    assert lex.prefix_level("山东省临沂市") == "city"
    a = lex.analyse("县市区卫健委")
    assert (a.canonical, a.prefix, a.level) == ("卫生健康委员会", "县市区", "county")


@pytest.mark.parametrize(
    ("name", "canonical", "prefix", "level"),
    [
        ("团市委", "共青团委员会", "市", "city"),
        ("团省委", "共青团委员会", "省", "province"),
        ("团县委", "共青团委员会", "县", "county"),
        ("共青团德阳市委", "共青团委员会", "德阳市", "city"),
        ("省应急厅", "应急管理厅", "省", "province"),
        ("州应急局", "应急管理局", "州", "city"),
        ("市公安局交警支队", "公安交通警察支队", "市", "city"),
        ("县交警大队", "公安交通警察大队", "县", "county"),
        ("县教体局", "教育和体育局", "县", "county"),
        ("区文旅局", "文化和旅游局", "区", "county"),
        ("县林草局", "林业和草原局", "县", "county"),
        ("市住建局", "住房和城乡建设局", "市", "city"),
        ("区疾控局", "疾病预防控制局", "区", "county"),
        ("市数据局", "数据局", "市", "city"),
        ("国家民委", "民族事务委员会", "国家", "national"),
        ("县市场监管局", "市场监督管理局", "县", "county"),
    ],
)
def test_short_forms_of_local_offices(name, canonical, prefix, level):
    a = load_lexicon().analyse(name)
    assert (a.canonical, a.prefix, a.level, a.known) == (canonical, prefix, level, True)


def test_youth_league_committee_in_a_list():
    assert quads("责任单位：团区委、区教育局、区妇联", "county") == [
        ("团区委", "共青团委员会", "responsible", "county"),
        ("区教育局", "教育局", "responsible", "county"),
        ("区妇联", "妇女联合会", "responsible", "county"),
    ]


def test_wrapped_form_needs_a_region_inside():
    # 团结委 is not the league committee of a region 结.
    a = load_lexicon().analyse("团结委")
    assert a is None or a.canonical != "共青团委员会"


@pytest.mark.parametrize(
    ("name", "canonical", "prefix", "level"),
    [
        ("各市（州）人民政府", "人民政府", "各市（州）", "city"),
        ("各街道办事处", "街道办事处", "各", "township"),
        ("各县（市、区）卫生健康委", "卫生健康委员会", "各县（市、区）", "county"),
        ("各区县政府", "人民政府", "各区县", "county"),
        ("各镇乡", "乡镇人民政府", "各", "township"),
        ("各级医疗机构", "医疗机构", "各级", None),
        ("各成员单位", "成员单位", "各", None),
        ("各地", "各地", None, None),
        ("各区县", "各区县", None, "county"),
    ],
)
def test_group_subjects_canonical_without_group_prefix(name, canonical, prefix, level):
    a = load_lexicon().analyse(name)
    assert (a.canonical, a.prefix, a.level, a.collective) == (canonical, prefix, level, True)


def test_group_subjects_in_a_parenthesis():
    text = "（各市（州）人民政府、各街道办事处、各县（市、区）卫生健康委负责）"
    assert [(a.canonical, a.role, a.level, a.prefix) for a in find_agencies(text)] == [
        ("人民政府", "responsible", "city", "各市（州）"),
        ("街道办事处", "responsible", "township", "各"),
        ("卫生健康委员会", "responsible", "county", "各县（市、区）"),
    ]


def test_region_after_region_may_start_with_a_marker_character():
    # 市南区 is a district of 青岛市: the 市 after 青岛市 opens a name, it is not a bare level.
    a = load_lexicon().analyse("青岛市市南区卫健局")
    assert (a.canonical, a.prefix, a.level) == ("卫生健康局", "青岛市市南区", "county")


def test_assignment_parenthesis_with_a_nested_parenthesis():
    text = "提高村医待遇（省卫生健康委牵头，省财政厅按职责分工负责；各市（州）人民政府落实）。"
    assert quads(text, "province") == [
        ("省卫生健康委", "卫生健康委员会", "lead", "province"),
        ("省财政厅", "财政厅", "responsible", "province"),
        ("各市（州）人民政府", "人民政府", "responsible", "city"),
    ]


def test_nested_parenthesis_that_is_not_an_assignment_gives_nothing():
    assert quads("建设国家区域医疗中心（含省儿童医院（分院））。") == []
