"""The research fixture corpus follows the output contract (JSON Schema of pipeline/schemas)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SCHEMAS = Path(__file__).resolve().parents[2] / "pipeline" / "schemas"


@pytest.mark.parametrize("table", ["documents", "tasks"])
def test_fixture_validates_against_schema(table: str, fixture_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SCHEMAS / f"{table}.schema.json"
    if not schema_path.is_file():
        pytest.skip(f"{schema_path} not written yet")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    lines = (fixture_dir / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        errors = sorted(validator.iter_errors(json.loads(line)), key=str)
        assert not errors, errors[0].message


def test_fixture_is_what_the_generator_writes(fixture_dir: Path, tmp_path: Path) -> None:
    """tests/fixtures/research/make_fixture.py regenerates the committed files exactly."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixture", fixture_dir / "make_fixture.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    documents, tasks = module.build()
    from pipeline.schema import to_json_dict

    hint = "regenerate: .venv/bin/python tests/fixtures/research/make_fixture.py"
    expected = [json.dumps(to_json_dict(d), ensure_ascii=False) for d in documents]
    assert (fixture_dir / "documents.jsonl").read_text(encoding="utf-8").splitlines() == expected, (
        hint
    )
    expected = [json.dumps(to_json_dict(t), ensure_ascii=False) for t in tasks]
    assert (fixture_dir / "tasks.jsonl").read_text(encoding="utf-8").splitlines() == expected, hint
