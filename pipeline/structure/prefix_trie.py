"""jieba's prefix dictionary as integer arrays, for look-ups over many positions at once.

jieba keeps its dictionary as a dict from every word *and every prefix of a word*
to a count (0 for a mere prefix), and walks it one character at a time.  Here
the same dictionary is a trie of integer node ids: a string of ``k + 2``
characters is found from its prefix's node and its last character, as one key
``parent << 21 | code point``; a whole batch of positions advances one
character per numpy call.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pipeline.codepoints import wide_code_points

#: Bits per code point in a trie key (the largest code point, 0x10FFFF, needs 21).
CP_BITS = 21

#: Levels with at least this many keys are looked up through a hash table.
_HASHED_LEVEL_SIZE = 50_000
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _sorted_lookup(keys: np.ndarray, values: np.ndarray, want: np.ndarray) -> np.ndarray:
    """values[i] where keys[i] == want (keys sorted), -1 where want is not a key."""
    if not len(keys):
        return np.full(len(want), -1, dtype=np.int64)
    at = np.searchsorted(keys, want)
    np.minimum(at, len(keys) - 1, out=at)
    return np.where(keys[at] == want, values[at], -1).astype(np.int64)


@dataclass(frozen=True)
class _HashedKeys:
    """An open hash table of sorted integer keys, one probe per look-up.

    (perf) The two big trie levels get over a million look-ups per corpus
    megabyte; a binary search costs ~17 dependent memory reads each, a
    multiplicative hash one.  A key whose slot another key took first waits in
    a small sorted overflow array, searched only for queries that hit an
    occupied slot of another key.
    """

    bits: int
    slot_keys: np.ndarray  # int64, -1 for an empty slot
    slot_values: np.ndarray
    overflow_keys: np.ndarray  # sorted
    overflow_values: np.ndarray

    @classmethod
    def build(cls, keys: np.ndarray, values: np.ndarray) -> _HashedKeys:
        # two to four slots per key: most keys get their own slot, and the table stays small
        bits = max(int(np.ceil(np.log2(max(len(keys), 1) * 2))), 4)
        slots = _slot(keys, bits)
        taken, first = np.unique(slots, return_index=True)
        slot_keys = np.full(1 << bits, -1, dtype=np.int64)
        slot_values = np.full(1 << bits, -1, dtype=np.int32)
        slot_keys[taken], slot_values[taken] = keys[first], values[first]
        rest = np.ones(len(keys), dtype=bool)
        rest[first] = False
        return cls(bits, slot_keys, slot_values, keys[rest], values[rest].astype(np.int32))

    def lookup(self, want: np.ndarray) -> np.ndarray:
        slots = _slot(want, self.bits)
        found = self.slot_keys[slots]
        out = np.where(found == want, self.slot_values[slots], -1).astype(np.int64)
        unsure = np.flatnonzero((found != want) & (found != -1))
        if len(unsure) and len(self.overflow_keys):
            out[unsure] = _sorted_lookup(self.overflow_keys, self.overflow_values, want[unsure])
        return out


def _slot(keys: np.ndarray, bits: int) -> np.ndarray:
    """Fibonacci hashing: the top ``bits`` bits of key * 2^64/phi."""
    return (keys.astype(np.uint64) * _GOLDEN >> np.uint64(64 - bits)).astype(np.int64)


@dataclass(frozen=True)
class PrefixTrie:
    """jieba's prefix dictionary (``FREQ``: words with a count, prefixes with 0) as arrays.

    Node ids number the dictionary's strings; ``first[cp]`` is the node of a
    one-character string; ``levels[k]`` maps (parent node, next character) to
    the node of each string of ``k + 2`` characters, as sorted keys
    ``parent << 21 | code point`` and their nodes; ``logp[node]`` is
    ``log(f) - log(total)`` for a word (NaN for a mere prefix).  A string whose
    prefixes are not all in ``FREQ`` is left out: jieba's own walk stops at the
    first missing prefix and never reaches it.
    """

    first: np.ndarray  # int32[0x110000]: node of each single character, -1 if none
    levels: tuple[tuple[np.ndarray, np.ndarray], ...]  # (sorted int64 keys, int32 nodes)
    logp: np.ndarray  # float64 per node
    logtotal: float
    # hash tables of the big levels, built on first use
    hashed: dict[int, _HashedKeys] = field(default_factory=dict, compare=False, repr=False)

    @property
    def max_len(self) -> int:
        return len(self.levels) + 1

    @classmethod
    def build(cls, freq: dict[str, int], total: int) -> PrefixTrie:
        """(perf) built level by level with numpy: one Python pass to group the words by
        length, then each level's parents are found by walking the levels already built."""
        logtotal = math.log(total)
        by_len: dict[int, list[str]] = {}
        for word in freq:
            by_len.setdefault(len(word), []).append(word)
        first = np.full(0x110000, -1, dtype=np.int32)
        levels: list[tuple[np.ndarray, np.ndarray]] = []
        counts: list[np.ndarray] = []
        n_nodes = 0
        trie = cls(first, (), np.zeros(0), logtotal)
        for length in range(1, max(by_len, default=0) + 1):
            words = by_len.get(length, [])
            cps = wide_code_points("".join(words)).reshape(len(words), length)
            if length == 1:
                node = np.full(len(words), -1, dtype=np.int64)
                parent_ok = np.ones(len(words), dtype=bool)
            else:
                node = trie.walk(cps[:, :-1])
                parent_ok = node >= 0
            ids = n_nodes + np.arange(int(parent_ok.sum()), dtype=np.int32)
            n_nodes += len(ids)
            f = np.fromiter(map(freq.__getitem__, words), dtype=np.int64, count=len(words))
            counts.append(f[parent_ok])
            if length == 1:
                first[cps[:, 0]] = ids
            else:
                keys = node[parent_ok] << CP_BITS | cps[parent_ok, -1]
                order = np.argsort(keys, kind="stable")
                levels.append((keys[order], ids[order]))
            trie = cls(first, tuple(levels), np.zeros(0), logtotal)
        all_counts = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
        # (log f - log total) as jieba computes it: math.log of each distinct count, not numpy's log
        distinct, inverse = np.unique(all_counts, return_inverse=True)
        log_f = np.array([math.log(c) if c else math.nan for c in distinct.tolist()])
        return cls(first, tuple(levels), log_f[inverse] - logtotal, logtotal)

    def child(self, length: int, parents: np.ndarray, cps: np.ndarray) -> np.ndarray:
        """Node of each string of ``length`` characters given its prefix's node and its last
        character, -1 where the dictionary has none."""
        if length == 1:
            return self.first[np.minimum(cps, 0x10FFFF)].astype(np.int64)
        if length > self.max_len:
            return np.full(len(cps), -1, dtype=np.int64)
        keys, nodes = self.levels[length - 2]
        want = parents << CP_BITS | cps
        if len(keys) >= _HASHED_LEVEL_SIZE:
            return self._hashed_level(length).lookup(want)
        return _sorted_lookup(keys, nodes, want)

    def has_count(self, words: list[str]) -> list[bool]:
        """Whether each string is a dictionary word with a count (jieba's ``FREQ.get(w)``).

        Walking the trie answers it because jieba's dictionary holds every prefix of
        every word (``gen_pfdict`` and ``add_word`` add them).
        """
        out = [False] * len(words)
        by_len: dict[int, list[int]] = {}
        for i, w in enumerate(words):
            by_len.setdefault(len(w), []).append(i)
        for length, idx in by_len.items():
            if not length:
                continue
            cps = wide_code_points("".join(words[i] for i in idx)).reshape(len(idx), length)
            node = self.walk(cps)
            found = node >= 0
            ok = np.zeros(len(idx), dtype=bool)
            ok[found] = ~np.isnan(self.logp[node[found]])
            for i, flag in zip(idx, ok.tolist(), strict=True):
                out[i] = flag
        return out

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays to store (and to memory-map back, see :meth:`from_arrays`)."""
        arrays = {"first": self.first, "logp": self.logp}
        arrays["logtotal"] = np.array([self.logtotal])
        for k, (keys, nodes) in enumerate(self.levels):
            arrays[f"keys{k}"], arrays[f"nodes{k}"] = keys, nodes
            if len(keys) >= _HASHED_LEVEL_SIZE:  # the hash table too: building it costs more
                table = self._hashed_level(k + 2)
                arrays[f"hash{k}_bits"] = np.array([table.bits])
                arrays[f"hash{k}_slot_keys"] = table.slot_keys
                arrays[f"hash{k}_slot_values"] = table.slot_values
                arrays[f"hash{k}_overflow_keys"] = table.overflow_keys
                arrays[f"hash{k}_overflow_values"] = table.overflow_values
        return arrays

    @classmethod
    def from_arrays(cls, arrays: Any) -> PrefixTrie:
        first = arrays["first"]
        n_levels = sum(1 for name in arrays if name.startswith("keys"))
        levels = tuple((arrays[f"keys{k}"], arrays[f"nodes{k}"]) for k in range(n_levels))
        trie = cls(first, levels, arrays["logp"], float(arrays["logtotal"][0]))
        for k in range(n_levels):
            if f"hash{k}_bits" in arrays:
                trie.hashed[k + 2] = _HashedKeys(
                    int(arrays[f"hash{k}_bits"][0]),
                    arrays[f"hash{k}_slot_keys"],
                    arrays[f"hash{k}_slot_values"],
                    arrays[f"hash{k}_overflow_keys"],
                    arrays[f"hash{k}_overflow_values"],
                )
        return trie

    def _hashed_level(self, length: int) -> _HashedKeys:
        """The hash table of the level of strings of ``length`` characters, built on first use."""
        table = self.hashed.get(length)
        if table is None:
            keys, nodes = self.levels[length - 2]
            table = self.hashed[length] = _HashedKeys.build(keys, nodes)
        return table

    def walk(self, cps: np.ndarray) -> np.ndarray:
        """Node of each row of code points (a string per row), -1 where it is not in the trie."""
        n_rows, length = cps.shape
        node = np.full(n_rows, -1, dtype=np.int64)
        rows = np.arange(n_rows)
        for k in range(length):
            if not len(rows):
                break
            got = self.child(k + 1, node[rows], cps[rows, k])
            node[rows] = got
            rows = rows[got >= 0]
        return node
