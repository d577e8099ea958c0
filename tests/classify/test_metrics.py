import pytest

from pipeline.classify.metrics import score


def test_score_micro_macro_and_primary():
    gold = [["tcm", "nursing"], ["other"], ["tcm"]]
    pred = [["tcm"], ["tcm"], ["nursing", "tcm"]]
    rep = score(gold, pred, ["tcm", "nursing", "other"])
    per = {s.code: s for s in rep.per_code}
    assert (per["tcm"].tp, per["tcm"].fp, per["tcm"].fn) == (2, 1, 0)
    assert (per["nursing"].tp, per["nursing"].fp, per["nursing"].fn) == (0, 1, 1)
    assert (per["other"].tp, per["other"].fp, per["other"].fn) == (0, 0, 1)
    assert rep.micro_p == pytest.approx(2 / 4)
    assert rep.micro_r == pytest.approx(2 / 4)
    assert rep.macro_f1 == pytest.approx((0.8 + 0 + 0) / 3)
    assert rep.primary_accuracy == pytest.approx(1 / 3)
    assert rep.confusion[("other", "tcm")] == 1
