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
import itertools
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import regex

from pipeline.codepoints import code_points, wide_code_points

if TYPE_CHECKING:
    import scipy.sparse as sp

_T = TypeVar("_T")

_DIGITS = regex.compile(r"\d")
_NUMBER = regex.compile(r"^[\d.,%％]+$")
#: _NUMBER for each line of a text holding one word per line
_NUMBER_LINE = regex.compile(r"^[\d.,%％]+$", regex.MULTILINE)
#: The term every number stands as in the word vocabulary.
_NUM_TERM = "<num>"
_SPACE = regex.compile(r"\s+")


class _NfkcOfChar(dict):  # type: ignore[type-arg]
    """``str.translate`` table: each character to its own NFKC form, filled on first sight."""

    def __missing__(self, code: int) -> str:
        if len(self) >= 1 << 16:  # bounded: text of every script on earth stays cheap
            self.clear()
        self[code] = unicodedata.normalize("NFKC", chr(code))
        return self[code]


_NFKC_OF_CHAR = _NfkcOfChar()


def normalize_text(text: str) -> str:
    """NFKC (full-width digits/letters to ASCII) and lower case: the form all features see.

    (perf) Full NFKC costs more than everything else done to a unit's characters.
    Replacing each character by its own NFKC form keeps the text compatibility-
    equivalent to the original, and two compatibility-equivalent strings have the
    same NFKC; so when the result is already NFKC (the quick check), it *is* the
    NFKC of the text.  Otherwise (combining marks, Hangul) full NFKC runs.
    """
    by_char = text.translate(_NFKC_OF_CHAR)
    if unicodedata.is_normalized("NFKC", by_char):
        return by_char.lower()
    return unicodedata.normalize("NFKC", text).lower()


def _char_source(normalized: str) -> str:
    """The string n-grams are cut from: whitespace removed, every digit mapped to 0."""
    return _DIGITS.sub("0", _SPACE.sub("", normalized))


def char_ngrams(text: str, n_min: int = 1, n_max: int = 3) -> list[str]:
    """Character n-grams of the normalised text, whitespace removed and digits mapped to 0."""
    s = _char_source(normalize_text(text))
    return [s[i : i + n] for n in range(n_min, n_max + 1) for i in range(len(s) - n + 1)]


@functools.lru_cache(maxsize=1 << 16)
def _word_term(word: str) -> str:
    # (perf) words repeat across units: remembering the answer is cheaper than re-matching
    return _NUM_TERM if _NUMBER.match(word) else word


def _words_of_normalized(normalized: str, tokenize: Callable[[str], list[str]]) -> list[str]:
    return list(map(_word_term, tokenize(normalized)))


def word_tokens(text: str, tokenize: Callable[[str], list[str]]) -> list[str]:
    """Words of the normalised text; pure numbers become ``<num>``."""
    return _words_of_normalized(normalize_text(text), tokenize)


