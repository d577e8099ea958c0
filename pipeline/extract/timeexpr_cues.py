"""The words around a time expression that tell a deadline from history.

Chinese plans mark *when work must be done* with a small closed set of
particles and modal verbs (到/至 … , …前/底前/以内, …起, 要/将/力争/确保) and
mark *what already happened* with aspect words and event verbs
(已/已经/曾/了, …以来, 印发/出台/召开 …).  These lists are that grammar; they
are not strings from any one document.  All patterns are compiled once here so
that :mod:`pipeline.extract.deadlines` reads as a list of decisions.
"""

from __future__ import annotations

import regex

#: Immediately before the expression: "by" markers kept in the deadline's text.
LEAD_BY = regex.compile(r"(?:截至|截止到|截止至|截止|直至|直到|到|至)$")
#: Immediately before: "from" markers kept in the text (自2020年1月1日起).
LEAD_FROM = regex.compile(r"(?:自|从)$")
#: Immediately after: closing particles kept in the text.
TRAIL = regex.compile(
    r"^(?:之前|以前|前(?![后期列沿端置提景\d一二三四五六七八九十两])|以内|之内"
    r"|内(?![蒙容部涵外地科控需在生资核化])|起(?![步草点来诉])|开始|以来|期间|时期内|时期"
    r"|末期|末|以后|之后|后(?![续期备方勤台]))"
)
TRAIL_BY = ("之前", "以前", "前", "以内", "之内", "内", "时期内")
TRAIL_FROM = ("起", "开始")
TRAIL_PERIOD = ("期间", "时期")
TRAIL_END = ("末期", "末")
TRAIL_PAST = ("以来",)
TRAIL_AFTER = ("以后", "之后", "后")

#: A future-dated single day is announced: 定于2024年5月20日召开, 将于…
FORWARD_BEFORE_DAY = regex.compile(r"(?:定于|将于|拟于|计划于|预计于|将在|拟在|计划在|预定于?)$")

#: Verbs of modality/intent that make a sentence a plan, not a record.
FORWARD_MODAL = regex.compile(
    r"(?<![主重需必纪摘扼概紧只])要(?![求素点闻害])"
    r"|(?<=们|委|府|局|厅|部|院)将"
    r"|将(?=[于在要会可全逐继进持重力加着按])"
    r"|力争|争取|确保|务必|必须|应当|应该|届时|拟|计划于|计划在|预计到"
)

#: Aspect and adverbs of the past (checked from the expression to the end of its sentence).
PAST_MARKER = regex.compile(r"已经|已|曾经|先后|(?<![为除不罢受得])了(?![解然结])")

#: Event verbs that follow the date of an event that happened.
#: Only verbs that report a finished event: 启动/成立/上线 also open the steps of a plan
#: ("下半年启动第二批试点"), so they are left out.
EVENT_VERB = regex.compile(
    r"^[，,]?[^，,。；;：:]{0,20}?"
    r"(?:印发|出台|发布|颁布|召开|举行|举办|签署|下发|批复|获批|挂牌|揭牌|正式启用|正式运行|正式上线)"
)

#: Retrospective verbs just before: 总结2015—2017年…, 回顾2023年…
RETRO_BEFORE = regex.compile(r"(?:总结|回顾|回首|对比|相比|比|较|与|同|由|超过|低于|高于|前)$")
#: Right after: the year is the subject of a description (2024年是…), a version or an issue.
NOT_A_BOUND_AFTER = regex.compile(
    r"^(?:[，,]?是|版|修订|修正|第|工作回顾|回顾|以来|初(?!步)|前后|同期|前[一二三四五六七八九十\d]|的[\d一二三四五六七八九十〇两])"
)

#: Money after a 每X: a rate (每月655元), not a recurrence.
RATE_AFTER = regex.compile(r"^[\d.,一二三四五六七八九十百千万两]+(?:元|万元|亿元|块)")

#: Results stated as achieved (…满意度显著提升): in a sentence scoped by a bare year and
#: without any modal, they mark a retrospective summary.  Only used when the document's
#: date is unknown: with it, the year itself says whether it is past.
PAST_RESULT = regex.compile(
    r"取得了|取得(?:明显|显著|积极|阶段性)?成效|成效(?:明显|显著)|明显改善|显著改善|显著提升|大幅提升"
    r"|明显提升|不断提高|稳步提升|圆满完成|顺利完成"
)

#: Statistics of a period (1—11月…同比增长8%): reported figures, not work to do.
STAT_MARKER = regex.compile(r"同比|累计增长|增速|(?:增长|下降|回落)[\d.]+[%％]")

#: Stock and result verbs of a statistic: 截至2023年底，全市共有…; 2023年，全县共完成….
#: After 截至 + a date (or a bare year scoping the sentence) they report a count or a
#: result already reached, not work to do; the modal check runs first, so
#: 截至2025年底，要累计建成… stays a deadline.
STOCK_AFTER = regex.compile(
    r"共有|现有|拥有|共计|累计|总数|总量|共完成|共建成|共实现|达到了|完成了|建成了|实现了|新增了"
)
#: Result verbs that make a bare year a history (2023年，全县共完成…): the plain
#: 完成/建成 of a plan step are left out, only the perfective or totalling forms count.
RESULT_AFTER = regex.compile(
    r"共完成|共建成|共实现|共新增|共有|共计|累计完成|累计建成|完成了|实现了|建成了|达到了|新增了"
)

#: Verbs that measure a duration (平均住院日控制在8天以内): the duration is the level of
#: an indicator (a target), not a time limit for doing something (3个工作日内办结).
MEASURE_BEFORE = regex.compile(
    r"(?:控制在|控制到|缩短到|缩短至|缩短在|压缩到|压缩至|压缩在|降至|降到|降低到|降低至|减少到|减少至"
    r"|下降到|下降至|不超过|不得超过|不高于|不多于|不大于|保持在|稳定在|维持在|低于|少于|小于|≤"
    # or right after a noun naming a measured length (平均住院日8天以内, 等候时间30分钟以内)
    r"|(?<!规定)时间|时长|住院日|天数|周期)$"
)

#: Reported news: what a journalist says happened (据悉, …).
NEWS_MARKER = regex.compile(r"据悉|据了解|据介绍|记者从|记者了解")
#: 在…的基础上: the base the sentence builds on is past work.
ON_THE_BASIS = regex.compile(r"的基础上")

#: Sentence boundaries for context windows.
SENTENCE_END = regex.compile(r"[。！？；;!?\n]")
