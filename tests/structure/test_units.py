"""Units: what counts as a unit, its kind, heading path, number and exact span."""

from __future__ import annotations

import itertools
import re
import statistics
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.schema import UNIT_KINDS
from pipeline.structure.units import find_units

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "structure"


def seed(raw_dir: Path, prefix: str) -> str:
    (path,) = raw_dir.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").strip()


def check_spans(text: str, units) -> None:
    for u in units:
        s, e = u.span
        assert text[s:e] == u.text
        assert u.text == u.text.strip()
        assert u.kind in UNIT_KINDS
    assert [u.seq for u in units] == list(range(1, len(units) + 1))
    assert all(a.span[1] <= b.span[0] for a, b in itertools.pairwise(units))


# --- made-up documents, one rule each ----------------------------------------------


def test_made_up_county_plan():
    text = (FIXTURES / "county_plan.txt").read_text(encoding="utf-8")
    units = find_units(text)
    check_spans(text, units)
    assert [(u.kind, u.number) for u in units] == [
        ("goal", "三、"),
        ("task", "1."),
        ("task", "2."),
        ("task", "（二）"),
        ("phase", "（一）"),
        ("phase", "（二）"),
        ("phase", "（三）"),
        ("safeguard", "（一）"),
        ("safeguard", "（二）"),
    ]
    assert units[1].heading_path == ["重点任务", "优化就医流程"]
    assert units[1].text.endswith("责任单位：县卫健委、县医保局")
    assert units[2].text.endswith("配合单位：县医保局")
    assert units[3].text.endswith("（县卫健委牵头，县财政局配合）")
    assert "2023年3月至4月" in units[4].text
    # covering notice, 指导思想, 基本原则, 附件, 抄送 and 印发 give no units
    joined = "".join(u.text for u in units)
    for absent in ("印发给你们", "以人民健康为中心", "坚持问题导向", "附件", "抄送", "印发"):
        assert absent not in joined


def test_group_heading_is_not_a_unit_but_its_intro_is():
    text = "一、重点任务\n（一）完善制度\n总结经验，将六项措施固化为制度。\n1.预约诊疗制度。全面推行预约。\n2.远程医疗制度。建立四级网络。\n"
    units = find_units(text)
    assert [(u.number, u.text[:6]) for u in units] == [
        (None, "总结经验，将"),
        ("1.", "1.预约诊疗"),
        ("2.", "2.远程医疗"),
    ]
    assert units[0].heading_path == ["重点任务", "完善制度"]


def test_lead_in_paragraph_is_not_a_unit():
    text = "一、重点任务\n重点抓好以下几个方面工作：\n（一）扩大内需。持续扩大有效投资。\n（二）稳定外贸。支持企业出海。\n"
    assert [u.number for u in find_units(text)] == ["（一）", "（二）"]


def test_leaf_heading_with_continuation_paragraph_is_one_unit():
    text = "三、工作安排\n（一）第一阶段（2009年6月20日至7月1日）为动员部署阶段。\n对专项行动进行全面动员部署。\n（二）第二阶段为组织实施阶段。认真组织落实。\n"
    units = find_units(text)
    assert [u.number for u in units] == ["（一）", "（二）"]
    assert units[0].text.endswith("全面动员部署。")
    assert [u.kind for u in units] == ["phase", "phase"]


def test_title_heading_over_many_paragraphs_gives_paragraph_units():
    text = (
        "二、2024年工作安排\n（一）坚持扩大内需\n"
        "强化投资拉动。积极扩大有效投资，全年完成投资500亿元。\n"
        "激发消费潜能。开展促消费活动，培育新型消费。\n"
        "稳定外贸外资。支持企业开拓市场，稳住外贸基本盘。\n"
    )
    units = find_units(text)
    assert [u.text[:6] for u in units] == ["强化投资拉动", "激发消费潜能", "稳定外贸外资"]
    assert all(u.number is None for u in units)
    assert units[0].heading_path == ["2024年工作安排", "坚持扩大内需"]


