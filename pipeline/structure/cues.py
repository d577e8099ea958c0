"""Word lists that decide what a section of a plan is for.

Kept as one table so that a reader can check and extend the vocabulary of
section titles without reading the segmentation code.  Matching is substring
search on a heading's title (simplified characters; ingestion converts
traditional text before structure runs).
"""

from __future__ import annotations

import regex

#: Section titles that give their units a kind.  Order matters only for ties
#: (see :func:`kind_of_title`).
KIND_KEYWORDS: dict[str, tuple[str, ...]] = {
    "phase": (
        "实施步骤", "时间安排", "进度安排", "实施阶段", "工作步骤", "步骤安排", "阶段安排",
        "时间节点", "实施进度", "工作进度", "推进步骤", "方法步骤", "工作阶段", "实施计划",
        "时间进度", "进度要求",
    ),
    "safeguard": (
        "保障措施", "组织实施", "工作要求", "组织保障", "实施保障", "工作保障", "组织领导",
        "保障机制", "支撑保障", "配套措施", "有关要求", "相关要求", "监督考核",
        "督导考核", "考核评估", "监测评估", "组织管理", "政策保障", "经费保障",
        "工作措施保障",
    ),
    "task": (
        "重点任务", "主要任务", "工作内容", "主要措施", "重点工作", "工作任务", "具体措施",
        "工作措施", "主要内容", "行动内容", "重点领域", "工作重点", "实施内容", "任务分工",
        "具体任务", "重点项目", "建设内容", "工作安排", "主要举措", "重点举措", "重点行动",
        "专项行动", "行动任务", "工作建议", "工作打算", "工作部署", "主要工作", "工作要点",
        "重点抓好",
    ),
    "goal": (
        "主要目标", "工作目标", "总体目标", "具体目标", "发展目标", "预期目标", "行动目标",
        "建设目标", "目标任务", "任务目标", "阶段目标", "目标要求", "主要指标", "目标指标",
    ),
}  # fmt: skip

#: When a title names several kinds ("重点工作目标及内容", "目标任务"), the
#: units below it are most often actions: task beats goal; the specific
#: phase/safeguard words beat both.
KIND_PRIORITY = ("phase", "safeguard", "task", "goal")

#: Section titles whose content is not a unit: ideology, principles,
#: background.  A descendant whose own title names a kind ("（三）主要目标"
#: under "一、总体要求") is a unit again.
EXCLUDED_TITLES = (
    "指导思想", "基本原则", "工作原则", "总体要求", "总体思路", "基本思路", "工作思路",
    "编制依据", "制定依据", "工作依据", "政策依据", "目的意义", "重要意义", "背景",
    "现状", "发展基础", "面临形势", "形势分析", "存在问题", "主要问题", "适用范围",
    "总则", "附则",
)  # fmt: skip

#: Sections that review past work.  They state no work to do, so they give no
#: units -- unless the document is nothing but review (a summary, a truncated
#: work report), in which case its items are the only units it has.
REVIEW_TITLES = (
    "工作回顾", "回顾", "主要成效", "取得成效", "工作成效", "工作总结", "过去一年", "过去五年",
)  # fmt: skip

#: An unnumbered paragraph that *is* a goal whatever its section says
#: ("今年经济社会发展主要预期目标是：……", "总体目标：到2025年……").
GOAL_PARAGRAPH = regex.compile(
    r"^.{0,30}?(?:主要|预期|发展|总体|工作|具体|行动|年度)?目标(?:任务)?(?:是|为)?[:：]"
    r"|预期目标(?:建议)?(?:是|为)[:：]?"
    r"|^.{0,40}?(?:主要|发展)目标(?:建议)?(?:是|为)"
)


def is_goal_paragraph(par: str) -> bool:
    """``GOAL_PARAGRAPH.search(par)``, as a bool.

    (perf) Every alternative needs the word 目标, near the start unless it is
    预期目标: substring tests skip the regex, which would otherwise be tried at
    every position of every paragraph.
    """
    at = par.find("目标")
    if at < 0 or (at > _LAST_EARLY_GOAL and "预期目标" not in par):
        return False
    return GOAL_PARAGRAPH.search(par) is not None


# The first and third alternatives of GOAL_PARAGRAPH find 目标 at most
# 30 + 2 or 40 + 2 characters into the paragraph; only the second (预期目标)
# may find it anywhere.
_LAST_EARLY_GOAL = 42


