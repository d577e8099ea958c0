from typing import ClassVar

from pipeline.classify.data import Annotation
from pipeline.classify.evaluate import grouped_cv_predictions
from pipeline.schema import Label


class RecordingModel:
    """Stands in for the classifier: remembers what it was trained on, predicts 'other'."""

    trained_docs: ClassVar[list[set[str]]] = []

    def fit(self, texts, label_lists, groups):
        RecordingModel.trained_docs.append(set(groups))
        return self

    def predict(self, texts):
        return [[Label("other", 1.0)] for _ in texts]


def test_grouped_cv_never_tests_on_a_training_document_and_skips_synthetic():
    anns = [
        Annotation(f"{d}#{i}", d, (0, 1), "x", ["tcm"], source="seed")
        for d in "abcdefg"
        for i in range(3)
    ]
    anns.append(
        Annotation("synthetic#0", "synthetic", (0, 1), "x", ["nursing"], source="synthetic")
    )
    RecordingModel.trained_docs = []
    real, pred = grouped_cv_predictions(anns, RecordingModel, n_splits=3)
    assert len(real) == 21 and all(a.source != "synthetic" for a in real)
    assert pred == [["other"]] * 21
    assert len(RecordingModel.trained_docs) == 3
    all_docs = set("abcdefg")
    tested = [all_docs - docs for docs in RecordingModel.trained_docs]
    assert all("synthetic" in docs for docs in RecordingModel.trained_docs)
    assert set().union(*tested) == all_docs
    assert sum(len(t) for t in tested) == len(all_docs)  # each document tested exactly once