@dataclass(frozen=True)
class SparseRows:
    """Feature rows in CSR form (``indptr``/``indices``/``data``), without scipy.

    Building the rows of a document with numpy directly costs less than
    assembling and sorting scipy matrices; scipy is only used for the product
    (:meth:`dot`) and for training (:meth:`to_csr`).  Column indices are sorted
    within each row.
    """

    indptr: np.ndarray  # int64, n_rows + 1
    indices: np.ndarray  # int64
    data: np.ndarray  # float32
    n_cols: int

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.indptr) - 1, self.n_cols)

    def to_csr(self) -> sp.csr_matrix:
        import scipy.sparse as sp

        return sp.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)

    def dot(self, dense: np.ndarray) -> np.ndarray:
        """``rows @ dense`` in float32, by scipy's CSR product (each row summed in column
        order; a numpy formulation either sums in another order or is slower)."""
        return np.asarray(self.to_csr() @ dense, dtype=np.float32)

    @classmethod
    def from_dense(cls, dense: np.ndarray) -> SparseRows:
        """The non-zero entries of a dense float32 matrix, row by row."""
        rows, cols = np.nonzero(dense)
        indptr = np.zeros(dense.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=dense.shape[0]), out=indptr[1:])
        return cls(indptr, cols.astype(np.int64), dense[rows, cols], dense.shape[1])

    @classmethod
    def hstack(cls, blocks: Sequence[SparseRows]) -> SparseRows:
        """The blocks side by side (same rows), as ``scipy.sparse.hstack``."""
        n_rows = blocks[0].shape[0]
        rows, cols, data = [], [], []
        offset = 0
        for block in blocks:
            rows.append(np.repeat(np.arange(n_rows), np.diff(block.indptr)))
            cols.append(block.indices + offset)
            data.append(block.data)
            offset += block.n_cols
        row = np.concatenate(rows)
        order = np.argsort(row, kind="stable")  # per row: block by block, columns ascending
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=n_rows), out=indptr[1:])
        data_all = np.concatenate(data).astype(np.float32)
        return cls(indptr, np.concatenate(cols)[order], data_all[order], offset)


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

    def derived(self, name: str, build: Callable[[list[str]], _T]) -> _T:
        """``build(vocabulary)``, made once per vocabulary, not per document.

        (perf) Look-up structures (the term -> column map, the classifier's n-gram
        and word tables) are remembered under ``name``; a copy of the vocabulary
        they were built from keeps them valid after a re-fit or an edit.
        """
        cache = self.__dict__.setdefault("_derived", {})
        cached = cache.get(name)
        if cached is None or cached[0] != self.vocabulary:
            cached = cache[name] = (list(self.vocabulary), build(self.vocabulary))
        return cached[1]

    def _index(self) -> dict[str, int]:
        return self.derived("index", lambda vocabulary: {t: i for i, t in enumerate(vocabulary)})

    def transform(self, docs: Iterable[Iterable[str]]) -> sp.csr_matrix:
        """One l2-normalised row per document (a scipy matrix); see :meth:`transform_rows`."""
        return self.transform_rows(docs).to_csr()

    def transform_rows(self, docs: Iterable[Iterable[str]]) -> SparseRows:
        """One l2-normalised row per document; terms outside the vocabulary are ignored.

        (perf) Each document is mapped to column ids and counted in C
        (``Counter(map(dict.get, terms))``), so out-of-vocabulary terms cost one
        hash lookup and nothing else, and the weights of all rows are computed
        in one numpy pass.  The arithmetic is the one of the per-row version it
        replaced, operation for operation, so the matrix is bit-identical: the
        columns of a row keep their first-occurrence order while the norm is
        summed (``np.linalg.norm`` of a vector is ``sqrt(x.dot(x))``), and the
        CSR indices are then sorted, as the COO-to-CSR conversion did.
        """
        get = self._index().get
        ids: list[int] = []
        counts: list[int] = []
        lengths: list[int] = []
        for terms in docs:
            row = Counter(map(get, terms))
            row.pop(None, None)
            lengths.append(len(row))
            ids.extend(row.keys())  # type: ignore[arg-type]
            counts.extend(row.values())
        return self.weigh(
            np.array(ids, dtype=np.int64), np.array(counts, dtype=np.float64), lengths
        )

    def transform_lists(
        self, docs: Sequence[Sequence[str]], number_term: str | None = None
    ) -> SparseRows:
        """:meth:`transform_rows` (bit-identical) of the word lists, the counting done by numpy
        for all rows; with ``number_term``, words that are numbers count as that term
        (``_word_term``).

        No number is in the vocabulary as itself (it was built from ``_word_term``'s
        output), so only the words not found as they are can be numbers: their
        distinct forms are tested in one scan.
        """
        get = self._index().get
        flat = list(itertools.chain.from_iterable(docs))
        cols = np.fromiter(map(get, flat, itertools.repeat(-1)), dtype=np.int64, count=len(flat))
        if number_term is not None and get(number_term) is not None:
            missed = np.flatnonzero(cols < 0)
            words = [flat[i] for i in missed.tolist()]
            # (perf) one regex scan over the distinct missed words, a line each (no word
            # holds a line break), instead of a call per word
            distinct = set(words)
            if any("\n" in w for w in distinct):  # not one word per line: test each
                numbers = {w for w in distinct if _NUMBER.match(w)}
            else:
                numbers = set(_NUMBER_LINE.findall("\n".join(distinct)))
            if numbers:
                number_col = get(number_term)
                cols[missed] = [number_col if w in numbers else -1 for w in words]
        rows = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
        found = cols >= 0
        return self.weigh(*count_in_order(rows[found], cols[found], len(docs)))

    def weigh(self, cols: np.ndarray, counts: np.ndarray, lengths: Sequence[int]) -> SparseRows:
        """The l2-normalised TF-IDF rows of counted terms.

        ``cols``/``counts`` hold each row's distinct terms in order of first
        occurrence (the order the norm is summed in), ``lengths`` how many per row;
        the rows come back with their columns sorted.
        """
        n_docs = len(lengths)
        indptr = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        w = (1.0 + np.log(counts)) * self.idf[cols]
        norms = np.ones(n_docs, dtype=np.float64)
        filled = np.flatnonzero(lengths)
        bounds = indptr.tolist()
        # each row's norm as sqrt(seg.dot(seg)) (np.linalg.norm's own arithmetic), per row
        # because a vectorised sum would add in another order
        segs = [w[bounds[r] : bounds[r + 1]] for r in filled.tolist()]
        norms[filled] = np.sqrt([seg.dot(seg) for seg in segs])
        w /= np.repeat(norms, lengths)
        row = np.repeat(np.arange(n_docs), lengths)
        order = np.argsort(row * max(len(self.vocabulary), 1) + cols)  # columns ascending per row
        return SparseRows(
            indptr, cols[order].astype(np.int64), w.astype(np.float32)[order], len(self.vocabulary)
        )


