"""Sentences and words: the segmentation every later stage builds on.

jieba's default dictionary splits the vocabulary of health plans badly
(卫健委 -> 卫健 / 委, 医联体 -> 医 / 联体), which hurts the classifier and
keyword search.  We therefore load a *private* ``jieba.Tokenizer`` with the
domain dictionary ``pipeline/data/userdict.txt`` (agency names and
abbreviations, health-service terms, with high frequencies so they stay whole)
instead of mutating the global ``jieba`` module, which other code may share.
"""

from __future__ import annotations

import logging
import marshal
import tempfile
import weakref
from pathlib import Path

import jieba

from pipeline.structure.segment_batch import WORDLIKE, BatchSegmenter
from pipeline.structure.segment_dict import USERDICT

#: Characters that end a sentence in Chinese administrative prose.
SENTENCE_END = "。！？；!?;"
#: Brackets inside which a sentence never ends: （…） (…) 《…》 〈…〉 “…” ‘…’ 【…】.
OPENERS = {"（": "）", "(": ")", "《": "》", "〈": "〉", "“": "”", "‘": "’", "【": "】"}
CLOSERS = {v: k for k, v in OPENERS.items()}


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

    A real jieba Tokenizer goes through its
    :class:`~pipeline.structure.segment_batch.BatchSegmenter` (the same words as
    ``tokenizer.lcut(text, HMM=True)``, in less time); anything else that offers
    ``lcut`` (a stub in a test) is called directly.
    """
    if isinstance(tokenizer, jieba.Tokenizer) and isinstance(text, str):
        return _batch_segmenter(tokenizer).words_of_many([text])[0]
    return [w for w in tokenizer.lcut(text, HMM=True) if WORDLIKE.search(w)]


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