def test_goal_paragraph_of_a_work_report():
    text = (
        "各位代表：\n现在我代表市人民政府报告工作。\n一、2023年工作回顾\n过去一年，全市地区生产总值增长6%。\n"
        "二、2024年工作安排\n今年政府工作的总体要求是：以习近平新时代中国特色社会主义思想为指导，坚持稳中求进。\n"
        "今年经济社会发展主要预期目标是：地区生产总值增长6%左右，城镇新增就业5万人。\n"
        "（一）扩大有效需求。推进重大项目建设。\n（二）推进产业升级。培育新兴产业。\n"
    )
    units = find_units(text)
    assert [(u.kind, u.number) for u in units] == [
        ("goal", None),
        ("task", "（一）"),
        ("task", "（二）"),
    ]
    assert units[0].text.startswith("今年经济社会发展主要预期目标是")
    assert units[0].heading_path == ["2024年工作安排"]


def test_review_only_document_still_has_units():
    text = "一、2023年工作回顾\n（一）经济运行向好。全年增长6%。\n（二）民生持续改善。新增就业5万人。\n"
    assert [u.number for u in find_units(text)] == ["（一）", "（二）"]


def test_kind_from_the_nearest_titled_ancestor():
    text = (
        "一、主要目标\n到2025年，建成医联体10个。\n二、主要任务\n（一）建设医联体。组建医联体。\n"
        "三、组织实施\n（一）明确责任。落实责任。\n四、进度安排\n（一）启动阶段。2024年完成。\n"
    )
    assert [u.kind for u in find_units(text)] == ["goal", "task", "safeguard", "phase"]


def test_goal_under_general_requirements_is_kept():
    text = "一、总体要求\n（一）指导思想\n坚持以人民为中心。\n（二）基本原则\n坚持问题导向。\n（三）工作目标\n到2025年，预约诊疗率达到60%。\n"
    units = find_units(text)
    assert [(u.kind, u.heading_path) for u in units] == [("goal", ["总体要求"])]
    assert units[0].number == "（三）"


def test_signature_block_ends_the_last_unit():
    text = "一、工作要求\n（一）加强领导\n各单位要高度重视。\n\n   某县卫生健康委员会\n   2016年2月4日\n"
    (unit,) = find_units(text)
    assert unit.text.endswith("各单位要高度重视。")


def test_portal_widgets_on_the_same_line_end_the_last_unit():
    text = (
        "一、保障措施 (一)加强宣传引导。营造良好氛围。 图表解读:某某通知 【下载Word】 【打印本文】"
    )
    (unit,) = find_units(text)
    assert unit.text == "(一)加强宣传引导。营造良好氛围。"


def test_document_without_headings_gives_paragraph_units():
    text = "为改善医疗服务，全面推行预约诊疗。\n\n各医院要在年底前完成信息系统改造。\n"
    assert len(find_units(text)) == 2


@settings(max_examples=200)
@given(st.text(alphabet="一二三、（）()1.。：责任单位牵头配合重点任务目标 \n甲乙", max_size=150))
def test_never_raises_and_text_matches_span(text):
    check_spans(text, find_units(text))


# --- seeds ---------------------------------------------------------------------------


def test_seed_000_phases_keep_their_date_ranges(raw_dir):
    text = seed(raw_dir, "000")
    units = find_units(text)
    check_spans(text, units)
    phases = [u for u in units if u.kind == "phase"]
    assert [u.number for u in phases] == ["（一）", "（二）", "（三）"]
    assert "2016年2月至3月" in phases[0].text and "2016年4月至11月" in phases[1].text
    tasks = [u for u in units if u.heading_path == ["2016年重点工作目标及内容"]]
    assert [u.number for u in tasks] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert "护床比不低于0.4:1" in tasks[1].text
    assert units[-1].text.endswith("并予以通报批评。")  # signature is not in the unit
    assert all("委属各单位" not in u.text for u in units)


def test_seed_001_articles_and_phases(raw_dir):
    text = seed(raw_dir, "001")
    text = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǘǚǜ]+\)", "", text)  # the pinyin ingest removes
    units = find_units(text)
    check_spans(text, units)
    phases = [u for u in units if u.kind == "phase" and "2009年" in u.text]
    assert [u.number for u in phases] == ["(一)", "(二)", "(三)"]
    assert "2009年6月20日至7月1日" in phases[0].text
    assert len(units) > 100


def test_seed_002_covering_notice_and_ideology_are_not_units(raw_dir):
    text = seed(raw_dir, "002")
    units = find_units(text)
    check_spans(text, units)
    assert (units[0].kind, units[0].number) == ("goal", "三、")
    kinds = [u.kind for u in units]
    assert kinds.count("phase") == 4 and kinds.count("safeguard") == 4
    numbered_tasks = [u for u in units if u.kind == "task" and u.number]
    assert len(numbered_tasks) == 6 + 11 + 5
    assert units[-1].text.endswith("良好工作氛围。")


