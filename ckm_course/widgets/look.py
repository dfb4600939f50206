"""How exercise widgets look and answer the keyboard: one stylesheet and one small script (issue 10, items 2-4).

Colours come only from JupyterLab's theme variables (``--jp-*``), so light, dark and
high-contrast themes all read; marks never rely on colour alone (``feedback.py``).

ipywidgets cannot set ARIA attributes or a roving tabindex from Python, so :data:`KEYS_JS`
(shown once with every exercise as an ``application/javascript`` output, which JupyterLab and
Voilà run for outputs of the current session) adds them in the page. Without it (an untrusted
notebook, a static renderer) every control is still a plain, labelled, focusable button: the
script only improves keyboard and screen-reader use, nothing depends on it.

Keyboard model, per row of choices (``.ckm-choices``):

* one-answer rows are an ARIA ``radiogroup`` of ``radio`` buttons with ``aria-checked``:
  Tab reaches the row once (on the chosen button, else the first), arrow keys move *and*
  choose, as in the WAI-ARIA Authoring Practices radio group;
* multi-label rows are an ARIA ``toolbar`` of toggle buttons with ``aria-pressed``: Tab reaches
  the row once, arrow keys move, Space or Enter toggles. A toolbar (APG "Toolbar" pattern) is
  the ARIA pattern that gives a set of independent toggles one Tab stop; a ``group`` of
  ``checkbox`` roles would be correct too, but APG expects every checkbox to be its own Tab
  stop, which is the 76-stop grid this replaces.

Ctrl/Cmd+S inside a widget's text box saves the notebook: ipywidgets stops key events in its
text boxes from reaching JupyterLab's shortcuts, so the script re-sends that one shortcut.
"""

from __future__ import annotations

CSS = """
.ckm-exercise, .ckm-exercise .widget-box { overflow: visible; max-width: 100%; }
/* JupyterLab's output area scrolls on its own (overflow: auto), which pins a sticky header inside it:
   let an exercise's output area overflow, so the category names stick to the notebook's top edge */
.jp-OutputArea:has(.ckm-exercise), .jp-OutputArea-output:has(> .ckm-exercise),
.jp-OutputArea-child:has(.ckm-exercise) { overflow: visible; }
.ckm-exercise .ckm-feedback-box .ckm-score { margin: 0.2em 0; }
.ckm-exercise .ckm-grid-head { position: sticky; top: 0; z-index: 2; background: var(--jp-layout-color1);
  border-bottom: 1px solid var(--jp-border-color1); align-items: flex-end; }
.ckm-exercise .ckm-grid-head .ckm-col { text-align: center; padding: 0 2px 3px; hyphens: auto; }
.ckm-exercise .ckm-grid-head .ckm-col .widget-html-content { font-size: var(--jp-ui-font-size0, 11px);
  color: var(--jp-ui-font-color1); }
.ckm-exercise .ckm-row .widget-html-content, .ckm-exercise .ckm-grid-head .widget-html-content {
  line-height: 1.3; padding: 2px 0; }
.ckm-exercise .ckm-row { align-items: center; border-bottom: 1px solid var(--jp-border-color2);
  min-height: 30px; }
.ckm-exercise .ckm-row:focus-within { background: var(--jp-layout-color2);
  box-shadow: inset 3px 0 0 var(--jp-brand-color1); }
.ckm-exercise .ckm-item-text { color: var(--jp-ui-font-color1); line-height: 1.3; }
.ckm-exercise .ckm-choices .jupyter-button, .ckm-exercise .ckm-choices .widget-toggle-button {
  background: var(--jp-layout-color1); color: var(--jp-ui-font-color1);
  border: 1px solid var(--jp-border-color1); box-shadow: none; margin: 1px 2px; }
.ckm-exercise .ckm-choices .jupyter-button:hover { background: var(--jp-layout-color3); }
.ckm-exercise .ckm-choices .jupyter-button.mod-active {
  background: var(--jp-brand-color1); color: var(--jp-ui-inverse-font-color0);
  border-color: var(--jp-brand-color1); font-weight: bold; }
.ckm-exercise .ckm-choices .jupyter-button.mod-active::before { content: "\\2713\\00a0"; }
.ckm-exercise .ckm-choices { flex: 0 0 auto; }
.ckm-exercise .ckm-choices .widget-toggle-buttons, .ckm-exercise .ckm-choices .btn-group { flex-wrap: nowrap; }
.ckm-exercise button:focus-visible, .ckm-exercise input:focus-visible, .ckm-exercise select:focus-visible,
.ckm-exercise textarea:focus-visible, .ckm-exercise .jupyter-button:focus {
  outline: 2px solid var(--jp-brand-color1) !important; outline-offset: 1px; }
.ckm-exercise .ckm-row-reason { color: var(--jp-ui-font-color1); font-size: var(--jp-content-font-size1); }
.ckm-exercise .ckm-mark.ckm-missing { color: var(--jp-ui-font-color1) !important; }
""".strip()

