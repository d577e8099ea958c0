"""Decode the bytes of a Chinese text file without guessing blindly.

Chinese government files come in UTF-8 (with or without BOM), UTF-16 (Word's
"Unicode text"), GB2312/GBK/GB18030 (mainland legacy) and Big5 (Taiwan, Hong
Kong, many aggregator copies).  Statistical detectors alone confuse Big5 with
GBK because almost every Big5 byte pair is also a valid GBK pair.  So we

1. trust a byte-order mark,
2. recognise BOM-less UTF-16 by its NUL bytes and by what it decodes to,
3. try *strict* decodings in order of how unforgiving they are (UTF-8 first:
   legacy bytes are almost never valid UTF-8),
4. decide GB vs Big5 by which decoding yields the characters Chinese text is
   actually made of (see :func:`common_char_ratio`),
5. and only then ask charset-normalizer, as a tie-breaker.
"""

from __future__ import annotations

import codecs
import functools
from dataclasses import dataclass

from pipeline.ingest.errors import IngestError

TRIED = "utf-8, gb18030, big5, utf-16"

# A decoding whose ideographs are mostly common characters is the right one;
# a wrong legacy decoding scatters bytes over rare characters.  The margin
# keeps near-ties for charset-normalizer.
_DECISIVE_MARGIN = 0.15


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # codec name as reported to users: utf-8, utf-8-sig, utf-16-le, gbk, big5 ...


def decode_bytes(data: bytes, hint: str | None = None) -> Decoded:
    """Decode ``data``; ``hint`` (e.g. an HTML meta charset) is tried first when it fits.

    Raises :class:`IngestError` when no candidate decodes the bytes.
    """
    found = _by_bom(data) or _by_utf16_heuristic(data, nul_free=False)
    if found is not None:
        return found
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    found = _by_utf16_heuristic(data, nul_free=True)
    if found is None and hint:
        found = _try_hint(data, hint)
    if found is None:
        found = _nearly_utf8(data) or _best_legacy_decoding(data) or _lenient_decoding(data)
    if found is not None:
        return found
    found = _by_charset_normalizer(data) or _mixed_by_line(data)
    if found is not None:
        return found
    raise IngestError(f"encoding could not be determined (tried {TRIED})")


def detect_encoding(data: bytes) -> str:
    """Only the name of the encoding :func:`decode_bytes` would use."""
    return decode_bytes(data).encoding


def _by_bom(data: bytes) -> Decoded | None:
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
    )
    for bom, codec, name in boms:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), name)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"file starts with a {name} byte-order mark but is not valid {name}"
                ) from exc
    return None


