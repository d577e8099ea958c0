import json

from pipeline.classify.model import TaskClassifier
from pipeline.classify.train import train

UNITS = [
    ("推行分时段预约诊疗，缩短候诊时间。", ["appointment_flow"]),
    ("扩大预约号源，推广诊间结算。", ["appointment_flow"]),
    ("开展预约挂号和检查预约服务。", ["appointment_flow"]),
    ("建设基层中医馆，推广中医适宜技术。", ["tcm"]),
    ("发展中医治未病服务。", ["tcm"]),
    ("支持名中医工作室建设。", ["tcm"]),
    ("加快新能源汽车产业发展。", ["other"]),
    ("推进高速公路建设。", ["other"]),
    ("新建高标准农田。", ["other"]),
]


def test_train_writes_a_loadable_model_and_a_card(tmp_path):
    labels = tmp_path / "labels.jsonl"
    with labels.open("w", encoding="utf-8") as fh:
        for i, (text, codes) in enumerate(UNITS):
            row = {
                "id": str(i),
                "doc": f"d{i % 3}",
                "span": [0, len(text)],
                "text": text,
                "labels": codes,
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    path, meta = train(labels, tmp_path / "models", run_cv=False)
    assert meta["training_data"]["n_units"] == len(UNITS)
    assert len(meta["training_data"]["sha256"]) == 64
    model = TaskClassifier.load(path)
    assert model.metadata["training_data"]["sha256"] == meta["training_data"]["sha256"]
    card = (tmp_path / "models" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "taxonomy 1.0.0" in card and "class_weight='balanced'" in card
    assert model.predict(["推行预约诊疗"])[0][0].code == "appointment_flow"