KEYS_JS = r"""
(function () {
  "use strict";
  if (window.ckmKeys) { window.ckmKeys.scan(); return; }
  var SINGLE = "ckm-single";

  function buttons(group) { return Array.prototype.slice.call(group.querySelectorAll("button")); }

  function sync(group) {
    var single = group.classList.contains(SINGLE), all = buttons(group);
    if (!all.length) return;
    if (!group.getAttribute("role")) {
      group.setAttribute("role", single ? "radiogroup" : "toolbar");
      var row = group.closest(".ckm-row"), text = row && row.querySelector(".ckm-item-text");
      if (text) group.setAttribute("aria-label", text.textContent);
    }
    var current = -1;
    all.forEach(function (b, i) {
      var on = b.classList.contains("mod-active");
      if (single) { b.setAttribute("role", "radio"); b.setAttribute("aria-checked", on ? "true" : "false"); }
      else { b.setAttribute("aria-pressed", on ? "true" : "false"); }
      var name = b.getAttribute("title");
      if (name && b.getAttribute("aria-label") !== name) b.setAttribute("aria-label", name);
      if (b === document.activeElement || (current < 0 && single && on)) current = i;
    });
    if (current < 0) current = Math.max(0, all.findIndex(function (b) { return b.tabIndex === 0; }));
    all.forEach(function (b, i) { var t = i === current ? "0" : "-1"; if (b.getAttribute("tabindex") !== t) b.setAttribute("tabindex", t); });
  }

  function named(control) {  // a select or text box with no visible label: its row's item, else the title
    if (control.getAttribute("aria-label")) return;
    var label = control.id && document.querySelector('label[for="' + control.id + '"]');
    if (label && label.textContent.trim()) return;
    var row = control.closest(".ckm-row"), text = row && row.querySelector(".ckm-item-text");
    var title = control.closest(".ckm-exercise").querySelector(".ckm-title");
    var name = (text || title || {}).textContent;
    if (name) control.setAttribute("aria-label", name.trim());
  }

  function scan() {
    document.querySelectorAll(".ckm-exercise .ckm-choices").forEach(sync);
    document.querySelectorAll(".ckm-exercise select, .ckm-exercise textarea, .ckm-exercise input").forEach(named);
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; scan(); });
  }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ["class"]});

  window.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S")
        && target.closest(".ckm-exercise") && target.matches("input, textarea")) {
      event.preventDefault();
      event.stopPropagation();
      var notebook = target.closest(".jp-Notebook") || document.body;
      target.blur();
      var again = new KeyboardEvent("keydown", {key: "s", code: "KeyS", ctrlKey: event.ctrlKey,
                                                 metaKey: event.metaKey, bubbles: true, cancelable: true});
      Object.defineProperty(again, "keyCode", {get: function () { return 83; }});
      Object.defineProperty(again, "which", {get: function () { return 83; }});
      notebook.dispatchEvent(again);
      return;
    }
    var group = target.closest(".ckm-choices");
    if (!group || target.tagName !== "BUTTON") return;
    var all = buttons(group), at = all.indexOf(target), next = null;
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": next = all[(at + 1) % all.length]; break;
      case "ArrowLeft": case "ArrowUp": next = all[(at - 1 + all.length) % all.length]; break;
      case "Home": next = all[0]; break;
      case "End": next = all[all.length - 1]; break;
      case " ": case "Enter":
        event.preventDefault(); event.stopPropagation(); target.click(); return;
      default: return;
    }
    event.preventDefault();
    event.stopPropagation();
    all.forEach(function (b) { b.setAttribute("tabindex", b === next ? "0" : "-1"); });
    next.focus();
    if (group.classList.contains(SINGLE)) next.click();
  }, true);

  window.ckmKeys = {scan: scan};
  scan();
})();
""".strip()


def style_html() -> str:
    """The stylesheet as an HTML fragment (put in a widget's header; repeating it is harmless)."""
    return f"<style>{CSS}</style>"
