"""Features for the task classifier: words, character n-grams and taxonomy cues.

Chinese has no spaces, so two views of a unit are combined:

* **words** from the project's jieba tokenizer with the domain dictionary
  (医联体, 卫健委 … stay whole), numbers collapsed to ``<num>``;
* **character n-grams** (1–3) after mapping every digit to ``0``, which stays
  robust when jieba splits an unseen term (区域医疗中心 / 区域 医疗 中心);
* **cue counts**: per taxonomy code, log(1 + number of its cue phrases found),
  plus the total.  The cues come from ``taxonomy.toml`` so that a reviewer can
  see and change what the model is told to look at.

The TF-IDF is implemented here (a few lines of numpy/scipy) rather than with
``TfidfVectorizer`` so that the fitted state is plain data (vocabulary lists
and idf arrays) that the model file can store as JSON and reload without
pickle, and so that train-time and load-time transforms are the same code.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import regex
import scipy.sparse as sp

_DIGITS = regex.compile(r"\d")
_NUMBER = regex.compile(r"^[\d.,%％]+$")
_SPACE = regex.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFKC (full-width digits/letters to ASCII) and lower case: the form all features see."""
    return unicodedata.normalize("NFKC", text).lower()


def char_ngrams(text: str, n_min: int = 1, n_max: int = 3) -> list[str]:
    """Character n-grams of the normalised text, whitespace removed and digits mapped to 0."""
    s = _DIGITS.sub("0", _SPACE.sub("", normalize_text(text)))
    return [s[i : i + n] for n in range(n_min, n_max + 1) for i in range(len(s) - n + 1)]


def word_tokens(text: str, tokenize: Callable[[str], list[str]]) -> list[str]:
    """Words of the normalised text; pure numbers become ``<num>``."""
    return ["<num>" if _NUMBER.match(w) else w for w in tokenize(normalize_text(text))]


@dataclass
class SparseTfidf:
    """Sublinear TF-IDF with l2 normalisation over a fixed vocabulary.

    ``fit`` keeps terms seen in at least ``min_df`` documents (the most
    frequent ``max_features`` of them); idf is the smoothed sklearn form
    ``ln((1 + n) / (1 + df)) + 1``.
    """

    min_df: int = 2
    max_features: int = 20000
    vocabulary: list[str] = field(default_factory=list)
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))

    def fit(self, docs: Sequence[Sequence[str]]) -> SparseTfidf:
        df: Counter[str] = Counter()
        for terms in docs:
            df.update(set(terms))
        kept = [(t, c) for t, c in df.items() if c >= self.min_df]
        kept.sort(key=lambda tc: (-tc[1], tc[0]))
        kept = kept[: self.max_features]
        self.vocabulary = sorted(t for t, _ in kept)
        n = len(docs)
        self.idf = np.array(
            [math.log((1 + n) / (1 + df[t])) + 1.0 for t in self.vocabulary], dtype=np.float32
        )
        return self

    def _index(self) -> dict[str, int]:
        # (perf) the term -> column map is built once per vocabulary, not per document;
        # a copy of the vocabulary it was built from keeps it valid after a re-fit or edit
        cached = self.__dict__.get("_index_cache")
        if cached is None or cached[0] != self.vocabulary:
            cached = (list(self.vocabulary), {t: i for i, t in enumerate(self.vocabulary)})
            self.__dict__["_index_cache"] = cached
        return cached[1]

    def transform(self, docs: Iterable[Sequence[str]]) -> sp.csr_matrix:
        index = self._index()
        rows, cols, vals = [], [], []
        n_docs = 0
        for r, terms in enumerate(docs):
            n_docs += 1
            # (perf) count the terms in C first, then map the distinct ones to columns;
            # same counts in the same (first-occurrence) order as counting column ids
            counts = {index[t]: n for t, n in Counter(terms).items() if t in index}
            if not counts:
                continue
            ids = np.fromiter(counts.keys(), dtype=np.int64)
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))
            w = tf * self.idf[ids]
            w /= np.linalg.norm(w)
            rows.extend([r] * len(ids))
            cols.extend(ids.tolist())
            vals.extend(w.tolist())
        return sp.csr_matrix(
            (np.asarray(vals, dtype=np.float32), (rows, cols)),
            shape=(n_docs, len(self.vocabulary)),
            dtype=np.float32,
        )


@functools.lru_cache(maxsize=8)
def _normalized_cues(cues: tuple[tuple[str, ...], ...]) -> list[list[str]]:
    # (perf) the cue list is the same for every document: normalise it once, not per call
    return [[normalize_text(c) for c in group] for group in cues]


def cue_features(texts: Sequence[str], cues: Sequence[Sequence[str]]) -> np.ndarray:
    """One column per code (log1p of distinct cue phrases found) plus a total column."""
    norm_cues = _normalized_cues(tuple(tuple(group) for group in cues))
    out = np.zeros((len(texts), len(cues) + 1), dtype=np.float32)
    for r, text in enumerate(texts):
        t = normalize_text(text)
        total = 0
        for j, group in enumerate(norm_cues):
            hits = sum(1 for c in group if c and c in t)
            total += hits
            out[r, j] = math.log1p(hits)
        out[r, -1] = math.log1p(total)
    return out


@dataclass
class FeatureExtractor:
    """Words + character n-grams + cue counts, fitted on training texts."""

    cues: list[list[str]]
    cue_weight: float = 0.5
    words: SparseTfidf = field(default_factory=lambda: SparseTfidf(min_df=2, max_features=8000))
    chars: SparseTfidf = field(default_factory=lambda: SparseTfidf(min_df=2, max_features=20000))

    def fit(self, texts: Sequence[str], tokenize: Callable[[str], list[str]]) -> FeatureExtractor:
        self.words.fit([word_tokens(t, tokenize) for t in texts])
        self.chars.fit([char_ngrams(t) for t in texts])
        return self

    def transform(
        self, texts: Sequence[str], tokenize: Callable[[str], list[str]]
    ) -> sp.csr_matrix:
        w = self.words.transform(word_tokens(t, tokenize) for t in texts)
        c = self.chars.transform(char_ngrams(t) for t in texts)
        q = sp.csr_matrix(cue_features(texts, self.cues) * np.float32(self.cue_weight))
        return sp.hstack([w, c, q], format="csr", dtype=np.float32)

    @property
    def n_features(self) -> int:
        return len(self.words.vocabulary) + len(self.chars.vocabulary) + len(self.cues) + 1
