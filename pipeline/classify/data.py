"""Reading the annotation files ``corpus/annotations/labels*.jsonl``.

The format is documented in ``corpus/annotations/README.md``; this module
only parses it into small records for training, evaluation and agreement.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS_DIR = ROOT / "corpus" / "annotations"
LABELS_PATH = ANNOTATIONS_DIR / "labels.jsonl"


@dataclass
class Annotation:
    id: str
    doc: str
    span: tuple[int, int]
    text: str
    labels: list[str] = field(default_factory=list)
    annotator: str = ""
    note: str = ""
    source: str = ""
    split: str = "dev"

    @property
    def primary(self) -> str:
        return self.labels[0]


def read_annotations(path: Path = LABELS_PATH, require_labels: bool = True) -> list[Annotation]:
    """Parse a JSONL annotation file; raises ValueError naming the line on bad records."""
    out: list[Annotation] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                labels = list(r.get("labels") or [])
                if require_labels and not labels:
                    raise ValueError("no labels")
                out.append(
                    Annotation(
                        id=str(r["id"]),
                        doc=str(r["doc"]),
                        span=(int(r["span"][0]), int(r["span"][1])),
                        text=str(r["text"]),
                        labels=labels,
                        annotator=str(r.get("annotator", "")),
                        note=str(r.get("note", "")),
                        source=str(r.get("source", "")),
                        split=str(r.get("split", "dev")),
                    )
                )
            except (KeyError, TypeError, ValueError, json.JSONDecodeError) as exc:
                raise ValueError(f"{path}:{n}: bad annotation record ({exc})") from exc
    return out
