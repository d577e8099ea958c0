"""Small closed vocabularies of government portals, shared by the HTML reader and boilerplate.

They describe page furniture, not document content: the field names of the
metadata table that the 政府信息公开 standard pages carry, and the words of
site widgets.  They are closed lists (a portal has a table or it has not), so
they live beside the code that uses them.
"""

from __future__ import annotations

# Field names of portal metadata tables (政府信息公开目录 / 政策文件库 pages).
PORTAL_KEYS: frozenset[str] = frozenset(
    {
        "标题", "名称", "文件名称", "信息名称", "索引号", "主题分类", "主题词", "关键词",
        "体裁分类", "组配分类", "服务对象分类", "信息分类", "发文机关", "发布机构",
        "发布单位", "制发机关", "发文单位", "生成日期", "发文字号", "文号", "成文日期",
        "发布日期", "公开日期", "印发日期", "生效日期", "实施日期", "施行日期", "废止日期",
        "失效日期", "效力状态", "有效性", "时效", "是否有效", "统一编号", "登记号",
        "公开方式", "公开范围", "公开时限", "信息来源", "来源", "内容概述", "摘要",
        "所属机构", "发布时间",
    }
)  # fmt: skip

# Words of page widgets, as they appear inside 【】/[] buttons or alone on a line.
WIDGET_WORDS: tuple[str, ...] = (
    "下载Word", "下载WORD", "下载word", "下载PDF", "下载pdf", "下载", "关闭窗口", "关闭本页",
    "关闭", "打印本文", "打印本页", "打印", "收藏", "分享", "纠错", "我要纠错", "返回顶部",
    "返回", "回到顶部", "加入收藏", "保存本页", "字体", "字号", "大", "中", "小", "默认",
    "浏览次数", "扫一扫", "分享到", "在手机打开", "放大", "缩小", "复制链接",
)  # fmt: skip
