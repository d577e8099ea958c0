"""The annotation files are valid: known codes, spans that point at their text, every code present."""

import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.classify.annotate import decode_source
from pipeline.classify.data import ANNOTATIONS_DIR, LABELS_PATH, read_annotations
from pipeline.classify.taxonomy import FIXED_CODES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def annotations():
    return read_annotations(LABELS_PATH)


def test_guidelines_define_every_code_and_the_rules():
    text = (ANNOTATIONS_DIR / "GUIDELINES.md").read_text(encoding="utf-8")
    for code in FIXED_CODES:
        assert f"| {code} |" in text, code
    for heading in ("Primary-code rule", "Multi-label rule", "Hard cases"):
        assert heading in text


def test_labels_are_valid_codes_with_primary_first(annotations):
    assert len(annotations) >= 400
    assert len({a.id for a in annotations}) == len(annotations)
    for a in annotations:
        assert a.labels and len(a.labels) == len(set(a.labels)), a.id
        assert set(a.labels) <= set(FIXED_CODES), a.id
        assert a.labels == ["other"] or "other" not in a.labels, a.id
        assert (
            a.annotator == "A"
            and a.split in ("dev", "test")
            and a.source in ("seed", "city_report", "synthetic")
        )


def test_every_code_has_several_examples(annotations):
    any_code = Counter(c for a in annotations for c in a.labels)
    primary = Counter(a.primary for a in annotations)
    for code in FIXED_CODES:
        assert any_code[code] >= 5, code
        assert primary[code] >= 5, code
    real_other = sum(1 for a in annotations if a.primary == "other" and a.source == "city_report")
    assert real_other >= 100  # the model is scored on non-health text too


def test_seed_spans_point_at_the_decoded_text(annotations, raw_dir):
    seen = 0
    cache: dict[str, str] = {}
    for a in annotations:
        if a.source != "seed":
            continue
        if a.doc not in cache:
            cache[a.doc] = decode_source(ROOT / a.doc)
        text = cache[a.doc]
        assert text[a.span[0] : a.span[1]] == a.text, a.id
        seen += 1
    assert seen > 200


def test_city_report_spans_point_at_the_text(annotations, city_reports_dir):
    cache: dict[str, str] = {}
    for a in annotations:
        if a.source != "city_report":
            continue
        path = city_reports_dir.parent / a.doc
        if a.doc not in cache:
            cache[a.doc] = decode_source(path)
        text = cache[a.doc]
        assert text[a.span[0] : a.span[1]] == a.text, a.id


def test_synthetic_units_span_their_own_text(annotations):
    synthetic = [a for a in annotations if a.source == "synthetic"]
    assert all(a.doc == "synthetic" and a.span == (0, len(a.text)) for a in synthetic)
    assert len(synthetic) <= 0.05 * len(annotations)


def test_second_pass_sample_is_blind_and_drawn_from_the_labels(annotations):
    ids = {a.id for a in annotations if a.source != "synthetic"}
    rows = [
        json.loads(line)
        for line in (ANNOTATIONS_DIR / "labels_sample_for_second_pass.jsonl").open(encoding="utf-8")
    ]
    assert len(rows) >= 60
    for r in rows:
        assert set(r) == {"id", "doc", "span", "text"}
        assert r["id"] in ids
