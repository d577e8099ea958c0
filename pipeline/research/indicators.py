"""Normalise target indicators so that the same measure lines up across plans.

Plans name one measure many ways (预约率 / 预约诊疗率 / 门诊预约率) and even write ratios in
opposite orders: 护床比 0.4:1 (nurses:beds) is the same commitment as 床护比 1:0.4
(beds:nurses).  The alias table ``pipeline/data/indicators.tsv`` maps names to one measure;
ratios are expressed as "1:x" in the measure's own order (床护比 → x = nurses per bed), and
units are converted with ``pipeline/data/indicator_units.tsv`` (0.25 小时 → 15 分钟).

Everything here is a pure function of its inputs and never raises on arbitrary text.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
INDICATORS_TSV = DATA_DIR / "indicators.tsv"
UNITS_TSV = DATA_DIR / "indicator_units.tsv"

# a:b with decimal numbers; full-width colon included (：), spaces tolerated.
_RATIO = re.compile(r"(\d+(?:\.\d+)?)\s*[:：∶比]\s*(\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Alias:
    alias: str
    indicator: str
    flip: bool
    unit: str
    note: str


@dataclass(frozen=True)
class NormalisedTarget:
    """A target's measure and value in the comparable form."""

    indicator: str | None  # normalised measure name (or the cleaned verbatim name if unknown)
    known: bool  # True when the alias table recognised the measure
    value: float | None
    value_max: float | None
    unit: str | None


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@functools.cache
def load_aliases(path: Path = INDICATORS_TSV) -> tuple[Alias, ...]:
    """The alias table, longest alias first (so the most specific name wins)."""
    rows = [
        Alias(
            r["alias"].strip(),
            r["indicator"].strip(),
            r["flip"].strip() == "1",
            r["unit"].strip(),
            (r.get("note") or "").strip(),
        )
        for r in _read_tsv(path)
        if r.get("alias")
    ]
    return tuple(sorted(rows, key=lambda a: -len(a.alias)))


@functools.cache
def load_units(path: Path = UNITS_TSV) -> dict[str, tuple[str, float]]:
    """unit as written -> (canonical unit, factor to multiply the value by)."""
    return {r["unit"]: (r["canonical"], float(r["factor"])) for r in _read_tsv(path)}


def _clean(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def match_alias(name: str | None) -> Alias | None:
    """The alias entry whose name occurs in ``name`` (longest first), or None."""
    if not name:
        return None
    cleaned = _clean(name)
    for alias in load_aliases():
        if _clean(alias.alias) in cleaned:
            return alias
    return None


def normalise_indicator(name: str | None) -> str | None:
    """The normalised measure for an indicator as written (unknown names come back cleaned).

    >>> normalise_indicator("普通病房实际护床比")
    '床护比'
    """
    alias = match_alias(name)
    if alias:
        return alias.indicator
    return _clean(name) if name else None


def _ratio_value(text: str | None, value: float | None, flip: bool) -> float | None:
    """x in "1:x" of the measure's own order, from the ratio as written when the text has one.

    The extractor stores the side that is not 1 (1:0.6 → 0.6; 0.4:1 → 0.4), which for the
    usual 1:x / x:1 spellings already equals nurses-per-bed for both 床护比 and 护床比; when the
    text has a full a:b (e.g. 护床比 2:5) we compute it exactly instead.
    """
    if text:
        m = _RATIO.search(unicodedata.normalize("NFKC", text))
        if m:
            a, b = float(m.group(1)), float(m.group(2))
            if flip and b:
                return a / b
            if not flip and a:
                return b / a
    return value


def normalise_target(
    indicator: str | None,
    value: float | None,
    value_max: float | None = None,
    unit: str | None = None,
    text: str | None = None,
) -> NormalisedTarget:
    """Normalised indicator, value(s) and unit for one extracted target; never raises."""
    try:
        alias = match_alias(indicator) or (match_alias(text) if not indicator else None)
        name = alias.indicator if alias else (_clean(indicator) if indicator else None)
        if unit == "ratio":
            flip = alias.flip if alias else False
            v = _ratio_value(text, value, flip)
            vmax = value_max  # ranges of ratios are rare; keep as extracted
            return NormalisedTarget(name, alias is not None, v, vmax, "ratio")
        units = load_units()
        canon, factor = units.get(unit or "", (unit, 1.0))
        v = None if value is None else value * factor
        vmax = None if value_max is None else value_max * factor
        return NormalisedTarget(name, alias is not None, v, vmax, canon)
    except Exception:  # arbitrary input must never break a corpus load
        return NormalisedTarget(indicator, False, value, value_max, unit)
