"""Government portal pages: metadata table first, then the article body without chrome."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest.errors import IngestError
from pipeline.ingest.html import read_html, split_key_values

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "portal_page.html"
CHROME = ("欢迎访问", "政务公开", "当前位置", "搜索", "分享到", "打印本页", "关闭窗口", "上一篇",
          "下一篇", "相关链接", "网站地图", "版权所有", "ICP备", "主办单位", "浏览次数", "索引号",
          "设为首页", "var _hmt", "float: left")  # fmt: skip


@pytest.fixture(scope="module")
def portal_page() -> tuple[str, dict[str, str] | None, str]:
    return read_html(FIXTURE.read_bytes())


def test_portal_metadata_table_is_read(portal_page):
    _, portal, _ = portal_page
    assert portal is not None
    assert portal["索引号"] == "11370000004000000X/2023-00123"
    assert portal["发文字号"] == "某卫发〔2023〕15号"
    assert portal["发文机关"] == "某某市卫生健康委员会"
    assert portal["成文日期"] == "2023-06-08"
    assert portal["发布日期"] == "2023-06-12"
    assert portal["效力状态"] == "有效"
    assert portal["主题分类"] == "卫生、体育\\卫生"
    assert (
        portal["标题"]
        == "某某市卫生健康委员会关于印发某某市改善就医感受提升患者体验行动实施方案的通知"
    )


def test_article_body_without_chrome(portal_page):
    text, _, encoding = portal_page
    assert encoding == "utf-8"
    for chrome in CHROME:
        assert chrome not in text, chrome
    lines = text.split("\n")
    assert (
        lines[0] == "某某市卫生健康委员会关于印发某某市改善就医感受提升患者体验行动实施方案的通知"
    )
    assert lines[1] == "某卫发〔2023〕15号"
    assert (
        "现将《某某市改善就医感受提升患者体验行动实施方案》印发给你们，请结合实际认真贯彻落实。"
        in lines
    )
    assert lines[-1] == "各单位要加强组织领导，确保各项任务落到实处。"


def test_line_break_element_and_table_rows_in_reading_order(portal_page):
    lines = portal_page[0].split("\n")
    task = lines.index("（一）优化门诊服务流程。推行分时段预约诊疗，精确到30分钟。")
    assert lines[task + 1] == "（市卫生健康委牵头，各医疗机构负责）"
    assert lines[task + 2 : task + 5] == [
        "序号\t任务\t责任单位\t完成时限",
        "1\t推行检查检验结果互认\t市卫生健康委\t2024年底前",
        "2\t建设智慧医院\t各医疗机构\t2025年6月",
    ]


def test_gbk_page_with_meta_charset():
    html = FIXTURE.read_text(encoding="utf-8").replace("charset=utf-8", "charset=gb2312")
    text, portal, encoding = read_html(html.encode("gbk"))
    assert encoding in {"gb2312", "gbk", "gb18030"}
    assert "各单位要加强组织领导，确保各项任务落到实处。" in text
    assert portal and portal["发文字号"] == "某卫发〔2023〕15号"


def test_page_without_named_container_falls_back_to_text_density():
    html = """<html><body>
      <div><a href="/">首页</a> <a href="/a">机构概况</a> <a href="/b">政务公开</a></div>
      <div><div>
        <p>各乡镇卫生院：</p>
        <p>为进一步改善医疗服务，提升群众就医获得感，现就有关事项通知如下。</p>
        <p>一、推行预约诊疗服务，二级以上医院预约诊疗率达到百分之九十。</p>
      </div></div>
      <div><a href="/c">关于我们</a> <a href="/d">联系方式</a></div>
    </body></html>"""
    text, portal, _ = read_html(html.encode("utf-8"))
    assert portal is None
    assert text.split("\n") == [
        "各乡镇卫生院：",
        "为进一步改善医疗服务，提升群众就医获得感，现就有关事项通知如下。",
        "一、推行预约诊疗服务，二级以上医院预约诊疗率达到百分之九十。",
    ]


def test_definition_list_metadata():
    html = """<html><body><dl><dt>发文字号：</dt><dd>国卫医发〔2020〕5号</dd>
      <dt>成文日期：</dt><dd>2020-03-01</dd></dl>
      <div class="content"><p>为进一步改善医疗服务，推动医疗服务高质量发展，制定本方案。各地要认真贯彻执行。</p></div>
    </body></html>"""
    _, portal, _ = read_html(html.encode("utf-8"))
    assert portal == {"发文字号": "国卫医发〔2020〕5号", "成文日期": "2020-03-01"}


def test_split_key_values():
    assert split_key_values("发布时间：2023-06-12 来源：市卫生健康委 浏览次数：1024") == [
        ("发布时间", "2023-06-12"),
        ("来源", "市卫生健康委"),
    ]
    assert split_key_values("为进一步改善医疗服务：制定本方案") == []


@pytest.mark.parametrize(
    "data", [b"", b"   \n", b"<html><head><script>var a=1;</script></head></html>"]
)
def test_pages_without_text_are_rejected(data):
    with pytest.raises(IngestError):
        read_html(data)


def test_state_council_policy_library_layout():
    """gov.cn layout: bold-key metadata table, title in a named div, body in #UCAP-CONTENT."""
    text, portal, _ = read_html((FIXTURE.parent / "govcn_policy_page.html").read_bytes())
    assert portal is not None
    assert portal["发文字号"] == "国办发〔2024〕29号"
    assert portal["成文日期"] == "2024年05月28日"
    assert portal["标题"] == "国务院办公厅关于印发深化医药卫生体制改革2024年重点工作任务的通知"
    lines = text.split("\n")
    assert lines[:2] == [
        "国务院办公厅关于印发深化医药卫生体制改革2024年重点工作任务的通知",
        "国办发〔2024〕29号",
    ]
    assert lines[-1] == "（一）加强医改统筹协调。进一步完善医改工作机制。（国家卫生健康委牵头）"
    for chrome in (
        "English",
        "总理",
        "国务院政策文件库",
        "纠错",
        "责任编辑",
        "相关稿件",
        "版权所有",
        "索引号",
    ):
        assert chrome not in text, chrome


def test_title_from_title_tag_when_nothing_else_names_it():
    html = """<html><head><title>某某县卫生健康局关于印发家庭医生签约服务工作方案的通知_通知公告_某某县人民政府</title></head>
    <body><div id="content"><p>各乡镇卫生院：现将家庭医生签约服务工作方案印发给你们，请认真组织实施，确保各项任务落到实处。</p></div></body></html>"""
    text, _, _ = read_html(html.encode("utf-8"))
    assert text.split("\n")[0] == "某某县卫生健康局关于印发家庭医生签约服务工作方案的通知"


def test_task_table_is_not_read_as_metadata():
    html = """<html><body><div class="content"><p>各单位要按照任务分工抓好落实，确保各项改善医疗服务措施落到实处。</p>
      <table><tr><td>任务</td><td>责任单位</td><td>发布日期</td></tr>
      <tr><td>推行预约诊疗</td><td>市卫生健康委</td><td>2024年</td></tr></table></div></body></html>"""
    text, portal, _ = read_html(html.encode("utf-8"))
    assert portal is None
    assert "推行预约诊疗\t市卫生健康委\t2024年" in text.split("\n")
