/* Client-side search over the JSON shards listed on the search form; no libraries. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) { return; }
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var shards = (form.getAttribute("data-shards") || "").split(" ").filter(Boolean);
  var LIMIT = 50;
  var generation = 0;  /* a newer search makes an older one's results stale */

  var loaded = [];  /* shards fetched so far, newest first; fetched one at a time on demand */

  function shard(n) {
    if (loaded[n]) { return Promise.resolve(loaded[n]); }
    return fetch(shards[n]).then(function (r) { return r.ok ? r.json() : []; })
      .then(function (entries) { loaded[n] = entries; return entries; });
  }

  /* Walk the shards newest first and stop once LIMIT + 1 matches are found, so a common word
     on a huge archive never downloads the whole index. */
  function find(terms) {
    var found = [];
    function step(n) {
      if (n >= shards.length || found.length > LIMIT) { return Promise.resolve(found); }
      return shard(n).then(function (entries) {
        entries.forEach(function (e) { if (matches(e, terms)) { found.push(e); } });
        return step(n + 1);
      });
    }
    return step(0);
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
    var mine = ++generation;
    find(terms).then(function (found) {
      if (mine !== generation) { return; }
      found.slice(0, LIMIT).forEach(function (e) { list.appendChild(item(e)); });
      status.textContent = found.length > LIMIT
        ? "More than " + LIMIT + " results; showing the newest " + LIMIT + ". Add words to narrow the search."
        : found.length + (found.length === 1 ? " result" : " results");
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
