"""Recognise Hanyu Pinyin syllables, so that annotations like 務(wù) can be told from real text.

Some aggregator sites insert the reading of every "difficult" character in
parentheses; the annotation is pinyin with tone marks.  A real parenthetical
in a plan (（2019-2021年）, （市卫健委牵头）, (iPAD)) is never a single pinyin
syllable, so the test is: one syllable, lowercase, and either tone-marked or
(when it directly follows a Chinese character) a valid toneless syllable.
"""

from __future__ import annotations

import functools
import unicodedata

import regex

TONE_MARKED_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"

# Syllable grammar: optional initial + final.  It over-generates a little
# (e.g. "fian"), which is harmless: the syllable must also sit inside
# parentheses right after a character to be removed.
_INITIALS = "zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]"
_FINALS = (
    "iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|uei|uen|üan|van|"
    "ai|ei|ui|ao|ou|iu|ie|üe|ve|ue|er|an|en|in|un|ün|vn|ia|ua|uo|io|"
    "a|o|e|i|u|ü|v"
)
_SYLLABLE = regex.compile(rf"(?:{_INITIALS})?(?:{_FINALS})r?")

# What may appear inside an annotation: lowercase letters, ü/v and tone-marked vowels.
PINYIN_CHARS = f"a-zü{TONE_MARKED_VOWELS}"


def strip_tones(syllable: str) -> str:
    """ù -> u, ǚ -> ü: drop combining tone marks but keep the diaeresis of ü."""
    decomposed = unicodedata.normalize("NFD", syllable)
    kept = "".join(c for c in decomposed if c not in "\u0304\u0301\u030c\u0300")
    return unicodedata.normalize("NFC", kept)


def has_tone_mark(syllable: str) -> bool:
    return any(c in TONE_MARKED_VOWELS for c in syllable)


@functools.lru_cache(maxsize=4096)
def is_pinyin_syllable(word: str) -> bool:
    """True for one pinyin syllable with or without tone marks (wù, xiàn, lü, er).

    (perf) Cached: annotated pages repeat the same few hundred syllables.
    """
    if not word or len(word) > 7 or not word.islower():
        return False
    base = strip_tones(word)
    if any(c not in "abcdefghijklmnopqrstuvwxyzü" for c in base):
        return False
    marks = sum(1 for c in word if c in TONE_MARKED_VOWELS)
    return marks <= 1 and _SYLLABLE.fullmatch(base) is not None
