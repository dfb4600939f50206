"""Each figure's words (issue 22 item 10): what it shows and its main finding, from its data.

One function per builder of :mod:`charts` / :mod:`data_charts`, given the same data the figure
draws; each returns a :class:`~ckm_course.frontends.figure_text.FigureText`. Different data give a
different finding (tests/unit/test_figure_alt.py): nothing here is a fixed sentence about a figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ckm_course.content.model import Point, Text
from ckm_course.frontends.figure_text import FigureText


def _join(texts: Sequence[Text]) -> Text:
    return Text("、".join(t.zh for t in texts), ", ".join(t.en for t in texts))


def _both(text: Text) -> str:
    return text.zh if text.zh == text.en else f"{text.zh} {text.en}"


def _num(value: float) -> str:
    return f"{value:g}"


def dikw(point: Point) -> FigureText:
    """C2.3: the levels from the wide base to the narrow top."""
    entries = point.entries
    return FigureText(
        Text(f"{point.title.zh}：{len(entries)} 层金字塔", f"{point.title.en}: a pyramid of {len(entries)} levels"),
        Text(f"底层最宽的是{entries[0].label.zh}，顶端最窄的是{entries[-1].label.zh}",
             f"{entries[0].label.en} forms the wide base, {entries[-1].label.en} the narrow top"),
        (Text("层", "Level"), Text("名称", "Name"), Text("说明", "Explanation")),
        tuple((str(i + 1), _both(e.label), _both(e.explanation) if e.explanation else "")
              for i, e in enumerate(entries)))


def sunburst(points: Sequence[Point], root: Text) -> FigureText:
    """C3: the schemes, their categories, and which scheme has the most."""
    counts = [len(p.entries) for p in points]
    most = max(counts, default=0)
    top = [p for p, n in zip(points, counts) if n == most]
    return FigureText(
        Text(f"{root.zh}：{len(points)} 种分类方式，共 {sum(counts)} 个类别",
             f"{root.en}: {len(points)} classification schemes with {sum(counts)} categories in all"),
        Text(f"类别最多的是{_join([p.title for p in top]).zh}（{most} 个）",
             f"{_join([p.title for p in top]).en} {'has' if len(top) == 1 else 'have'} the most categories ({most})"),
        (Text("分类方式", "Scheme"), Text("类别数", "Categories"), Text("类别", "Category names")),
        tuple((f"{p.id} {_both(p.title)}", str(n), "; ".join(_both(e.label) for e in p.entries))
              for p, n in zip(points, counts)),
        narrow_table=True)


def comparison(pairs: Sequence[tuple[Point, object]], sides: Mapping[str, Text], title: Text, total: int) -> FigureText:
    """C4: the table's dimensions and the approaches compared."""
    names = [entry.label for _, entry in pairs]  # type: ignore[attr-defined]
    part = Text("", "") if len(pairs) == total else Text(f"（共 {total} 个维度中的 {len(pairs)} 个）",
                                                         f" ({len(pairs)} of {total} dimensions)")
    return FigureText(
        Text(f"{title.zh}：比较 {_join(list(sides.values())).zh}{part.zh}",
             f"{title.en}: a table comparing {_join(list(sides.values())).en}{part.en}"),
        Text(f"比较维度：{_join(names).zh}", f"Dimensions: {_join(names).en}"),
        (Text("比较维度", "Dimension"), *sides.values()),
        tuple((f"{p.id} {_both(e.label)}", *(_both(e.side(s)) if e.side(s) else "—" for s in sides))  # type: ignore[attr-defined]
              for p, e in pairs))


def lifecycle(point: Point, flows: Mapping[str, str]) -> FigureText:
    """C5.1: which stages cross between firm and customer, in which direction, and which stay inside."""
    stages = [e for e in point.entries if not e.links]
    where = {"in": Text("客户 → 企业", "customer → firm"), "out": Text("企业 → 客户", "firm → customer"),
             "both": Text("双向", "both ways")}
    inside = Text("企业内部", "inside the firm")
    placed = [(e, where[flows[e.group]] if e.group in flows else inside) for e in stages]
    crossing = [e.label for e, w in placed if w is not inside]
    kept = [e.label for e, w in placed if w is inside]
    return FigureText(
        Text(f"{point.title.zh}：{len(stages)} 个阶段", f"{point.title.en}: {len(stages)} stages"),
        Text(f"在企业与客户之间流动的是{_join(crossing).zh}；留在企业内部的是{_join(kept).zh}",
             f"{_join(crossing).en} cross between firm and customer; {_join(kept).en} stay inside the firm"),
        (Text("阶段", "Stage"), Text("方向", "Direction")),
        tuple((_both(e.label), _both(w)) for e, w in placed))


