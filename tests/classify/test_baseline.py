from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.classify.baseline import KeywordBaseline


def test_baseline_uses_taxonomy_cues_and_falls_back_to_other():
    bl = KeywordBaseline()
    out = bl.predict(["推行分时段预约诊疗，缩短候诊时间。", "加快新能源汽车产业集群建设。"])
    assert out[0][0].code == "appointment_flow"
    assert [lab.code for lab in out[1]] == ["other"]
    assert all(a.score >= b.score for a, b in zip(out[0], out[0][1:], strict=False))


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_baseline_never_raises_and_always_labels(text):
    (labels,) = KeywordBaseline().predict([text])
    assert labels
