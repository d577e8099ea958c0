"""Boilerplate removal: no chrome left in any seed, and no sentence of a plan lost."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.boilerplate import (
    remove_boilerplate,
    remove_chrome_lines,
    remove_widget_tokens,
    split_portal_table,
)
from pipeline.ingest.normalize import normalize_text

CHROME = (
    "欢迎访问", "【下载Word】", "【下载PDF】", "【关闭窗口】", "【打印本文】", "【字体",
    "字体:", "图表解读", "文字解读", "前言:", "精选(九篇)", "公务员期刊网", "精选范文",
    "本站小编", "仅供参考",
)  # fmt: skip


def _seed_paths(raw_dir: Path) -> list[Path]:
    return sorted(raw_dir.glob("*.txt"))


def _clean(path: Path, resources) -> tuple[str, str]:
    """(normalised text before boilerplate removal, cleaned text) as the ingest stage runs it."""
    _, text = split_portal_table(path.read_text(encoding="utf-8"))
    normalised = normalize_text(text, resources.t2s.convert).text
    return normalised, remove_boilerplate(normalised)[0]


def _sentences(line: str) -> list[str]:
    """Complete sentences of a line (ending with 。), whitespace-trimmed."""
    return [s.strip() for s in regex.findall(r"[^。]*。", line) if len(s.strip()) > 1]


@pytest.fixture(scope="module")
def cleaned_seeds(raw_dir, resources):
    paths = _seed_paths(raw_dir)
    assert len(paths) == 5
    return {p.name: _clean(p, resources) for p in paths}


def test_no_chrome_left_in_any_seed(cleaned_seeds):
    for name, (_, cleaned) in cleaned_seeds.items():
        for widget in CHROME:
            assert widget not in cleaned, f"{widget!r} left in {name}"
        assert not regex.search(r"^\s*[|｜]\s*$", cleaned, flags=regex.MULTILINE), name


def test_no_sentence_of_a_plan_is_lost(cleaned_seeds):
    for name, (normalised, cleaned) in cleaned_seeds.items():
        for line in normalised.split("\n"):
            if line.lstrip().startswith("前言"):  # the aggregator's preface is chrome
                continue
            for sentence in _sentences(line):
                if any(widget in sentence for widget in CHROME):
                    continue
                assert sentence in cleaned, f"lost from {name}: {sentence[:40]}"


def test_seed_004_widgets_around_the_one_line_plan_are_cut(cleaned_seeds):
    _, cleaned = next(v for k, v in cleaned_seeds.items() if k.startswith("004"))
    assert cleaned.startswith("临沂市人民政府办公室\n关于印发临沂市看病就医便民惠民服务")
    assert cleaned.endswith("开展宣传报道和表扬奖励,营造良好工作环境。")


def test_seed_004_portal_table_is_parsed_and_cut(raw_dir):
    text = next(raw_dir.glob("004_*.txt")).read_text(encoding="utf-8")
    fields, rest = split_portal_table(text)
    assert fields is not None
    assert fields["发文字号"] == "临政办发〔2019〕8 号"
    assert fields["索引号"] == "852681291/zfb/2019-0000046"
    assert fields["主题分类"] == "卫生、体育-卫生"
    assert fields["成文日期"] == "2019-05-24"
    assert fields["效力状态"] == ""
    assert fields["标题"].startswith("临沂市人民政府办公室关于印发")
    assert "索引号" not in rest and "标题 |" not in rest
    assert "临政办发〔2019〕8号 各县区人民政府" in rest


def test_portal_table_with_tabs_and_colons():
    fields, rest = split_portal_table(
        "索引号：\t000014349/2020-00012\n发文字号：\t国卫医发〔2020〕5号\n正文。"
    )
    assert fields == {"索引号": "000014349/2020-00012", "发文字号": "国卫医发〔2020〕5号"}
    assert rest == "正文。"


def test_a_plans_own_table_header_is_not_metadata():
    text = "\n".join(["正文。"] * 12 + ["名称\t地址", "市人民医院\t人民路1号"])
    assert split_portal_table(text) == (None, text)


def test_text_without_portal_table_is_untouched():
    text = "序号\t任务\t责任单位\n1\t建设智慧医院\t市卫生健康委"
    assert split_portal_table(text) == (None, text)


def test_inline_widgets_are_removed_and_sentences_kept():
    line = "营造良好工作环境。 【下载Word】【打印本文】【关闭窗口】 图表解读:某某市通知 文字解读:《某某》 |"
    cleaned, touched = remove_widget_tokens(line)
    assert cleaned.strip() == "营造良好工作环境。"
    assert touched == 1


def test_font_size_widget_broken_over_lines():
    cleaned, _ = remove_boilerplate("正文。\n【字体:\n大\n中\n小】\n【打印本文】")
    assert cleaned == "正文。"


def test_footer_and_navigation_lines_are_dropped():
    text = (
        "当前位置：首页 > 政务公开 > 政策文件\n"
        "一、工作目标\n到2025年，预约诊疗率达到90%。\n"
        "上一篇：关于做好夏季卫生防病工作的通知\n"
        "版权所有：某某市人民政府 鲁ICP备05000000号\n"
        "网站地图 | 联系我们\n"
    )
    cleaned, removed = remove_boilerplate(text)
    assert cleaned == "一、工作目标\n到2025年，预约诊疗率达到90%。"
    assert removed == 4


def test_lines_made_only_of_widgets_are_dropped():
    text = "正文。\n打印本页 | 关闭窗口\n字号：T | T | T\n分享到：\n返回顶部"
    assert remove_boilerplate(text)[0] == "正文。"


def test_article_info_lines_are_dropped_but_contact_lines_kept():
    text = "发布时间：2023-06-12 来源：市卫生健康委\n正文。\n联系人：雍奇   联系电话：028-86136360\n责任编辑：张三"
    assert remove_boilerplate(text)[0] == "正文。\n联系人：雍奇   联系电话：028-86136360"


def test_indentation_is_trimmed_but_table_columns_are_kept():
    text = "\u2003\u2003一、总体要求  \n\t推行预约诊疗\t市卫生健康委\n\t  \n"
    assert remove_boilerplate(text)[0] == "一、总体要求\n\t推行预约诊疗\t市卫生健康委"


def test_scraped_notice_page():
    text = (
        "首页 > 政务公开 > 通知公告\n"
        "关于印发某省改善就医感受提升患者体验行动方案的通知\n"
        "发布时间：2021-03-02 10:20 来源：省卫生健康委 【字体：大 中 小】 【打印】 【关闭】\n"
        "各市卫生健康委：\n现将方案印发给你们，请认真贯彻落实。\n"
        "附件：1.某省改善就医感受提升患者体验行动方案\n2.任务分工表\n"
        "某省卫生健康委员会\n2021年3月1日\n"
        "扫一扫在手机打开当前页\n相关附件：\n某省改善就医感受提升患者体验行动方案.docx\n任务分工表.xls\n"
        "上一篇：关于某某的通知\n"
    )
    assert remove_boilerplate(text)[0] == (
        "关于印发某省改善就医感受提升患者体验行动方案的通知\n"
        "各市卫生健康委：\n现将方案印发给你们，请认真贯彻落实。\n"
        "附件：1.某省改善就医感受提升患者体验行动方案\n2.任务分工表\n"
        "某省卫生健康委员会\n2021年3月1日"
    )


def test_single_characters_are_not_widgets():
    text = "组长：\n张三\n大\n中"
    assert remove_chrome_lines(text) == (text, 0)


def test_event_plan_sponsor_line_is_not_a_footer():
    text = "主办单位：市卫生健康委员会\n活动时间：2024年5月"
    assert remove_chrome_lines(text) == (text, 0)


def test_sentences_mentioning_chrome_words_are_kept():
    text = "各单位要做好政策解读工作，加强版权所有单位的协调。"
    assert remove_boilerplate(text)[0] == text


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "【】字体大中小:|\n欢迎访问网站版权所有。图表解读前言精选(九篇) a"
        ),
        max_size=80,
    )
)
def test_remove_boilerplate_never_raises(text):
    cleaned, count = remove_boilerplate(text)
    assert isinstance(cleaned, str) and count >= 0


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_split_portal_table_never_raises(text):
    split_portal_table(text)