def test_seed_003_responsibility_lines_belong_to_their_units(raw_dir):
    text = seed(raw_dir, "003")
    units = find_units(text)
    check_spans(text, units)
    tasks = [u for u in units if u.kind == "task"]
    assert [u.number for u in tasks] == [f"{i}." for i in range(1, 17)]
    assert all("\n责任单位：" in u.text for u in tasks)
    assert tasks[0].text.endswith("责任单位：区委组织部、区委编办、区人保局、区卫健委")
    assert units[0].kind == "goal"
    assert [u.kind for u in units[-3:]] == ["safeguard"] * 3


def test_seed_004_one_line_plan_has_ten_tasks(raw_dir):
    text = seed(raw_dir, "004")
    units = find_units(text)
    check_spans(text, units)
    tasks = [u for u in units if u.heading_path == ["重点任务"]]
    assert [u.number for u in tasks] == [f"({n})" for n in "一二三四五六七八九十"]
    assert all(re.search(r"\([^()]*牵头[^()]*配合\)$", u.text) for u in tasks)
    assert [u.kind for u in units if u.heading_path == ["保障措施"]] == ["safeguard"] * 3
    assert all("图表解读" not in u.text and "以习近平" not in u.text for u in units)


# --- the 143 city work reports --------------------------------------------------------


