/*
 * debrief site script. No dependencies; loaded with <script src defer>, so it runs
 * under a Content-Security-Policy that forbids inline script. Every page works
 * without it; it adds:
 *   1. search over window.DEBRIEF_SEARCH (from search-index.js) on the search page,
 *   2. combined status / owner / service filters on the actions page,
 *   3. live reload when <meta name="debrief-live-reload" content="URL"> is present.
 * Data is only ever written with textContent and DOM nodes, never innerHTML.
 */
(function () {
  "use strict";

  var doc = document;

  function meta(name) {
    var el = doc.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : null;
  }

  function el(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function queryParam(name) {
    try {
      return new URLSearchParams(window.location.search).get(name);
    } catch (e) {
      return null;
    }
  }

  /* Update ?name=value without reloading. file: URLs may refuse; that is fine. */
  function setQueryParams(params) {
    try {
      var url = new URL(window.location.href);
      Object.keys(params).forEach(function (key) {
        if (params[key]) url.searchParams.set(key, params[key]);
        else url.searchParams.delete(key);
      });
      window.history.replaceState(null, "", url.href);
    } catch (e) {
      /* ignore */
    }
  }

  var root = meta("debrief-root") || "";

  /* ------------------------------------------------------------------ */
  /* 1. Search                                                           */
  /* ------------------------------------------------------------------ */

  /*
   * window.DEBRIEF_SEARCH is an array of entries:
   *   t: title (string)                u: page URL relative to the site root
   *   d: date YYYY-MM-DD or ""         s: severity name or ""
   *   x: searchable text (id, services, tags, people, summary...)
   * optional:
   *   e: short plain-text excerpt shown under the result (searched too; when
   *      absent, a snippet of x is shown)
   *   l: severity level, "1" = most severe (badge colour)
   *   k: kind, "postmortem" (default) or "sop"
   */

  var MAX_RESULTS = 50;

  function fold(text) {
    var s = String(text || "").toLowerCase();
    if (s.normalize) s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return s;
  }

  function terms(query) {
    return fold(query).split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function prepare(entries) {
    return entries.map(function (e) {
      var title = String(e.t || "");
      var text = String(e.e || "") + " " + String(e.x || "");
      return {
        entry: e,
        title: fold(title),
        text: fold(text),
        sev: fold(e.s),
        date: String(e.d || "")
      };
    });
  }

  function wordStart(hay, term) {
    var i = hay.indexOf(term);
    while (i !== -1) {
      if (i === 0 || /[^a-z0-9]/.test(hay.charAt(i - 1))) return true;
      i = hay.indexOf(term, i + 1);
    }
    return false;
  }

  function score(item, queryTerms) {
    var total = 0;
    for (var i = 0; i < queryTerms.length; i++) {
      var term = queryTerms[i];
      var s = 0;
      if (item.title.indexOf(term) !== -1) s += wordStart(item.title, term) ? 10 : 6;
      if (item.sev && item.sev === term) s += 8;
      if (item.date && item.date.indexOf(term) === 0) s += 4;
      if (item.text.indexOf(term) !== -1) s += wordStart(item.text, term) ? 3 : 2;
      if (s === 0) return 0; /* every term must match somewhere */
      total += s;
    }
    return total;
  }

  function search(prepared, query) {
    var queryTerms = terms(query);
    if (queryTerms.length === 0) return [];
    var hits = [];
    for (var i = 0; i < prepared.length; i++) {
      var s = score(prepared[i], queryTerms);
      if (s > 0) hits.push({ item: prepared[i], score: s });
    }
    hits.sort(function (a, b) {
      if (b.score !== a.score) return b.score - a.score;
      if (a.item.date !== b.item.date) return a.item.date < b.item.date ? 1 : -1;
      return a.item.title < b.item.title ? -1 : a.item.title > b.item.title ? 1 : 0;
    });
    return hits;
  }

  /* Append text to parent, wrapping matches of the query terms in <mark>. */
  function appendHighlighted(parent, text, queryTerms) {
    var folded = fold(text);
    /* fold() keeps length only for text without combining marks; else skip highlighting. */
    if (folded.length !== text.length || queryTerms.length === 0) {
      parent.appendChild(doc.createTextNode(text));
      return;
    }
    var marks = [];
    queryTerms.forEach(function (term) {
      var i = folded.indexOf(term);
      while (i !== -1) {
        marks.push([i, i + term.length]);
        i = folded.indexOf(term, i + term.length);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      if (m[0] > pos) parent.appendChild(doc.createTextNode(text.slice(pos, m[0])));
      parent.appendChild(el("mark", null, text.slice(m[0], m[1])));
      pos = m[1];
    });
    if (pos < text.length) parent.appendChild(doc.createTextNode(text.slice(pos)));
  }

  function excerpt(text, queryTerms) {
    var LEN = 200;
    if (text.length <= LEN) return text;
    var folded = fold(text);
    var at = -1;
    for (var i = 0; i < queryTerms.length && at === -1; i++) at = folded.indexOf(queryTerms[i]);
    var start = at > 60 ? at - 60 : 0;
    var end = Math.min(text.length, start + LEN);
    return (start > 0 ? "…" : "") + text.slice(start, end).trim() + (end < text.length ? "…" : "");
  }

  function renderResults(list, status, hits, query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var queryTerms = terms(query);
    if (queryTerms.length === 0) {
      status.textContent = "";
      return;
    }
    if (hits.length === 0) {
      status.textContent = "No results for “" + query + "”.";
      return;
    }
    var shown = hits.slice(0, MAX_RESULTS);
    status.textContent = hits.length === 1 ? "1 result for “" + query + "”." :
      (hits.length > MAX_RESULTS ? "Showing " + MAX_RESULTS + " of " : "") +
      hits.length + " results for “" + query + "”.";
    shown.forEach(function (hit) {
      var e = hit.item.entry;
      var li = el("li", "search-result");
      var head = el("div");
      var a = el("a", "search-result-title");
      a.href = root + String(e.u || "");
      appendHighlighted(a, String(e.t || ""), queryTerms);
      head.appendChild(a);
      li.appendChild(head);

      var metaRow = el("div", "search-result-meta");
      if (e.k === "sop") metaRow.appendChild(el("span", "badge status", "SOP"));
      if (e.s) {
        var level = /^[0-9]+$/.test(String(e.l || "")) ? String(e.l) : "x";
        metaRow.appendChild(el("span", "badge sev sev-" + level, e.s));
      }
      if (e.d) {
        var time = el("time", null, e.d);
        time.setAttribute("datetime", String(e.d));
        metaRow.appendChild(time);
      }
      if (metaRow.firstChild) li.appendChild(metaRow);

      var text = String(e.e || e.x || "");
      if (text) {
        var p = el("p", "search-result-excerpt");
        appendHighlighted(p, excerpt(text, queryTerms), queryTerms);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  function initSearch() {
    var form = doc.getElementById("search-form");
    var input = doc.getElementById("search-q");
    var list = doc.getElementById("search-results");
    var status = doc.getElementById("search-status");
    if (!form || !input || !list || !status) return;

    var data = window.DEBRIEF_SEARCH;
    if (!Array.isArray(data)) {
      status.textContent = "The search index could not be loaded. Browse the post-mortem list instead.";
      return;
    }
    var prepared = prepare(data);
    var timer = null;

    function run(updateURL) {
      var query = input.value.trim();
      renderResults(list, status, search(prepared, query), query);
      if (updateURL) setQueryParams({ q: query });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(true);
    });
    input.addEventListener("input", function () {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(function () { run(true); }, 120);
    });

    var initial = queryParam("q");
    if (initial) {
      input.value = initial;
      run(false);
    }
  }

  /* ------------------------------------------------------------------ */
  /* 2. Action filters                                                   */
  /* ------------------------------------------------------------------ */

  function initActionFilters() {
    var form = doc.getElementById("action-filters");
    if (!form) return;
    var rows = Array.prototype.slice.call(doc.querySelectorAll("tr.action-row[data-status]"));
    if (rows.length === 0) return;
    var status = doc.getElementById("action-filter-status");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));

    function values() {
      var v = {};
      selects.forEach(function (s) { v[s.getAttribute("data-filter")] = s.value; });
      return v;
    }

    function matches(row, v) {
      if (v.status) {
        if (v.status === "overdue") {
          if (row.getAttribute("data-overdue") !== "true") return false;
        } else if (row.getAttribute("data-status") !== v.status) {
          return false;
        }
      }
      if (v.owner && row.getAttribute("data-owner") !== v.owner) return false;
      if (v.service) {
        var services = (row.getAttribute("data-services") || "").split(/\s+/);
        if (services.indexOf(v.service) === -1) return false;
      }
      return true;
    }

    function apply(updateURL) {
      var v = values();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row, v);
        row.hidden = !ok;
        if (ok) shown++;
      });
      var filtered = Boolean(v.status || v.owner || v.service);
      if (status) {
        status.textContent = filtered ?
          "Showing " + shown + " of " + rows.length + " actions." : "";
      }
      if (updateURL) setQueryParams({ status: v.status, owner: v.owner, service: v.service });
    }

    selects.forEach(function (s) {
      var initial = queryParam(s.getAttribute("data-filter"));
      if (initial) {
        for (var i = 0; i < s.options.length; i++) {
          if (s.options[i].value === initial) { s.value = initial; break; }
        }
      }
      s.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    form.hidden = false;
    apply(false);
  }

  /* ------------------------------------------------------------------ */
  /* 3. Live reload (debrief serve)                                      */
  /* ------------------------------------------------------------------ */

  function initLiveReload() {
    var url = meta("debrief-live-reload");
    if (!url || typeof window.fetch !== "function") return;
    var last = null;

    function poll() {
      window.fetch(url, { cache: "no-store" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (version) {
          if (version === null) return;
          if (last === null) {
            last = version;
          } else if (version !== last) {
            window.location.reload();
            return "reloading";
          }
        })
        .catch(function () { /* server restarting: try again */ })
        .then(function (state) {
          if (state !== "reloading") window.setTimeout(poll, 1000);
        });
    }

    poll();
  }

  function start() {
    initSearch();
    initActionFilters();
    initLiveReload();
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
