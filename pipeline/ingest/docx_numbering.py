"""Render Word's automatic list numbers (一、 （一） 1. ①) that are not stored as text.

When a plan's headings use Word numbering, ``document.xml`` holds only the
heading text; the "一、" lives in ``numbering.xml`` as a level definition
(format + pattern such as ``%1、``).  The structure stage finds units by those
numbers, so the reader renders them the way Word displays them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from pipeline.extract.numbers import render_chinese_numeral

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Numbering definitions of one document plus the running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> levels
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    start_overrides: dict[tuple[str, int], int] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, paragraph: etree._Element) -> str:
        """The number Word shows before ``paragraph`` ('' when it has none); advances counters."""
        if not self.num_to_abstract:
            return ""  # (perf) no list is defined: skip looking up the paragraph's properties
        found = self._num_ref(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        abstract = self.num_to_abstract.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if abstract is None or ilvl not in levels or not 0 <= ilvl < 10:
            return ""
        # A num with its own start override restarts the list; others share the abstract's count.
        restarts = any(key[0] == num_id for key in self.start_overrides)
        counters = self.counters.setdefault(num_id if restarts else abstract, [0] * 10)
        if counters[ilvl] == 0:
            start = self.start_overrides.get((num_id, ilvl), levels[ilvl].start)
            counters[ilvl] = start
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        if levels[ilvl].fmt in ("bullet", "none"):
            return ""  # bullets are glyphs in a symbol font (U+F0B7), not numbers
        text = levels[ilvl].text
        for level_no in range(ilvl + 1):
            level = levels.get(level_no, _Level())
            value = counters[level_no] or level.start
            text = text.replace(f"%{level_no + 1}", format_number(value, level.fmt))
        return text

    def _num_ref(self, paragraph: etree._Element) -> tuple[str, int] | None:
        properties = paragraph.find(f"{_W}pPr")
        if properties is None:
            return None
        num_pr = properties.find(f"{_W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{_W}numId"))
            ilvl = _val(num_pr.find(f"{_W}ilvl"))
            if num_id and num_id != "0":
                return num_id, _int(ilvl, 0)
            return None
        style = _val(properties.find(f"{_W}pStyle"))
        return self.style_numbering.get(style or "")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(f"{_W}val")


def format_number(value: int, fmt: str) -> str:
    """A counter value in one of Word's number formats."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified"):
        text = render_chinese_numeral(value)
        return text[1:] if text.startswith("一十") else text  # 十一, not 一十一
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _HEAVENLY_STEMS[value - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt in ("upperLetter", "lowerLetter") and value >= 1:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and value >= 1:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(value)


def _roman(value: int) -> str:
    out = []
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):  # fmt: skip
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def load_numbering(numbering_xml: bytes | None, styles_xml: bytes | None) -> Numbering:
    """Parse numbering.xml (and the numbered paragraph styles of styles.xml); tolerant of junk."""
    numbering = Numbering()
    parser = etree.XMLParser(resolve_entities=False, recover=True)
    if numbering_xml:
        root = etree.fromstring(numbering_xml, parser=parser)
        if root is not None:
            _read_definitions(root, numbering)
    # (perf) Numbered styles only matter through a list definition: without one, every
    # label is '' and the (large) styles part need not be parsed (read_docx does not
    # even decompress it then).
    if styles_xml and numbering.num_to_abstract:
        root = etree.fromstring(styles_xml, parser=parser)
        if root is not None:
            for style in root.iterfind(f"{_W}style"):
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                style_id = style.get(f"{_W}styleId")
                num_id = _val(num_pr.find(f"{_W}numId")) if num_pr is not None else None
                if style_id and num_id and num_id != "0":
                    ilvl = _val(num_pr.find(f"{_W}ilvl"))
                    numbering.style_numbering[style_id] = (num_id, _int(ilvl, 0))
    return numbering


def _read_definitions(root: etree._Element, numbering: Numbering) -> None:
    for abstract in root.iterfind(f"{_W}abstractNum"):
        abstract_id = abstract.get(f"{_W}abstractNumId") or ""
        levels: dict[int, _Level] = {}
        for lvl in abstract.iterfind(f"{_W}lvl"):
            ilvl = _int(lvl.get(f"{_W}ilvl"), 0)
            levels[ilvl] = _Level(
                fmt=_val(lvl.find(f"{_W}numFmt")) or "decimal",
                text=_val(lvl.find(f"{_W}lvlText")) or "",
                start=_int(_val(lvl.find(f"{_W}start")), 1),
            )
        numbering.levels[abstract_id] = levels
    for num in root.iterfind(f"{_W}num"):
        num_id = num.get(f"{_W}numId") or ""
        abstract_id = _val(num.find(f"{_W}abstractNumId"))
        if abstract_id is not None:
            numbering.num_to_abstract[num_id] = abstract_id
        for override in num.iterfind(f"{_W}lvlOverride"):
            start = _val(override.find(f"{_W}startOverride"))
            if start is not None:
                ilvl = _int(override.get(f"{_W}ilvl"), 0)
                numbering.start_overrides[(num_id, ilvl)] = _int(start, 1)