def test_every_city_work_report_yields_units(city_reports_dir):
    counts = {}
    with_goal = 0
    for path in sorted((city_reports_dir / "txt").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        units = find_units(text)
        check_spans(text, units)
        counts[path.stem] = len(units)
        with_goal += any(u.kind == "goal" for u in units)
    assert len(counts) == 143
    assert min(counts.values()) >= 5
    assert statistics.median(counts.values()) >= 20
    assert with_goal >= 130  # the 2024 预期目标 paragraph is a goal unit


def test_mixed_ideology_and_goal_title_keeps_its_numbered_work():
    text = (
        "二、2024年总体思路和目标任务\n今年政府工作的总体思路是：坚持稳中求进。\n"
        "主要预期目标是：地区生产总值增长7.5%左右。\n"
        "（一）坚持项目为王。全年实施重点项目300个。\n（二）坚持强基固本。加快新型工业化。\n"
    )
    units = find_units(text)
    assert [(u.kind, u.number) for u in units] == [
        ("goal", None),
        ("task", "（一）"),
        ("task", "（二）"),
    ]


def test_parenthesised_responsibility_line_belongs_to_the_unit_above():
    text = "一、重点任务\n（一）推进医联体建设。组建城市医疗集团。\n（市卫生健康委牵头，市医保局、市财政局配合）\n（二）推进互认。实现结果互认。\n"
    units = find_units(text)
    assert units[0].text.endswith("（市卫生健康委牵头，市医保局、市财政局配合）")
    assert units[1].number == "（二）"


def test_attachment_after_the_signature_gives_no_units():
    text = (
        "一、重点任务\n（一）推进预约诊疗。全面推行分时段预约。\n（二）推进互认。实现结果互认。\n"
        "某市卫生健康委员会\n2023年3月1日\n附件：任务分工表\n1.预约诊疗 市卫健委\n2.结果互认 市医保局\n"
    )
    units = find_units(text)
    assert [u.number for u in units] == ["（一）", "（二）"]
    assert units[-1].text.endswith("实现结果互认。")


@settings(max_examples=100)
@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_text(text):
    check_spans(text, find_units(text))


def test_articles_are_units_and_general_and_supplementary_provisions_are_not():
    text = (
        "第一章 总则\n第一条 为规范医疗服务，制定本办法。\n第二条 本办法适用于全市医疗机构。\n"
        "第二章 主要任务\n第三条 各医疗机构应当推行预约诊疗。\n第四条 卫生健康部门应当加强监管。\n"
        "第三章 附则\n第五条 本办法自印发之日起施行。\n"
    )
    units = find_units(text)
    assert [(u.number, u.heading_path, u.kind) for u in units] == [
        ("第三条", ["主要任务"], "task"),
        ("第四条", ["主要任务"], "task"),
    ]


def test_running_text_heading_over_many_paragraphs():
    text = (
        "（一）坚定不移推进新型工业化。坚持把发展经济的着力点放在实体经济上。\n"
        "强化科技引领。健全科技创新体系。\n做优数字经济。推进数字产业化。\n培强企业主体。支持头部企业。\n"
        "（二）坚定不移扩大开放。推进高水平开放。\n"
    )
    units = find_units(text)
    assert [(u.number, u.text[:6]) for u in units] == [
        ("（一）", "（一）坚定不"),
        (None, "强化科技引领"),
        (None, "做优数字经济"),
        (None, "培强企业主体"),
        ("（二）", "（二）坚定不"),
    ]
    assert units[0].text.endswith("实体经济上。")
    assert units[1].heading_path == ["坚定不移推进新型工业化"]


def test_an_item_that_mentions_a_section_word_keeps_its_sections_kind():
    text = "一、重点任务\n（一）完善工作目标考核。建立考核办法。\n（二）加强组织领导。成立专班。\n二、保障措施\n（一）落实经费。纳入预算。\n"
    assert [u.kind for u in find_units(text)] == ["task", "task", "safeguard"]


def test_an_item_that_mentions_an_excluded_word_is_still_a_unit():
    text = "一、重点任务\n（一）改善就医现状。优化流程。\n（二）总结回顾经验。形成制度。\n"
    assert [u.number for u in find_units(text)] == ["（一）", "（二）"]


def test_contact_line_inside_an_item_does_not_end_the_body():
    text = (
        "一、工作要求\n（一）及时报送。请于每月4日前报送。\n联系人：张三，电话：12345678。\n"
        "（二）加强宣传。营造良好氛围。\n联系人：李四\n"
    )
    units = find_units(text)
    assert [u.number for u in units] == ["（一）", "（二）"]
    assert "张三" in units[0].text and "李四" not in units[1].text


def test_document_title_naming_a_kind_is_not_a_section():
    text = "2024年全市卫生健康工作要点\n为做好今年工作，制定本要点。\n一、推进医联体建设。组建医疗集团。\n二、推进互认。实现结果互认。\n"
    units = find_units(text)
    assert [(u.number, u.heading_path) for u in units] == [("一、", []), ("二、", [])]


def test_context_and_count_lead_ins_are_not_units():
    text = (
        "二、2024年工作安排\n今年是中华人民共和国成立75周年，是实施“十四五”规划的关键一年。\n"
        "重点做好九个方面工作。\n（一）扩大内需。推进重大项目。\n（二）稳定外贸。支持企业出海。\n"
    )
    assert [u.number for u in find_units(text)] == ["（一）", "（二）"]


def test_a_title_mentioning_a_new_stage_is_not_a_phase():
    text = "一、纵深推进新阶段大湾区建设，强化增长极\n推动南沙开发开放。加快建设先行启动区。\n"
    assert [u.kind for u in find_units(text)] == ["task"]


def test_a_line_broken_mid_sentence_joins_the_next():
    text = (
        "一、重点任务\n（一）发展文旅\n"
        "办好全市乡村旅游与民宿产业发展大会，提升“承德\n\n好礼”等文创产品影响力。\n"
        "推进景区提档升级。完成3个景区改造。\n打造精品线路。推出10条线路。\n"
    )
    units = find_units(text)
    assert [u.text[:4] for u in units] == ["办好全市", "推进景区", "打造精品"]
    assert units[0].text.endswith("文创产品影响力。")


@given(st.text(alphabet="加强a1，。 \n卫生　㐀", max_size=30))
def test_eight_cjk_check_counts_like_findall(par: str) -> None:
    # _is_substantial stops at the eighth Chinese character instead of listing all.
    import regex

    from pipeline.structure.units import _EIGHT_CJK

    assert bool(_EIGHT_CJK.match(par)) == (len(regex.findall(r"\p{Han}", par)) >= 8)


@given(st.text(alphabet="加a1、，,“。 \n　", max_size=20), st.integers(0, 20), st.integers(0, 20))
def test_open_end_check_agrees_with_the_anchored_search(text: str, s: int, e: int) -> None:
    # (perf) _ends_open looks at the last character instead of searching the line.
    from pipeline.structure.units import _OPEN_END, _ends_open

    assert _ends_open(text, s, e) == bool(_OPEN_END.search(text, s, e))
