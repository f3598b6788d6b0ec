/*
 * debrief site script. No dependencies; loaded with <script src defer>, so it runs
 * under a Content-Security-Policy that forbids inline script. Every page works
 * without it; it adds:
 *   1. filters on the actions page (status, owner, service, tag, severity, SOP) over the
 *      action data files, loaded with <script src> only once a filter is set,
 *   2. live reload when <meta name="debrief-live-reload" content="URL"> is present,
 *   3. a header that stays at the top and shrinks to one short row once the page scrolls.
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
  /* 1. Action filters                                                   */
  /* ------------------------------------------------------------------ */

  /*
   * The actions page lists every action once, on numbered pages. Filtering works over the
   * action data files instead of the page, loaded only once a filter is set:
   * actions-data/meta.js sets window.DEBRIEF_ACTION_META = {
   *   total, shards, statuses: [[slug, label]], owners, services, tags: [[slug, name]],
   *   severities: [[slug, name, level]], sops: [[id, title, url or ""]],
   *   postmortems: [[id, url, severity index or name, [service], [tag]]] }
   * and actions-data/N.js sets window.DEBRIEF_ACTION_SHARDS[N] to rows, in list order:
   *   [key, text, status index or label, days overdue (0 = not), owner index or -1, due,
   *    post-mortem index, [sop index], ticket, ticket URL, 1 when untracked,
   *    due-date slips ("due moved 3x, +74 days", from build --git)]
   *   (trailing empty fields left out)
   * The filter state lives in the query string (actions.html?status=overdue&owner=dana&p=2),
   * so other pages link straight to a filtered list.
   */

  var FILTERS = ["status", "owner", "service", "tag", "severity", "sop"];
  var RESULTS_PER_PAGE = 100;

  function loadScript(src, done) {
    var script = doc.createElement("script");
    script.src = src;
    script.onload = function () { done(true); };
    script.onerror = function () { done(false); };
    doc.head.appendChild(script);
  }

  /* Calls done(meta, rows) once every file is in, or done(null) when one cannot be loaded. */
  function loadActionData(metaURL, done) {
    var state = loadActionData.state || (loadActionData.state = { waiting: [], result: undefined });
    if (state.result !== undefined) { done.apply(null, state.result); return; }
    state.waiting.push(done);
    if (state.waiting.length > 1) return;
    function finish(meta, rows) {
      state.result = [meta, rows];
      state.waiting.forEach(function (callback) { callback(meta, rows); });
      state.waiting = [];
    }
    loadScript(metaURL, function (ok) {
      var meta = window.DEBRIEF_ACTION_META;
      if (!ok || !meta || typeof meta.shards !== "number") { finish(null, null); return; }
      var base = metaURL.replace(/meta\.js$/, "");
      var left = meta.shards, failed = false;
      if (left === 0) { finish(meta, []); return; }
      for (var i = 0; i < meta.shards; i++) {
        loadScript(base + i + ".js", function (loaded) {
          if (!loaded) failed = true;
          left -= 1;
          if (left > 0) return;
          var shards = window.DEBRIEF_ACTION_SHARDS || [];
          var rows = [];
          for (var n = 0; n < meta.shards; n++) {
            if (!Array.isArray(shards[n])) failed = true;
            else rows = rows.concat(shards[n]);
          }
          if (failed) finish(null, null);
          else finish(meta, rows);
        });
      }
    });
  }

  function positions(list) {
    var map = {};
    (list || []).forEach(function (item, i) { map[item[0]] = i; });
    return map;
  }

  function matcher(meta, f) {
    var owner = positions(meta.owners), service = positions(meta.services), tag = positions(meta.tags),
        severity = positions(meta.severities), sop = positions(meta.sops), status = positions(meta.statuses);
    function at(map, value) { return Object.prototype.hasOwnProperty.call(map, value) ? map[value] : -2; }
    var want = {
      owner: f.owner ? at(owner, f.owner) : null,
      service: f.service ? at(service, f.service) : null,
      tag: f.tag ? at(tag, f.tag) : null,
      severity: f.severity ? at(severity, f.severity) : null,
      sop: f.sop ? at(sop, f.sop) : null,
      status: f.status && f.status !== "overdue" && f.status !== "unknown" ? at(status, f.status) : null
    };
    return function (row) {
      if (f.status === "overdue" && !(row[3] > 0)) return false;
      if (f.status === "unknown" && typeof row[2] === "number") return false;
      if (want.status !== null && row[2] !== want.status) return false;
      if (want.owner !== null && row[4] !== want.owner) return false;
      if (want.sop !== null && (row[7] || []).indexOf(want.sop) === -1) return false;
      var pm = meta.postmortems[row[6]] || [];
      if (want.severity !== null && pm[2] !== want.severity) return false;
      if (want.service !== null && (pm[3] || []).indexOf(want.service) === -1) return false;
      if (want.tag !== null && (pm[4] || []).indexOf(want.tag) === -1) return false;
      return true;
    };
  }

  /* One row, as the action-row template writes it. */
  function actionRow(meta, row) {
    var tr = el("tr");
    var overdue = row[3] > 0;
    if (overdue) tr.className = "is-overdue";
    function td() { var cell = el("td"); tr.appendChild(cell); return cell; }
    function text(parent, value) { parent.appendChild(doc.createTextNode(value)); }

    var cell = td();
    var status = typeof row[2] === "number" ? meta.statuses[row[2]] : ["unknown", String(row[2])];
    cell.appendChild(el("span", "badge status-" + status[0], status[1]));
    if (overdue) { text(cell, " "); cell.appendChild(el("span", "badge overdue", "Overdue")); }
    if (row[10] === 1) { text(cell, " "); cell.appendChild(el("span", "badge untracked", "Untracked")); }

    cell = td();
    text(cell, String(row[1]) + " ");
    cell.appendChild(el("small", "action-key", row[0]));

    var owner = meta.owners[row[4]];
    td().textContent = owner ? owner[1] : "—";

    cell = td();
    text(cell, row[5] ? String(row[5]) : "—");
    if (overdue) {
      text(cell, " ");
      cell.appendChild(el("small", "overdue-note", row[3] === 1 ? "1 day overdue" : row[3] + " days overdue"));
    }
    if (row[11]) {
      text(cell, " ");
      cell.appendChild(el("small", "slip-note", String(row[11])));
    }

    cell = td();
    var pm = meta.postmortems[row[6]];
    if (pm) {
      var link = el("a", null, pm[0]);
      link.href = root + pm[1];
      cell.appendChild(link);
      text(cell, " ");
      var severity = typeof pm[2] === "number" ? meta.severities[pm[2]] : ["", String(pm[2]), "x"];
      cell.appendChild(el("span", "badge sev-" + severity[2], severity[1]));
    }

    cell = td();
    var sops = row[7] || [];
    sops.forEach(function (index) {
      var sop = meta.sops[index];
      if (!sop) return;
      if (sop[2]) {
        var a = el("a", null, sop[1]);
        a.href = root + sop[2];
        cell.appendChild(a);
      } else {
        cell.appendChild(el("span", "missing-ref", sop[0] + " (not found)"));
      }
    });
    if (sops.length === 0) cell.textContent = "—";

    cell = td();
    if (row[8]) {
      if (row[9]) {
        var ticket = el("a", null, row[8]);
        ticket.href = String(row[9]);
        cell.appendChild(ticket);
      } else {
        cell.textContent = String(row[8]);
      }
    } else {
      cell.textContent = "—";
    }
    return tr;
  }

  function initActionFilters() {
    var form = doc.getElementById("action-filters");
    var list = doc.getElementById("action-list");
    var results = doc.getElementById("action-results");
    var status = doc.getElementById("action-filter-status");
    if (!form || !list || !results || !status) return;
    var metaURL = form.getAttribute("data-src");
    var template = list.querySelector(".table-scroll");
    if (!metaURL || !template) return;
    var selects = {};
    FILTERS.forEach(function (name) { selects[name] = form.elements[name]; });
    var page = 1;

    function current() {
      var f = {};
      FILTERS.forEach(function (name) { f[name] = selects[name] ? selects[name].value : ""; });
      return f;
    }

    function describe(f) {
      var parts = [];
      FILTERS.forEach(function (name) {
        if (!f[name]) return;
        var select = selects[name];
        var label = select && select.selectedIndex >= 0 ? select.options[select.selectedIndex].text.replace(/ \(\d+\)$/, "") : f[name];
        parts.push(name + " " + label);
      });
      return parts.join(", ");
    }

    function pager(count, pages, redraw) {
      var nav = el("nav", "pagination");
      nav.setAttribute("aria-label", "Pages of matching actions");
      var ul = el("ul", "inline-list");
      function button(label, target) {
        var li = el("li");
        var b = el("button", null, label);
        b.type = "button";
        b.addEventListener("click", function () { page = target; redraw(true); });
        li.appendChild(b);
        ul.appendChild(li);
      }
      if (page > 1) button("Previous page", page - 1);
      ul.appendChild(el("li", null, "Page " + page + " of " + pages));
      if (page < pages) button("Next page", page + 1);
      nav.appendChild(ul);
      return nav;
    }

    function draw(meta, rows, f, updateURL) {
      var test = matcher(meta, f);
      var hits = rows.filter(test);
      var pages = Math.max(1, Math.ceil(hits.length / RESULTS_PER_PAGE));
      if (page > pages) page = pages;
      if (page < 1) page = 1;
      var start = (page - 1) * RESULTS_PER_PAGE;
      var shown = hits.slice(start, start + RESULTS_PER_PAGE);
      while (results.firstChild) results.removeChild(results.firstChild);
      if (hits.length === 0) {
        status.textContent = "No action matches " + describe(f) + ".";
      } else {
        status.textContent = hits.length + (hits.length === 1 ? " action matches " : " actions match ") + describe(f) +
          (pages > 1 ? "; showing " + (start + 1) + "–" + (start + shown.length) + ", page " + page + " of " + pages : "") + ".";
        var table = template.cloneNode(true);
        table.setAttribute("aria-label", "Matching preventive actions");
        var body = table.querySelector("tbody");
        while (body.firstChild) body.removeChild(body.firstChild);
        shown.forEach(function (row) { body.appendChild(actionRow(meta, row)); });
        results.appendChild(table);
        if (pages > 1) results.appendChild(pager(hits.length, pages, function (url) { draw(meta, rows, f, url); }));
      }
      results.hidden = false;
      list.hidden = true;
      if (updateURL) {
        var params = { p: page > 1 ? String(page) : "" };
        FILTERS.forEach(function (name) { params[name] = f[name]; });
        setQueryParams(params);
      }
    }

    function apply(updateURL) {
      var f = current();
      var filtered = FILTERS.some(function (name) { return Boolean(f[name]); });
      if (!filtered) {
        results.hidden = true;
        list.hidden = false;
        status.textContent = "";
        if (updateURL) {
          var params = { p: "" };
          FILTERS.forEach(function (name) { params[name] = ""; });
          setQueryParams(params);
        }
        return;
      }
      status.textContent = "Loading the actions…";
      loadActionData(metaURL, function (meta, rows) {
        if (!meta) {
          status.textContent = "The action data could not be loaded; the list below is complete but not filtered.";
          results.hidden = true;
          list.hidden = false;
          return;
        }
        draw(meta, rows, current(), updateURL);
      });
    }

    FILTERS.forEach(function (name) {
      var select = selects[name];
      if (!select) return;
      var initial = queryParam(name);
      if (initial) {
        var found = false;
        for (var i = 0; i < select.options.length; i++) {
          if (select.options[i].value === initial) { found = true; break; }
        }
        /* A value the page does not offer still filters (to nothing), and says so. */
        if (!found) select.appendChild(el("option", null, initial)).value = initial;
        select.value = initial;
      }
      select.addEventListener("change", function () { page = 1; apply(true); });
    });
    var initialPage = parseInt(queryParam("p") || "1", 10);
    if (initialPage > 1) page = initialPage;
    form.addEventListener("reset", function () {
      window.setTimeout(function () { page = 1; apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    form.hidden = false;
    apply(false);
  }

  /* ------------------------------------------------------------------ */
  /* 2. Live reload (debrief serve)                                      */
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
    initActionFilters();
    initLiveReload();
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* 3. The header: fixed at the top, with the page moved down by its height so nothing hides
   under it; past that height it becomes one row (html.header-compact, at most 64 px) and
   returns to full size near the top. Without this script the header simply scrolls away. */
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  if (!header || !document.body) return;
  var root = document.documentElement;
  var compact = false;
  var full = 0;

  function measure() {
    root.classList.remove("header-compact");
    full = header.offsetHeight;
    document.body.style.paddingTop = full + "px";
    if (compact) root.classList.add("header-compact");
  }

  function update() {
    // Two thresholds, so a page scrolled near one does not flicker between the two sizes.
    var want = compact ? window.scrollY > 8 : window.scrollY > full;
    if (want !== compact) {
      compact = want;
      root.classList.toggle("header-compact", compact);
    }
  }

  root.classList.add("header-fixed");
  measure();
  update();
  window.addEventListener("scroll", update, { passive: true });
  window.addEventListener("resize", function () { measure(); update(); });
  window.addEventListener("beforeprint", function () { document.body.style.paddingTop = ""; });
  window.addEventListener("afterprint", measure);
})();