def audit(point: Point) -> FigureText:
    """C6.4: the steps in order and the stage with the most steps."""
    groups = {g.id: g for g in point.groups}
    counts = {g.id: sum(e.group == g.id for e in point.entries) for g in point.groups}
    biggest = groups[max(counts, key=lambda g: counts[g])] if counts else None
    first, last = point.entries[0].label, point.entries[-1].label
    big = Text(f"步骤最多的阶段是{biggest.label.zh}（{counts[biggest.id]} 步）；", f"; the largest stage is "
               f"{biggest.label.en} ({counts[biggest.id]} steps)") if biggest else Text("", "")
    return FigureText(
        Text(f"{point.title.zh}：{len(point.entries)} 个步骤，{len(point.groups)} 个阶段",
             f"{point.title.en}: {len(point.entries)} steps in {len(point.groups)} stages"),
        Text(f"从{first.zh}到{last.zh}{('，' + big.zh.rstrip('；')) if biggest else ''}",
             f"From {first.en} to {last.en}{big.en}"),
        (Text("步骤", "Step"), Text("名称", "Name"), Text("阶段", "Stage")),
        tuple((str(i + 1), _both(e.label), _both(groups[e.group].label) if e.group in groups else "")
              for i, e in enumerate(point.entries)))


def matrix(point: Point, title: Text) -> FigureText:
    """C6.5: the technology supporting most processes and the process served by most technologies."""
    processes, technologies = point.entries_in("process"), point.entries_in("technology")
    serves = {t.id: [p for p in processes if p.id in t.links] for t in technologies}
    tech = max(technologies, key=lambda t: len(serves[t.id]))
    served = {p.id: sum(p.id in t.links for t in technologies) for p in processes}
    proc = max(processes, key=lambda p: served[p.id])
    return FigureText(
        Text(f"{title.zh.split('<br>')[0]}：{len(technologies)} 项技术 × {len(processes)} 个业务流程",
             f"{title.en.split('<br>')[0]}: {len(technologies)} technologies × {len(processes)} business processes"),
        Text(f"支持流程最多的技术是{tech.label.zh}（{len(serves[tech.id])} 个）；得到技术最多的流程是{proc.label.zh}（{served[proc.id]} 项）",
             f"{tech.label.en} supports the most processes ({len(serves[tech.id])}); "
             f"{proc.label.en} is served by the most technologies ({served[proc.id]})"),
        (Text("技术", "Technology"), Text("流程数", "Processes"), Text("支持的流程", "Processes supported")),
        tuple((_both(t.label), str(len(serves[t.id])), "; ".join(_both(p.label) for p in serves[t.id]))
              for t in technologies))


def gantt(point: Point, base: Mapping[str, float], weeks: Mapping[str, float], owners: Mapping[str, str]) -> FigureText:
    """C6.1: the plan's length and its longest step."""
    end = max((base[e.id] + weeks[e.id] for e in point.entries), default=0.0)
    longest = max(point.entries, key=lambda e: weeks[e.id])
    groups = {g.id: g for g in point.groups}
    return FigureText(
        Text(f"{point.title.zh}：{len(point.entries)} 个步骤的甘特图", f"{point.title.en}: a Gantt chart of "
             f"{len(point.entries)} steps"),
        Text(f"全部完成需 {_num(end)} 周；每个步骤都是 {_num(weeks[longest.id])} 周",
             f"The plan takes {_num(end)} weeks; every step takes {_num(weeks[longest.id])} weeks")
        if len({weeks[e.id] for e in point.entries}) == 1 else
        Text(f"全部完成需 {_num(end)} 周；最长的步骤是{longest.label.zh}（{_num(weeks[longest.id])} 周）",
             f"The plan takes {_num(end)} weeks; the longest step is {longest.label.en} ({_num(weeks[longest.id])} weeks)"),
        (Text("步骤", "Step"), Text("阶段", "Phase"), Text("开始周", "Start week"), Text("周数", "Weeks"),
         Text("负责人", "Owner")),
        tuple((f"{i + 1}. {_both(e.label)}", _both(groups[e.group].label) if e.group in groups else "",
               _num(base[e.id]), _num(weeks[e.id]), owners.get(e.id, "")) for i, e in enumerate(point.entries)))


