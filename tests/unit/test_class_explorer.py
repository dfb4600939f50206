"""The C1.3 class explorer (frontends/widgets/classes.py): the summary and the figure share one classification."""

from __future__ import annotations

import ckm_course
from ckm_course.case import analytics, data
from ckm_course.frontends.widgets import classes as explorer_module


def test_the_summary_and_the_figure_classify_once_per_change(monkeypatch):
    ckm_course.start()
    calls = []
    real = analytics.customer_classes
    monkeypatch.setattr(analytics, "customer_classes", lambda *args, **kw: calls.append(args[2]) or real(*args, **kw))
    explorer = ckm_course.widgets.class_explorer()
    assert isinstance(explorer, explorer_module.ClassExplorer)
    explorer.figure()
    assert len(calls) == 1
    explorer.top.value = 0.5
    explorer.figure()
    assert len(calls) == 2 and calls[-1].top_revenue_share == 0.5
    # what both show is the classification under the sliders' current rules
    fresh = real(explorer.customers, explorer.profit, explorer.rules(), explorer.lifetime_profit)
    assert explorer.classes().equals(fresh)
    assert data.load_case("customers").shape[0] == len(fresh)
