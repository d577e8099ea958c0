"""Numbers as Chinese plans write them: 95, 1.5, 三, 十二, 一百二十, 两千, 3万, 百分之九十.

Shared by the deadline and target extractors so that a numeral is read the
same way everywhere.
"""

from __future__ import annotations

from decimal import Decimal

import regex

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
          "陆": 6, "柒": 7, "捌": 8, "玖": 9}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}

CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)
#: A run of Chinese numeral characters (does not decide whether it *is* a number).
CN_NUMERAL = rf"[{CN_NUMERAL_CHARS}]+"
#: Arabic number with optional thousands separators and decimals.
ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
#: Either form; use :func:`parse_number` on the match.
NUMBER = rf"(?:{ARABIC_NUMBER}|{CN_NUMERAL})"
# (perf) compiled once: parse_number runs for every candidate value
_ARABIC_NUMBER = regex.compile(ARABIC_NUMBER)
_STARTS_WITH_DIGIT = regex.compile(r"^\d")


def parse_chinese_numeral(s: str) -> int | None:
    """Value of a Chinese numeral (一百二十 -> 120, 二〇二五 -> 2025), or None.

    Digit-by-digit forms without units (二〇二五, 一九) are read positionally,
    which is how years are written.
    """
    if not s or any(ch not in CN_NUMERAL_CHARS for ch in s):
        return None
    if all(ch in DIGITS for ch in s):
        if len(s) == 1:
            return DIGITS[s]
        return int("".join(str(DIGITS[ch]) for ch in s))
    total = 0  # completed 万/亿 sections
    section = 0  # value below the current large unit
    digit: int | None = None
    for ch in s:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0:
                return None  # two digits without a unit between them: 一二十
            digit = DIGITS[ch] if DIGITS[ch] != 0 else None
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:  # large unit
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                section = 1  # a bare 万 or 亿 means one of it
            total = (
                (total + section) * LARGE_UNITS[ch]
                if ch == "亿"
                else total + section * LARGE_UNITS[ch]
            )
            section = 0
    return total + section + (digit or 0)


def parse_number(s: str) -> float | None:
    """Value of an Arabic or Chinese number, with a trailing 万/亿 multiplier allowed.

    >>> parse_number("1,000"), parse_number("3万"), parse_number("百分之九十")
    (1000.0, 30000.0, 90.0)
    """
    s = s.strip()
    if not s:
        return None
    if s.startswith("百分之"):
        return parse_number(s[3:])
    mult = 1
    while s and s[-1] in LARGE_UNITS and _STARTS_WITH_DIGIT.match(s):
        mult *= LARGE_UNITS[s[-1]]
        s = s[:-1]
    if _ARABIC_NUMBER.fullmatch(s):
        return float(s.replace(",", "")) * mult
    value = parse_chinese_numeral(s)
    return None if value is None else float(value) * mult


def render_chinese_numeral(n: int) -> str:
    """Inverse of :func:`parse_chinese_numeral` for 0 <= n < 10**12 (used by property tests)."""
    if n < 0:
        raise ValueError("negative numbers have no numeral form here")
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"

    def below_10k(x: int) -> str:
        out = []
        zero = False
        for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit_value
            x %= unit_value
            if d:
                if zero and out:
                    out.append("零")
                out.append(digits[d] + unit)
                zero = False
            else:
                zero = True
        return "".join(out)

    parts = []
    for unit_value, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // unit_value
        n %= unit_value
        if chunk:
            text = below_10k(chunk)
            if parts and chunk < 1000:
                text = "零" + text
            parts.append(text + unit)
    return "".join(parts)


#: a:b with ASCII, full-width or ratio colons (床护比1:0.6, 护床比0.4∶1).
RATIO = rf"{ARABIC_NUMBER}\s*[:：∶]\s*{ARABIC_NUMBER}"


_RATIO_PARTS = regex.compile(rf"\s*({ARABIC_NUMBER})\s*[:：∶]\s*({ARABIC_NUMBER})\s*")


def parse_ratio(s: str) -> tuple[float, float] | None:
    """Both sides of a written ratio: "1:0.6" -> (1.0, 0.6); None when it is not one."""
    m = _RATIO_PARTS.fullmatch(s or "")
    if m is None:
        return None
    a, b = parse_number(m.group(1)), parse_number(m.group(2))
    return None if a is None or b is None else (a, b)


def render_ratio(a: float, b: float) -> str:
    """Inverse of :func:`parse_ratio` (used by property tests): (1, 0.6) -> "1:0.6"."""
    return f"{_plain(a)}:{_plain(b)}"


def _plain(x: float) -> str:
    """Shortest exact decimal without exponent: 1.0 -> "1", 1e-05 -> "0.00001"."""
    text = format(Decimal(repr(float(x))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
