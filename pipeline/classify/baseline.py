"""Keyword-rules baseline: the taxonomy cues alone, no learning.

A unit gets every code with at least ``min_hits`` of its cue phrases, ranked
by the number of distinct cues found (ties in taxonomy order), at most
``max_labels``; ``other`` when no cue matches.  This is the bar the trained
classifier must clear (``python -m pipeline.classify.evaluate``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.classify.features import normalize_text
from pipeline.classify.taxonomy import Taxonomy, load_taxonomy
from pipeline.schema import Label


class KeywordBaseline:
    """Same ``predict`` contract as :class:`pipeline.classify.model.TaskClassifier`."""

    def __init__(
        self, taxonomy: Taxonomy | None = None, min_hits: int = 1, max_labels: int = 4
    ) -> None:
        self.taxonomy = taxonomy or load_taxonomy()
        self.min_hits = min_hits
        self.max_labels = max_labels
        self._cues = {
            code: [normalize_text(c) for c in self.taxonomy.cues(code)]
            for code in self.taxonomy.code_list
            if code != self.taxonomy.default_code
        }

    def fit(
        self, texts: Sequence[str], label_lists: Sequence[Sequence[str]], groups: object = None
    ) -> KeywordBaseline:
        """Nothing to learn; present so evaluation can treat both models alike."""
        return self

    def predict(self, texts: Sequence[str]) -> list[list[Label]]:
        out: list[list[Label]] = []
        for text in texts:
            t = normalize_text(text)
            hits = {code: sum(1 for c in cues if c in t) for code, cues in self._cues.items()}
            ranked = sorted(
                (code for code, n in hits.items() if n >= self.min_hits), key=lambda c: -hits[c]
            )
            total = sum(hits[c] for c in ranked)
            if not ranked:
                out.append([Label(code=self.taxonomy.default_code, score=1.0)])
                continue
            out.append(
                [Label(code=c, score=round(hits[c] / total, 4)) for c in ranked[: self.max_labels]]
            )
        return out
