"""The C1.3 threshold explorer: move the class thresholds, see who lands in which class.

The rules are :class:`ckm_course.case.analytics.ClassRules`; this widget only sets them and shows
the scatter (revenue against profit) and the per-class summary.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import pandas as pd

from ckm_course.case import analytics
from ckm_course.frontends import charts
from ckm_course.content.model import Text
from ckm_course.frontends.widgets import shared
from ckm_course.frontends.widgets.base import tr
from ckm_course.frontends.widgets.figure_output import FigureFollows


class ClassExplorer(FigureFollows, widgets.VBox):
    """Sliders for the three C1.3 thresholds; scatter and summary follow."""

    title_text = "C1.3 customer-class explorer / 客户分类探索器"

    def __init__(self, customers: pd.DataFrame, profit: pd.Series, labels: Mapping[str, Text],
                 lifetime_profit: pd.Series | None = None) -> None:
        """``lifetime_profit`` (analytics.lifetime_account) decides negative value, as in chapter 9's table."""
        self.customers, self.profit, self.labels = customers, profit, dict(labels)
        self.lifetime_profit = lifetime_profit
        self._classified: tuple[analytics.ClassRules, pd.Series] | None = None
        defaults = analytics.ClassRules()
        look = {"style_traits": {"description_width": "12em"}, "layout_traits": {"width": "32em"}}  # shared.py
        self.top = shared.make(widgets.FloatSlider, value=defaults.top_revenue_share, min=0.1, max=0.95, step=0.05,
                               description=tr(Text("大客户收入占比", "Top revenue share")), **look)
        self.growth = shared.make(widgets.FloatSlider, value=defaults.growth_min, min=0.0, max=1.0, step=0.05,
                                  description=tr(Text("增长率下限", "Min. growth rate")), **look)
        self.wallet = shared.make(widgets.FloatSlider, value=defaults.wallet_share_max, min=0.0, max=0.5, step=0.05,
                                  description=tr(Text("钱包份额上限", "Max. share of wallet")), **look)
        self.summary = shared.html()
        for slider in (self.top, self.growth, self.wallet):
            slider.observe(lambda _: self.redraw(), names="value")
        super().__init__([self.top, self.growth, self.wallet, self.summary], _dom_classes=("ckm-class-explorer",))
        self.redraw()

    def rules(self) -> analytics.ClassRules:
        return analytics.ClassRules(top_revenue_share=self.top.value, growth_min=self.growth.value,
                                    wallet_share_max=self.wallet.value)

    def classes(self) -> pd.Series:
        """Each customer's class under the sliders' rules; the summary and the figure both ask, once a change."""
        rules = self.rules()
        if self._classified is None or self._classified[0] != rules:
            self._classified = rules, analytics.customer_classes(self.customers, self.profit, rules,
                                                                 self.lifetime_profit)
        return self._classified[1]

    def figure(self):
        frame = self.customers.assign(profit=self.profit, cls=self.classes(), who=self.customers.index)
        return charts.customer_classes(frame, "revenue", "profit", "cls", self.labels, hover="who")

    def redraw(self) -> None:
        names = {k: tr(v) for k, v in self.labels.items()}
        table = analytics.class_summary(self.customers, self.profit, self.classes(), names)
        self.summary.value = table[["customers", "customer_share", "revenue_share", "profit_share"]].to_html()
        self.redraw_figure()
