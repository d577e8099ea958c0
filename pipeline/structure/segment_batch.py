"""jieba's accurate mode (HMM on) for many texts at once, with the per-character work in numpy.

Segmenting task texts was most of the classifier's cost, and ``jieba`` spends it in
a Python loop per character: look up every prefix starting there in its
dictionary (the DAG), then a dynamic programme over the positions (the route).
Both are regular enough to run over a whole batch of texts at once:

* **DAG**: the prefix dictionary becomes a trie of integer node ids
  (:mod:`pipeline.structure.prefix_trie`), so one look-up per word length finds
  every dictionary word starting at every position.
* **route**: jieba's programme runs from the end of each Han block backwards.
  Positions the same distance from their block's end do not depend on each
  other, so they are solved together, one step per distance, over all blocks.
  The arithmetic is jieba's own, float for float: ``(log f - log total) +
  route[next]``, ties going to the longer word as jieba's tuple ``max`` does.

What stays in Python is what is rare or needs strings: runs of single
characters that jieba hands to its HMM (decoded in a batch by
:mod:`pipeline.structure.hmm_batch`, memoised) and building the word strings.  The words are exactly ``Tokenizer.lcut(text, HMM=True)``'s;
``tests/structure/test_segment_batch.py`` compares them on real and generated text.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import math
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import regex

from pipeline.codepoints import wide_code_points
from pipeline.structure import hmm_batch, prefix_trie
from pipeline.structure.hmm_batch import BatchHMM, forced_split_words
from pipeline.structure.prefix_trie import CP_BITS, PrefixTrie

if TYPE_CHECKING:
    import jieba

#: Beyond every code point: marks "outside a Han block" so a trie walk stops there.
_OUTSIDE = (1 << CP_BITS) - 1
_CRLF = re.compile("\r\n")
#: jieba's ``re_han_default`` (copied so that segmenting needs no jieba import, which
#: costs a worker ~0.1-0.3 s; a test checks it is still jieba's)
RE_HAN_DEFAULT = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
#: A token is kept as a word when it holds a letter, digit or CJK character.
WORDLIKE = regex.compile(r"[\p{L}\p{N}]")


def _han_block_table() -> np.ndarray:
    """Per code point: is it a character of ``RE_HAN_DEFAULT``'s class?"""
    table = np.zeros(0x110000, dtype=bool)
    table[0x4E00:0x9FD6] = True
    table[
        [ord(c) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-"]
    ] = True
    return table


_HAN_BLOCK_CHAR = _han_block_table()


def _han_blocks(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[start, end) of the maximal runs of ``RE_HAN_DEFAULT``'s characters: its matches.

    (perf) One table look-up per character instead of a match object per block.
    """
    inside = np.zeros(len(codes) + 2, dtype=np.int8)
    inside[1:-1] = _HAN_BLOCK_CHAR[codes]
    edges = np.diff(inside)
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def _han_positions(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every position inside the blocks [starts, ends), and its block's end."""
    lengths = ends - starts
    total = int(lengths.sum())
    first_of_block = np.repeat(np.cumsum(lengths) - lengths, lengths)
    pos = np.repeat(starts, lengths) + (np.arange(total) - first_of_block)
    return pos, np.repeat(ends, lengths)


def _edges(trie: PrefixTrie, cp: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """log-probability of the word of each length starting at each position (-inf: none).

    Column ``k`` is the word of length ``k + 1``.  A position where no dictionary
    word starts gets its single character at ``0 - log total``, as jieba's DAG does
    (``log(FREQ.get(char) or 1)``).
    """
    n_pos = len(pos)
    lp = np.full((n_pos, trie.max_len), -np.inf)
    has_word = np.zeros(n_pos, dtype=bool)
    longest = 1
    rows = np.arange(n_pos)
    node = np.full(n_pos, -1, dtype=np.int64)
    for length in range(1, trie.max_len + 1):
        node = trie.child(length, node, cp[pos + (length - 1)])
        alive = node >= 0
        if not alive.any():
            break
        rows, pos, node = rows[alive], pos[alive], node[alive]
        word_lp = trie.logp[node]
        is_word = ~np.isnan(word_lp)
        if is_word.any():
            lp[rows[is_word], length - 1] = word_lp[is_word]
            has_word[rows[is_word]] = True
            longest = length
    lp[~has_word, 0] = math.log(1) - trie.logtotal
    # (perf) only as many columns as the longest word found: the route's work is per column
    return lp[:, :longest]


def _route(
    lp: np.ndarray, pos: np.ndarray, block_first: np.ndarray, block_len: np.ndarray, n: int
) -> np.ndarray:
    """Length of the best word starting at each position (jieba's ``route[idx][1] + 1 - idx``).

    Positions are solved in order of their distance to their block's end, all
    blocks together; ``best[p]`` at a block's end is 0, as jieba's ``route[N]``.
    """
    max_len = lp.shape[1]
    best = np.zeros(n + max_len + 1)
    if not len(block_len):
        return np.ones(len(pos), dtype=np.int64)
    # Blocks longest first: at distance d the blocks still reaching back are a prefix of
    # them. (perf) All steps' rows are laid out step after step once, so each step works
    # on slices instead of gathering its rows again.
    by_len = np.argsort(-block_len, kind="stable")
    last = (block_first + block_len)[by_len]  # one past each block's last position
    lens = block_len[by_len]
    distances = np.arange(1, int(lens[0]) + 1)
    alive = np.searchsorted(-lens, -distances, side="right")  # blocks at least d long
    bounds = np.concatenate([[0], np.cumsum(alive)])
    step_of = np.repeat(distances, alive)
    rows = last[np.arange(len(step_of)) - np.repeat(bounds[:-1], alive)] - step_of
    lp_rows = lp[rows]
    p_rows = pos[rows]
    length_rows = np.ones(len(rows), dtype=np.int64)
    reach = np.arange(1, max_len + 1)
    # (perf) the last steps only concern a few long blocks: a numpy step costs ~40 us
    # whatever its size, so positions there are solved in plain Python
    few = int(np.searchsorted(-alive, -_FEW_ROWS))  # first step with at most _FEW_ROWS rows
    for a, b in itertools.pairwise(bounds[: few + 1].tolist()):
        p = p_rows[a:b]
        cand = lp_rows[a:b] + best[p[:, None] + reach]  # (log f - log total) + route[next]
        # the last maximum: on a tie jieba's (prob, end) tuple max takes the longer word
        k = max_len - 1 - np.argmax(cand[:, ::-1], axis=1)
        best[p] = cand[np.arange(b - a), k]
        length_rows[a:b] = k + 1
    start = int(bounds[few])
    if start < len(rows):
        length_rows[start:] = _route_tail(
            p_rows[start:].tolist(), lp_rows[start:].tolist(), best.tolist()
        )
    length = np.ones(len(pos), dtype=np.int64)
    length[rows] = length_rows
    return length


#: Route steps with at most this many positions are solved in Python.
_FEW_ROWS = 8


def _route_tail(positions: list[int], lps: list[list[float]], best: list[float]) -> list[int]:
    """:func:`_route`'s programme for the remaining positions (in the order of its steps),
    with the same arithmetic and tie-break; returns the word length chosen at each."""
    lengths = []
    for p, row in zip(positions, lps, strict=True):
        top: float | None = None
        top_k = 0
        for k, lp in enumerate(row):
            if lp != -math.inf:
                c = lp + best[p + k + 1]  # (log f - log total) + route[next]
                if top is None or c >= top:  # a tie goes to the longer word
                    top, top_k = c, k
        best[p] = top  # type: ignore[assignment]
        lengths.append(top_k + 1)
    return lengths


def _word_starts(length: np.ndarray, block_first: np.ndarray, block_len: np.ndarray) -> np.ndarray:
    """Indexes (into the Han positions) where the route's words start, walking every block."""
    starts = np.zeros(len(length), dtype=bool)
    at = block_first.copy()
    left = block_len.copy()
    while len(at):
        starts[at] = True
        step = length[at]
        at, left = at + step, left - step
        keep = left > 0
        at, left = at[keep], left[keep]
    return starts


@dataclass(frozen=True)
class WordSpans:
    """Words of several texts as spans into their NUL-joined text, in order.

    Callers that only need to look words up (the classifier) can do so from the
    code points of ``joined`` without making a string per word.
    """

    joined: str
    rows: np.ndarray  # the text each word belongs to
    starts: np.ndarray  # [start, end) into joined
    ends: np.ndarray
    n_texts: int

    def words(self) -> list[list[str]]:
        """The words of each text as strings."""
        if not self.n_texts:
            return []
        joined = self.joined
        flat = [joined[a:b] for a, b in zip(self.starts.tolist(), self.ends.tolist(), strict=True)]
        cuts = np.searchsorted(self.rows, np.arange(1, self.n_texts)).tolist()
        return [flat[a:b] for a, b in itertools.pairwise([0, *cuts, len(flat)])]


class BatchSegmenter:
    """Segments many texts with a jieba Tokenizer's dictionary, word for word as ``lcut``."""

    def __init__(self, trie: PrefixTrie, hmm: BatchHMM | None = None) -> None:
        self.trie = trie
        self._inner_offsets: dict[str, tuple[int, ...]] = {}  # memo of _learn_runs
        self._n_forced = len(forced_split_words())
        self._hmm = hmm or BatchHMM.from_jieba()
        self._wordlike: dict[str, np.ndarray] = {}  # pattern -> per code point: 1, 0, -1 unknown

    @classmethod
    def from_tokenizer(cls, tokenizer: jieba.Tokenizer) -> BatchSegmenter:
        tokenizer.check_initialized()
        return cls(PrefixTrie.build(tokenizer.FREQ, tokenizer.total))

    def save(self, folder: Path) -> None:
        """Write the arrays as ``.npy`` files into ``folder``, all at once or not at all: they
        go to a temporary folder that is renamed into place (a concurrent build that got
        there first keeps its own)."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=folder.name + ".tmp"))
        try:
            arrays = self.trie.to_arrays()
            arrays.update({f"hmm_{k}": v for k, v in self._hmm.to_arrays().items()})
            for name, array in arrays.items():
                np.save(tmp / f"{name}.npy", array)
            os.rename(tmp, folder)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            if not folder.is_dir():
                raise

    @classmethod
    def load(cls, folder: Path) -> BatchSegmenter:
        """The arrays of :meth:`save`, memory-mapped: (perf) loading costs next to nothing,
        pages are read as look-ups touch them, and forked workers share them."""
        arrays = {path.stem: np.load(path, mmap_mode="r") for path in folder.glob("*.npy")}
        if "first" not in arrays:
            raise FileNotFoundError(f"no segmenter arrays in {folder}")
        hmm = BatchHMM.from_arrays({k[4:]: v for k, v in arrays.items() if k.startswith("hmm_")})
        trie = {k: v for k, v in arrays.items() if not k.startswith("hmm_")}
        return cls(PrefixTrie.from_arrays(trie), hmm)

    def cut_spans(self, text: str) -> np.ndarray:
        """Start offsets of jieba's tokens of ``text`` (with ``len(text)`` appended)."""
        n = len(text)
        # outside Han blocks every character is a token, except "\r\n" (jieba's re_skip)
        token_start = np.ones(n + 1, dtype=bool)
        if "\r\n" in text:
            token_start[[m.start() + 1 for m in _CRLF.finditer(text)]] = False
        codes = wide_code_points(text)
        b_start, b_end = _han_blocks(codes)
        if not len(b_start):
            return np.flatnonzero(token_start)
        pos, block_end = _han_positions(b_start, b_end)
        cp = np.full(n + self.trie.max_len + 1, _OUTSIDE, dtype=np.int64)
        cp[pos] = codes[pos]
        lp = _edges(self.trie, cp, pos)
        block_len = b_end - b_start
        block_first = np.cumsum(block_len) - block_len
        length = _route(lp, pos, block_first, block_len, n)
        is_start = _word_starts(length, block_first, block_len)
        token_start[pos] = is_start
        self._hmm_runs(text, pos, length, is_start, block_end, token_start)
        return np.flatnonzero(token_start)

    def _hmm_runs(
        self,
        text: str,
        pos: np.ndarray,
        length: np.ndarray,
        is_start: np.ndarray,
        block_end: np.ndarray,
        token_start: np.ndarray,
    ) -> None:
        """Runs of two or more one-character words that are not a dictionary word go to
        jieba's HMM, whose words replace the characters (``Tokenizer.__cut_DAG``)."""
        starts = np.flatnonzero(is_start)
        single = length[starts] == 1
        if not single.any():
            return
        # a run continues while the next word is one character long and in the same block
        same_block = np.r_[False, block_end[starts][1:] == block_end[starts][:-1]]
        cont = single & np.r_[False, single[:-1]] & same_block
        run_first = np.flatnonzero(single & ~cont)
        run_last = np.flatnonzero(single & ~np.r_[cont[1:], False])
        multi = run_last > run_first
        s_pos = pos[starts]
        firsts = s_pos[run_first[multi]].tolist()
        lasts = s_pos[run_last[multi]].tolist()
        inner = self._inner_offsets
        n_forced = len(forced_split_words())
        if n_forced != self._n_forced or len(inner) > 200_000:
            inner.clear()  # jieba's force-split words changed, or the memo grew too big
            self._n_forced = n_forced
        bufs = [text[a : last + 1] for a, last in zip(firsts, lasts, strict=True)]
        self._learn_runs([b for b in dict.fromkeys(bufs) if b not in inner])
        not_starts: list[int] = []
        for a, buf in zip(firsts, bufs, strict=True):
            not_starts.extend(a + o for o in inner[buf])
        token_start[not_starts] = False

    def _learn_runs(self, bufs: list[str]) -> None:
        """Remember, per run, the offsets inside it where a character is no longer a token
        of its own: none when the run is a dictionary word (jieba then yields its
        characters), else those inside the words of jieba's HMM (all runs decoded at once)."""
        unknown = [b for b, known in zip(bufs, self.trie.has_count(bufs), strict=True) if not known]
        for buf in bufs:
            self._inner_offsets[buf] = ()
        for buf, words in zip(unknown, self._hmm.cut_many(unknown), strict=True):
            ends = set(itertools.accumulate(len(w) for w in words))
            self._inner_offsets[buf] = tuple(o for o in range(1, len(buf)) if o not in ends)

    def word_bounds(self, text: str, wordlike: re.Pattern[str] | regex.Pattern[str]) -> np.ndarray:
        """(start, end) rows of the tokens of ``text`` holding a character ``wordlike`` matches.

        (perf) Which characters match is worked out once per distinct character
        and remembered, so dropping punctuation and spaces costs no call per token.
        """
        edges = self.cut_spans(text)
        if len(edges) < 2:
            return np.zeros((0, 2), dtype=np.int64)
        cp = wide_code_points(text)
        known = self._wordlike.get(wordlike.pattern)
        if known is None:
            known = self._wordlike[wordlike.pattern] = np.full(0x110000, -1, dtype=np.int8)
        new = np.unique(cp[known[cp] < 0])  # characters never seen before
        known[new] = [wordlike.search(chr(c)) is not None for c in new.tolist()]
        hits = (known[cp] == 1).astype(np.int64)
        starts = edges[:-1]
        has_word_char = np.add.reduceat(hits, starts) > 0
        return np.column_stack([starts, edges[1:]])[has_word_char]

    def word_spans(self, texts: list[str]) -> WordSpans:
        """The word-like tokens of all texts (``segment.tokenize``'s words), as spans.

        The texts are cut at once, joined by a NUL character, which jieba always
        makes a token of its own (and which is not word-like).
        """
        joined = "\x00".join(texts)
        bounds = self.word_bounds(joined, WORDLIKE)
        # the tokens of each text end before the NUL that follows it
        ends = np.fromiter(itertools.accumulate(len(t) + 1 for t in texts), np.int64, len(texts))
        rows = np.searchsorted(ends, bounds[:, 0], side="right")
        return WordSpans(joined, rows, bounds[:, 0].copy(), bounds[:, 1].copy(), len(texts))

    def words_of_many(self, texts: list[str]) -> list[list[str]]:
        """The word-like tokens of each text (``segment.tokenize``), all texts cut at once."""
        return self.word_spans(texts).words()

    def cut(self, text: str) -> list[str]:
        """The tokens of ``text``, as ``Tokenizer.lcut(text, HMM=True)``."""
        edges = self.cut_spans(text).tolist()
        return [text[a:b] for a, b in itertools.pairwise(edges)]


#: Bump when the arrays a BatchSegmenter saves change meaning (the cache key also hashes
#: the source of the modules that build them, so this is a belt to those braces).
SEGMENTER_FORMAT = 3
_CACHED_BY = (sys.modules[__name__], prefix_trie, hmm_batch)


def load_segmenter(userdict: Path | None = None, cache_dir: Path | None = None) -> BatchSegmenter:
    """The batch segmenter of ``segment.load_tokenizer``'s dictionary, from a file cache.

    Building it needs jieba's prefix dictionary as a Python dict (~0.2 s to load)
    and then ~0.2 s of numpy; every build worker needs it, so the arrays are kept
    beside jieba's own cache, under a name that hashes everything they derive from:
    jieba's version and dictionary file, the user dictionary, this format and the
    source of the modules that make them.  An
    unreadable cache file is rebuilt; a failed write only costs time.  Loading it
    does not import jieba.
    """
    from pipeline.structure.segment_dict import USERDICT, jieba_dictionary

    userdict = userdict or USERDICT
    version, dictionary = jieba_dictionary()
    digest = hashlib.sha256(f"{version}|{SEGMENTER_FORMAT}|".encode())
    digest.update(dictionary.read_bytes())
    digest.update(userdict.read_bytes() if userdict.is_file() else b"")
    # the code that builds and reads the arrays: a change there never meets an old cache
    for module in _CACHED_BY:
        digest.update(Path(module.__file__ or "").read_bytes())
    folder = (
        cache_dir or Path(tempfile.gettempdir())
    ) / f"planminer-segmenter-{digest.hexdigest()[:20]}"
    try:
        return BatchSegmenter.load(folder)
    except (OSError, ValueError, KeyError, EOFError):
        pass
    from pipeline.structure.segment import load_tokenizer

    segmenter = BatchSegmenter.from_tokenizer(load_tokenizer(userdict))
    with contextlib.suppress(OSError):
        if folder.exists():  # unreadable: move it aside, then take its place
            broken = folder.with_name(f"{folder.name}.broken{os.getpid()}")
            os.rename(folder, broken)
            shutil.rmtree(broken, ignore_errors=True)
        segmenter.save(folder)
    return segmenter
