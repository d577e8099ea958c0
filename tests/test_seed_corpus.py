"""The seed corpus end to end: what a careful reader of each seed would list.

These pin the issue's "done when" cases on the real documents the project was
created from, through the whole pipeline (ingest -> structure -> extract).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from pipeline.build import BuildOptions, build
from tests.build.helpers import read_jsonl

CHROME = ["欢迎访问", "【下载Word】", "【下载PDF】", "【关闭窗口】", "【打印本文】", "字体", "图表解读",
          "文字解读", "精选(九篇)", "前言:", "公务员期刊网", "索引号", "主题分类"]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("seeds") / "structured"
    build([raw_dir], out, BuildOptions(use_cache=False, quiet=True))
    docs = read_jsonl(out / "documents.jsonl")
    tasks = read_jsonl(out / "tasks.jsonl")
    by_seed: dict[str, list[dict]] = {}
    for doc in docs:
        by_seed.setdefault(doc["source"]["path"][:3], []).append(doc)
    return {"docs": docs, "tasks": tasks, "by_seed": by_seed}


def _tasks_of(corpus: dict, seed: str, part: int = 1) -> list[dict]:
    doc = next(d for d in corpus["by_seed"][seed] if d["source"]["part"] == part)
    return [t for t in corpus["tasks"] if t["doc_id"] == doc["doc_id"]]


@pytest.mark.parametrize(
    ("seed", "title", "doc_number", "issued", "region", "code", "level", "period", "status"),
    [
        ("000", "2016年进一步改善医疗服务行动计划", None, "2016-02-04", "蓟县", "120225", "county", (2016, 2016), "final"),
        ("002", "四川省全面改善医疗服务三年行动方案（2018-2020年）", "川卫办发〔2018〕27号", "2018-05-18", "四川省",
         "510000", "province", (2018, 2020), "final"),
        ("003", "怀柔区提升区域医疗服务能力三年行动计划（2024-2026年）", None, None, "怀柔区", "110116", "county",
         (2024, 2026), "draft"),
        ("004", "临沂市看病就医便民惠民服务行动计划(2019-2021年)", "临政办发〔2019〕8号", "2019-05-24", "临沂市",
         "371300", "city", (2019, 2021), "final"),
    ],
)  # fmt: skip
def test_plan_metadata(
    corpus: dict, seed, title, doc_number, issued, region, code, level, period, status
) -> None:
    (doc,) = corpus["by_seed"][seed]
    assert doc["title"] == title
    assert doc["doc_number"] == doc_number
    assert doc["issued_date"] == issued
    assert (doc["region"]["name"], doc["region"]["code"], doc["region"]["level"]) == (
        region,
        code,
        level,
    )
    assert (doc["period"]["start_year"], doc["period"]["end_year"]) == period
    assert doc["status"] == status
    assert doc["kind"] == "action_plan"


def test_covering_notice_and_portal_fields(corpus: dict) -> None:
    (sichuan,) = corpus["by_seed"]["002"]
    assert sichuan["notice_title"].endswith("的通知") and "关于印发" in sichuan["notice_title"]
    assert sichuan["issuers"] == ["四川省卫生和计划生育委员会办公室"]
    (linyi,) = corpus["by_seed"]["004"]
    assert linyi["issuers"] == ["临沂市人民政府办公室"]
    assert linyi["portal"]["索引号"] == "852681291/zfb/2019-0000046"
    assert linyi["portal"]["主题分类"] == "卫生、体育-卫生"


def test_aggregator_page_becomes_nine_simplified_articles(corpus: dict) -> None:
    articles = sorted(corpus["by_seed"]["001"], key=lambda d: d["source"]["part"])
    assert [d["source"]["part"] for d in articles] == list(range(1, 10))
    for doc in articles:
        assert doc["source"]["converted_from_traditional"] is True
        assert "醫" not in doc["text"] and "務" not in doc["text"]
        assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", doc["text"]), "pinyin left"
    assert articles[0]["region"]["code"] == "530103"  # 盘龙区 of 昆明市
    assert articles[0]["quality"]["lost_chars"] > 0


def test_no_site_chrome_in_any_text(corpus: dict) -> None:
    for doc in corpus["docs"]:
        for chrome in CHROME:
            assert chrome not in doc["text"], (doc["source"]["path"], chrome)


def _squash(text: str) -> str:
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)  # Word artefacts are removed on purpose
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("seed", ["000", "002", "003", "004"])
def test_no_sentence_of_a_plan_is_lost(corpus: dict, raw_dir: Path, seed: str) -> None:
    raw = next(raw_dir.glob(f"{seed}_*")).read_text(encoding="utf-8")
    text = _squash("".join(d["text"] for d in corpus["by_seed"][seed]))
    sentences = [s for s in re.split(r"(?<=。)", raw) if s.strip().endswith("。")]
    for sentence in sentences:
        tail = _squash(sentence.split("|")[-1])[-40:]  # the part after any portal-table cell
        assert tail in text, tail


def test_one_line_plan_gives_ten_tasks_with_lead_and_cooperating_agencies(corpus: dict) -> None:
    tasks = [
        t
        for t in _tasks_of(corpus, "004")
        if t["heading_path"] and t["heading_path"][-1] == "重点任务"
    ]
    assert [t["number"] for t in tasks] == [f"({n})" for n in "一二三四五六七八九十"]
    for task in tasks:
        roles = {a["role"] for a in task["agencies"]}
        assert roles == {"lead", "cooperate"}, task["text"][-40:]
        assert all(a["level"] == "city" for a in task["agencies"])
    medical_insurance_task = tasks[7]
    assert medical_insurance_task["agencies"][0]["canonical"] == "医疗保障局"
    assert medical_insurance_task["agencies"][0]["role"] == "lead"


def test_responsibility_lines_belong_to_their_units(corpus: dict) -> None:
    numbered = [t for t in _tasks_of(corpus, "003") if t["number"] and t["number"].endswith(".")]
    assert [t["number"] for t in numbered] == [f"{i}." for i in range(1, 17)]
    for task in numbered:
        assert "责任单位" in task["text"]
        assert any(a["canonical"] == "卫生健康委员会" for a in task["agencies"])
        assert all(a["level"] == "county" for a in task["agencies"])


def test_ratio_targets(corpus: dict) -> None:
    targets = [tg for t in corpus["tasks"] for tg in t["targets"]]
    nurse_bed = [tg for tg in targets if "护床比" in tg["text"]]
    assert [(tg["comparator"], tg["value"], tg["unit"]) for tg in nurse_bed] == [
        (">=", 0.4, "ratio")
    ]
    bed_nurse = sorted((tg["value"], tg["year"]) for tg in targets if "床护比" in tg["text"])
    assert bed_nurse == [(0.4, 2021), (0.6, 2021)]


def test_phases_with_date_ranges(corpus: dict) -> None:
    phases = [t for t in _tasks_of(corpus, "000") if t["kind"] == "phase"]
    ranges = [
        (d["start"], d["end"])
        for t in phases
        for d in t["deadlines"]
        if d["kind"] in ("range", "period")
    ]
    assert ("2016-02-01", "2016-03-31") in ranges
    assert ("2016-04-01", "2016-11-30") in ranges  # not collapsed to one month
    assert ("2016-12-01", "2016-12-31") in ranges
    article = _tasks_of(corpus, "001", part=2)
    phase_ranges = [
        (d["start"], d["end"]) for t in article if t["kind"] == "phase" for d in t["deadlines"]
    ]
    assert phase_ranges[:3] == [
        ("2009-06-20", "2009-07-01"),
        ("2009-07-01", "2009-09-10"),
        ("2009-09-10", "2009-09-20"),
    ]
