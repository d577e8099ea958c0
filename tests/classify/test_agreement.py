import json

import pytest

from pipeline.classify.agreement import cohen_kappa, compare, per_code_kappa


def test_kappa_textbook_example():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> po 0.7, pe 0.5, kappa 0.4
    a = ["y"] * 25 + ["n"] * 25
    b = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_kappa_perfect_chance_and_degenerate():
    assert cohen_kappa(["a", "b", "c"], ["a", "b", "c"]) == 1.0
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(0.5)
    assert cohen_kappa([1, 0], [0, 1]) == pytest.approx(-1.0)
    assert cohen_kappa(["x", "x"], ["x", "x"]) == 1.0
    with pytest.raises(ValueError):
        cohen_kappa([1], [1, 2])


def test_per_code_kappa_is_binary_presence():
    a = [["tcm", "nursing"], ["other"], ["tcm"]]
    b = [["tcm"], ["other"], ["tcm"]]
    k = per_code_kappa(a, b)
    assert k["tcm"] == 1.0 and k["other"] == 1.0
    assert k["nursing"] == pytest.approx(0.0)


def _write(path, rows):
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )


def test_compare_matches_units_by_id(tmp_path):
    base = {"doc": "d", "span": [0, 1], "text": "x"}
    _write(
        tmp_path / "a.jsonl",
        [{**base, "id": "1", "labels": ["tcm"]}, {**base, "id": "2", "labels": ["other"]}],
    )
    _write(
        tmp_path / "b.jsonl",
        [
            {**base, "id": "2", "labels": ["other"]},
            {**base, "id": "1", "labels": ["nursing", "tcm"]},
        ],
    )
    res = compare(tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert res["n"] == 2
    assert res["primary_agreement"] == 0.5
    assert [d[0] for d in res["disagreements"]] == ["1"]
