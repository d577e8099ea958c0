"""Normalise text without changing what it says.

Each step is a small function returning the new text and a count, run in an
order that matters:

1. line breaks and invisible characters (so every later regex sees ``\\n``);
2. width folding of full-width ASCII letters, digits and U+3000 (and of the
   Kangxi-radical look-alikes PDF producers emit, ⼀ -> 一) only: Chinese
   punctuation （）：，；。、“”《》〔〕 carries meaning (〔2018〕 in a 发文字号) and
   is kept exactly; NFKC would turn it into ASCII;
3. converter artefacts such as ``[bookmark: _GoBack]``;
4. mojibake around pinyin annotations (``?,F(xiàn)``), then
5. the pinyin annotations themselves (``務(wù)`` -> ``務``) — before script
   conversion, because OpenCC would otherwise see the Latin noise;
6. question marks that stand for characters the source had already lost
   become U+FFFD, so they are countable and never mistaken for a question;
7. traditional -> simplified, only when the text is traditional.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import regex

from pipeline.codepoints import CODE_SPACE, code_points
from pipeline.ingest.pinyin import PINYIN_CHARS, has_tone_mark, is_pinyin_syllable
from pipeline.ingest.script import to_simplified

LOST = "\ufffd"

_CJK = r"\p{Han}"
_HAN = regex.compile(_CJK)
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_LINE_SEPARATOR_CHARS = "\r\u2028\u2029\x0b\x0c\x85"
_LINE_SEPARATORS = regex.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_FULLWIDTH_ALNUM = regex.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# Kangxi radicals (⼀ U+2F00) and CJK compatibility ideographs look identical to the
# ordinary characters; PDF producers emit them, and they defeat every search.
_LOOKALIKE_IDEOGRAPHS = regex.compile(r"[\u2f00-\u2fd5\uf900-\ufaff]")
_FULLWIDTH_DECIMAL_POINT = regex.compile(r"(?<=\d)．(?=\d)")
_ARTEFACTS = regex.compile(
    r"\[(?:bookmark|BOOKMARK):\s*[^\]\n]{0,60}\]"  # pandoc/textract docx bookmarks
    r"|\[(?:image|IMAGE|pic):\s*[^\]\n]{0,200}\]"  # placeholders for pictures
)
_ANNOTATION = regex.compile(rf"[(（]([{PINYIN_CHARS}]{{1,7}})[)）]")
# An annotation whose character was destroyed: a lost '?' and/or one or two
# ASCII bytes of a broken double-byte character stand where the character was.
# The character before them may itself be debris of the same breakage (ㄔO(shè),
# ⑨t(yī)), so any non-ASCII character qualifies; the tone-marked syllable decides.
_MOJIBAKE_BEFORE_ANNOTATION = regex.compile(
    rf"(?<=[?{LOST}]|{_CJK}|[^\x00-\x7f\s])[!-'*-~]{{1,2}}[(（]([{PINYIN_CHARS}]{{1,7}})[)）]"
)
# An annotation whose opening parenthesis was lost to '?': 內?nèi) -> 內
# (a stray Latin byte of the next broken character may follow it).
_ANNOTATION_LOST_PAREN = regex.compile(rf"\?([{PINYIN_CHARS}]{{1,7}})\)(?:[A-Za-z](?={_CJK}))?")
_QUESTION_CUES = regex.compile(
    r"[吗呢么嘛何谁哪几怎岂嗎麼誰幾]|什么|什麼|多少|是否|难道|難道|如何|为何|為何"
)
_SENTENCE_BREAK = regex.compile(r"[。！？!?；;，,\n]")


@dataclass
class NormalizedText:
    text: str
    converted_from_traditional: bool = False
    lost_chars: int = 0
    pinyin_removed: int = 0
    mojibake_removed: int = 0
    warnings: list[str] = field(default_factory=list)


def normalize_text(text: str, t2s: Callable[[str], str] | None = None) -> NormalizedText:
    """Run every normalisation step; ``t2s`` converts traditional to simplified (OpenCC)."""
    text = normalize_newlines(text)
    text = fold_widths(text)
    text, _ = remove_artefacts(text)
    text, mojibake = remove_mojibake(text)
    text, pinyin = remove_pinyin_annotations(text)
    text, _ = mark_lost_characters(text)
    text, converted = to_simplified(text, t2s)
    result = NormalizedText(
        text=text,
        converted_from_traditional=converted,
        lost_chars=text.count(LOST),
        pinyin_removed=pinyin,
        mojibake_removed=mojibake,
    )
    result.warnings = _warnings(result)
    return result


def normalize_newlines(text: str) -> str:
    """CRLF/CR and Unicode separators -> ``\\n``; drop zero-width characters and soft hyphens."""
    # (perf) Most texts hold none of these characters: a few str searches are much
    # cheaper than a regex scan of the whole text.
    if _contains_any(text, _LINE_SEPARATOR_CHARS):
        text = _LINE_SEPARATORS.sub("\n", text)
    if _contains_any(text, _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    return text.replace("\u00a0", " ")


def _contains_any(text: str, chars: str) -> bool:
    return any(c in text for c in chars)


def fold_widths(text: str) -> str:
    """Full-width letters/digits -> ASCII, U+3000 -> space, look-alike radicals -> characters.

    Chinese punctuation is untouched.
    """
    # (perf) One table look-up over the text's code points tells which passes have work.
    present = int(np.bitwise_or.reduce(_fold_flags()[code_points(text)])) if text else 0
    if present & _FOLD_FULLWIDTH:
        text = _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    text = text.replace("\u3000", " ")
    if present & _FOLD_LOOKALIKE:  # the passes before neither make nor remove these
        text = _LOOKALIKE_IDEOGRAPHS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    if "．" in text:
        text = _FULLWIDTH_DECIMAL_POINT.sub(".", text)
    return text


_FOLD_FULLWIDTH, _FOLD_LOOKALIKE = 1, 2


@functools.cache
def _fold_flags() -> np.ndarray:
    """Per code point: _FOLD_FULLWIDTH for _FULLWIDTH_ALNUM's class, _FOLD_LOOKALIKE for
    _LOOKALIKE_IDEOGRAPHS'."""
    flags = np.zeros(CODE_SPACE, dtype=np.uint8)
    for first, last in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        flags[first : last + 1] |= _FOLD_FULLWIDTH
    for first, last in ((0x2F00, 0x2FD5), (0xF900, 0xFAFF)):
        flags[first : last + 1] |= _FOLD_LOOKALIKE
    return flags


