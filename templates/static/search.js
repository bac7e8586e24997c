/* Client-side search over the JSON shards listed on the search form; no libraries. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) { return; }
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var shards = (form.getAttribute("data-shards") || "").split(" ").filter(Boolean);
  var entries = null;
  var LIMIT = 50;

  function load() {
    if (entries) { return Promise.resolve(entries); }
    return Promise.all(shards.map(function (url) {
      return fetch(url).then(function (r) { return r.ok ? r.json() : []; });
    })).then(function (parts) {
      entries = [].concat.apply([], parts);
      return entries;
    });
  }

  function fold(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function matches(entry, terms) {
    var haystack = fold(entry.title + " " + entry.summary + " " + entry.section);
    return terms.every(function (t) { return haystack.indexOf(t) !== -1; });
  }

  function item(entry) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = entry.url;
    link.textContent = entry.title;
    var heading = document.createElement("h2");
    heading.className = "article-list-title";
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = (entry.date || "Undated") + " · " + entry.section;
    li.appendChild(meta);
    if (entry.summary) {
      var summary = document.createElement("p");
      summary.className = "summary";
      summary.textContent = entry.summary;
      li.appendChild(summary);
    }
    return li;
  }

  function run(query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    load().then(function (all) {
      var found = all.filter(function (e) { return matches(e, terms); });
      found.slice(0, LIMIT).forEach(function (e) { list.appendChild(item(e)); });
      status.textContent = found.length + (found.length === 1 ? " result" : " results") +
        (found.length > LIMIT ? " (showing the newest " + LIMIT + ")" : "");
    }).catch(function () { status.textContent = "The search index could not be loaded."; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
