/* eduhub Korean search: the browser half. The tokenizer below is the twin of
   plugins/eduhub/search/tokenize.py (tests/search_vectors.json keeps them equal).
   Index format: plugins/eduhub/search/index.py; overview: docs/developer/search.md. */
(function () {
  "use strict";

  /* ---- tokenizer ---- */
  var RUN = /[가-힣]+|[0-9a-z]+/g;
  var ACROSS = /([가-힣])[ \t\n\r\f\v\u2028\u2029]+(?=([가-힣]))/g;
  var PARTICLES = ["에서는", "에게서", "으로는", "에서", "에게", "으로", "부터", "까지", "처럼",
    "보다", "께서", "이나", "와는", "과는", "은", "는", "이", "가", "을", "를", "에", "의", "도",
    "로", "와", "과", "만"];

  function normalize(text) { return text.normalize("NFKC").toLowerCase(); }
  function isHangul(ch) { return ch >= "가" && ch <= "힣"; }
  function runs(text) {
    var out = [], m;
    RUN.lastIndex = 0;
    while ((m = RUN.exec(text))) {
      out.push({ text: m[0], hangul: isHangul(m[0][0]), start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
  function stem(word) {
    for (var i = 0; i < PARTICLES.length; i++) {
      var p = PARTICLES[i];
      if (word.length - p.length >= 2 && word.slice(-p.length) === p) return word.slice(0, -p.length);
    }
    return null;
  }
  function bigrams(word) {
    var out = [];
    for (var i = 0; i < word.length - 1; i++) out.push(word.slice(i, i + 2));
    return out;
  }
  function tokenize(text) {
    text = normalize(text);
    var tokens = [], m;
    runs(text).forEach(function (run) {
      if (!run.hangul) {
        if (run.text.length >= 2) tokens.push(run.text);
        return;
      }
      tokens.push("=" + run.text);
      var s = stem(run.text);
      if (s) tokens.push("=" + s);
      tokens.push.apply(tokens, bigrams(run.text));
    });
    ACROSS.lastIndex = 0;
    while ((m = ACROSS.exec(text))) tokens.push(m[1] + m[2]);
    return tokens;
  }
  function parseQuery(query) {
    var text = normalize(query), found = runs(text), parts = [], seen = {};
    found.forEach(function (run, i) {
      if (!run.hangul && run.text.length < 2) return;
      if (seen[run.text]) return;
      seen[run.text] = true;
      var last = i === found.length - 1 && run.end === text.length;
      parts.push({ text: run.text, hangul: run.hangul, stem: run.hangul ? stem(run.text) : null,
        prefix: last && !run.hangul });
    });
    return parts;
  }

  /* exposed for the tokenizer parity tests (tests/search_vectors.json) */
  window.__ehSearch = { tokenize: tokenize, parseQuery: parseQuery };

  /* ---- index access: manifest, shards and fragments, each fetched once ---- */
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var root = document.querySelector("[data-eh-search]");
  var cache = new Map();
  var searchBase = root ? new URL(root.getAttribute("data-eh-base").replace(/\/?$/, "/") + "search/", location.href) : null;
  var siteBase = searchBase ? new URL("../", searchBase) : null;

  function load(path) {
    return fetch(new URL(path, searchBase)).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + path);
      return r.json();
    });
  }
  /* each file once per page view; a failed fetch is tried again once (flaky phone networks) */
  function getJSON(path) {
    if (!cache.has(path)) {
      cache.set(path, load(path).catch(function () {
        return new Promise(function (ok) { setTimeout(ok, 300); }).then(function () { return load(path); });
      }).catch(function (e) { cache.delete(path); throw e; }));
    }
    return cache.get(path);
  }
  function manifest() { return getJSON("manifest.json"); }
  function shardIndex(m, term) {
    var lo = 0, hi = m.shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (m.shards[mid][0] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  /* postings: fixed-width base-64 numbers (page, section, weight); see index.py */
  function decode(m, s) {
    var out = [], step = m.pw + m.sw + 1;
    for (var i = 0; i + step <= s.length; i += step) {
      var page = 0, section = 0, j;
      for (j = 0; j < m.pw; j++) page = page * 64 + ALPHABET.indexOf(s[i + j]);
      for (j = 0; j < m.sw; j++) section = section * 64 + ALPHABET.indexOf(s[i + m.pw + j]);
      out.push(page, section, ALPHABET.indexOf(s[i + step - 1]));
    }
    return out; /* flat: page, section, weight, ... */
  }
  /* terms: exact terms; prefixes: Latin words being typed. Resolves to Map term -> postings. */
  function postings(m, terms, prefixes) {
    var wanted = new Set();
    terms.forEach(function (t) { wanted.add(shardIndex(m, t)); });
    prefixes.forEach(function (p) {
      for (var i = shardIndex(m, p), j = shardIndex(m, p + "\uffff"); i <= j; i++) wanted.add(i);
    });
    var ids = Array.from(wanted).sort(function (a, b) { return a - b; });
    return Promise.all(ids.map(function (i) { return getJSON("s/" + m.shards[i][1] + ".json"); }))
      .then(function (shards) {
        var found = new Map();
        shards.forEach(function (shard) {
          terms.forEach(function (t) { if (shard[t] !== undefined) found.set(t, decode(m, shard[t])); });
          prefixes.forEach(function (p) {
            Object.keys(shard).forEach(function (t) {
              if (t !== p && t.lastIndexOf(p, 0) === 0) found.set(t, decode(m, shard[t]));
            });
          });
        });
        return found;
      });
  }

  /* ---- ranking ---- */
  var KEY = 100000; /* section key = page * KEY + section */
  function levels(part, found) {
    var out = [];
    /* exact: a whole word (or the query word's stem) rather than pieces of a longer word */
    if (!part.hangul) {
      out.push({ terms: [part.text], factor: 2, exact: true });
      if (part.prefix) {
        found.forEach(function (_, t) {
          if (t !== part.text && t.lastIndexOf(part.text, 0) === 0) out.push({ terms: [t], factor: 1.2 });
        });
      }
      return out;
    }
    out.push({ terms: ["=" + part.text], factor: 2, exact: true });
    if (part.stem) out.push({ terms: ["=" + part.stem], factor: 1.6, exact: true });
    if (part.text.length >= 2) out.push({ terms: bigrams(part.text), factor: 1 });
    if (part.stem) out.push({ terms: bigrams(part.stem), factor: 0.6 });
    return out;
  }
  function rank(m, parts, found) {
    var N = m.sections, sections = new Map(), pages = new Map();
    parts.forEach(function (part, p) {
      var partBest = new Map(); /* section key -> score of this part */
      levels(part, found).forEach(function (level) {
        var acc = new Map(), complete = true;
        level.terms.forEach(function (t, ti) {
          var list = found.get(t);
          if (!list) { complete = false; return; }
          var df = list.length / 3, idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
          for (var i = 0; i < list.length; i += 3) {
            var key = list[i] * KEY + list[i + 1], w = list[i + 2];
            var prev = acc.get(key);
            if (ti === 0) acc.set(key, { n: 1, s: idf * w });
            else if (prev && prev.n === ti) { prev.n++; prev.s += idf * w; }
          }
        });
        if (!complete) return;
        acc.forEach(function (v, key) {
          if (v.n !== level.terms.length) return;
          var hit = { exact: !!level.exact, s: level.factor * v.s / level.terms.length };
          if (better(hit, partBest.get(key))) partBest.set(key, hit);
        });
      });
      partBest.forEach(function (hit, key) {
        var sec = sections.get(key) || { n: 0, s: 0 };
        sec.n++; sec.s += hit.s; sections.set(key, sec);
        var page = Math.floor(key / KEY), entry = pages.get(page);
        if (!entry) { entry = { page: page, parts: new Array(parts.length).fill(null), section: 0, best: null }; pages.set(page, entry); }
        if (better(hit, entry.parts[p])) entry.parts[p] = hit;
      });
    });
    sections.forEach(function (sec, key) {
      var entry = pages.get(Math.floor(key / KEY));
      if (!entry.best || sec.n > entry.best.n || (sec.n === entry.best.n && sec.s > entry.best.s)) {
        entry.best = sec; entry.section = key % KEY;
      }
    });
    var list = [];
    pages.forEach(function (e) {
      var hits = e.parts.filter(Boolean);
      e.matched = hits.length;
      e.exact = hits.filter(function (h) { return h.exact; }).length;
      e.score = hits.reduce(function (a, h) { return a + h.s; }, 0);
      if (e.matched * 2 >= parts.length) list.push(e); /* OR results need half the words */
    });
    list.sort(byRank);
    return list.slice(0, 50);
  }
  function better(hit, than) {
    return !than || (hit.exact && !than.exact) || (hit.exact === than.exact && hit.s > than.s);
  }
  /* all words first; then words found as written (checked in the fetched text), a page
     titled exactly what was typed, exact words before pieces of longer words, the score */
  function byRank(a, b) {
    return (b.matched - a.matched) || ((b.verified || 0) - (a.verified || 0)) ||
      ((b.titled || 0) - (a.titled || 0)) || (b.exact - a.exact) || (b.score - a.score) ||
      (a.page - b.page);
  }

  /* ---- snippets ---- */
  function escapeHTML(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  function needles(parts) {
    var words = [];
    parts.forEach(function (p) {
      words.push(p.text);
      if (p.stem) words.push(p.stem);
    });
    parts.forEach(function (p) { if (p.hangul) words.push.apply(words, bigrams(p.stem || p.text)); });
    return words.filter(function (w, i) { return w.length > 1 && words.indexOf(w) === i; });
  }
  function pattern(words) {
    var alts = words.slice().sort(function (a, b) { return b.length - a.length; }).map(function (w) {
      return Array.from(w).map(function (c) { return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("\\s?");
    });
    return alts.length ? new RegExp(alts.join("|"), "gi") : null;
  }
  function squash(s) { return normalize(s).replace(/\s+/g, ""); }
  function verify(parts, fragment) {
    var text = squash(fragment.t + " " + fragment.s.map(function (s) { return s.h + " " + s.t; }).join(" "));
    return parts.filter(function (p) { return text.indexOf(p.text) >= 0 || (p.stem && text.indexOf(p.stem) >= 0); }).length;
  }
  function snippet(text, parts) {
    var words = needles(parts), re = pattern(words), at = -1;
    for (var i = 0; i < words.length && at < 0 && re; i++) {
      var m = pattern([words[i]]).exec(text);
      if (m) at = m.index;
    }
    var start = at < 0 ? 0 : Math.max(0, at - 40), end = Math.min(text.length, start + 150);
    if (start > 0) { var sp = text.indexOf(" ", start); if (sp > 0 && sp < at) start = sp + 1; }
    var piece = text.slice(start, end), html = "", last = 0, m2;
    if (re) {
      re.lastIndex = 0;
      while ((m2 = re.exec(piece))) {
        html += escapeHTML(piece.slice(last, m2.index)) + "<mark>" + escapeHTML(m2[0]) + "</mark>";
        last = m2.index + m2[0].length;
      }
    }
    html += escapeHTML(piece.slice(last));
    return (start > 0 ? "… " : "") + html + (end < text.length ? " …" : "");
  }

  /* ---- the UI ---- */
  if (!root) return;
  var input = root.querySelector("[data-eh-search-input]");
  var status = root.querySelector("[data-eh-search-status]");
  var list = root.querySelector("[data-eh-search-results]");
  var toggle = document.getElementById("__search");
  var KINDS = { issue: "소식지", news: "공지", event: "행사", program: "프로그램" };
  var PAGE = 10;
  var composing = false, seq = 0, timer = 0, active = -1, current = [], shown = 0, currentParts = [];

  function setOpen(open) {
    if (toggle && toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
    input.setAttribute("aria-expanded", open && list.children.length ? "true" : "false");
  }
  function setActive(i) {
    var options = list.querySelectorAll("[role=option]");
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = options.length ? Math.max(-1, Math.min(i, options.length - 1)) : -1;
    if (active >= 0) {
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }
  function queryText() {
    var value = input.value;
    /* while an IME composes, the last syllable is still changing: leave it out */
    if (composing && isHangul(value.slice(-1))) value = value.slice(0, -1);
    return value;
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  }
  function run() {
    var ticket = ++seq, parts = parseQuery(queryText());
    if (!parts.length) {
      list.innerHTML = ""; current = []; setActive(-1);
      status.textContent = input.value.trim() ? "검색어를 조금 더 입력하세요" : "검색어를 입력하세요";
      input.setAttribute("aria-expanded", "false");
      root.setAttribute("data-eh-search-done", input.value);
      return Promise.resolve();
    }
    return manifest().then(function (m) {
      var terms = new Set(), prefixes = [];
      parts.forEach(function (p) {
        if (!p.hangul) { terms.add(p.text); if (p.prefix) prefixes.push(p.text); return; }
        terms.add("=" + p.text);
        if (p.stem) terms.add("=" + p.stem);
        bigrams(p.text).forEach(function (t) { terms.add(t); });
      });
      return postings(m, Array.from(terms), prefixes).then(function (found) {
        var results = rank(m, parts, found);
        return fragments(m, results.slice(0, PAGE)).then(function () {
          var typed = squash(parts.map(function (p) { return p.text; }).join(""));
          results.slice(0, PAGE).forEach(function (r) {
            r.verified = r.fragment ? verify(parts, r.fragment) : 0;
            r.titled = r.fragment && squash(r.fragment.t).replace(/[^0-9a-z가-힣]/g, "") === typed ? 1 : 0;
          });
          var head = results.slice(0, PAGE).sort(byRank);
          return head.concat(results.slice(PAGE));
        });
      });
    }).then(function (results) {
      if (ticket !== seq) return;
      current = results; currentParts = parts; shown = 0; list.innerHTML = ""; active = -1;
      render(Math.min(PAGE, results.length));
      root.setAttribute("data-eh-search-done", input.value); /* tests wait for this */
    }).catch(function () {
      if (ticket === seq) status.textContent = "검색 색인을 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.";
    });
  }
  function fragments(m, results) {
    return Promise.all(results.map(function (r) {
      return getJSON(m.fragments[Math.floor(r.page / m.run)] + r.page + ".json").then(function (f) { r.fragment = f; }, function () { r.fragment = null; });
    }));
  }
  function render(upto) {
    var more = list.querySelector(".eh-search__more");
    if (more) more.remove();
    current.slice(shown, upto).forEach(function (r, i) {
      var f = r.fragment;
      if (!f) return;
      var section = f.s[r.section] || f.s[0] || { a: "", h: "", t: "" };
      var url = new URL(f.u, siteBase).href + (section.a ? "#" + section.a : "");
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      li.setAttribute("role", "presentation");
      var meta = [KINDS[f.k], f.d].filter(Boolean).join(" · ");
      li.innerHTML = '<a class="md-search-result__link" tabindex="-1" role="option" aria-selected="false" id="eh-search-option-' +
        (shown + i) + '" href="' + escapeHTML(url) + '">' +
        '<article class="md-search-result__article md-typeset">' +
        (meta ? '<div class="eh-search__meta">' + escapeHTML(meta) + "</div>" : "") +
        "<h1>" + escapeHTML(f.t || f.u) + "</h1>" +
        (section.h && section.h !== f.t ? '<p class="eh-search__section">' + escapeHTML(section.h) + "</p>" : "") +
        '<p class="eh-search__snippet">' + snippet(section.t || "", currentParts) + "</p>" +
        "</article></a>";
      list.appendChild(li);
    });
    shown = upto;
    var count = current.length;
    status.textContent = count ? "검색 결과 " + count + "건" : "검색 결과가 없습니다";
    if (shown < count) {
      var li = document.createElement("li");
      li.className = "eh-search__more";
      li.setAttribute("role", "presentation");
      li.innerHTML = '<button type="button">결과 더 보기</button>';
      li.firstChild.addEventListener("click", function () { showMore(); });
      list.appendChild(li);
    }
    input.setAttribute("aria-expanded", count ? "true" : "false");
  }
  function showMore() {
    var next = current.slice(shown, shown + PAGE);
    manifest().then(function (m) { return fragments(m, next); }).then(function () {
      render(Math.min(shown + PAGE, current.length));
    });
  }
  function go(i) {
    var link = list.querySelectorAll("[role=option]")[i];
    if (link) { setOpen(false); location.href = link.href; }
  }

  input.addEventListener("focus", function () { setOpen(true); manifest().catch(function () {}); });
  input.addEventListener("input", schedule);
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; schedule(); });
  input.addEventListener("keydown", function (e) {
    if (e.isComposing) return;
    var n = list.querySelectorAll("[role=option]").length;
    if (e.key === "ArrowDown") { e.preventDefault(); setActive(active + 1 >= n ? 0 : active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active <= 0 ? n - 1 : active - 1); }
    else if (e.key === "Enter") { e.preventDefault(); clearTimeout(timer); if (active >= 0) go(active); else run().then(function () { go(0); }); }
    else if (e.key === "Escape") { e.preventDefault(); setOpen(false); input.blur(); }
  });
  root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); });
  root.querySelector("form").addEventListener("reset", function () {
    setTimeout(function () { run(); input.focus(); }, 0);
  });
  list.addEventListener("click", function (e) { if (e.target.closest && e.target.closest("a")) setOpen(false); });
  if (toggle) toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
    if (!toggle.checked) setActive(-1);
  });

  /* "/" opens the search from anywhere but a text field (as in Material) */
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
  });

  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    setOpen(true);
    input.focus();
    run();
  }
})();
