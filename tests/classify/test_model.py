import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.classify.model import (
    DEFAULT_MODEL_PATH,
    ModelFormatError,
    TaskClassifier,
    load_default_classifier,
)
from pipeline.schema import Label

TRAIN = [
    ("推行分时段预约诊疗，缩短患者候诊时间。", ["appointment_flow"]),
    ("二级以上医院全面开展预约挂号和诊间结算。", ["appointment_flow"]),
    ("优化门诊流程，推广预约检查和移动支付。", ["appointment_flow", "digital_health"]),
    ("扩大预约号源，实行分时段就诊。", ["appointment_flow"]),
    ("开展中医适宜技术推广，建设基层中医馆。", ["tcm", "primary_care"]),
    ("支持中医医院发展治未病服务。", ["tcm"]),
    ("加强名中医工作室建设，传承中医药经验。", ["tcm"]),
    ("推进中西医结合诊疗模式。", ["tcm"]),
    ("建设智慧医院，完善电子病历系统。", ["digital_health"]),
    ("发展互联网医院，推进互联网+医疗健康。", ["digital_health"]),
    ("建设全民健康信息平台，推广电子健康卡。", ["digital_health"]),
    ("成立领导小组，明确责任分工，落实经费保障。", ["implementation"]),
    ("加强督导考核，定期通报工作进展。", ["implementation"]),
    ("做好宣传引导，营造良好舆论氛围。", ["implementation"]),
    ("加快新能源汽车产业集群建设。", ["other"]),
    ("新建高标准农田五万亩，稳定粮食生产。", ["other"]),
    ("推进轨道交通和高速公路建设。", ["other"]),
    ("促进房地产市场平稳健康发展。", ["other"]),
    ("优化营商环境，支持民营经济发展。", ["other"]),
    ("扩大有效投资，实施重大项目攻坚。", ["other"]),
]
GROUPS = [f"doc{i % 5}" for i in range(len(TRAIN))]


@pytest.fixture(scope="module")
def tiny_model():
    texts, labels = zip(*TRAIN, strict=True)
    return TaskClassifier(n_calibration_folds=3).fit(list(texts), list(labels), GROUPS)


def test_predict_gives_sorted_nonempty_labels(tiny_model):
    out = tiny_model.predict(["推行预约诊疗服务", "建设中医馆", "发展新能源产业", ""])
    assert len(out) == 4
    for labels in out:
        assert labels and all(isinstance(lab, Label) for lab in labels)
        assert [lab.score for lab in labels] == sorted((lab.score for lab in labels), reverse=True)
        assert all(0.0 <= lab.score <= 1.0 for lab in labels)
        codes = [lab.code for lab in labels]
        assert codes == ["other"] or "other" not in codes
    assert out[0][0].code == "appointment_flow"
    assert out[1][0].code == "tcm"
    assert tiny_model.predict([]) == []


def test_nothing_passing_gives_other():
    model = TaskClassifier()
    proba = np.full((1, len(model.codes)), 0.01)
    model.thresholds = [0.5] * len(model.codes)
    (labels,) = model.labels_from_proba(proba)
    assert [lab.code for lab in labels] == ["other"]
    assert labels[0].score == pytest.approx(0.99)


def test_other_is_never_combined_with_health_codes():
    model = TaskClassifier()
    model.thresholds = [0.3] * len(model.codes)
    proba = np.zeros((2, len(model.codes)))
    o, t = model.codes.index("other"), model.codes.index("tcm")
    proba[0, [o, t]] = [0.9, 0.6]
    proba[1, [o, t]] = [0.6, 0.9]
    a, b = model.labels_from_proba(proba)
    assert [lab.code for lab in a] == ["other"]
    assert [lab.code for lab in b] == ["tcm"]


def test_save_load_round_trip_is_identical(tiny_model, tmp_path):
    path = tiny_model.save(tmp_path / "m.json")
    loaded = TaskClassifier.load(path, tokenizer=tiny_model.tokenizer)
    texts = ["推行预约诊疗服务", "建设中医馆，推广治未病", "发展新能源产业", "成立领导小组"]
    assert loaded.predict(texts) == tiny_model.predict(texts)
    assert np.array_equal(loaded.predict_proba(texts), tiny_model.predict_proba(texts))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "planminer-task-classifier" and data["format_version"] == 1
    assert data["taxonomy_version"] == tiny_model.taxonomy.version


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("format", "sklearn-pickle", "not a planminer-task-classifier"),
        ("format_version", 99, "format_version"),
        ("taxonomy_version", "0.0.1", "taxonomy"),
    ],
)
def test_load_refuses_other_formats_and_taxonomy_versions(
    tiny_model, tmp_path, key, value, message
):
    data = tiny_model.to_dict()
    data[key] = value
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelFormatError, match=message):
        TaskClassifier.load(path)


def test_load_refuses_pickle_bytes(tmp_path):
    path = tmp_path / "task_classifier.json"
    path.write_bytes(b"\x80\x04\x95\x00\x00")
    with pytest.raises(ModelFormatError):
        TaskClassifier.load(path)


def test_load_default_classifier_none_when_absent(tmp_path):
    assert load_default_classifier(tmp_path / "missing.json") is None
    assert load_default_classifier(tmp_path) is None


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=120))
def test_predict_never_raises(tiny_model, text):
    (labels,) = tiny_model.predict([text])
    assert labels


@pytest.fixture(scope="module")
def trained_model():
    model = load_default_classifier()
    if model is None:
        pytest.skip(f"no trained model at {DEFAULT_MODEL_PATH}; run `make model`")
    return model


def test_trained_model_says_other_for_non_health_text(trained_model):
    texts = [
        "加快培育新能源汽车、集成电路等战略性新兴产业，力争规上工业增加值增长8%。",
        "深化国资国企改革，支持民营企业参与重大项目建设。",
        "新建改建农村公路300公里，推进“四好农村路”高质量发展。",
        "实施城市更新行动，改造老旧小区120个。",
    ]
    for labels in trained_model.predict(texts):
        assert [lab.code for lab in labels] == ["other"]


def test_trained_model_recognises_health_commitments(trained_model):
    out = trained_model.predict(
        [
            "二级以上公立医院全面推行分时段预约诊疗，预约时段精确到30分钟。",
            "建立胸痛中心、卒中中心和创伤中心，完善院前急救网络。",
        ]
    )
    assert out[0][0].code == "appointment_flow"
    assert out[1][0].code == "emergency_care"