#: Unnumbered paragraphs that are never units: forms of address, ideology
#: statements, closing exhortations.
NON_UNIT_PARAGRAPH = regex.compile(
    r"^(?:各位代表|同志们|各位委员)"
    r"|^.{0,30}?(?:总体要求|总的要求|指导思想|基本原则|总体思路)(?:是|为)?[:：]"
    r"|^以习近平新时代中国特色社会主义思想为指导"
    r"|^(?:今年|明年|20\d\d年)[，,]?是"  # "今年是……关键一年": the context of the year's work
)
# What NON_UNIT_PARAGRAPH needs: one of its openings, or one of its words
# starting within the first 30 characters.
_NON_UNIT_OPENINGS = ("各位代表", "同志们", "各位委员", "以习近平", "今年", "明年", "20")
_NON_UNIT_WORDS = ("总体要求", "总的要求", "指导思想", "基本原则", "总体思路")
_NON_UNIT_WORD = regex.compile("|".join(_NON_UNIT_WORDS))


def is_non_unit_paragraph(par: str) -> bool:
    """``NON_UNIT_PARAGRAPH.search(par)``, as a bool.

    (perf) Every alternative is anchored at the start of the paragraph, so
    only its opening words or its first 34 characters can hold a cue: tested
    with str methods before the regex is tried.
    """
    if not (par.startswith(_NON_UNIT_OPENINGS) or _NON_UNIT_WORD.search(par, 0, 34)):
        return False
    return NON_UNIT_PARAGRAPH.match(par) is not None


#: A paragraph that only announces the items after it ("重点在以下11个方面……").
LEAD_IN_PARAGRAPH = regex.compile(
    r"(?:以下|如下)(?:[\d一二三四五六七八九十几]+(?:个|项|点|条)?)?"
    r"(?:方面|几点|几个方面|工作|任务|措施|内容|要求|重点)?"
    r"[^。；]{0,20}[。：:]?$"
    r"|[\d一二三四五六七八九十几]+(?:个|项)?方面(?:的)?(?:重点)?(?:工作)?[。：:]?$"
)


def is_lead_in(par: str) -> bool:
    """``LEAD_IN_PARAGRAPH.search(par)``, as a bool.

    (perf) The first alternative needs 以下 or 如下, the second 方面: substring
    tests skip the regex for most paragraphs.
    """
    return ("以下" in par or "如下" in par or "方面" in par) and LEAD_IN_PARAGRAPH.search(
        par
    ) is not None


#: A line that names who carries out the unit above it.
RESPONSIBILITY_LINE = regex.compile(
    r"^[(（]?\s*(?:责任单位|牵头单位|配合单位|协办单位|主办单位|参与单位|责任部门|牵头部门"
    r"|配合部门|协同部门|实施主体|责任主体|完成时限|时间节点|完成时间)\s*[:：]"
    r"|^[(（][^()（）\n]{0,80}(?:牵头|负责|配合|参与)[^()（）\n]{0,80}[)）][。；;]?$"
)


#: "2024年工作安排", "努力做好2024年各项工作", "今年重点工作": the year's work.
YEAR_WORK_TITLE = regex.compile(
    r"(?:20\d\d|二〇二[〇一二三四五六七八九]|今|明)年.{0,10}工作(?!回顾|总结|成效)"
)


# (perf) One alternation per word list: a title is searched once, not once per word.
def _any_word(words: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile("|".join(regex.escape(w) for w in words))


_KIND_WORDS = {kind: _any_word(words) for kind, words in KIND_KEYWORDS.items()}
_ANY_KIND_WORD = _any_word(tuple(w for words in KIND_KEYWORDS.values() for w in words))
_EXCLUDED_WORDS = _any_word(EXCLUDED_TITLES)
_EXCLUDED_OR_REVIEW_WORDS = _any_word(EXCLUDED_TITLES + REVIEW_TITLES)


def kind_of_title(title: str, suffix_only: bool = False) -> str | None:
    """The unit kind a section title announces, or None when it names none.

    With ``suffix_only`` the keyword must end the title ("（三）主要目标",
    "2025年工作目标"): inside a section that already has a kind, a sub-title
    changes it only when it *is* a section name, not when an item merely
    mentions one ("完善工作目标考核").
    """
    title = title.strip().rstrip("。：:；;")
    if suffix_only:
        return next((kind for kind in KIND_PRIORITY if title.endswith(KIND_KEYWORDS[kind])), None)
    if _ANY_KIND_WORD.search(title):
        # The first kind in priority order whose words the title holds.
        return next((kind for kind in KIND_PRIORITY if _KIND_WORDS[kind].search(title)), None)
    if YEAR_WORK_TITLE.search(title) and not is_excluded_title(title):
        return "task"
    return None


def is_excluded_title(title: str, review: bool = True, suffix_only: bool = False) -> bool:
    """True for sections whose text is not work to do (指导思想, 基本原则, and
    with ``review`` the review of past work: 工作回顾 …).  ``suffix_only`` as
    in :func:`kind_of_title`."""
    words = EXCLUDED_TITLES + REVIEW_TITLES if review else EXCLUDED_TITLES
    title = title.strip().rstrip("。：:；;")
    if suffix_only:
        return title.endswith(words)
    pattern = _EXCLUDED_OR_REVIEW_WORDS if review else _EXCLUDED_WORDS
    return pattern.search(title) is not None
