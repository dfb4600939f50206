"""Each figure's words (issue 22 item 10): what it shows and its main finding, from its data.

One function per builder of :mod:`charts` / :mod:`data_charts`, given the same data the figure
draws; each returns a :class:`~ckm_course.frontends.figure_text.FigureText`. Different data give a
different finding (tests/unit/test_figure_alt.py): nothing here is a fixed sentence about a figure.
The sentences themselves are templates in ``content/figures/words.toml``
(:mod:`ckm_course.content.figure_words`); this module only decides which one and fills it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ckm_course.content.catalog import catalog
from ckm_course.content.model import Point, Text
from ckm_course.frontends.figure_text import FigureText


def figure_words():  # noqa: ANN201 - FigureWords; one place to swap the words in tests
    """The course's figure words, read once per kernel (the catalog)."""
    return catalog().figure_words


def _join(texts: Sequence[Text]) -> Text:
    return Text("、".join(t.zh for t in texts), ", ".join(t.en for t in texts))


def _both(text: Text) -> str:
    return text.zh if text.zh == text.en else f"{text.zh} {text.en}"


def _num(value: float) -> str:
    return f"{value:g}"


def _text(figure: str, key: str, **values: object) -> Text:
    """Template ``key`` of ``[figure]`` in words.toml; a Text value fills each language with its own."""
    zh = {k: v.zh if isinstance(v, Text) else v for k, v in values.items()}
    en = {k: v.en if isinstance(v, Text) else v for k, v in values.items()}
    return Text(figure_words().text(figure, key, **zh).zh, figure_words().text(figure, key, **en).en)


def _columns(figure: str) -> tuple[Text, ...]:
    return figure_words().columns(figure)


def dikw(point: Point) -> FigureText:
    """C2.3: the levels from the wide base to the narrow top."""
    entries = point.entries
    return FigureText(
        _text("dikw", "shows", title=point.title, levels=len(entries)),
        _text("dikw", "finding", base=entries[0].label, top=entries[-1].label),
        _columns("dikw"),
        tuple((str(i + 1), _both(e.label), _both(e.explanation) if e.explanation else "")
              for i, e in enumerate(entries)))


def sunburst(points: Sequence[Point], root: Text) -> FigureText:
    """C3: the schemes, their categories, and which scheme has the most."""
    counts = [len(p.entries) for p in points]
    most = max(counts, default=0)
    top = [p for p, n in zip(points, counts) if n == most]
    return FigureText(
        _text("sunburst", "shows", root=root, schemes=len(points), categories=sum(counts)),
        _text("sunburst", "finding_one" if len(top) == 1 else "finding_many", schemes=_join([p.title for p in top]),
              most=most),
        _columns("sunburst"),
        tuple((f"{p.id} {_both(p.title)}", str(n), "; ".join(_both(e.label) for e in p.entries))
              for p, n in zip(points, counts)),
        narrow_table=True)


def comparison(pairs: Sequence[tuple[Point, object]], sides: Mapping[str, Text], title: Text, total: int) -> FigureText:
    """C4: the table's dimensions and the approaches compared."""
    names = [entry.label for _, entry in pairs]  # type: ignore[attr-defined]
    compared = _join(list(sides.values()))
    return FigureText(
        _text("comparison", "shows", title=title, sides=compared) if len(pairs) == total else
        _text("comparison", "shows_part", title=title, sides=compared, total=total, shown=len(pairs)),
        _text("comparison", "finding", dimensions=_join(names)),
        (*_columns("comparison"), *sides.values()),
        tuple((f"{p.id} {_both(e.label)}", *(_both(e.side(s)) if e.side(s) else "—" for s in sides))  # type: ignore[attr-defined]
              for p, e in pairs))


def lifecycle(point: Point, flows: Mapping[str, str]) -> FigureText:
    """C5.1: which stages cross between firm and customer, in which direction, and which stay inside."""
    stages = [e for e in point.entries if not e.links]
    where = {flow: _text("lifecycle", flow) for flow in ("in", "out", "both")}
    inside = _text("lifecycle", "inside")
    placed = [(e, where[flows[e.group]] if e.group in flows else inside) for e in stages]
    crossing = [e.label for e, w in placed if w is not inside]
    kept = [e.label for e, w in placed if w is inside]
    return FigureText(
        _text("lifecycle", "shows", title=point.title, stages=len(stages)),
        _text("lifecycle", "finding", crossing=_join(crossing), kept=_join(kept)),
        _columns("lifecycle"),
        tuple((_both(e.label), _both(w)) for e, w in placed))


def audit(point: Point) -> FigureText:
    """C6.4: the steps in order and the stage with the most steps."""
    groups = {g.id: g for g in point.groups}
    counts = {g.id: sum(e.group == g.id for e in point.entries) for g in point.groups}
    biggest = groups[max(counts, key=lambda g: counts[g])] if counts else None
    first, last = point.entries[0].label, point.entries[-1].label
    big = _text("audit", "largest", stage=biggest.label, steps=counts[biggest.id]) if biggest else Text("", "")
    return FigureText(
        _text("audit", "shows", title=point.title, steps=len(point.entries), stages=len(point.groups)),
        _text("audit", "finding", first=first, last=last, largest=big),
        _columns("audit"),
        tuple((str(i + 1), _both(e.label), _both(groups[e.group].label) if e.group in groups else "")
              for i, e in enumerate(point.entries)))


