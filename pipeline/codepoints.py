"""A text as a numpy array of code points, for whole-text character tests in C.

Shared by ingest (script detection, width folding, region names), structure (heading
starts, the batch segmenter) and the classifier's features.

Asking "does this text hold any character of a set" or "where do these two-character
prefixes occur" with a regex or a Python loop costs a pass over every character in
the interpreter or the regex engine; a lookup table indexed by code point answers it
for a whole document at once.
"""

from __future__ import annotations

import numpy as np

CODE_SPACE = 0x110000  # every Unicode code point


def code_points(text: str) -> np.ndarray:
    """One uint32 per character; lone surrogates keep their own code point."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def wide_code_points(text: str) -> np.ndarray:
    """:func:`code_points` as int64, ready for arithmetic (keys, offsets) without overflow."""
    return code_points(text).astype(np.int64)


def char_table(chars: str | set[str] | frozenset[str], dtype: type = np.bool_) -> np.ndarray:
    """A table over all code points, set (True / 1) at ``chars``."""
    table = np.zeros(CODE_SPACE, dtype=dtype)
    table[np.fromiter(map(ord, chars), dtype=np.int64, count=len(chars))] = 1
    return table
