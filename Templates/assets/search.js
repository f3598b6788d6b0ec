/*
 * debrief full-text search. Loaded with <script src defer> on search.html only; no
 * dependencies, no eval, no inline script, no fetch(): the index files are scripts loaded with
 * <script src>, so search works from file:// and under any sub-path. docs/search.md describes
 * the index files, the ranking and the query syntax:
 *
 *   words         every word must appear (stemmed: "timeouts" finds "timeout")
 *   "a phrase"    the words in this order
 *   -word         leave out documents with the word
 *   key:value     filters: severity: service: tag: status: year: owner: is:overdue is:open
 *                 is:stale is:sop is:postmortem (several values of one key: any of them)
 *   the last word, while typed, also matches words it begins
 *
 * The analyzer below is the build's (SearchAnalyzer.swift), step for step; the browser test
 * checks both against one list of words.
 * Data is only ever written with textContent and DOM nodes, never innerHTML.
 */
(function () {
  "use strict";

  var doc = document;
  var PAGE = 10;
  /* Most documents read to check phrases before the list says it may be incomplete. */
  var PHRASE_CHECK_LIMIT = 200;
  var PREFIX_TERMS = 50;
  var K1 = 1.2;
  var MAX_WORD = 40;
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = {};
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charAt(a)] = a;
  var FILTER_KEYS = { severity: "severity", sev: "severity", service: "service", tag: "tag", status: "status",
                      year: "year", owner: "owner", is: "is", type: "is" };

  function metaContent(name) {
    var el = doc.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : null;
  }
  var root = metaContent("debrief-root") || "";
  var base = root + "search/";

  /* ---------------------------------------------------------------- */
  /* Analyzer                                                          */
  /* ---------------------------------------------------------------- */

  function fold(text) {
    var s = String(text || "");
    if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
    /* Final sigma as sigma: toLowerCase writes ς at a word's end, the build never does. */
    return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\u03c2/g, "\u03c3");
  }

  function clip(word) {
    if (word.length <= MAX_WORD) return word;
    var code = word.charCodeAt(MAX_WORD - 1);
    return word.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_WORD - 1 : MAX_WORD);
  }

  function isConsonant(w, i) {
    var c = w.charAt(i);
    if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
    if (c === "y") return i === 0 ? true : !isConsonant(w, i - 1);
    return true;
  }

  function measure(w) {
    var m = 0, i = 0, n = w.length;
    while (i < n && isConsonant(w, i)) i++;
    while (i < n) {
      while (i < n && !isConsonant(w, i)) i++;
      if (i >= n) break;
      while (i < n && isConsonant(w, i)) i++;
      m++;
    }
    return m;
  }

  function hasVowel(w) {
    for (var i = 0; i < w.length; i++) if (!isConsonant(w, i)) return true;
    return false;
  }

  function endsCVC(w) {
    var n = w.length;
    if (n < 3 || !isConsonant(w, n - 1) || isConsonant(w, n - 2) || !isConsonant(w, n - 3)) return false;
    var c = w.charAt(n - 1);
    return c !== "w" && c !== "x" && c !== "y";
  }

  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }

  /* Porter (1980), steps 1a, 1b, 1c and 5a, for words of a-z longer than two letters. */
  function stem(word) {
    if (!/^[a-z]{3,}$/.test(word)) return word;
    var w = word;
    if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "ies")) w = w.slice(0, -2);
    else if (ends(w, "ss")) { /* unchanged */ }
    else if (ends(w, "s")) w = w.slice(0, -1);
    var extra = false;
    if (ends(w, "eed")) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else if (ends(w, "ed") && hasVowel(w.slice(0, -2))) {
      w = w.slice(0, -2);
      extra = true;
    } else if (ends(w, "ing") && hasVowel(w.slice(0, -3))) {
      w = w.slice(0, -3);
      extra = true;
    }
    if (extra) {
      var n = w.length, last = w.charAt(n - 1);
      if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
      else if (n >= 2 && last === w.charAt(n - 2) && isConsonant(w, n - 1) && last !== "l" && last !== "s" && last !== "z") w = w.slice(0, -1);
      else if (measure(w) === 1 && endsCVC(w)) w += "e";
    }
    if (ends(w, "y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";
    if (ends(w, "e")) {
      var m = measure(w.slice(0, -1));
      if (m > 1 || (m === 1 && !endsCVC(w.slice(0, -1)))) w = w.slice(0, -1);
    }
    return w;
  }

  var WORD = /[\p{L}\p{N}]+(?:[._-][\p{L}\p{N}]+)*/gu;
  var MAX_COMPOUND_PARTS = 6;

  /* Calls visit(term, folded, isCompound) for each word of text: compounds, then parts. */
  function words(text, visit) {
    var folded = fold(text);
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(folded)) !== null) {
      var whole = match[0];
      var parts = whole.split(/[._-]/);
      var connectors = whole.match(/[._-]/g) || [];
      var count = parts.length;
      if (count > 1) {
        var compound = function (start, end) {
          var text = parts[start];
          for (var i = start + 1; i < end; i++) text += connectors[i - 1] + parts[i];
          text = clip(text);
          visit(text, text, true);
        };
        compound(0, count);
        var longest = count <= MAX_COMPOUND_PARTS ? count : 3;
        for (var s = 0; s < count; s++) {
          for (var e = Math.min(count, s + longest); e >= s + 2; e--) if (!(s === 0 && e === count)) compound(s, e);
        }
      }
      for (var p = 0; p < count; p++) {
        var part = clip(parts[p]);
        visit(stem(part), part, false);
      }
    }
  }

  function analyze(text) {
    var out = [];
    words(text, function (term) { out.push(term); });
    return out;
  }

  /* The simple words of text (no compounds), stemmed, in order: what phrases compare. */
  function plainTerms(text) {
    var out = [];
    words(text, function (term, folded, isCompound) { if (!isCompound) out.push(term); });
    return out;
  }

  function filterValue(value) {
    return fold(String(value).trim().replace(/^@+/, "")).split(/[\s\p{Cc}\p{Cf}]+/u).filter(Boolean).join("-");
  }

  /* The words of a query: one term per word as written, a compound whole (a URL gives each
     of its words), stemmed as the index is. */
  function queryWords(text) {
    var out = [], match;
    var folded = fold(text);
    WORD.lastIndex = 0;
    while ((match = WORD.exec(folded)) !== null) {
      var whole = clip(match[0]);
      var compound = /[._-]/.test(match[0]);
      out.push({ term: compound ? whole : stem(whole), folded: whole });
    }
    return out;
  }

  /* ---------------------------------------------------------------- */
  /* Index files                                                       */
  /* ---------------------------------------------------------------- */

  var store = { meta: null, shards: {}, docs: {}, words: null, loading: {}, loaded: [] };

  window.debriefSearch = {
    meta: function (value) { store.meta = value; },
    terms: function (number, text) { store.shards[number] = parseShard(text); },
    doc: function (number, value) { store.docs[number] = value; },
    words: function (text) { store.words = text ? text.split(" ") : []; },
    /* For tests: the analyzer and the stemmer. */
    analyze: analyze,
    stem: stem,
    /* For measurements: the index files this page has loaded, under search/. */
    loaded: function () { return store.loaded.slice(); },
    lastTiming: null
  };

  function parseShard(text) {
    var lines = text.split("\n");
    var terms = [], postings = [];
    for (var i = 0; i < lines.length; i++) {
      var tab = lines[i].indexOf("\t");
      if (tab < 0) continue;
      terms.push(lines[i].slice(0, tab));
      postings.push(lines[i].slice(tab + 1));
    }
    return { terms: terms, postings: postings };
  }

  /* A promise of the script at path (under search/) having run; rejected when it cannot load. */
  function load(path) {
    if (store.loading[path]) return store.loading[path];
    var promise = new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = base + path;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error(path)); };
      doc.head.appendChild(script);
    });
    store.loading[path] = promise;
    store.loaded.push(path);
    return promise;
  }

  function loadMeta() {
    /* search.html loads meta.js itself, right after this script. */
    if (store.meta && Array.isArray(store.meta.shards)) return Promise.resolve(store.meta);
    return load("meta.js").then(function () {
      if (!store.meta || !Array.isArray(store.meta.shards)) throw new Error("meta.js");
      return store.meta;
    });
  }

  /* The number of the shard that holds term (if any document has it). */
  function shardOf(term) {
    var firsts = store.meta.shards, lo = 0, hi = firsts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function loadShard(number) {
    return load("t/" + number + ".js").then(function () {
      if (!store.shards[number]) throw new Error("t/" + number + ".js");
      return store.shards[number];
    });
  }

  function lowerBound(list, term) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < term) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* Postings as parallel typed arrays: document numbers ascending and their weights. */
  function decode(text) {
    var ids = new Int32Array(text.length >> 1), weights = new Float32Array(text.length >> 1);
    var count = 0, number = -1, i = 0;
    while (i < text.length) {
      var gap = 0, shift = 1, digit;
      do {
        digit = DIGIT[text.charAt(i++)];
        gap += (digit & 31) * shift;
        shift *= 32;
      } while (digit >= 32 && i < text.length);
      number += gap;
      ids[count] = number;
      weights[count] = (DIGIT[text.charAt(i++)] + 0.5) / 64 * (K1 + 1);
      count++;
    }
    return { ids: ids.subarray(0, count), weights: weights.subarray(0, count), df: count };
  }

  var EMPTY = { ids: new Int32Array(0), weights: new Float32Array(0), df: 0 };

  function lookup(term) {
    if (!store.meta.shards.length) return Promise.resolve(EMPTY);
    var number = shardOf(term);
    return loadShard(number).then(function (shard) {
      var at = lowerBound(shard.terms, term);
      return at < shard.terms.length && shard.terms[at] === term ? decode(shard.postings[at]) : EMPTY;
    });
  }

  /* Terms that begin with prefix, from at most three shards, the most frequent first. */
  function termsWithPrefix(prefix) {
    if (!store.meta.shards.length) return Promise.resolve([]);
    var found = [];
    function scan(number, left) {
      return loadShard(number).then(function (shard) {
        var i = lowerBound(shard.terms, prefix);
        for (; i < shard.terms.length && shard.terms[i].indexOf(prefix) === 0; i++) {
          /* Filter entries (year:2024) are not words: only a prefix naming a filter finds them. */
          if (shard.terms[i].indexOf(":") >= 0 && prefix.indexOf(":") < 0) continue;
          found.push({ term: shard.terms[i], size: shard.postings[i].length });
        }
        if (i === shard.terms.length && left > 1 && number + 1 < store.meta.shards.length &&
            store.meta.shards[number + 1].indexOf(prefix) === 0) return scan(number + 1, left - 1);
        return null;
      });
    }
    return scan(shardOf(prefix), 3).then(function () {
      found.sort(function (x, y) { return y.size - x.size; });
      return found.slice(0, PREFIX_TERMS).map(function (item) { return item.term; });
    });
  }

  /* A document file holds its JSON deflated and base64-encoded; the browser inflates it. */
  function inflate(packed) {
    var binary = atob(packed), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).text().then(JSON.parse);
  }

  /* Resolves to the documents (null for one that cannot be loaded). */
  function loadDocs(numbers) {
    return Promise.all(numbers.map(function (n) {
      return load("d/" + n + ".js").then(function () {
        var value = store.docs[n];
        if (typeof value !== "string") return value || null;
        return inflate(value).then(function (document) { store.docs[n] = document; return document; });
      }).catch(function () { return null; });
    }));
  }

  /* ---------------------------------------------------------------- */
  /* Query                                                             */
  /* ---------------------------------------------------------------- */

  /*
   * { words: [{term, typed, prefix}], phrases: [[term]], exclude: [term],
   *   filters: {key: [term]}, without: [term], text: [typed words] }
   */
  function parse(query) {
    var q = { words: [], phrases: [], exclude: [], filters: {}, without: [], typed: [], filterCount: 0 };
    var re = /(-?)(?:([A-Za-z]+):(?:"([^"]*)"?|(\S+))|"([^"]*)"?|(\S+))/g;
    var match, lastPlain = null;
    while ((match = re.exec(query)) !== null) {
      var negative = match[1] === "-";
      var key = match[2] ? FILTER_KEYS[match[2].toLowerCase()] : null;
      if (match[2] && key) {
        var value = filterValue(match[3] !== undefined ? match[3] : match[4]);
        if (!value) continue;
        if (match[2].toLowerCase() === "type") value = value === "sops" ? "sop" : value;
        var term = key + ":" + value;
        if (negative) q.without.push(term);
        else { (q.filters[key] = q.filters[key] || []).push(term); q.filterCount++; }
        lastPlain = null;
        continue;
      }
      /* A filter being typed ("service:" with nothing after it yet) is not a word. */
      if (match[6] && /^-?[A-Za-z]+:$/.test(match[6]) && FILTER_KEYS[match[6].replace(/^-/, "").slice(0, -1).toLowerCase()]) continue;
      var phrase = match[5] !== undefined ? match[5] : null;
      var text = phrase !== null ? phrase : match[2] ? match[0].replace(/^-/, "") : match[6];
      if (phrase !== null) {
        var terms = plainTerms(phrase);
        if (terms.length === 0) continue;
        if (negative) { q.exclude.push({ phrase: terms }); continue; }
        q.phrases.push(terms);
        terms.forEach(function (t) { q.words.push({ term: t, typed: t, prefix: false }); });
        q.typed.push('"' + phrase + '"');
        lastPlain = null;
        continue;
      }
      var chosen = queryWords(text);
      chosen.forEach(function (w) {
        if (negative) q.exclude.push({ term: w.term });
        else q.words.push({ term: w.term, typed: w.folded, prefix: false });
      });
      if (!negative && chosen.length) { q.typed.push(text); lastPlain = q.words[q.words.length - 1]; }
    }
    /* The word being typed (no space after it yet) also matches longer words. */
    if (lastPlain && !/\s$/.test(query) && !/"$/.test(query.trim()) && lastPlain.typed.length >= 2) lastPlain.prefix = true;
    return q;
  }

  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  /*
   * Scores of documents that have the word: {score: Float64Array (0 = absent), ids: the
   * documents with a score, ascending, df, terms: [terms used]}.
   */
  function scoreWord(word) {
    var n = store.meta.documents;
    var exact = lookup(word.term);
    var stems = [];
    if (word.prefix) {
      /* "restorin" is on its way to "restoring": also the stem of the word without what may
         be the start of an ending stemming removes. */
      for (var k = 1; k <= 3 && word.typed.length - k >= 3; k++) {
        var rest = word.typed.slice(-k);
        if (["ing", "ed", "es", "ies"].some(function (ending) { return ending.indexOf(rest) === 0; })) stems.push(stem(word.typed.slice(0, -k)));
      }
    }
    var prefixed = word.prefix ? termsWithPrefix(word.typed) : Promise.resolve([]);
    return Promise.all([exact, prefixed].concat(stems.map(lookup))).then(function (parts) {
      var candidates = parts[1].filter(function (t) { return t !== word.term; });
      return Promise.all(candidates.map(lookup)).then(function (expanded) {
        var score = new Float64Array(n), used = [], seen = {}, sources = 0;
        function add(term, postings, factor) {
          if (!postings.df || seen[term]) return;
          seen[term] = true;
          used.push(term);
          sources++;
          var weight = idf(postings.df, n) * factor, ids = postings.ids, weights = postings.weights;
          for (var i = 0; i < ids.length; i++) {
            var s = weight * weights[i];
            if (s > score[ids[i]]) score[ids[i]] = s;
          }
        }
        add(word.term, parts[0], 1);
        for (var i = 0; i < stems.length; i++) add(stems[i], parts[2 + i], 0.9);
        for (var j = 0; j < candidates.length; j++) add(candidates[j], expanded[j], 0.8);
        var ids;
        if (sources === 1 && parts[0].df) ids = parts[0].ids;
        else {
          var list = [];
          for (var d = 0; d < n; d++) if (score[d] > 0) list.push(d);
          ids = Int32Array.from(list);
        }
        return { score: score, ids: ids, df: ids.length, terms: used };
      });
    });
  }

  /* The documents of any of the postings, as a Uint8Array of 0/1. */
  function union(postingsList, n) {
    var set = new Uint8Array(n);
    postingsList.forEach(function (p) { for (var i = 0; i < p.ids.length; i++) set[p.ids[i]] = 1; });
    return set;
  }

  /*
   * Runs the query: resolves to {hits: [{doc, score}], missing: [word], any: bool,
   * highlight: {term: true}, prefixes: [typed]}.
   */
  function run(q) {
    var n = store.meta.documents;
    var filterKeys = Object.keys(q.filters);
    var wordScores = Promise.all(q.words.map(scoreWord));
    var filterSets = Promise.all(filterKeys.map(function (key) {
      return Promise.all(q.filters[key].map(lookup)).then(function (list) { return { key: key, terms: q.filters[key], list: list }; });
    }));
    var excluded = Promise.all(q.without.map(lookup).concat(q.exclude.filter(function (e) { return e.term; })
      .map(function (e) { return lookup(e.term); })));
    return Promise.all([wordScores, filterSets, excluded]).then(function (all) {
      var scores = all[0], filters = all[1], excludedLists = all[2];
      var missing = [];
      q.words.forEach(function (w, i) { if (!scores[i].df) missing.push(w); });
      var emptyFilters = [];
      /* allowed[d] counts the filters document d passes; it must pass all of them. */
      var allowed = new Uint8Array(n);
      filters.forEach(function (f) {
        var set = union(f.list, n);
        f.list.forEach(function (p, i) { if (!p.df) emptyFilters.push(f.terms[i]); });
        for (var d = 0; d < n; d++) allowed[d] += set[d];
      });
      var banned = union(excludedLists, n);
      var need = filters.length;
      function admissible(d) { return allowed[d] === need && !banned[d]; }
      var hits = [], any = false, d, i;
      if (q.words.length === 0) {
        if (need > 0) for (d = n - 1; d >= 0; d--) if (admissible(d)) hits.push({ doc: d, score: 0 });
      } else {
        /* Every word: walk the rarest word's documents. */
        var rarest = scores.reduce(function (a, b) { return b.df < a.df ? b : a; });
        for (i = 0; i < rarest.ids.length; i++) {
          d = rarest.ids[i];
          if (!admissible(d)) continue;
          var total = 0, ok = true;
          for (var w = 0; w < scores.length && ok; w++) {
            var s = scores[w].score[d];
            if (s > 0) total += s; else ok = false;
          }
          if (ok) hits.push({ doc: d, score: total });
        }
        /* None has every word: those with some, when the query has no phrase. */
        if (hits.length === 0 && scores.length > 1 && q.phrases.length === 0) {
          any = true;
          var totals = new Float64Array(n);
          scores.forEach(function (sw) { for (var j = 0; j < sw.ids.length; j++) totals[sw.ids[j]] += sw.score[sw.ids[j]]; });
          for (d = 0; d < n; d++) if (totals[d] > 0 && admissible(d)) hits.push({ doc: d, score: totals[d] });
        }
      }
      hits.sort(function (x, y) { return y.score - x.score || y.doc - x.doc; });
      var highlight = {}, prefixes = [];
      scores.forEach(function (sw) { sw.terms.forEach(function (t) { highlight[t] = true; }); });
      q.words.forEach(function (w) { if (w.prefix) prefixes.push(w.typed); });
      return { hits: hits, missing: missing, emptyFilters: emptyFilters, any: any, highlight: highlight,
               prefixes: prefixes, documents: n };
    });
  }

  /* Whether the document's text has each phrase (and none of the excluded ones); null when
     the document is longer than its file keeps and the answer is not in what it keeps. */
  function phrasesHold(document, q) {
    if (!q.phrases.length && !q.exclude.some(function (e) { return e.phrase; })) return true;
    var text = [document.t, document.i].concat((document.x || []).map(function (s) { return s[1] + "\n" + s[3]; })).join("\n");
    var terms = plainTerms(text);
    function has(phrase) {
      outer: for (var i = 0; i + phrase.length <= terms.length; i++) {
        for (var j = 0; j < phrase.length; j++) if (terms[i + j] !== phrase[j]) continue outer;
        return true;
      }
      return false;
    }
    var holds = q.phrases.every(has) && !q.exclude.some(function (e) { return e.phrase && has(e.phrase); });
    /* The file keeps only the start of a very long document: what it lacks is unknown. */
    if (!holds && document.c) return null;
    return holds;
  }

  /* ---------------------------------------------------------------- */
  /* Results                                                           */
  /* ---------------------------------------------------------------- */

  function el(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  var ORIGINAL_WORD = /[\p{L}\p{N}\p{M}]+(?:[._-][\p{L}\p{N}\p{M}]+)*/gu;

  /*
   * Whether text may hold a searched word: it contains the first three letters of a term or
   * prefix (a stem or a compound starts like the word it comes from). Cheap, so snippets run
   * the analyzer only on lines that can match.
   */
  function mayMatch(text, search) {
    var keys = search.keys;
    if (!keys) {
      keys = search.keys = Object.keys(search.highlight).concat(search.prefixes).map(function (t) { return t.slice(0, 3); });
    }
    var folded = fold(text);
    for (var i = 0; i < keys.length; i++) if (folded.indexOf(keys[i]) >= 0) return true;
    return false;
  }

  /* Spans [start, end) of text whose words are searched for. */
  function matches(text, search) {
    var spans = [], match;
    if (!mayMatch(text, search)) return spans;
    ORIGINAL_WORD.lastIndex = 0;
    while ((match = ORIGINAL_WORD.exec(text)) !== null) {
      var hit = false;
      words(match[0], function (term, folded) {
        if (hit) return;
        if (search.highlight[term]) hit = true;
        else for (var i = 0; i < search.prefixes.length && !hit; i++) if (folded.indexOf(search.prefixes[i]) === 0) hit = true;
      });
      if (hit) spans.push([match.index, match.index + match[0].length]);
    }
    return spans;
  }

  function appendMarked(parent, text, spans) {
    var pos = 0;
    spans.forEach(function (span) {
      if (span[0] < pos) return;
      if (span[0] > pos) parent.appendChild(doc.createTextNode(text.slice(pos, span[0])));
      parent.appendChild(el("mark", null, text.slice(span[0], span[1])));
      pos = span[1];
    });
    if (pos < text.length) parent.appendChild(doc.createTextNode(text.slice(pos)));
  }

  var SNIPPET = 220;

  /* The best line of the document: {section, text, spans}, or null. */
  function snippet(document, search) {
    var best = null;
    (document.x || []).forEach(function (section, index) {
      var lines = String(section[3] || "").split("\n");
      lines.forEach(function (line) {
        var spans = matches(line, search);
        if (!spans.length) return;
        var distinct = {};
        spans.forEach(function (s) { distinct[fold(line.slice(s[0], s[1]))] = true; });
        var score = Object.keys(distinct).length * 10 + spans.length - index * 0.01;
        if (!best || score > best.score) best = { score: score, section: section, line: line, spans: spans };
      });
    });
    if (!best) {
      var first = (document.x || []).filter(function (s) { return s[3]; })[0];
      if (!first) return null;
      var line = String(first[3]).split("\n")[0];
      return { section: first, text: line.length > SNIPPET ? line.slice(0, SNIPPET).trim() + "…" : line, spans: [] };
    }
    var text = best.line, spans = best.spans, offset = 0;
    if (text.length > SNIPPET) {
      var start = Math.max(0, spans[0][0] - 60);
      while (start > 0 && /\S/.test(text.charAt(start - 1))) start--;
      var end = Math.min(text.length, start + SNIPPET);
      text = (start > 0 ? "…" : "") + text.slice(start, end).trim() + (end < best.line.length ? "…" : "");
      offset = start - (start > 0 ? 1 : 0);
      spans = matches(text, search);
    }
    return { section: best.section, text: text, spans: spans, offset: offset };
  }

  function resultItem(number, document, search, q) {
    var li = el("li", "search-result");
    var head = el("div", "search-result-head");
    var a = el("a", "search-result-title");
    a.href = root + String(document.u || "");
    var title = String(document.t || "");
    appendMarked(a, title, matches(title, search));
    head.appendChild(a);
    li.appendChild(head);

    var metaRow = el("div", "search-result-meta");
    if (document.i) appendMarked(metaRow.appendChild(el("span", "search-result-id")), String(document.i), matches(String(document.i), search));
    if (document.k === "sop") metaRow.appendChild(el("span", "badge status", "SOP"));
    if (document.s) {
      var level = /^[0-9]+$/.test(String(document.l || "")) ? String(document.l) : "x";
      metaRow.appendChild(el("span", "badge sev sev-" + level, document.s));
    }
    if (document.st) metaRow.appendChild(el("span", "search-result-status", document.st));
    if (document.d) {
      var time = el("time", null, document.d);
      time.setAttribute("datetime", String(document.d));
      metaRow.appendChild(time);
    }
    if (document.sv && document.sv.length) metaRow.appendChild(el("span", "search-result-services", document.sv.join(", ")));
    li.appendChild(metaRow);

    var found = snippet(document, search);
    if (found) {
      var p = el("p", "search-result-excerpt");
      appendMarked(p, found.text, found.spans);
      li.appendChild(p);
      if (found.section[0]) {
        var where = el("a", "search-result-section", "§ " + found.section[1]);
        where.href = root + String(document.u || "") + "#" + encodeURIComponent(found.section[0]);
        li.appendChild(where);
      }
    }

    var wantOverdue = (q.filters.is || []).indexOf("is:overdue") >= 0;
    var wantOpen = (q.filters.is || []).indexOf("is:open") >= 0;
    if ((wantOverdue || wantOpen) && document.a && document.a.length) {
      var list = el("ul", "search-result-actions");
      document.a.forEach(function (action) {
        var overdue = action[5] > 0;
        if (wantOverdue && !overdue) return;
        var item = el("li");
        item.appendChild(el("strong", null, action[0]));
        item.appendChild(doc.createTextNode(" " + action[1]));
        var details = [action[2] || "no owner", action[3] ? "due " + action[3] : "no due date", action[4]];
        item.appendChild(el("span", "search-result-action-meta", " — " + details.join(" · ")));
        if (overdue) item.appendChild(el("span", "badge overdue", action[5] === 1 ? "1 day overdue" : action[5] + " days overdue"));
        list.appendChild(item);
      });
      if (list.firstChild) li.appendChild(list);
    }
    return li;
  }

  /* ---------------------------------------------------------------- */
  /* Suggestions                                                       */
  /* ---------------------------------------------------------------- */

  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > limit) return limit + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function nearest(word, candidates) {
    var limit = word.length <= 4 ? 1 : 2, best = null, bestDistance = limit + 1;
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i] === word) continue;
      var d = distance(word, candidates[i], limit);
      if (d < bestDistance) { best = candidates[i]; bestDistance = d; }
    }
    return best;
  }

  /* Resolves to [[typed, suggestion]] for missing words and filter values. */
  function suggestions(search) {
    var jobs = [];
    if (search.missing.length) {
      jobs.push(load("words.js").then(function () {
        return search.missing.map(function (w) { return [w.typed, nearest(w.typed, store.words || [])]; });
      }, function () { return []; }));
    }
    search.emptyFilters.forEach(function (term) {
      var key = term.slice(0, term.indexOf(":") + 1);
      jobs.push(termsWithPrefix(key).then(function (terms) {
        var values = terms.map(function (t) { return t.slice(key.length); });
        return [[term, (function () { var v = nearest(term.slice(key.length), values); return v ? key + v : null; })()]];
      }));
    });
    return Promise.all(jobs).then(function (lists) {
      return [].concat.apply([], lists).filter(function (pair) { return pair[1]; });
    });
  }

  /* ---------------------------------------------------------------- */
  /* Page                                                              */
  /* ---------------------------------------------------------------- */

  function setQueryParam(value) {
    try {
      var url = new URL(window.location.href);
      if (value) url.searchParams.set("q", value); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.href);
    } catch (e) {
      /* file: URLs may refuse; the results are still right. */
    }
  }

  function init() {
    var form = doc.getElementById("search-form");
    var input = doc.getElementById("search-q");
    var list = doc.getElementById("search-results");
    var status = doc.getElementById("search-status");
    var more = doc.getElementById("search-more");
    var hint = doc.getElementById("search-suggest");
    if (!form || !input || !list || !status) return;
    var generation = 0;
    var current = null;

    function clear(node) { while (node && node.firstChild) node.removeChild(node.firstChild); }

    function failed() {
      status.textContent = typeof DecompressionStream === "undefined"
        ? "This browser cannot read the search index (it needs Chrome 80, Firefox 113, Safari 16.4 or newer). Browse the post-mortem list instead."
        : "The search index could not be loaded. Browse the post-mortem list instead.";
    }

    function describe(state) {
      var shown = list.children.length;
      var query = "“" + state.query + "”";
      var seconds = " (" + (state.ms / 1000).toFixed(2) + " s)";
      if (shown === 0) return "No results for " + query + "." + seconds;
      var complete = !state.verified || state.checkedAll;
      var total = state.verified ? state.kept : state.hits.length;
      var count = (complete ? "" : "at least ") + (total === 1 ? "1 result" : total + " results");
      var text = state.any ? "No document has every word of " + query + "; " + count + " with some of them"
                           : count.charAt(0).toUpperCase() + count.slice(1) + " for " + query;
      if (!complete) text += " (phrases checked in the " + state.checked + " best matches)";
      if (shown < total || !complete) text += ", showing " + shown;
      return text + "." + seconds;
    }

    /* Shows the next page of results. */
    function showMore(state, started) {
      var mine = generation;
      var want = list.children.length + PAGE;
      var checkedNow = 0;
      function step() {
        if (mine !== generation) return null;
        var verify = state.q.phrases.length || state.q.exclude.some(function (e) { return e.phrase; });
        var batch = state.hits.slice(state.next, state.next + PAGE);
        if (!batch.length || list.children.length >= want || (verify && checkedNow >= PHRASE_CHECK_LIMIT)) return finish();
        state.next += batch.length;
        return loadDocs(batch.map(function (h) { return h.doc; })).then(function (docs) {
          if (mine !== generation) return null;
          docs.forEach(function (document, i) {
            if (!document) {
              /* Never drop a match silently: say which file is missing. */
              if (list.children.length < want) {
                var li = el("li", "search-result");
                li.appendChild(el("span", "search-result-title", "A result could not be loaded (search/d/" + batch[i].doc + ".js)."));
                list.appendChild(li);
              }
              return;
            }
            var unchecked = false;
            if (verify) {
              state.checked++;
              checkedNow++;
              var holds = phrasesHold(document, state.q);
              if (holds === false) return;
              unchecked = holds === null;
              state.kept++;
            }
            if (list.children.length < want) {
              var item = resultItem(batch[i].doc, document, state.search, state.q);
              if (unchecked) item.appendChild(el("p", "search-result-note", "Has every word; the phrase could not be checked: the document is longer than the search keeps of its text."));
              list.appendChild(item);
            }
          });
          return step();
        });
      }
      function finish() {
        state.verified = state.q.phrases.length > 0 || state.q.exclude.some(function (e) { return e.phrase; });
        state.checkedAll = state.next >= state.hits.length;
        state.ms = (window.performance ? performance.now() : Date.now()) - started;
        window.debriefSearch.lastTiming = { query: state.query, ms: state.ms, shown: list.children.length };
        list.setAttribute("data-search-ms", String(Math.round(state.ms)));
        status.textContent = describe(state);
        if (more) more.hidden = state.next >= state.hits.length;
        if (list.children.length === 0) offerSuggestions(state);
        return null;
      }
      return Promise.resolve(step());
    }

    function offerSuggestions(state) {
      if (!hint) return;
      suggestions(state.search).then(function (pairs) {
        if (state !== current || !pairs.length) return;
        var fixed = fold(state.query);
        pairs.forEach(function (pair) {
          var escaped = pair[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          fixed = fixed.replace(new RegExp("(^|[^\\p{L}\\p{N}_.-])" + escaped + "(?![\\p{L}\\p{N}])", "gu"), function (all, before) { return before + pair[1]; });
        });
        clear(hint);
        hint.appendChild(doc.createTextNode("Did you mean "));
        var link = el("a", null, fixed);
        link.href = "search.html?q=" + encodeURIComponent(fixed);
        link.addEventListener("click", function (event) {
          event.preventDefault();
          input.value = fixed;
          search(true);
        });
        hint.appendChild(link);
        hint.appendChild(doc.createTextNode("?"));
        hint.hidden = false;
      }, function () { /* no suggestion */ });
    }

    function search(updateURL) {
      var query = input.value;
      var trimmed = query.trim();
      generation++;
      clear(list);
      clear(hint);
      if (hint) hint.hidden = true;
      if (more) more.hidden = true;
      if (updateURL) setQueryParam(trimmed);
      if (!trimmed) { status.textContent = ""; return; }
      if (typeof DecompressionStream === "undefined") { failed(); return; }
      var started = window.performance ? performance.now() : Date.now();
      var mine = generation;
      var q = parse(query);
      if (!q.words.length && !q.filterCount) {
        status.textContent = "Type a word, a \"phrase\" or a filter such as service:checkout.";
        return;
      }
      loadMeta().then(function () { return run(q); }).then(function (result) {
        if (mine !== generation) return null;
        current = { query: trimmed, q: q, search: result, hits: result.hits, any: result.any, next: 0, checked: 0, kept: 0 };
        return showMore(current, started);
      }).catch(function () { if (mine === generation) failed(); });
    }

    var timer = null;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      search(true);
    });
    input.addEventListener("input", function () {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(function () { search(true); }, 150);
    });
    if (more) more.addEventListener("click", function () {
      if (!current) return;
      var first = list.children.length;
      var started = window.performance ? performance.now() : Date.now();
      showMore(current, started).then(function () {
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      });
    });

    /* Arrow keys move between the box and the result titles; Escape goes back to the box. */
    function titles() { return Array.prototype.slice.call(list.querySelectorAll(".search-result-title")); }
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = titles()[0];
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    list.addEventListener("keydown", function (event) {
      var all = titles(), at = all.indexOf(doc.activeElement);
      if (event.key === "Escape") { event.preventDefault(); input.focus(); return; }
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < all.length) { event.preventDefault(); all[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); if (at > 0) all[at - 1].focus(); else input.focus(); }
    });
    doc.addEventListener("keydown", function (event) {
      if (event.key === "/" && doc.activeElement !== input && !/^(INPUT|TEXTAREA|SELECT)$/.test(doc.activeElement.tagName)) {
        event.preventDefault();
        input.focus();
      }
    });

    var initial = null;
    try { initial = new URLSearchParams(window.location.search).get("q"); } catch (e) { initial = null; }
    if (initial) {
      input.value = initial;
      /* The page loads meta.js right after this script: search once it has run. */
      var tag = doc.querySelector('script[src$="search/meta.js"]');
      if (store.meta || !tag) search(false);
      else {
        var once = function () { if (tag) { tag = null; search(false); } };
        /* A script that already ran (or failed) fires nothing more: do not wait for it. */
        window.setTimeout(function () { if (store.meta) once(); }, 0);
        doc.addEventListener("DOMContentLoaded", once);
      }
    }
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
