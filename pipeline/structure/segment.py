"""Sentences and words: the segmentation every later stage builds on.

jieba's default dictionary splits the vocabulary of health plans badly
(卫健委 -> 卫健 / 委, 医联体 -> 医 / 联体), which hurts the classifier and
keyword search.  We therefore load a *private* ``jieba.Tokenizer`` with the
domain dictionary ``pipeline/data/userdict.txt`` (agency names and
abbreviations, health-service terms, with high frequencies so they stay whole)
instead of mutating the global ``jieba`` module, which other code may share.
"""

from __future__ import annotations

import functools
import logging
import marshal
import math
import tempfile
import weakref
from pathlib import Path

import jieba
from jieba import finalseg

from pipeline.structure.segment_batch import WORDLIKE, BatchSegmenter
from pipeline.structure.segment_dict import USERDICT

#: Characters that end a sentence in Chinese administrative prose.
SENTENCE_END = "。！？；!?;"
#: Brackets inside which a sentence never ends: （…） (…) 《…》 〈…〉 “…” ‘…’ 【…】.
OPENERS = {"（": "）", "(": ")", "《": "》", "〈": "〉", "“": "”", "‘": "’", "【": "】"}
CLOSERS = {v: k for k, v in OPENERS.items()}

# A token is kept when it holds a letter, digit or CJK character.
_WORDLIKE = WORDLIKE


def load_tokenizer(userdict: Path = USERDICT) -> jieba.Tokenizer:
    """A private jieba Tokenizer with the domain dictionary, initialised eagerly.

    jieba builds its prefix dictionary lazily on the first ``cut``; we force it
    here so the cost is paid once per worker at start-up, not inside the first
    document.  jieba's INFO chatter ("Building prefix dict ...") is silenced.
    """
    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    if not _load_prefix_cache(tokenizer):
        tokenizer.initialize()
    if userdict.is_file():
        tokenizer.load_userdict(str(userdict))
    return tokenizer


def _load_prefix_cache(tokenizer: jieba.Tokenizer) -> bool:
    """Load jieba's cached prefix dictionary of the default dictionary in one read.

    ``Tokenizer.initialize`` reads the same cache with ``marshal.load`` on an open
    file, which reads it in small pieces (about 0.65 s); reading the bytes first
    and then ``marshal.loads`` gives the same dictionary in about 0.2 s, once per
    worker.  Like jieba, the default dictionary's cache is trusted as it is; when
    it is missing or unreadable we return False and jieba builds it as usual.
    """
    if tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.initialized:
        return False
    cache = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    try:
        freq, total = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return False
    if not isinstance(freq, dict) or not isinstance(total, int):
        return False
    tokenizer.FREQ, tokenizer.total = freq, total
    tokenizer.initialized = True
    return True


def tokenize(text: str, tokenizer: jieba.Tokenizer) -> list[str]:
    """Words of ``text`` for the classifier: whitespace and punctuation dropped.

    A real jieba Tokenizer goes through :class:`_FastCutter` (the same words as
    ``tokenizer.lcut(text, HMM=True)``, in less time); anything else that offers
    ``lcut`` (a stub in a test) is called directly.
    """
    if isinstance(tokenizer, jieba.Tokenizer) and isinstance(text, str):
        words = _cutter(tokenizer).cut(text)
    else:
        words = tokenizer.lcut(text, HMM=True)
    return [w for w in words if _WORDLIKE.search(w)]


def tokenize_many(texts: list[str], tokenizer: jieba.Tokenizer | BatchSegmenter) -> list[list[str]]:
    """:func:`tokenize` of each text, computed in one batch (same words, far less time).

    The texts are cut by :class:`~pipeline.structure.segment_batch.BatchSegmenter`.
    """
    if isinstance(tokenizer, BatchSegmenter):
        segmenter = tokenizer
    elif isinstance(tokenizer, jieba.Tokenizer) and all(isinstance(t, str) for t in texts):
        segmenter = _batch_segmenter(tokenizer)
    else:
        return [tokenize(t, tokenizer) for t in texts]
    return segmenter.words_of_many(texts)


_SEGMENTERS: weakref.WeakKeyDictionary[
    jieba.Tokenizer, tuple[dict[str, int], int, BatchSegmenter]
] = weakref.WeakKeyDictionary()


def _batch_segmenter(tokenizer: jieba.Tokenizer) -> BatchSegmenter:
    """The batch segmenter of ``tokenizer``, rebuilt when its dictionary changed (add_word
    changes ``total``)."""
    tokenizer.check_initialized()
    entry = _SEGMENTERS.get(tokenizer)
    if entry is None or entry[0] is not tokenizer.FREQ or entry[1] != tokenizer.total:
        entry = (tokenizer.FREQ, tokenizer.total, BatchSegmenter.from_tokenizer(tokenizer))
        _SEGMENTERS[tokenizer] = entry
    return entry[2]


_CUTTERS: weakref.WeakKeyDictionary[jieba.Tokenizer, _FastCutter] = weakref.WeakKeyDictionary()