def matrix(point: Point, title: Text) -> FigureText:
    """C6.5: the technology supporting most processes and the process served by most technologies."""
    processes, technologies = point.entries_in("process"), point.entries_in("technology")
    serves = {t.id: [p for p in processes if p.id in t.links] for t in technologies}
    tech = max(technologies, key=lambda t: len(serves[t.id]))
    served = {p.id: sum(p.id in t.links for t in technologies) for p in processes}
    proc = max(processes, key=lambda p: served[p.id])
    first_line = Text(title.zh.split("<br>")[0], title.en.split("<br>")[0])
    return FigureText(
        _text("matrix", "shows", title=first_line, technologies=len(technologies), processes=len(processes)),
        _text("matrix", "finding", technology=tech.label, serves=len(serves[tech.id]), process=proc.label,
              served=served[proc.id]),
        _columns("matrix"),
        tuple((_both(t.label), str(len(serves[t.id])), "; ".join(_both(p.label) for p in serves[t.id]))
              for t in technologies))


def gantt(point: Point, base: Mapping[str, float], weeks: Mapping[str, float], owners: Mapping[str, str]) -> FigureText:
    """C6.1: the plan's length and its longest step."""
    end = max((base[e.id] + weeks[e.id] for e in point.entries), default=0.0)
    longest = max(point.entries, key=lambda e: weeks[e.id])
    groups = {g.id: g for g in point.groups}
    even = len({weeks[e.id] for e in point.entries}) == 1
    return FigureText(
        _text("gantt", "shows", title=point.title, steps=len(point.entries)),
        _text("gantt", "finding_even", end=_num(end), weeks=_num(weeks[longest.id])) if even else
        _text("gantt", "finding", end=_num(end), step=longest.label, weeks=_num(weeks[longest.id])),
        _columns("gantt"),
        tuple((f"{i + 1}. {_both(e.label)}", _both(groups[e.group].label) if e.group in groups else "",
               _num(base[e.id]), _num(weeks[e.id]), owners.get(e.id, "")) for i, e in enumerate(point.entries)))


def classes(counts: Mapping[str, int], labels: Mapping[str, Text], title: Text, x: str, y: str) -> FigureText:
    """C1.3: how many customers each class holds and the largest class."""
    total = sum(counts.values())
    top = max(labels, key=lambda c: counts.get(c, 0)) if labels else None
    share = counts.get(top, 0) / total if total and top else 0.0
    find = (_text("classes", "finding", label=labels[top], count=counts.get(top, 0), share=share)
            if top else _text("classes", "none"))
    return FigureText(
        _text("classes", "shows", title=title, total=total, x=x, y=y),
        find, _columns("classes"),
        tuple((_both(labels[c]), str(counts.get(c, 0))) for c in labels))


def radar(dimensions: Sequence[Text], values: Sequence[float], maximum: float, title: Text) -> FigureText:
    """C8.1: the strongest and weakest dimensions of a self-assessment."""
    high, low = max(values, default=0.0), min(values, default=0.0)
    best = [d for d, v in zip(dimensions, values) if v == high]
    worst = [d for d, v in zip(dimensions, values) if v == low]
    return FigureText(
        _text("radar", "shows", title=title, dimensions=len(dimensions), maximum=_num(maximum)),
        _text("radar", "finding", best=_join(best), high=_num(high), worst=_join(worst), low=_num(low)),
        _columns("radar"),
        tuple((_both(d), _num(v)) for d, v in zip(dimensions, values)))


def whale(shares: Sequence[float], cumulative: Sequence[float], title: Text) -> FigureText:
    """C1.3: the peak of the whale curve (which share of customers earns how much of the profit)."""
    peak = max(range(len(cumulative)), key=lambda i: cumulative[i]) if cumulative else None
    rest = peak is not None and peak < len(cumulative) - 1 and cumulative[-1] < cumulative[peak]
    if peak is None:
        find = _text("whale", "none")
    else:
        find = _text("whale", "finding", share=shares[peak], peak=cumulative[peak])
        if rest:
            after = _text("whale", "rest", end=cumulative[-1])
            find = Text(find.zh + after.zh, find.en + after.en)
    step = max(1, -(-len(shares) // 20))  # about 20 points of the curve
    picked = sorted(set(range(0, len(shares), step)) | ({peak, len(shares) - 1} if peak is not None else set()))
    return FigureText(
        _text("whale", "shows", title=title, customers=len(shares)),
        find, _columns("whale"),
        tuple((f"{shares[i]:.0%}", f"{cumulative[i]:.0%}") for i in picked))