_N_CODE_POINTS = 0x110000


def _code_point_map(chars: Iterable[str], dtype: type) -> tuple[np.ndarray, int]:
    """A dense code point -> compact index map of ``chars``, and their number ``n``.

    Any other character maps to ``n``: the tables indexed by these maps have one
    more row or column, of misses, so a look-up needs no mask.
    """
    distinct = sorted(set(chars))
    table = np.full(_N_CODE_POINTS, len(distinct), dtype=dtype)
    table[[ord(c) for c in distinct]] = np.arange(len(distinct), dtype=dtype)
    return table, len(distinct)


def _ords(grams: Sequence[tuple[str, int]], k: int) -> np.ndarray:
    """The code point of each gram's ``k``-th character."""
    return np.array([ord(t[k]) for t, _ in grams], dtype=np.int64)


def _columns_of(grams: Sequence[tuple[str, int]], dtype: type) -> np.ndarray:
    return np.array([j for _, j in grams], dtype=dtype)


@dataclass(frozen=True)
class NgramCounter:
    """Counts a vocabulary's character 1-3-grams in many strings at once, with numpy.

    Counting n-grams with a ``Counter`` of Python strings was the second cost of
    the classifier.  Here every n-gram is found by array look-ups instead: a
    unigram's column straight from its code point; a bigram's from a dense table
    indexed by its two characters' positions among the characters the
    vocabulary's bigrams use; a trigram's from its first two characters (as a
    bigram prefix) and its third.  The result is what ``Counter(map(index.get,
    char_ngrams(s)))`` gives per string: distinct columns in order of
    first occurrence (unigrams left to right, then bigrams, then trigrams) and
    their counts, which keeps the TF-IDF rows bit-identical.
    """

    unigram: np.ndarray  # code point -> column
    bigram_maps: tuple[np.ndarray, np.ndarray]  # code point -> index, per position
    bigram: np.ndarray  # (first index, second index) -> column
    trigram_maps: tuple[np.ndarray, np.ndarray, np.ndarray]
    trigram_prefix: np.ndarray  # (first index, second index) -> prefix index
    trigram: np.ndarray  # (prefix index, third index) -> column

    @classmethod
    def build(cls, vocabulary: Sequence[str]) -> NgramCounter:
        small = np.int16 if len(vocabulary) < np.iinfo(np.int16).max else np.int32
        grams = {n: [(t, j) for j, t in enumerate(vocabulary) if len(t) == n] for n in (1, 2, 3)}

        # (perf) each table filled by one fancy assignment: a worker builds them at start-up
        unigram = np.full(_N_CODE_POINTS, -1, dtype=small)
        unigram[_ords(grams[1], 0)] = _columns_of(grams[1], small)
        b_maps = tuple(_code_point_map((t[k] for t, _ in grams[2]), small) for k in (0, 1))
        bigram = np.full((b_maps[0][1] + 1, b_maps[1][1] + 1), -1, dtype=small)
        first, second = b_maps[0][0][_ords(grams[2], 0)], b_maps[1][0][_ords(grams[2], 1)]
        bigram[first, second] = _columns_of(grams[2], small)
        t_maps = tuple(_code_point_map((t[k] for t, _ in grams[3]), small) for k in (0, 1, 2))
        prefixes = sorted({t[:2] for t, _ in grams[3]})
        # an unknown prefix is prefix number len(prefixes): the trigram table's row of misses
        prefix = np.full((t_maps[0][1] + 1, t_maps[1][1] + 1), len(prefixes), dtype=small)
        pre_grams = [(pre, i) for i, pre in enumerate(prefixes)]
        first, second = t_maps[0][0][_ords(pre_grams, 0)], t_maps[1][0][_ords(pre_grams, 1)]
        prefix[first, second] = _columns_of(pre_grams, small)
        prefix_of = {pre: i for i, pre in enumerate(prefixes)}
        trigram = np.full((len(prefixes) + 1, t_maps[2][1] + 1), -1, dtype=small)
        rows = np.array([prefix_of[t[:2]] for t, _ in grams[3]], dtype=np.int64)
        trigram[rows, t_maps[2][0][_ords(grams[3], 2)]] = _columns_of(grams[3], small)
        return cls(
            unigram=unigram,
            bigram_maps=(b_maps[0][0], b_maps[1][0]),
            bigram=bigram,
            trigram_maps=(t_maps[0][0], t_maps[1][0], t_maps[2][0]),
            trigram_prefix=prefix,
            trigram=trigram,
        )

    def _columns(self, cp: np.ndarray, size: int) -> np.ndarray:
        """Column of the n-gram of ``size`` characters starting at each position (-1: none)."""
        m = len(cp) - size + 1
        if size == 1:
            return self.unigram[cp].astype(np.int64)
        if size == 2:
            first, second = self.bigram_maps
            return self.bigram[first[cp[:m]], second[cp[1:]]].astype(np.int64)
        first, second, third = self.trigram_maps
        pre = self.trigram_prefix[first[cp[:m]], second[cp[1 : m + 1]]]
        return self.trigram[pre, third[cp[2:]]].astype(np.int64)

    def count(self, sources: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """(columns, counts, terms per row) for :meth:`SparseTfidf.weigh`."""
        lengths = [len(s) for s in sources]
        joined = "".join(sources)
        cp = code_points(joined)
        row_of = np.repeat(np.arange(len(sources)), lengths)
        rows: list[np.ndarray] = []
        found: list[np.ndarray] = []
        for size in (1, 2, 3):
            m = len(cp) - size + 1
            if m <= 0:
                break
            col = self._columns(cp, size)
            # an n-gram spanning two strings does not count
            hit = (col >= 0) & (row_of[:m] == row_of[size - 1 :])
            rows.append(row_of[:m][hit])
            found.append(col[hit])
        if not found:
            return np.zeros(0, np.int64), np.zeros(0), [0] * len(sources)
        # unigrams of all strings, then bigrams, then trigrams: a column is one n-gram, so
        # all its occurrences have one size, and per string the first occurrences come
        # in Counter order (unigrams left to right, then bigrams, then trigrams)
        return count_in_order(np.concatenate(rows), np.concatenate(found), len(sources))


def count_in_order(
    row: np.ndarray, col: np.ndarray, n_rows: int
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """``Counter(cols of a row)`` for every row at once, as :meth:`SparseTfidf.weigh` takes it.

    ``row``/``col`` list term occurrences; within a row, in the order the terms
    were seen.  Returns each row's distinct columns in order of first occurrence
    with their counts (float), and how many distinct columns each row has.
    """
    n = len(col)
    if not n:
        return np.zeros(0, np.int64), np.zeros(0), [0] * n_rows
    width = int(col.max()) + 1
    pair = row * width + col
    if n_rows * width * n >= 1 << 62:  # keys below would overflow: the general (slower) way
        _, first, counts = np.unique(pair, return_index=True, return_counts=True)
        by_first = np.lexsort((first, row[first]))
        first, counts = first[by_first], counts[by_first]
    else:
        # (perf) one plain sort of (pair, occurrence) keys instead of np.unique's stable
        # argsort: each pair's run starts at its first occurrence
        key = np.sort(pair * n + np.arange(n))
        pair_sorted = key // n
        start = np.flatnonzero(np.r_[True, pair_sorted[1:] != pair_sorted[:-1]])
        first = key[start] - pair_sorted[start] * n
        counts = np.diff(np.r_[start, n])
        # order the distinct pairs by row, then by first occurrence (both unique together)
        by_first = np.argsort(row[first] * n + first)
        first, counts = first[by_first], counts[by_first]
    per_row = np.bincount(row[first], minlength=n_rows).tolist()
    return col[first], counts.astype(np.float64), per_row


@dataclass(frozen=True)
class _CueMatcher:
    """Finds which cue phrases occur in a text without testing every cue against it.

    Cues are bucketed by their first two characters; a text only tests the cues
    of the buckets whose key is one of its own character bigrams (``str in``,
    so a cue inside or overlapping another cue is found exactly as before).
    The bigrams of all texts are matched against the keys at once, as integers.
    """

    n_groups: int
    buckets: dict[str, tuple[str, ...]]
    key_order: tuple[str, ...]  # the bucket keys, in code point order
    key_codes: np.ndarray  # the same keys as sorted integers: first << 21 | second
    short: tuple[str, ...]  # one-character cues: no bigram to bucket them by
    groups_of: dict[str, tuple[int, ...]]  # cue -> its group per listing (repeats count twice)
    log1p: np.ndarray  # log1p(k) for every reachable count, computed with math.log1p

    @classmethod
    def build(cls, cues: tuple[tuple[str, ...], ...]) -> _CueMatcher:
        groups_of: defaultdict[str, list[int]] = defaultdict(list)
        for j, group in enumerate(cues):
            for cue in group:
                cue = normalize_text(cue)
                if cue:  # an empty cue never counts
                    groups_of[cue].append(j)
        buckets: defaultdict[str, list[str]] = defaultdict(list)
        for cue in groups_of:
            if len(cue) >= 2:
                buckets[cue[:2]].append(cue)
        most = sum(len(g) for g in groups_of.values())
        return cls(
            n_groups=len(cues),
            buckets={k: tuple(v) for k, v in buckets.items()},
            key_order=tuple(sorted(buckets)),
            key_codes=np.array(
                [ord(k[0]) << 21 | ord(k[1]) for k in sorted(buckets)], dtype=np.int64
            ),
            short=tuple(c for c in groups_of if len(c) == 1),
            groups_of={c: tuple(g) for c, g in groups_of.items()},
            log1p=np.array([math.log1p(k) for k in range(most + 1)], dtype=np.float64),
        )

    def found_many(self, normalized_texts: Sequence[str]) -> list[list[str]]:
        """The distinct cues occurring in each text (order not meaningful)."""
        if not normalized_texts:
            return []
        key_ids, ordered = self.key_codes, self.key_order
        joined = "\x00".join(normalized_texts)  # no cue holds a NUL: no key spans two texts
        cp = code_points(joined)
        bigram = cp[:-1].astype(np.int64) << 21 | cp[1:]
        at = np.minimum(np.searchsorted(key_ids, bigram), max(len(key_ids) - 1, 0))
        hit = np.flatnonzero(key_ids[at] == bigram) if len(key_ids) else np.zeros(0, np.int64)
        starts = np.cumsum([0] + [len(t) + 1 for t in normalized_texts[:-1]])
        rows = np.searchsorted(starts, hit, side="right") - 1
        pairs = sorted(set(zip(rows.tolist(), at[hit].tolist(), strict=True)))
        out = [[c for c in self.short if c in text] for text in normalized_texts]
        for r, k in pairs:
            text = normalized_texts[r]
            out[r].extend(c for c in self.buckets[ordered[k]] if c in text)
        return out

    def features(self, normalized_texts: Sequence[str]) -> np.ndarray:
        counts = np.zeros((len(normalized_texts), self.n_groups), dtype=np.int64)
        for r, cues in enumerate(self.found_many(normalized_texts)):
            row = counts[r]
            for cue in cues:
                for j in self.groups_of[cue]:
                    row[j] += 1
        out = np.zeros((len(normalized_texts), self.n_groups + 1), dtype=np.float32)
        out[:, :-1] = self.log1p[counts]
        out[:, -1] = self.log1p[counts.sum(axis=1)]
        return out


@functools.lru_cache(maxsize=8)
def _cue_matcher(cues: tuple[tuple[str, ...], ...]) -> _CueMatcher:
    # (perf) the cue list is the same for every document: prepare it once, not per call
    return _CueMatcher.build(cues)


def _cue_features_of_normalized(
    normalized_texts: Sequence[str], cues: Sequence[Sequence[str]]
) -> np.ndarray:
    return _cue_matcher(tuple(tuple(group) for group in cues)).features(normalized_texts)


def cue_features(texts: Sequence[str], cues: Sequence[Sequence[str]]) -> np.ndarray:
    """One column per code (log1p of distinct cue phrases found) plus a total column.

    A phrase listed twice in a code counts twice; the total is the sum of the columns' counts.
    """
    return _cue_features_of_normalized([normalize_text(t) for t in texts], cues)


#: Bits per character in a short word's key.
_WORD_KEY_BITS = 21


class WordColumns:
    """Maps words given as spans (``segment_batch.WordSpans``) to word-vocabulary columns.

    (perf) Most words are one to three characters: such a word is looked up as
    one integer (its code points + 1, 21 bits each) in the sorted keys of the
    vocabulary's short terms, with no string made for it; only longer words
    become strings.  A word of digits and ``.,%％`` only counts as the number
    term, as :func:`_word_term` makes it (no number is a term as itself).
    """

    def __init__(self, vocabulary: Sequence[str], number_term: str) -> None:
        index = {t: j for j, t in enumerate(vocabulary)}
        short = sorted((_short_key(t), j) for t, j in index.items() if 1 <= len(t) <= 3)
        self.keys = np.array([k for k, _ in short], dtype=np.int64)
        self.cols = np.array([j for _, j in short], dtype=np.int64)
        self.long = {t: j for t, j in index.items() if len(t) > 3}
        self.number_col = index.get(number_term, -1)
        self._numeric = np.full(_N_CODE_POINTS, -1, dtype=np.int8)  # per code point, lazily

    def columns(self, joined: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The column of each word ``joined[start:end]`` (-1: not in the vocabulary)."""
        cp = wide_code_points(joined)
        length = ends - starts
        cols = np.full(len(starts), -1, dtype=np.int64)
        short = np.flatnonzero(length <= 3)
        if len(short) and len(self.keys):
            at = starts[short]
            key = cp[at] + 1
            for k in (1, 2):  # (the code point after a word exists: words end before a NUL)
                more = length[short] > k
                key = np.where(
                    more, key << _WORD_KEY_BITS | (cp[np.minimum(at + k, len(cp) - 1)] + 1), key
                )
            found = np.minimum(np.searchsorted(self.keys, key), len(self.keys) - 1)
            cols[short] = np.where(self.keys[found] == key, self.cols[found], -1)
        for i in np.flatnonzero(length > 3).tolist():
            cols[i] = self.long.get(joined[starts[i] : ends[i]], -1)
        # a word is a number when all its characters are number characters
        numeric = np.concatenate([[0], np.cumsum(self._numeric_chars(cp))])
        cols[numeric[ends] - numeric[starts] == length] = self.number_col
        return cols

    def _numeric_chars(self, cp: np.ndarray) -> np.ndarray:
        """1 where a character is one a number is written with (``_NUMBER``'s class)."""
        known = self._numeric
        new = np.unique(cp[known[cp] < 0])
        known[new] = [_NUMBER.match(chr(c)) is not None for c in new.tolist()]
        return (known[cp] == 1).astype(np.int64)


def _short_key(term: str) -> int:
    key = 0
    for ch in term:
        key = key << _WORD_KEY_BITS | (ord(ch) + 1)
    return key


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
        self,
        texts: Sequence[str],
        tokenize: Callable[[str], list[str]],
        tokenize_many: Callable[[list[str]], list[list[str]]] | None = None,
    ) -> sp.csr_matrix:
        """Feature rows of ``texts`` as a scipy matrix (for training); see :meth:`rows`."""
        return self.rows(texts, tokenize, tokenize_many).to_csr()

    def rows(
        self,
        texts: Sequence[str],
        tokenize: Callable[[str], list[str]],
        tokenize_many: Callable[[list[str]], list[list[str]]] | None = None,
        word_spans: Callable[[list[str]], Any] | None = None,
    ) -> SparseRows:
        """Feature rows of ``texts``.

        Words come from ``word_spans`` (a ``segment_batch.WordSpans`` of all texts:
        the fastest), else ``tokenize_many`` (``[tokenize(t) for t in texts]``), else
        ``tokenize`` per text; all three give the same rows.
        """
        # (perf) each text is normalised once and shared by the three views
        normalized = [normalize_text(t) for t in texts]
        if word_spans is not None:
            spans = word_spans(normalized)
            cols = self._word_columns().columns(spans.joined, spans.starts, spans.ends)
            found = cols >= 0
            w = self.words.weigh(*count_in_order(spans.rows[found], cols[found], len(texts)))
        elif tokenize_many is not None:
            w = self.words.transform_lists(tokenize_many(normalized), number_term=_NUM_TERM)
        else:
            w = self.words.transform_rows(_words_of_normalized(n, tokenize) for n in normalized)
        c = self.chars.weigh(*self._ngram_counter().count([_char_source(n) for n in normalized]))
        q = _cue_features_of_normalized(normalized, self.cues) * np.float32(self.cue_weight)
        return SparseRows.hstack([w, c, SparseRows.from_dense(q)])

    def _word_columns(self) -> WordColumns:
        return self.words.derived("columns", lambda vocabulary: WordColumns(vocabulary, _NUM_TERM))

    def _ngram_counter(self) -> NgramCounter:
        return self.chars.derived("ngrams", NgramCounter.build)

    @property
    def n_features(self) -> int:
        return len(self.words.vocabulary) + len(self.chars.vocabulary) + len(self.cues) + 1
