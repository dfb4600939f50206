"""How exercise widgets look and answer the keyboard: one stylesheet and one small script (issue 10, items 2-4).

Colours come only from JupyterLab's theme variables (``--jp-*``), so light, dark and
high-contrast themes all read; marks never rely on colour alone (``feedback.py``).

ipywidgets cannot set ARIA attributes or a roving tabindex from Python, so :data:`KEYS_JS`
(shown once with every exercise as an ``application/javascript`` output, which JupyterLab and
Voilà run for outputs of the current session) adds them in the page. Without it (an untrusted
notebook, a static renderer) every control is still a plain, labelled, focusable button: the
script only improves keyboard and screen-reader use, nothing depends on it.

One keyboard model in every kind with rows (issue 22, item 4): Tab reaches each row once; ←/→ move within
the row (between its choices, or between an ordering row's ↑ and ↓); ↑/↓ go to the row above or below (the
same column; in a one-answer row, its chosen answer), never choosing; Ctrl+Home/End go to the first/last row;
Space/Enter press the focused button. Details per kind:

Keyboard model, per row of choices (``.ckm-choices``):

* one-answer rows are an ARIA ``radiogroup`` of ``radio`` buttons with ``aria-checked``:
  Tab reaches the row once (on the chosen button, else the first), ←/→ and Home/End move *and*
  choose, as in the WAI-ARIA Authoring Practices radio group (↑/↓ go between rows, as above);
* multi-label rows are an ARIA ``toolbar`` of toggle buttons with ``aria-pressed``: Tab reaches
  the row once, ←/→ and Home/End move, Space or Enter toggles. A toolbar (APG "Toolbar" pattern) is
  the ARIA pattern that gives a set of independent toggles one Tab stop; a ``group`` of
  ``checkbox`` roles would be correct too, but APG expects every checkbox to be its own Tab
  stop, which is the 76-stop grid this replaces.

Keyboard model, per ordering row (``.ckm-move``: the row's ↑ and ↓, ``ordering.py``):

* the pair is an ARIA ``group`` named by its row ("3. Step X") with one Tab stop (↑, or ↓
  where ↑ is disabled); Left/Right go between ↑ and ↓, Up/Down/Home/End (with or without Ctrl) between rows;
* Alt+Up/Down, or Enter/Space on ↑ / ↓, move the item; focus follows the item to its new row
  once the kernel has moved it (a second key press waits for that, so no press moves the
  wrong item), and the widget's status line (``role="status"``) says where it went;
* a click with the mouse only moves the item, as before; a click made by a screen reader
  (no pointer: ``event.detail === 0``) moves it and focus follows, as for the keyboard.

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
/* a questionnaire question: its lettered options under it, its letter buttons beside it */
.ckm-exercise .ckm-options { list-style: none; margin: 0.2em 0 0.3em 1.2em; padding: 0;
  color: var(--jp-ui-font-color1); }
.ckm-exercise .ckm-options li { margin: 0.15em 0; }
.ckm-exercise .ckm-choices .jupyter-button, .ckm-exercise .ckm-choices .widget-toggle-button {
  background: var(--jp-layout-color1); color: var(--jp-ui-font-color1);
  border: 1px solid var(--jp-border-color1); box-shadow: none; margin: 1px 2px; }
.ckm-exercise .ckm-choices .jupyter-button:hover { background: var(--jp-layout-color3); }
.ckm-exercise .ckm-choices .jupyter-button.mod-active {
  background: var(--jp-brand-color1); color: var(--jp-ui-inverse-font-color0);
  border-color: var(--jp-brand-color1); font-weight: bold; }
/* selected is not "right": a pressed look (filled, bold, sunk, underlined letter), never a tick; ✓/◐/✗ are the
   marks of a check only (issue 22, item 3) */
.ckm-exercise .ckm-choices .jupyter-button.mod-active { box-shadow: inset 0 -3px 0 var(--jp-ui-inverse-font-color0);
  text-decoration: underline; text-underline-offset: 2px; }
.ckm-exercise .ckm-choices { flex: 0 0 auto; }
.ckm-exercise .ckm-choices .widget-toggle-buttons, .ckm-exercise .ckm-choices .btn-group { flex-wrap: nowrap; }
.ckm-exercise button:focus-visible, .ckm-exercise input:focus-visible, .ckm-exercise select:focus-visible,
.ckm-exercise textarea:focus-visible, .ckm-exercise .jupyter-button:focus {
  outline: 2px solid var(--jp-brand-color1) !important; outline-offset: 1px; }
.ckm-exercise .ckm-row-reason { color: var(--jp-ui-font-color1); font-size: var(--jp-content-font-size1); }
.ckm-exercise .ckm-mark.ckm-missing { color: var(--jp-ui-font-color1) !important; }
.ckm-exercise .ckm-order-keys .widget-html-content, .ckm-exercise .ckm-order-status .widget-html-content {
  color: var(--jp-ui-font-color1); font-size: var(--jp-content-font-size1); line-height: 1.3; }
.ckm-exercise .ckm-move { flex: 0 0 auto; }
/* ↑ / ↓ keep their outline on the focused row's background too */
.ckm-exercise .ckm-move .jupyter-button { border: 1px solid var(--jp-border-color1); margin: 1px 2px; }
/* the result line beside the buttons (issue 22, item 4): the score where the student just pressed Check */
.ckm-exercise { container: ckm-exercise / inline-size; }
.ckm-exercise .ckm-actions { flex-wrap: wrap; align-items: center; }
.ckm-exercise .ckm-result-line { flex: 1 1 12em; min-width: 0; }
.ckm-exercise .ckm-result-line .widget-html-content, .ckm-exercise .ckm-result-line p { margin: 0 0.4em;
  line-height: 1.3; color: var(--jp-ui-font-color1); }
/* phones and narrow windows (issue 22, item 1): below 600 px of exercise width each row stacks (its text, then
   its choices, wrapping; its reason under them), every button is a 44×44 px touch target, the column heads
   become a legend, and nothing is wider than the exercise */
@container ckm-exercise (max-width: 600px) {
  .ckm-row { flex-wrap: wrap !important; align-items: flex-start !important; padding: 4px 0; }
  .ckm-row > .ckm-row-text { flex: 1 1 calc(100% - 2.4em) !important; min-width: 0 !important; }
  .ckm-row > .ckm-row-controls { flex: 1 1 calc(100% - 1.8em) !important; margin-left: 1.8em !important;
    max-width: calc(100% - 1.8em); min-width: 0 !important; }
  .ckm-row > .ckm-row-reason { flex: 1 1 calc(100% - 1.8em) !important; margin-left: 1.8em; min-width: 0 !important; }
  .ckm-choices, .ckm-choices .widget-toggle-buttons, .ckm-choices .btn-group,
  .ckm-choices.widget-toggle-buttons > div { flex-wrap: wrap !important; max-width: 100%; min-width: 0; }
  .ckm-choices .jupyter-button, .ckm-choices .widget-toggle-button { flex: 1 1 44px; width: auto !important; }
  button, .jupyter-button { min-width: 44px; min-height: 44px; height: auto !important; }
  .ckm-actions .jupyter-button { flex: 1 1 auto; }
  .ckm-grid-head { flex-wrap: wrap !important; padding: 2px 0; }
  .ckm-grid-head > :not(.ckm-col) { display: none !important; }
  .ckm-grid-head .ckm-col { flex: 1 1 45% !important; width: auto !important; text-align: left !important; }
  .ckm-grid-head .ckm-col br { display: none; }
  .ckm-grid-head .ckm-col b { margin-right: 0.35em; }
  /* an ordering row keeps its ↑ / ↓ beside its text (two buttons fit); its reason goes under both */
  .ckm-kind-ordering .ckm-row > .ckm-row-text { flex: 1 1 0 !important; }
  .ckm-kind-ordering .ckm-row > .ckm-row-controls { flex: 0 0 auto !important; margin-left: 0 !important; }
  /* full width without ipywidgets' side margins, which pushed a value box 2 px past the exercise */
  .widget-dropdown, .widget-text, .widget-textarea, .widget-slider { width: 100% !important; max-width: 100%;
    margin-left: 0 !important; margin-right: 0 !important; }
  .widget-dropdown select { min-height: 44px; }
  .widget-radio-box label, .widget-checkbox { min-height: 44px; display: flex; align-items: center; }
}
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

  // --- ordering rows: one Tab stop per row (.ckm-move holds the row's up and down buttons) ---
  var MOVE = ".ckm-move", waiting = null;

  function rowText(group) {
    var row = group.closest(".ckm-row"), text = row && row.querySelector(".ckm-item-text");
    return text ? text.textContent.trim() : "";
  }
  function itemName(group) { return rowText(group).replace(/^\d+\.\s*/, ""); }
  function groupsOf(group) {
    var box = group.closest(".ckm-exercise");
    return box ? Array.prototype.slice.call(box.querySelectorAll(MOVE)) : [group];
  }
  function usable(b) { return b && !b.disabled; }
  function pick(group, kind) {  // the "up" or "down" button of a row, else the other one if that is disabled
    var up = group.querySelector(".ckm-up"), down = group.querySelector(".ckm-down");
    var first = kind === "down" ? down : up, other = kind === "down" ? up : down;
    return usable(first) ? first : (usable(other) ? other : null);
  }
  function rove(group, chosen) {
    buttons(group).forEach(function (b) { var t = b === chosen ? "0" : "-1"; if (b.getAttribute("tabindex") !== t) b.setAttribute("tabindex", t); });
  }

  function syncMove(group) {
    var all = buttons(group);
    if (!all.length) return;
    if (group.getAttribute("role") !== "group") group.setAttribute("role", "group");
    var name = rowText(group);
    if (name && group.getAttribute("aria-label") !== name) group.setAttribute("aria-label", name);
    var box = group.closest(".ckm-exercise"), status = box && box.querySelector(".ckm-order-status");
    if (status && status.getAttribute("role") !== "status") {
      status.setAttribute("role", "status"); status.setAttribute("aria-live", "polite"); status.setAttribute("aria-atomic", "true");
    }
    all.forEach(function (b) {
      var title = b.getAttribute("title");
      if (title && b.getAttribute("aria-label") !== title) b.setAttribute("aria-label", title);
      var keys = b.classList.contains("ckm-up") ? "Alt+ArrowUp" : "Alt+ArrowDown";
      if (b.getAttribute("aria-keyshortcuts") !== keys) b.setAttribute("aria-keyshortcuts", keys);
    });
    var current = all.indexOf(document.activeElement) >= 0 ? document.activeElement : null;
    if (!current) current = all.filter(function (b) { return usable(b) && b.getAttribute("tabindex") === "0"; })[0];
    rove(group, current || pick(group, "up"));
  }

  function land(group, kind) {  // focus a row's button (the same kind where it can), making it the row's Tab stop
    var target = pick(group, kind);
    if (!target) return;
    rove(group, target);
    target.focus();
  }

  function follow(button) {  // after a keyboard move: focus the item in its new row once the kernel moved it
    var group = button.closest(MOVE), kind = button.classList.contains("ckm-up") ? "up" : "down";
    var groups = groupsOf(group), to = groups[groups.indexOf(group) + (kind === "up" ? -1 : 1)];
    if (!to) return;
    var name = itemName(group), until = Date.now() + 10000;
    waiting = to;
    (function arrived() {
      if (waiting !== to) return;
      if (itemName(to) === name || !name) { waiting = null; land(to, kind); return; }
      if (Date.now() > until || !document.contains(to)) { waiting = null; return; }
      requestAnimationFrame(arrived);
    })();
  }

  function moveKey(event, target) {
    var group = target.closest(MOVE), groups = groupsOf(group), at = groups.indexOf(group), to = null;
    var kind = target.classList.contains("ckm-down") ? "down" : "up";
    if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      var button = group.querySelector(event.key === "ArrowUp" ? ".ckm-up" : ".ckm-down");
      if (!waiting && usable(button)) { rove(group, button); button.focus(); button.click(); }
      return true;
    }
    switch (event.key) {
      case " ": case "Enter":
        if (!waiting) target.click();
        return true;
      case "ArrowLeft": case "ArrowRight":
        var other = group.querySelector(kind === "up" ? ".ckm-down" : ".ckm-up");
        if (usable(other)) { rove(group, other); other.focus(); }
        return true;
      case "ArrowUp": to = groups[at - 1]; break;
      case "ArrowDown": to = groups[at + 1]; break;
      case "Home": to = groups[0]; break;
      case "End": to = groups[groups.length - 1]; break;
      default: return false;
    }
    if (to) land(to, kind);
    return true;
  }

  window.addEventListener("click", function (event) {  // keyboard and screen-reader clicks have no pointer
    var target = event.target instanceof Element && event.target.closest(MOVE + " button");
    if (target && event.detail === 0 && !target.disabled) follow(target);
  }, true);

  function shown(line) {  // a result line that changed while focus is in its exercise: bring it into view
    var text = line.textContent, box = line.closest(".ckm-exercise");
    if (line.dataset.ckmSaid === text) return;
    line.dataset.ckmSaid = text;
    if (text && box && box.contains(document.activeElement)) line.scrollIntoView({block: "nearest"});
  }

  function scan() {
    document.querySelectorAll(".ckm-exercise .ckm-result-line").forEach(shown);
    document.querySelectorAll(".ckm-exercise " + MOVE).forEach(syncMove);
    document.querySelectorAll(".ckm-exercise .ckm-choices").forEach(sync);
    document.querySelectorAll(".ckm-exercise select, .ckm-exercise textarea, .ckm-exercise input").forEach(named);
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; scan(); });
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                             attributeFilter: ["class"]});

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
    var edge = event.key === "Home" || event.key === "End";
    if (target.tagName === "BUTTON" && target.closest(MOVE) && (edge || (!event.ctrlKey && !event.metaKey))) {
      if (moveKey(event, target)) { event.preventDefault(); event.stopPropagation(); }
      return;
    }
    var group = target.closest(".ckm-choices");
    if (!group || target.tagName !== "BUTTON") return;
    var all = buttons(group), at = all.indexOf(target), next = null, row = null;
    var rows = Array.prototype.slice.call(group.closest(".ckm-exercise").querySelectorAll(".ckm-choices"));
    var here = rows.indexOf(group);
    switch (event.key) {
      case "ArrowRight": next = all[(at + 1) % all.length]; break;
      case "ArrowLeft": next = all[(at - 1 + all.length) % all.length]; break;
      case "ArrowDown": row = rows[here + 1]; break;
      case "ArrowUp": row = rows[here - 1]; break;
      case "Home": if (event.ctrlKey || event.metaKey) row = rows[0]; else next = all[0]; break;
      case "End": if (event.ctrlKey || event.metaKey) row = rows[rows.length - 1]; else next = all[all.length - 1]; break;
      case " ": case "Enter":
        event.preventDefault(); event.stopPropagation(); target.click(); return;
      default: return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (row || !next) {  // another row: the same column (its chosen answer in a one-answer row), never choosing
      if (!row || row === group) return;
      var theirs = buttons(row), chosen = theirs.filter(function (b) { return b.classList.contains("mod-active"); });
      var land = row.classList.contains(SINGLE) && chosen.length ? chosen[0] : theirs[Math.min(at, theirs.length - 1)];
      theirs.forEach(function (b) { b.setAttribute("tabindex", b === land ? "0" : "-1"); });
      if (land) land.focus();
      return;
    }
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