def _cutter(tokenizer: jieba.Tokenizer) -> _FastCutter:
    """The cutter of ``tokenizer``, rebuilt when its dictionary changed (add_word changes
    ``total``, and the cached log-probabilities depend on it)."""
    tokenizer.check_initialized()
    cutter = _CUTTERS.get(tokenizer)
    if cutter is None or cutter.freq is not tokenizer.FREQ or cutter.total != tokenizer.total:
        cutter = _CUTTERS[tokenizer] = _FastCutter(tokenizer.FREQ, tokenizer.total)
    return cutter


@functools.lru_cache(maxsize=65536)
def _hmm_words(buf: str, n_forced: int) -> tuple[str, ...]:
    """jieba's HMM segmentation of a run of unknown characters, memoised: names and
    terms recur across a corpus.  It depends only on the run and on jieba's set of
    force-split words, which only grows (``n_forced``, its size, is part of the key)."""
    return tuple(finalseg.cut(buf))


class _FastCutter:
    """jieba's accurate mode with HMM (``Tokenizer.cut(s, HMM=True)``), word for word.

    Segmenting task texts is most of the classifier's cost.  jieba builds a
    dict-of-lists DAG, then a route with ``max`` over a generator of tuples
    and ``math.log`` per edge.  This does the same dynamic programme in one
    loop over plain lists, with each word's log-probability computed once:
    the floating-point operations are jieba's own, in jieba's order
    ((log f - log total) + route), and ties go to the longer word as jieba's
    tuple comparison does, so the words are identical (tests compare them).
    Blocks, whitespace and unknown-character runs (``finalseg``) are handled
    by jieba's own regexes and HMM.
    """

    def __init__(self, freq: dict[str, int], total: int) -> None:
        self.freq = freq
        self.total = total
        self.logtotal = math.log(total)
        self._logp: dict[str, float] = {}

    def cut(self, sentence: str) -> list[str]:
        out: list[str] = []
        re_han, re_skip = jieba.re_han_default, jieba.re_skip_default
        for blk in re_han.split(sentence):
            if not blk:
                continue
            if re_han.match(blk):
                self._cut_block(blk, out)
            else:
                for x in re_skip.split(blk):
                    if re_skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _route(self, sentence: str) -> list[int]:
        """For each position, the last index of the best word starting there."""
        freq, logp, logtotal = self.freq, self._logp, self.logtotal
        n = len(sentence)
        prob: list[float] = [0] * (n + 1)  # type: ignore[list-item]  # jieba's route[N] is 0
        last = [0] * n
        for idx in range(n - 1, -1, -1):
            best_p: float | None = None
            best_x = idx
            i = idx
            while i < n:
                frag = sentence[idx : i + 1]
                f = freq.get(frag)
                if f is None:  # not even a prefix of a dictionary word: stop extending
                    break
                if f:
                    lp = logp.get(frag)
                    if lp is None:
                        lp = logp[frag] = math.log(f) - logtotal
                    p = lp + prob[i + 1]
                    if best_p is None or p >= best_p:  # equal: the later (longer) wins
                        best_p, best_x = p, i
                i += 1
            if best_p is None:  # no dictionary word starts here: the character alone
                best_p = (math.log(1) - logtotal) + prob[idx + 1]
            prob[idx] = best_p
            last[idx] = best_x
        return last

    def _cut_block(self, sentence: str, out: list[str]) -> None:
        last = self._route(sentence)
        freq = self.freq
        x = 0
        buf = ""
        n = len(sentence)
        while x < n:
            y = last[x] + 1
            if y - x == 1:
                buf += sentence[x:y]
            else:
                if buf:
                    self._flush(buf, freq, out)
                    buf = ""
                out.append(sentence[x:y])
            x = y
        if buf:
            self._flush(buf, freq, out)

    @staticmethod
    def _flush(buf: str, freq: dict[str, int], out: list[str]) -> None:
        """A run of single characters: one word, jieba's HMM, or the characters."""
        if len(buf) == 1:
            out.append(buf)
        elif not freq.get(buf):
            out.extend(_hmm_words(buf, len(finalseg.Force_Split_Words)))
        else:
            out.extend(buf)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of ``text``.

    A sentence ends after 。！？； (and their ASCII forms) or at a line break,
    but never inside brackets or book-title marks: "（市卫生健康委牵头；市医保局
    配合）" and "《关于……；……的通知》" stay inside their sentence.  A line break
    always ends a sentence (an unclosed bracket must not swallow the rest of the
    document).  Spans exclude surrounding whitespace; empty sentences are dropped.
    """
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0

    def close(end: int) -> None:
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))

    i = -1
    while i + 1 < len(text):
        i += 1
        ch = text[i]
        if ch in "\n\r":
            close(i)
            start = i + 1
            stack.clear()
        elif ch in OPENERS:
            stack.append(ch)
        elif ch in CLOSERS:
            opener = CLOSERS[ch]
            if opener in stack:
                while stack and stack.pop() != opener:
                    pass
        elif ch in SENTENCE_END and not stack:
            # A closing quote directly after the stop belongs to this sentence.
            while i + 1 < len(text) and text[i + 1] in "”’":
                i += 1
            close(i + 1)
            start = i + 1
    close(len(text))
    return spans
