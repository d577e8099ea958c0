"""jieba's HMM for unknown words (``jieba.finalseg.cut``) over many runs at once.

jieba hands every run of characters its dictionary cannot join to a 4-state
(B/M/E/S) Viterbi decoder written as Python loops over dicts; over a corpus
that is tens of thousands of runs.  Here all runs advance together, one numpy
step per character position.  The arithmetic and tie-breaking are jieba's:
``(V[t-1][y0] + trans[y0][y]) + emit[y][char]``, ties going to the larger
state letter as its tuple ``max`` does, and the final state is E or S.  The
words are ``tuple(finalseg.cut(run))``'s; ``tests/structure/test_hmm_batch.py``
compares them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

_STATES = "BMES"
_FIRST_HAN, _END_HAN = 0x4E00, 0x9FD6  # finalseg's Han range [\u4E00-\u9FD5]
#: finalseg's ``re_han`` and ``re_skip`` (copied so that decoding needs no jieba import,
#: which costs a worker ~0.1-0.3 s; a test checks they are still jieba's)
HAN = re.compile("([\u4e00-\u9fd5]+)")
SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


def forced_split_words() -> set[str] | frozenset[str]:
    """jieba's global set of words its HMM must split (grown by ``add_word(w, freq=0)``).

    Only jieba itself can add to it, so while jieba is not imported it is empty.
    """
    finalseg = sys.modules.get("jieba.finalseg")
    return finalseg.Force_Split_Words if finalseg is not None else frozenset()


@dataclass(frozen=True)
class BatchHMM:
    """finalseg's model as arrays: start, transition and per-character emission log-probs."""

    start: np.ndarray  # (4,)
    prev: tuple[tuple[int, int], ...]  # per state, its two possible previous states
    trans: np.ndarray  # (4, 4): trans[y0, y]
    emit: np.ndarray  # (4, n Han characters)

    @classmethod
    def from_jieba(cls) -> BatchHMM:
        from jieba import finalseg

        low = finalseg.MIN_FLOAT
        emit = np.full((4, _END_HAN - _FIRST_HAN), low)
        for s, state in enumerate(_STATES):
            for char, p in finalseg.emit_P[state].items():
                if _FIRST_HAN <= ord(char) < _END_HAN:
                    emit[s, ord(char) - _FIRST_HAN] = p
        trans = np.array([[finalseg.trans_P[a].get(b, low) for b in _STATES] for a in _STATES])
        prev = tuple(
            (_STATES.index(finalseg.PrevStatus[y][0]), _STATES.index(finalseg.PrevStatus[y][1]))
            for y in _STATES
        )
        start = np.array([finalseg.start_P[s] for s in _STATES])
        return cls(start=start, prev=prev, trans=trans, emit=emit)

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {
            "start": self.start,
            "prev": np.array(self.prev),
            "trans": self.trans,
            "emit": self.emit,
        }

    @classmethod
    def from_arrays(cls, arrays: Any) -> BatchHMM:
        prev = tuple((int(a), int(b)) for a, b in arrays["prev"].tolist())
        return cls(arrays["start"], prev, arrays["trans"], arrays["emit"])

    def tags(self, blocks: Sequence[str]) -> list[str]:
        """The Viterbi state sequence (as a string of B/M/E/S) of each Han block."""
        if not blocks:
            return []
        n = np.array([len(b) for b in blocks])
        width = int(n.max())
        obs = np.zeros((len(blocks), width), dtype=np.int64)
        for i, block in enumerate(blocks):
            obs[i, : len(block)] = [ord(c) - _FIRST_HAN for c in block]
        em = self.emit[:, obs]  # (4, n blocks, width)
        v = self.start[None, :] + em[:, :, 0].T
        back = np.zeros((len(blocks), width, 4), dtype=np.int8)
        for t in range(1, width):
            active = n > t
            new = np.empty_like(v)
            for y, (a, b) in enumerate(self.prev):
                from_a = (v[:, a] + self.trans[a, y]) + em[y, :, t]
                from_b = (v[:, b] + self.trans[b, y]) + em[y, :, t]
                # max over (prob, state) tuples: on a tie the larger state letter wins
                take_b = (from_b > from_a) | ((from_b == from_a) & (_STATES[b] > _STATES[a]))
                new[:, y] = np.where(take_b, from_b, from_a)
                back[:, t, y] = np.where(take_b, b, a)
            v = np.where(active[:, None], new, v)
        e, s = _STATES.index("E"), _STATES.index("S")
        cur = np.where(v[:, s] >= v[:, e], s, e)  # max((V[E], 'E'), (V[S], 'S'))
        path = np.zeros((len(blocks), width), dtype=np.int8)
        rows = np.arange(len(blocks))
        for t in range(width - 1, -1, -1):
            act = rows[n > t]
            path[act, t] = cur[act]
            if t:
                cur[act] = back[act, t, cur[act]]
        letters = np.frombuffer(_STATES.encode(), dtype=np.uint8)[path]
        return [row[:k].tobytes().decode() for row, k in zip(letters, n.tolist(), strict=True)]

    def cut_many(self, runs: Sequence[str]) -> list[tuple[str, ...]]:
        """``tuple(finalseg.cut(run))`` of each run."""
        pieces = [[p for p in HAN.split(run) if p] for run in runs]
        blocks = [p for ps in pieces for p in ps if HAN.fullmatch(p)]
        tags = iter(self.tags(blocks))
        forced = forced_split_words()
        out: list[tuple[str, ...]] = []
        for ps in pieces:
            words: list[str] = []
            for piece in ps:
                if HAN.fullmatch(piece):
                    for word in _words_of(piece, next(tags)):
                        if word in forced:
                            words.extend(word)
                        else:
                            words.append(word)
                else:
                    words.extend(x for x in SKIP.split(piece) if x)
            out.append(tuple(words))
        return out


def _words_of(sentence: str, tags: str) -> list[str]:
    """finalseg's ``__cut``: words from B/M/E/S tags (B opens, E closes, S stands alone)."""
    words: list[str] = []
    begin = nexti = 0
    for i, tag in enumerate(tags):
        if tag == "B":
            begin = i
        elif tag == "E":
            words.append(sentence[begin : i + 1])
            nexti = i + 1
        elif tag == "S":
            words.append(sentence[i])
            nexti = i + 1
    if nexti < len(sentence):
        words.append(sentence[nexti:])
    return words
