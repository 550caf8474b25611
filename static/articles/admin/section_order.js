// Sections of an essay: a header bar per section with a drag handle and "Move to top / up /
// down / to bottom" buttons, and positions that follow the order on screen when the form is
// saved, so editors never have to type numbers. The buttons are the keyboard's way to
// reorder; the handle is the mouse's.
(function () {
  "use strict";

  // [direction, hidden start of the name, visible end]: "Move to top" shows "Top".
  var MOVES = [
    ["top", "Move to ", "Top"],
    ["up", "Move ", "Up"],
    ["down", "Move ", "Down"],
    ["bottom", "Move to ", "Bottom"]
  ];

  function sectionRows(group) {
    return Array.from(group.querySelectorAll(".inline-related")).filter(function (row) {
      return !row.classList.contains("empty-form") && row.id.indexOf("-empty") === -1;
    });
  }

  function renumber(group) {
    var position = 1;
    sectionRows(group).forEach(function (row) {
      var input = row.querySelector("input.section-position");
      var deleted = row.querySelector("input[id$='-DELETE']");
      if (!input) { return; }
      if (deleted && deleted.checked) { return; }
      input.value = position;
      position += 1;
    });
  }

  function sectionName(row) {
    var heading = row.querySelector("input.section-heading");
    var label = row.querySelector(".inline_label");
    return (heading && heading.value.trim()) || (label && label.textContent.trim()) || "Section";
  }

  // Ends cannot move further: their buttons are disabled, so no press does nothing.
  function refreshButtons(group) {
    var rows = sectionRows(group);
    rows.forEach(function (row, index) {
      row.querySelectorAll(".section-move button").forEach(function (button) {
        var towardsTop = button.dataset.move === "top" || button.dataset.move === "up";
        button.disabled = towardsTop ? index === 0 : index === rows.length - 1;
      });
    });
  }

  function announce(group, text) {
    var status = group.querySelector(".section-move__status");
    if (!status) { return; }
    status.textContent = "";
    // A fresh text node after a tick makes screen readers announce a repeated message too.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function placed(group, row) {
    renumber(group);
    refreshButtons(group);
    var rows = sectionRows(group);
    group.dispatchEvent(new CustomEvent("sections:reordered", { bubbles: true, detail: { row: row } }));
    announce(group, "Moved “" + sectionName(row) + "” to position " + (rows.indexOf(row) + 1) +
      " of " + rows.length + ".");
  }

  function move(group, row, where) {
    var rows = sectionRows(group);
    var index = rows.indexOf(row);
    var to = { top: 0, up: index - 1, down: index + 1, bottom: rows.length - 1 }[where];
    if (to < 0 || to >= rows.length || to === index) { return; }
    var others = rows.filter(function (other) { return other !== row; });
    var before = others[to];
    if (before) { before.parentNode.insertBefore(row, before); }
    else { others[others.length - 1].after(row); }
    placed(group, row);
  }

  function addControls(group, row) {
    if (row.querySelector(".section-card__bar")) { return; }
    var heading = row.querySelector("h3");
    var bar = document.createElement("div");
    bar.className = "section-card__bar";
    row.insertBefore(bar, row.firstChild);

    var handle = document.createElement("span");
    handle.className = "section-drag";
    handle.draggable = true;
    handle.title = "Drag to reorder (or use the Move buttons)";
    handle.setAttribute("aria-hidden", "true");
    handle.textContent = "⠿";
    bar.appendChild(handle);
    if (heading) { bar.appendChild(heading); }

    var tools = document.createElement("span");
    tools.className = "section-move";
    MOVES.forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "section-move__" + pair[0];
      button.dataset.move = pair[0];
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = pair[1];
      button.appendChild(hidden);
      button.appendChild(document.createTextNode(pair[2]));
      button.addEventListener("click", function () {
        move(group, row, pair[0]);
        var next = button.disabled ? tools.querySelector("button:not([disabled])") : button;
        if (next) { next.focus(); }
      });
      tools.appendChild(button);
    });
    bar.appendChild(tools);
    // Django puts "Delete" (saved sections) or "Remove" (new ones) in the heading; a heading
    // that reads out buttons is noisy, so they join the bar.
    if (heading) {
      heading.querySelectorAll(".delete, .inline-deletelink").forEach(function (control) {
        bar.appendChild(control.classList.contains("delete") ? control : control.parentNode);
      });
    }
  }

  // --- Drag and drop ----------------------------------------------------------------------
  // A section moves by its handle, or by any element marked data-drag-section="<row id>" (the
  // outline's entries). It lands on a section, or on an element marked data-drop-section:
  // dropped on the upper half, before that section; on the lower half, after it.

  var dragged = null;

  function draggedRow(source) {
    if (source.classList.contains("section-drag")) { return source.closest(".inline-related"); }
    return document.getElementById(source.dataset.dragSection);
  }

  function dropTarget(group, event) {
    if (!dragged || !event.target.closest) { return null; }
    var over = event.target.closest("[data-drop-section]") ||
      event.target.closest(".inline-related");
    if (!over) { return null; }
    var row = over.dataset.dropSection ? document.getElementById(over.dataset.dropSection) : over;
    if (!row || row === dragged || sectionRows(group).indexOf(row) === -1) { return null; }
    var box = over.getBoundingClientRect();
    return { over: over, row: row, after: event.clientY > box.top + box.height / 2 };
  }

  function clearMarks() {
    document.querySelectorAll(".is-drop-before, .is-drop-after").forEach(function (element) {
      element.classList.remove("is-drop-before", "is-drop-after");
    });
  }

  function enableDragging(group) {
    document.addEventListener("dragstart", function (event) {
      var source = event.target.closest && event.target.closest(".section-drag, [data-drag-section]");
      var row = source && draggedRow(source);
      if (!row || !group.contains(row)) { return; }
      dragged = row;
      row.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      // Only our own type: a text box the drag passes over must not offer to paste it.
      event.dataTransfer.clearData();
      event.dataTransfer.setData("application/x-filmculture-section", row.id);
      if (source.classList.contains("section-drag")) { event.dataTransfer.setDragImage(row, 16, 16); }
    });
    document.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("is-dragging"); }
      dragged = null;
      clearMarks();
    });
    document.addEventListener("dragover", function (event) {
      var target = dropTarget(group, event);
      if (!target) { return; }
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      clearMarks();
      target.over.classList.add(target.after ? "is-drop-after" : "is-drop-before");
    });
    document.addEventListener("drop", function (event) {
      var target = dropTarget(group, event);
      if (!target) { return; }
      event.preventDefault();
      var row = dragged;
      target.row.parentNode.insertBefore(row, target.after ? target.row.nextSibling : target.row);
      row.classList.remove("is-dragging");
      dragged = null;
      clearMarks();
      placed(group, row);
    });
  }

  function init() {
    var group = document.getElementById("sections-group");
    if (!group) { return; }
    var status = document.createElement("p");
    status.className = "section-move__status visually-hidden";
    status.setAttribute("role", "status");
    group.appendChild(status);
    sectionRows(group).forEach(function (row) { addControls(group, row); });
    refreshButtons(group);
    enableDragging(group);
    document.addEventListener("formset:added", function (event) {
      if (!group.contains(event.target)) { return; }
      addControls(group, event.target);
      renumber(group);
      refreshButtons(group);
    });
    document.addEventListener("formset:removed", function (event) {
      if (event.detail && event.detail.formsetName === "sections") { refreshButtons(group); }
    });
    var form = group.closest("form");
    if (form) { form.addEventListener("submit", function () { renumber(group); }); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
