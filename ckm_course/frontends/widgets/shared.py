"""Layout and style models shared by many controls (issue 23: a chapter notebook runs in <= 1.3 x the floor).

ipywidgets opens a Layout model and a Style model for every control it is not given one for, and every
model is a comm message to the page (~0.4 ms in a kernel). An exercise of 18 rows opened ~320 models,
60 % of them Layouts and Styles with the same values. A control whose layout and style never change on
their own takes the one shared, frozen instance for those values from here, so the page draws the same
thing from a third of the models. A shared instance refuses a change (``AttributeError``), so a mistake
shows at once instead of restyling every control that shares it: a control that changes its look alone
either swaps to another shared layout (``button.layout = shared.layout(width="auto", display="none")``, as
Show answer and New set do) or keeps a ``widgets.Layout`` of its own (the exercise widget itself does, so
``w.layout.width = "50%"`` on what ``.widget()`` returns still works).
"""

from __future__ import annotations

from typing import Any, TypeVar

import ipywidgets as widgets

W = TypeVar("W", bound=widgets.DOMWidget)


class _Frozen:
    """Refuses to change a synced trait once built (a shared instance: one change would restyle them all)."""

    _frozen = False

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen and not name.startswith("_") and name in self.keys:
            raise AttributeError(f"{name!r} of a shared {type(self).__mro__[2].__name__}: give this control "
                                 "its own (widgets.Layout(...)) to change it alone")
        super().__setattr__(name, value)


_CLASSES: dict[type, type] = {}
_SHARED: dict[tuple, widgets.Widget] = {}


def _frozen_class(cls: type) -> type:
    if cls not in _CLASSES:
        _CLASSES[cls] = type(f"Shared{cls.__name__}", (_Frozen, cls), {"__module__": __name__})
    return _CLASSES[cls]


def _shared(cls: type, traits: dict[str, Any]) -> Any:
    """The shared frozen ``cls`` instance with ``traits`` (a new one if the last was closed)."""
    key = (cls, tuple(sorted(traits.items())))
    found = _SHARED.get(key)
    if found is None or found.comm is None:  # closed (Widget.close_all()): its id is gone from the page
        found = _frozen_class(cls)(**traits)
        found._frozen = True
        _SHARED[key] = found
    return found


def layout(**traits: Any) -> widgets.Layout:
    """The shared, frozen Layout with these traits (``layout()``: the default one)."""
    return _shared(widgets.Layout, traits)


def style(control: type[widgets.DOMWidget], **traits: Any) -> widgets.Style:
    """The shared, frozen style model of a ``control`` class (its own Style class) with these traits."""
    return _shared(control.class_traits()["style"].klass, traits)


def make(control: type[W], *args: Any, classes: tuple[str, ...] | list[str] = (),
         layout_traits: dict[str, Any] | None = None, style_traits: dict[str, Any] | None = None, **kwargs: Any) -> W:
    """A ``control`` with the shared layout (of ``layout_traits``), the shared style if it has one, and its CSS
    ``classes`` given when it is built (each ``add_class`` afterwards is one more message to the page)."""
    kwargs["layout"] = layout(**(layout_traits or {}))
    if "style" in control.class_traits():
        kwargs["style"] = style(control, **(style_traits or {}))
    if classes:
        kwargs["_dom_classes"] = tuple(classes)
    return control(*args, **kwargs)


def html(value: str = "", classes: tuple[str, ...] | list[str] = (), **layout_traits: Any) -> widgets.HTML:
    """An HTML widget with shared layout and style: the static texts, marks and reasons of every row."""
    return make(widgets.HTML, value=value, classes=classes, layout_traits=layout_traits)


def hbox(children: list[widgets.Widget] | tuple = (), classes: tuple[str, ...] | list[str] = (),
         **layout_traits: Any) -> widgets.HBox:
    """A row box with a shared layout."""
    return make(widgets.HBox, list(children), classes=classes, layout_traits=layout_traits)


def vbox(children: list[widgets.Widget] | tuple = (), classes: tuple[str, ...] | list[str] = (),
         **layout_traits: Any) -> widgets.VBox:
    """A column box with a shared layout."""
    return make(widgets.VBox, list(children), classes=classes, layout_traits=layout_traits)
