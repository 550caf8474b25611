// Tag entry: suggests existing tags for the word being typed after the last comma, through a
// native <datalist>, so the keyboard and screen readers behave as they do everywhere else.
(function () {
  "use strict";

  function currentTerm(value) {
    var parts = value.split(",");
    return parts[parts.length - 1].trim();
  }

  function withSuggestion(value, suggestion) {
    var parts = value.split(",");
    parts[parts.length - 1] = (parts.length > 1 ? " " : "") + suggestion;
    return parts.join(",");
  }

  function attach(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.setAttribute("list", list.id);
    input.parentNode.appendChild(list);
    var timer = null;
    var lastTerm = null;

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var term = currentTerm(input.value);
        if (term === lastTerm) { return; }
        lastTerm = term;
        if (!term) { list.innerHTML = ""; return; }
        fetch(input.dataset.autocompleteUrl + "?term=" + encodeURIComponent(term), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.innerHTML = "";
            data.results.forEach(function (name) {
              var option = document.createElement("option");
              option.value = withSuggestion(input.value, name);
              option.label = name;
              list.appendChild(option);
            });
          })
          .catch(function () { list.innerHTML = ""; });
      }, 150);
    });
  }

  function init() { document.querySelectorAll("input.tag-autocomplete").forEach(attach); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
