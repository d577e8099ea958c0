"""Targets in indicator tables: ``基层医疗卫生机构诊疗量占比 | % | 52 | ≥65 | 预期性``.

Plans often list their 主要指标 in a table whose unit sits in its own column,
so the numbers of a row carry no unit and the sentence rules of
:mod:`pipeline.extract.targets` cannot see them.  Ingestion writes a table row
as cells joined by ``|``; a row is read as a target when it has a text cell
(the indicator), a unit cell and numeric cells after the unit.  The last
numeric cell is the target (plans put baseline years first and the target
year last); ≥/≤/以上/以下 in that cell set the comparator, otherwise ``=``.
"""

from __future__ import annotations

import regex

from pipeline.extract.numbers import ARABIC_NUMBER, parse_number
from pipeline.schema import Target

_ROW = regex.compile(r"[^\n]*\|[^\n]*")
_VALUE_CELL = regex.compile(
    rf"^\s*(?P<pre>≥|≤|>|<|＞|＜|不低于|不少于|不超过|不高于|不大于|不小于)?\s*(?P<num>{ARABIC_NUMBER})"
    rf"\s*(?P<unit>%|％|‰)?\s*(?P<suf>以上|以下|以内|左右)?\s*$"
)
_PRE = {"≥": ">=", "不低于": ">=", "不少于": ">=", "不小于": ">=", "≤": "<=", "不超过": "<=",
        "不高于": "<=", "不大于": "<=", ">": ">", "＞": ">", "<": "<", "＜": "<"}  # fmt: skip
_SUF = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "="}
_RATE_UNIT = regex.compile(r"^[（(]?\d*/\d*(?:十万|万|千|百)[)）]?$")  # 1/10万
_SERIAL = regex.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)[.、]?\s*$")


def shifted(target: Target, offset: int) -> Target:
    """The same target with its span moved from unit to document offsets."""
    start, end = target.span
    # (perf) what dataclasses.replace does, without its per-call inspection of the fields
    # (Target has only init fields): the same fields with the span moved
    return type(target)(**{**vars(target), "span": (start + offset, end + offset)})


def find_table_targets(
    text: str, units: frozenset[str], offset: int = 0, ref_year: int | None = None
) -> list[Target]:
    """Targets of ``|``-separated indicator rows; ``units`` are the accepted unit cells."""
    out: list[Target] = []
    header: list[int | None] = []  # year of each column, from the last row that names years
    for row in _ROW.finditer(text):
        years = [_header_year(text[s:e]) for s, e in _cells(text, row.start(), row.end())]
        if sum(y is not None for y in years) >= 1 and not any(
            _VALUE_CELL.match(text[s:e]) for s, e in _cells(text, row.start(), row.end())
        ):
            header = years
            continue
        t = _row_target(text, row.start(), row.end(), units, header)
        if t is not None:
            out.append(shifted(t, offset))
    return out


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) of each cell's stripped content."""
    cells = []
    pos = start
    for part in text[start:end].split("|"):
        s = pos + (len(part) - len(part.lstrip()))
        e = pos + len(part.rstrip())
        cells.append((s, max(s, e)))
        pos += len(part) + 1
    return cells


def _header_year(cell: str) -> int | None:
    """2025年 / 2025 / 2025年目标值 in a header cell -> 2025."""
    m = regex.match(r"^\s*(\d{4})\s*年?(?:目标值?|底|末)?\s*$", cell)
    return int(m.group(1)) if m and 1949 <= int(m.group(1)) <= 2100 else None


def _row_target(
    text: str, start: int, end: int, units: frozenset[str], header: list[int | None]
) -> Target | None:
    all_cells = _cells(text, start, end)
    cells = [c for c in all_cells if c[1] > c[0]]
    unit_i = next(
        (
            i
            for i, (s, e) in enumerate(cells)
            if text[s:e].strip("（）()") in units or _RATE_UNIT.match(text[s:e])
        ),
        None,
    )
    if unit_i is None or unit_i == 0:
        return None
    indicator_cell = next(
        (
            c
            for c in reversed(cells[:unit_i])
            if not _SERIAL.match(text[c[0] : c[1]]) and regex.search(r"\p{Han}", text[c[0] : c[1]])
        ),
        None,
    )
    if indicator_cell is None:
        return None
    values = [(c, _VALUE_CELL.match(text[c[0] : c[1]])) for c in cells[unit_i + 1 :]]
    values = [(c, m) for c, m in values if m is not None]
    if not values:
        return None
    (vs, ve), m = values[-1]
    column = next(i for i, c in enumerate(all_cells) if c[0] == vs)
    year = header[column] if len(header) == len(all_cells) else None
    value = parse_number(m.group("num"))
    if value is None:
        return None
    comparator = _SUF.get(m.group("suf") or "") or _PRE.get(m.group("pre") or "") or "="
    us, ue = cells[unit_i]
    unit = text[us:ue].strip("（）()")
    unit = "%" if unit == "％" else unit
    if _RATE_UNIT.match(unit):
        unit = unit[unit.index("/") :]  # 1/10万 -> /10万, as the sentence rules write it
    return Target(
        text=text[indicator_cell[0] : ve],
        span=(indicator_cell[0], ve),
        indicator=text[indicator_cell[0] : indicator_cell[1]],
        comparator=comparator,
        value=value,
        value_max=None,
        unit=unit,
        year=year,
    )
