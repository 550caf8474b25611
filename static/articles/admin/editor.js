// The long-form editor on the essay form: text boxes that grow with their text, sections that
// collapse to their heading, an outline to jump through them, the essay's word count and
// reading time, and a related panel whose buttons act without reloading the form. Everything
// here is an addition: without it the form still saves, and the panel still posts.
(function () {
  "use strict";

  // Article.WORDS_PER_MINUTE and Article.word_count: words are runs of non-space, bodies only.
  var WORDS_PER_MINUTE = 230;
  var MIN_ROWS = 3;

  function countWords(text) {
    var trimmed = text.trim();
    return trimmed ? trimmed.split(/\s+/).length : 0;
  }

  // Python's round() rounds halves to even; the essay page shows max(1, round(words / 230)).
  function readingMinutes(words) {
    var exact = words / WORDS_PER_MINUTE;
    var rounded = Math.round(exact);
    if (Math.abs(exact % 1 - 0.5) < 1e-9 && rounded % 2 === 1) { rounded -= 1; }
    return Math.max(1, rounded);
  }

  function plural(count, word) {
    return count.toLocaleString("en") + " " + word + (count === 1 ? "" : "s");
  }

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text) { element.textContent = text; }
    return element;
  }

  // --- Text boxes that grow with their text --------------------------------------------------

  function fit(textarea) {
    if (!textarea.offsetParent) { return; }  // in a collapsed section: fitted when shown
    var x = window.scrollX, y = window.scrollY;
    var style = window.getComputedStyle(textarea);
    var extra = style.boxSizing === "border-box"
      ? parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth)
      : -(parseFloat(style.paddingTop) + parseFloat(style.paddingBottom));
    textarea.style.height = "auto";
    textarea.style.height = textarea.scrollHeight + extra + "px";
    // Shrinking to "auto" for a moment may have moved the page: put it back.
    if (window.scrollY !== y) { window.scrollTo(x, y); }
  }

  function growing(textarea) {
    textarea.rows = MIN_ROWS;
    textarea.classList.add("is-growing");
    fit(textarea);
  }

  // --- Sections --------------------------------------------------------------------------------

  function Editor(form, group) {
    this.form = form;
    this.group = group;
    this.announcedMinutes = null;
    this.pending = 0;
  }

  Editor.prototype.rows = function () {
    return Array.from(this.group.querySelectorAll(".inline-related")).filter(function (row) {
      return !row.classList.contains("empty-form") && row.id.indexOf("-empty") === -1;
    });
  };

  Editor.prototype.isDeleted = function (row) {
    var box = row.querySelector("input[id$='-DELETE']");
    return Boolean(box && box.checked);
  };

  Editor.prototype.title = function (row, number) {
    var heading = row.querySelector("input.section-heading");
    return (heading && heading.value.trim()) || "Section " + number;
  };

  Editor.prototype.enhance = function (row) {
    if (row.querySelector(".section-card__toggle")) { return; }
    var self = this;
    var heading = row.querySelector("h3");
    var body = row.querySelector("fieldset");
    var label = heading && heading.querySelector(".inline_label");
    if (!heading || !body || !label) { return; }
    row.classList.add("section-card");
    // Not "sections-N-…": Django renumbers those ids when a new section is removed.
    this.bodies = (this.bodies || 0) + 1;
    body.id = body.id || "section-fields-" + this.bodies;

    // The heading becomes the disclosure button, named by the section's heading.
    var prefix = heading.querySelector("b");
    if (prefix) { prefix.remove(); }
    var toggle = make("button", "section-card__toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "true");
    toggle.setAttribute("aria-controls", body.id);
    toggle.appendChild(label);
    heading.insertBefore(toggle, heading.firstChild);
    toggle.addEventListener("click", function () {
      self.setExpanded(row, toggle.getAttribute("aria-expanded") !== "true");
    });

    var words = make("span", "section-card__words");
    var bar = row.querySelector(".section-card__bar") || heading;
    bar.insertBefore(words, heading.nextSibling);

    row.querySelectorAll("textarea.section-body").forEach(growing);
  };

  Editor.prototype.setExpanded = function (row, expanded) {
    var toggle = row.querySelector(".section-card__toggle");
    var body = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!body) { return; }
    toggle.setAttribute("aria-expanded", String(expanded));
    body.hidden = !expanded;
    row.classList.toggle("is-collapsed", !expanded);
    if (expanded) { row.querySelectorAll("textarea.is-growing").forEach(fit); }
  };

  Editor.prototype.setAllExpanded = function (expanded) {
    var self = this;
    this.rows().forEach(function (row) { self.setExpanded(row, expanded); });
    this.announce(expanded ? "All sections expanded." : "All sections collapsed to their headings.");
  };

  // Labels, outline and counts, from what is on screen now.
  Editor.prototype.refresh = function () {
    var self = this;
    var total = 0;
    var items = [];
    this.rows().forEach(function (row, index) {
      var number = index + 1;
      var title = self.title(row, number);
      var deleted = self.isDeleted(row);
      var body = row.querySelector("textarea.section-body");
      var words = body ? countWords(body.value) : 0;
      if (!deleted) { total += words; }
      var label = row.querySelector(".section-card__toggle .inline_label");
      if (label && label.textContent !== title) { label.textContent = title; }
      var count = row.querySelector(".section-card__words");
      if (count) { count.textContent = deleted ? "deleted on save" : plural(words, "word"); }
      row.classList.toggle("is-deleted", deleted);
      items.push({ row: row, title: title, deleted: deleted });
    });
    this.drawOutline(items);
    this.showTotals(total, items.filter(function (item) { return !item.deleted; }).length);
  };

  Editor.prototype.scheduleRefresh = function () {
    var self = this;
    if (this.pending) { return; }
    this.pending = window.requestAnimationFrame(function () {
      self.pending = 0;
      self.refresh();
    });
  };

  // --- Outline, counts, announcements ----------------------------------------------------------

  Editor.prototype.buildPanel = function () {
    var self = this;
    var panel = make("div", "essay-rail");
    panel.innerHTML =
      '<div class="essay-overview">' +
      '<p class="essay-stats"><span class="essay-stats__words"></span>' +
      '<span class="essay-stats__minutes"></span><span class="essay-stats__sections"></span></p>' +
      '<p class="essay-announce visually-hidden" role="status" aria-live="polite"></p>' +
      '<nav class="essay-outline" aria-labelledby="essay-outline-title">' +
      '<h2 id="essay-outline-title" class="essay-outline__title">Outline</h2>' +
      '<div class="essay-outline__tools">' +
      '<button type="button" data-expand="false">Collapse all</button>' +
      '<button type="button" data-expand="true">Expand all</button></div>' +
      '<ol class="essay-outline__list"></ol></nav></div>';
    panel.querySelectorAll(".essay-outline__tools button").forEach(function (button) {
      button.addEventListener("click", function () {
        self.setAllExpanded(button.dataset.expand === "true");
      });
    });
    panel.querySelector(".essay-outline__list").addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (!link) { return; }
      event.preventDefault();
      self.jumpTo(document.getElementById(link.hash.slice(1)));
    });
    var container = this.form.querySelector(":scope > div") || this.form;
    container.insertBefore(panel, container.firstChild);
    this.form.classList.add("essay-editor");
    this.panel = panel;
  };

  Editor.prototype.drawOutline = function (items) {
    var list = this.panel.querySelector(".essay-outline__list");
    while (list.children.length > items.length) { list.lastElementChild.remove(); }
    items.forEach(function (item, index) {
      var entry = list.children[index];
      if (!entry) {
        entry = make("li");
        entry.appendChild(make("a"));
        list.appendChild(entry);
      }
      var link = entry.firstElementChild;
      link.href = "#" + item.row.id;
      // section_order.js moves sections dragged by, or dropped on, outline entries.
      link.dataset.dragSection = item.row.id;
      entry.dataset.dropSection = item.row.id;
      link.textContent = item.title;
      entry.classList.toggle("is-deleted", item.deleted);
      if (item.deleted) { link.appendChild(make("span", "visually-hidden", " (deleted on save)")); }
    });
  };

  Editor.prototype.jumpTo = function (row) {
    if (!row) { return; }
    this.setExpanded(row, true);
    var toggle = row.querySelector(".section-card__toggle");
    row.scrollIntoView({ block: "start" });
    if (toggle) { toggle.focus({ preventScroll: true }); }
  };

  Editor.prototype.showTotals = function (words, sections) {
    var minutes = readingMinutes(words);
    var stats = this.panel.querySelector(".essay-stats");
    stats.querySelector(".essay-stats__words").textContent = plural(words, "word");
    stats.querySelector(".essay-stats__minutes").textContent = minutes + " min read";
    stats.querySelector(".essay-stats__sections").textContent = plural(sections, "section");
    // The visible figures follow every key; screen readers hear only a new reading time,
    // once typing pauses.
    var self = this;
    window.clearTimeout(this.minutesTimer);
    this.minutesTimer = window.setTimeout(function () {
      if (self.announcedMinutes !== null && self.announcedMinutes !== minutes) {
        self.announce("Reading time now " + minutes + " min (" + plural(words, "word") + ").");
      }
      self.announcedMinutes = minutes;
    }, 1500);
  };

  Editor.prototype.announce = function (text) {
    var region = this.panel.querySelector(".essay-announce");
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  };

  Editor.prototype.start = function () {
    var self = this;
    this.buildPanel();
    this.rows().forEach(function (row) { self.enhance(row); });
    this.form.querySelectorAll("#id_standfirst").forEach(growing);
    this.refresh();

    this.form.addEventListener("input", function (event) {
      if (event.target.classList.contains("is-growing")) { fit(event.target); }
      if (self.group.contains(event.target)) { self.scheduleRefresh(); }
    });
    this.group.addEventListener("change", function (event) {
      if (/-DELETE$/.test(event.target.id)) { self.scheduleRefresh(); }
    });
    this.group.addEventListener("sections:reordered", function () { self.refresh(); });
    document.addEventListener("formset:added", function (event) {
      if (!self.group.contains(event.target)) { return; }
      self.enhance(event.target);
      self.refresh();
      var heading = event.target.querySelector("input.section-heading");
      if (heading) { heading.focus(); }
    });
    document.addEventListener("formset:removed", function () { self.refresh(); });
    var resized = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(resized);
      resized = window.setTimeout(function () {
        self.form.querySelectorAll("textarea.is-growing").forEach(fit);
      }, 150);
    });
    // Web fonts and late styles change how text wraps.
    window.addEventListener("load", function () {
      self.form.querySelectorAll("textarea.is-growing").forEach(fit);
    });
  };

  // --- The author autocomplete's label ---------------------------------------------------------

  // Select2 types into a search box of its own, which the field's <label> does not reach.
  function labelAutocompletes(form) {
    form.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && form.querySelector("label[for='" + select.id + "']");
      var container = select.nextElementSibling;
      if (!label || !container || !container.classList.contains("select2")) { return; }
      label.id = label.id || select.id + "-label";
      container.querySelectorAll(".select2-search__field").forEach(function (search) {
        search.setAttribute("aria-labelledby", label.id);
      });
    });
  }

  // --- The "Related Articles readers see" panel ------------------------------------------------

  function RelatedPanel(panel) {
    this.panel = panel;
  }

  RelatedPanel.prototype.start = function () {
    var self = this;
    this.panel.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches(".related-panel__actions form")) { return; }
      event.preventDefault();
      self.send(form, event.submitter);
    });
  };

  RelatedPanel.prototype.status = function (text, level) {
    var status = this.panel.querySelector(".related-panel__status");
    status.className = "related-panel__status related-panel__status--" + level;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  };

  RelatedPanel.prototype.send = function (form, submitter) {
    var self = this;
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    var target = data.get("target");
    var action = form.getAttribute("action");
    var direction = submitter && submitter.name === "direction" ? submitter.value : "";
    this.panel.setAttribute("aria-busy", "true");
    this.panel.querySelectorAll(".related-panel__actions button").forEach(function (button) {
      button.dataset.wasDisabled = button.disabled ? "1" : "";
      button.disabled = true;
    });
    fetch(action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" }
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          throw new Error(response.status === 403
            ? "You may not change this essay's related reading, or your session has ended."
            : "The server did not answer as expected (" + response.status + ").");
        }
        return response.json();
      })
      .then(function (result) {
        self.replace(result.html);
        if (result.ok) { syncPinnedInline(result.pins, action, target); }
        self.status(result.message, result.ok ? "success" : "error");
        self.refocus(target, action, direction);
      })
      .catch(function (error) {
        self.restoreButtons();
        self.status(error.message + " Nothing changed; your text in the form is as you left it.",
          "error");
      })
      .then(function () { self.panel.removeAttribute("aria-busy"); });
  };

  RelatedPanel.prototype.restoreButtons = function () {
    this.panel.querySelectorAll(".related-panel__actions button").forEach(function (button) {
      button.disabled = button.dataset.wasDisabled === "1";
    });
  };

  RelatedPanel.prototype.replace = function (html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var list = fresh.querySelector(".related-panel__list");
    var old = this.panel.querySelector(".related-panel__list");
    if (list && old) { old.replaceWith(document.adoptNode(list)); }
  };

  // Focus stays with the essay just acted on: the same button if it still makes sense (Move
  // up again), else the one undoing it (Unpin after Pin), else another of its row, else the
  // panel's message.
  RelatedPanel.prototype.refocus = function (target, action, direction) {
    var undo = /\/unpin\/$/.test(action) ? action.replace(/unpin\/$/, "pin/")
      : action.replace(/\/pin\/$/, "/unpin/");
    var rows = Array.from(this.panel.querySelectorAll(".related-panel__actions"));
    var cell = rows.find(function (actions) {
      return Array.from(actions.querySelectorAll("input[name=target]")).some(function (input) {
        return input.value === target;
      });
    });
    var choice = null;
    if (cell) {
      var buttons = Array.from(cell.querySelectorAll("button:not([disabled])"));
      var doing = function (url, value) {
        return buttons.find(function (button) {
          return button.form.getAttribute("action") === url && button.value === value;
        });
      };
      choice = doing(action, direction) || doing(undo, "") || buttons[0];
    }
    if (!choice) {
      choice = this.panel.querySelector(".related-panel__status");
      choice.tabIndex = -1;
    }
    choice.focus();
  };

  // The form's "Pinned related essays" rows must agree with what the panel just stored, or
  // saving the form afterwards would put the old pins back.
  function syncPinnedInline(pins, action, target) {
    var group = document.getElementById("pinned_links-group");
    if (!group || !pins) { return; }
    var unpinning = /\/unpin\/$/.test(action);
    var $ = window.django && window.django.jQuery;
    function field(row, name) { return row.querySelector("[name$='-" + name + "']"); }
    function live() {
      return Array.from(group.querySelectorAll(".form-row")).filter(function (row) {
        var deleted = field(row, "DELETE");
        return !row.classList.contains("empty-form") && !row.hidden && !(deleted && deleted.checked);
      });
    }
    function key(row) {
      var select = field(row, "target"), id = field(row, "id");
      if (select && select.value) { return "essay-" + select.value; }
      return id && id.value ? "link-" + id.value : "";
    }
    live().forEach(function (row) {
      if (!unpinning || key(row) !== "essay-" + target) { return; }
      var deleted = field(row, "DELETE");
      if (deleted) {
        deleted.checked = true;
        row.hidden = true;
      } else {
        var remove = row.querySelector(".inline-deletelink");
        if (remove) { remove.click(); }
      }
    });
    var order = pins.map(function (pin) { return pin.target ? "essay-" + pin.target : "link-" + pin.id; });
    var present = live().map(key);
    pins.forEach(function (pin) {
      if (!pin.target || present.indexOf("essay-" + pin.target) !== -1) { return; }
      var add = group.querySelector(".add-row a");
      if (!add) { return; }
      add.click();
      var rows = live();
      var row = rows[rows.length - 1];
      var select = field(row, "target");
      // The link's id tells the form this row is the link just stored, not a second one.
      field(row, "id").value = pin.id;
      select.appendChild(new Option(pin.title, pin.target, true, true));
      if ($) { $(select).trigger("change"); } else { select.dispatchEvent(new Event("change")); }
    });
    var next = pins.length;
    live().forEach(function (row) {
      var position = field(row, "position");
      var index = order.indexOf(key(row));
      if (position) { position.value = index === -1 ? (next += 1) : index + 1; }
    });
  }

  function init() {
    var form = document.getElementById("article_form");
    var group = document.getElementById("sections-group");
    if (form && group) { new Editor(form, group).start(); }
    if (form) {
      // Django starts select2 on jQuery's ready, after this handler, and again for new rows:
      // label its boxes once it has run, and in any case before one of them is used.
      var label = function () { labelAutocompletes(form); };
      window.setTimeout(label, 0);
      window.addEventListener("load", label);
      document.addEventListener("formset:added", function () { window.setTimeout(label, 0); });
      form.addEventListener("focusin", function (event) {
        if (event.target.classList.contains("select2-search__field")) { label(); }
      });
    }
    var panel = document.getElementById("related-panel");
    if (panel && window.fetch && panel.querySelector(".related-panel__status")) {
      new RelatedPanel(panel).start();
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