def _by_utf16_heuristic(data: bytes, nul_free: bool) -> Decoded | None:
    """BOM-less UTF-16: ASCII characters (digits, newlines) leave NUL bytes on one side.

    Legacy and UTF-8 text never contains NUL bytes, so NULs concentrated on
    even (BE) or odd (LE) positions are decisive.  Text with no ASCII at all
    has no NULs; with ``nul_free`` (asked only after UTF-8 failed) a decoding
    made almost only of common ideographs wins.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    candidates: list[str] = []
    if odd_nuls > 0.1 * half and odd_nuls > 4 * even_nuls:
        candidates.append("utf-16-le")
    elif even_nuls > 0.1 * half and even_nuls > 4 * odd_nuls:
        candidates.append("utf-16-be")
    elif nul_free and even_nuls == odd_nuls == 0:
        candidates = ["utf-16-le", "utf-16-be"]
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if even_nuls or odd_nuls or _looks_like_cjk_text(text):
            return Decoded(text, codec)
    return None


def _looks_like_cjk_text(text: str) -> bool:
    """Pure-CJK UTF-16 without a BOM: accept only if the ideographs are common ones."""
    ideographs = [c for c in text if _is_ideograph(c)]
    if len(ideographs) < 0.8 * len(text):
        return False
    return common_char_ratio(text) >= 0.6


def _try_hint(data: bytes, hint: str) -> Decoded | None:
    name = hint.strip().lower()
    # Web pages say gb2312 but are written by GBK/GB18030 encoders.
    if name in {"gb2312", "gbk", "gb_2312-80", "x-gbk"}:
        name = "gb18030"
    try:
        codecs.lookup(name)
        return Decoded(data.decode(name), _legacy_name(data, name))
    except (LookupError, UnicodeDecodeError):
        return None


def _best_legacy_decoding(data: bytes) -> Decoded | None:
    """Strict GB18030 and Big5 trials; when both decode, the one with common characters wins."""
    trials: list[Decoded] = []
    for codec in ("gb18030", "big5", "cp950", "big5hkscs"):
        try:
            trials.append(Decoded(data.decode(codec), _legacy_name(data, codec)))
        except UnicodeDecodeError:
            continue
        if codec != "gb18030":
            break  # one Big5 variant is enough
    if not trials:
        return None
    if len(trials) == 1:
        return trials[0]
    gb, big5 = trials
    gb_score, big5_score = common_char_ratio(gb.text), common_char_ratio(big5.text)
    if abs(gb_score - big5_score) >= _DECISIVE_MARGIN:
        return gb if gb_score > big5_score else big5
    tie = _by_charset_normalizer(data)
    if tie is not None and tie.encoding in {gb.encoding, big5.encoding}:
        return tie
    return gb if gb_score >= big5_score else big5


# A few damaged bytes (a truncated last character, one bad byte from a copy)
# should not cost the whole file: at most this share of undecodable bytes is
# replaced by U+FFFD, which the normaliser then counts as lost characters.
_MAX_DAMAGED_SHARE = 0.002


def _nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few damaged bytes, checked before GB18030 (which would decode it as garbage)."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    multibyte = sum(1 for c in text if ord(c) > 0x7F) - damaged
    if damaged <= max(1, _MAX_DAMAGED_SHARE * len(data)) and multibyte >= 10 * damaged:
        return Decoded(text, "utf-8")
    return None


def _lenient_decoding(data: bytes) -> Decoded | None:
    """A decoding with only rare undecodable bytes; GB vs Big5 again decided by common characters.

    UTF-8 wins whenever it qualifies: random legacy bytes are almost never
    nearly-valid UTF-8.
    """
    limit = max(1, _MAX_DAMAGED_SHARE * len(data))
    candidates = []
    for codec in ("utf-8", "gb18030", "big5"):
        text = data.decode(codec, errors="replace")
        if text.count("\ufffd") <= limit:
            candidates.append(Decoded(text, codec))
    if not candidates:
        return None
    if candidates[0].encoding == "utf-8":
        return candidates[0]
    best = max(candidates, key=lambda d: common_char_ratio(d.text))
    return best if common_char_ratio(best.text) >= 0.6 else None


def _mixed_by_line(data: bytes) -> Decoded | None:
    """Files pasted together from sources in different encodings: decide line by line.

    A newline byte never occurs inside a GBK/GB18030/Big5/UTF-8 character, so lines are
    safe units.  Accepted only when the result reads as Chinese; the encoding is
    reported as e.g. ``mixed(utf-8+big5)`` so a researcher sees what happened.
    """
    lines, used = [], []
    for raw in data.split(b"\n"):
        decoded = None
        try:
            decoded = Decoded(raw.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            trials = []
            for codec in ("gb18030", "big5"):
                try:
                    trials.append(Decoded(raw.decode(codec), codec))
                except UnicodeDecodeError:
                    continue
            if trials:
                decoded = max(trials, key=lambda d: common_char_ratio(d.text))
        if decoded is None:
            decoded = Decoded(raw.decode("utf-8", errors="replace"), "utf-8")
        lines.append(decoded.text)
        if decoded.encoding not in used:
            used.append(decoded.encoding)
    text = "\n".join(lines)
    if len(used) < 2 or common_char_ratio(text) < 0.6:
        return None
    return Decoded(text, f"mixed({'+'.join(used)})")


def _legacy_name(data: bytes, codec: str) -> str:
    """Report the narrowest standard the bytes satisfy (gb2312 < gbk < gb18030)."""
    if codec == "gb18030":
        for narrow in ("gb2312", "gbk"):
            try:
                data.decode(narrow)
                return narrow
            except UnicodeDecodeError:
                continue
    return codecs.lookup(codec).name.replace("_", "-")


# Only encodings that can hold Chinese text: a file that decodes solely as,
# say, cp1252 is not a Chinese document, and garbage text is worse than an error.
_CHINESE_CAPABLE = frozenset(
    {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb2312", "gbk", "gb18030",
     "big5", "big5hkscs", "cp950", "cp936", "hz"}
)  # fmt: skip


def _by_charset_normalizer(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    try:
        name = codecs.lookup(best.encoding).name
        if name not in _CHINESE_CAPABLE:
            return None
        return Decoded(data.decode(best.encoding), name)
    except (LookupError, UnicodeDecodeError):
        return None


def _is_ideograph(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


@functools.cache
def _common_simplified() -> frozenset[str]:
    """GB2312 level 1: the 3,755 most frequent simplified characters, by design of the standard.

    Derived from the codec itself (rows 0xB0-0xD7), so no word list ships with the code.
    """
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


@functools.cache
def _traditional_to_simplified_chars() -> dict[str, str]:
    from pipeline.ingest.script import char_t2s_table

    return char_t2s_table()


# Punctuation of running Chinese prose; any other non-ASCII symbol counts against a decoding.
_CJK_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉〔〕【】「」『』—…·　％～")


def common_char_ratio(text: str) -> float:
    """Share of non-ASCII characters that are common ideographs or Chinese punctuation.

    Ideographs are folded to simplified script before the look-up.

    A correct decoding of real Chinese prose scores about 0.9; Big5 bytes read
    as GBK (or the reverse) land on arbitrary code points and score far lower.
    Folding traditional characters to simplified first makes the measure fair
    to both scripts.
    """
    common = _common_simplified()
    fold = _traditional_to_simplified_chars()
    total = hits = 0
    for char in text:
        if char.isascii() or char.isspace():
            continue
        total += 1
        if char in _CJK_PUNCTUATION or fold.get(char, char) in common:
            hits += 1
    return hits / total if total else 0.0
