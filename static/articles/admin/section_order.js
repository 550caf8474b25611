// Sections of an essay: "Move up" / "Move down" buttons, and positions that follow the order
// on screen when the form is saved, so editors never have to type numbers.
(function () {
  "use strict";

  function sectionRows(group) {
    return Array.from(group.querySelectorAll(".inline-related"))
      .filter(function (row) { return !row.classList.contains("empty-form") && row.id.indexOf("-empty") === -1; });
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

  function addButtons(group, row) {
    if (row.querySelector(".section-move")) { return; }
    var heading = row.querySelector("h3") || row.firstElementChild;
    var bar = document.createElement("span");
    bar.className = "section-move";
    [["up", "↑ Move up"], ["down", "↓ Move down"]].forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "section-move__" + pair[0];
      button.textContent = pair[1];
      button.addEventListener("click", function () {
        var rows = sectionRows(group);
        var index = rows.indexOf(row);
        var target = pair[0] === "up" ? rows[index - 1] : rows[index + 1];
        if (!target) { return; }
        if (pair[0] === "up") { target.parentNode.insertBefore(row, target); }
        else { target.parentNode.insertBefore(target, row); }
        renumber(group);
        button.focus();
      });
      bar.appendChild(button);
    });
    heading.appendChild(bar);
  }

  function init() {
    var group = document.getElementById("sections-group");
    if (!group) { return; }
    sectionRows(group).forEach(function (row) { addButtons(group, row); });
    document.addEventListener("formset:added", function (event) {
      if (!group.contains(event.target)) { return; }
      addButtons(group, event.target);
      renumber(group);
    });
    var form = group.closest("form");
    if (form) { form.addEventListener("submit", function () { renumber(group); }); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