def classes(counts: Mapping[str, int], labels: Mapping[str, Text], title: Text, x: str, y: str) -> FigureText:
    """C1.3: how many customers each class holds and the largest class."""
    total = sum(counts.values())
    top = max(labels, key=lambda c: counts.get(c, 0)) if labels else None
    share = counts.get(top, 0) / total if total and top else 0.0
    find = (Text(f"最大的一类是{labels[top].zh}：{counts.get(top, 0)} 位（{share:.0%}）",
                 f"The largest class is {labels[top].en}: {counts.get(top, 0)} customers ({share:.0%})")
            if top else Text("没有客户", "No customers"))
    return FigureText(
        Text(f"{title.zh}：{total} 位客户的散点图（{x} 对 {y}）", f"{title.en}: {total} customers plotted ({x} against {y})"),
        find, (Text("类别", "Class"), Text("客户数", "Customers")),
        tuple((_both(labels[c]), str(counts.get(c, 0))) for c in labels))


def radar(dimensions: Sequence[Text], values: Sequence[float], maximum: float, title: Text) -> FigureText:
    """C8.1: the strongest and weakest dimensions of a self-assessment."""
    high, low = max(values, default=0.0), min(values, default=0.0)
    best = [d for d, v in zip(dimensions, values) if v == high]
    worst = [d for d, v in zip(dimensions, values) if v == low]
    return FigureText(
        Text(f"{title.zh}：{len(dimensions)} 个维度的雷达图（0–{_num(maximum)} 分）",
             f"{title.en}: a radar of {len(dimensions)} dimensions scored 0–{_num(maximum)}"),
        Text(f"最强：{_join(best).zh}（{_num(high)}）；最弱：{_join(worst).zh}（{_num(low)}）",
             f"Strongest: {_join(best).en} ({_num(high)}); weakest: {_join(worst).en} ({_num(low)})"),
        (Text("维度", "Dimension"), Text("得分", "Score")),
        tuple((_both(d), _num(v)) for d, v in zip(dimensions, values)))


def whale(shares: Sequence[float], cumulative: Sequence[float], title: Text) -> FigureText:
    """C1.3: the peak of the whale curve (which share of customers earns how much of the profit)."""
    peak = max(range(len(cumulative)), key=lambda i: cumulative[i]) if cumulative else None
    rest = peak is not None and peak < len(cumulative) - 1 and cumulative[-1] < cumulative[peak]
    find = (Text(f"最赚钱的 {shares[peak]:.0%} 客户贡献了总利润的 {cumulative[peak]:.0%}"
                 + (f"；其余客户把它降回 {cumulative[-1]:.0%}" if rest else ""),
                 f"The most profitable {shares[peak]:.0%} of customers earn {cumulative[peak]:.0%} of total profit"
                 + (f"; the rest bring it back to {cumulative[-1]:.0%}" if rest else ""))
            if peak is not None else Text("没有数据", "No data"))
    step = max(1, -(-len(shares) // 20))  # about 20 points of the curve
    picked = sorted(set(range(0, len(shares), step)) | ({peak, len(shares) - 1} if peak is not None else set()))
    return FigureText(
        Text(f"{title.zh}：{len(shares)} 位客户的累计利润曲线", f"{title.en}: cumulative profit over {len(shares)} customers"),
        find, (Text("客户占比", "Share of customers"), Text("累计利润占比", "Cumulative share of profit")),
        tuple((f"{shares[i]:.0%}", f"{cumulative[i]:.0%}") for i in picked))