def remove_artefacts(text: str) -> tuple[str, int]:
    """Drop converter placeholders such as ``[bookmark: _GoBack]``."""
    return _ARTEFACTS.subn("", text)


def _is_annotation(inner: str, after_han: bool) -> bool:
    if not is_pinyin_syllable(inner):
        return False
    return has_tone_mark(inner) or after_han


def remove_mojibake(text: str) -> tuple[str, int]:
    """Repair broken characters around pinyin annotations; returns (text, fragments repaired).

    ``安全?,F(xiàn)將``: ``,F`` are the two bytes of 現 read as ASCII, so the pair
    plus its annotation becomes one U+FFFD (the '?' is handled as a lost
    character later).  ``本地?zé)o線``: the annotation lost its '(' to '?' and
    its character is gone; the fragment becomes one U+FFFD.
    """
    count = 0

    def replace_broken(match: regex.Match[str]) -> str:
        nonlocal count
        if not (has_tone_mark(match.group(1)) and is_pinyin_syllable(match.group(1))):
            return match.group()
        count += 1
        return LOST

    # (perf) Every match ends in an annotation; a text without one is left as it is.
    if _ANNOTATION.search(text) is not None:
        text = _MOJIBAKE_BEFORE_ANNOTATION.sub(replace_broken, text)

    def drop_lost_paren(match: regex.Match[str]) -> str:
        nonlocal count
        if has_tone_mark(match.group(1)) and is_pinyin_syllable(match.group(1)):
            count += 1
            return LOST
        return match.group()

    text = _ANNOTATION_LOST_PAREN.sub(drop_lost_paren, text)
    return text, count


def remove_pinyin_annotations(text: str) -> tuple[str, int]:
    """``務(wù)`` -> ``務``; real parentheticals such as ``（市卫健委牵头）`` or ``(iPAD)`` stay."""
    count = 0

    def replace(match: regex.Match[str]) -> str:
        nonlocal count
        start = match.start()
        after_han = start > 0 and _HAN.match(text[start - 1]) is not None
        if after_han and _is_annotation(match.group(1), after_han):
            count += 1
            return ""
        return match.group()

    return _ANNOTATION.sub(replace, text), count


def mark_lost_characters(text: str) -> tuple[str, int]:
    """Runs of '?' that touch Chinese text and do not end a question -> U+FFFD each.

    ``临床重点??个以上`` lost two characters; ``群众满意吗?`` asks a question;
    ``What??`` is not Chinese at all and stays.
    """
    count = 0

    def replace(match: regex.Match[str]) -> str:
        nonlocal count
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        touches_han = any(c and (_HAN.match(c) or c == LOST) for c in (before, after))
        if not touches_han or (end - start == 1 and _ends_question(text, start)):
            return match.group()
        count += end - start
        return LOST * (end - start)

    return regex.sub(r"\?+", replace, text), count


def _ends_question(text: str, pos: int) -> bool:
    """A real question mark closes a clause with a question word (吗, 是否, 如何 ...)."""
    after = text[pos + 1 : pos + 2]
    if after and after not in '\n "”’)）' and not _HAN.match(after):
        return False
    start = pos
    while start > 0 and pos - start < 40 and not _SENTENCE_BREAK.match(text[start - 1]):
        start -= 1
    clause = text[start:pos]
    return bool(clause) and clause[-1:] not in "?" + LOST and bool(_QUESTION_CUES.search(clause))


def _warnings(result: NormalizedText) -> list[str]:
    notes = []
    if result.lost_chars:
        notes.append(
            f"{result.lost_chars} characters were already lost in the source (shown as U+FFFD)"
        )
    if result.pinyin_removed:
        notes.append(f"{result.pinyin_removed} pinyin annotations removed")
    if result.mojibake_removed:
        notes.append(f"{result.mojibake_removed} mojibake fragments replaced")
    if result.converted_from_traditional:
        notes.append("converted from traditional to simplified script")
    return notes
