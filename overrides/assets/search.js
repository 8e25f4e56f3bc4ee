/* Site search over a per-language Pagefind index (built by hooks/acsdocs/search.py).

   - Nothing is downloaded until the reader opens or types in the search box; then Pagefind
     fetches only the index chunks the typed words need, for the page's language (<html lang>).
   - A record is a page (a long one: a part of it, whose title is in meta `page`, weighed 0); its
     sections are Pagefind anchors. A result is a section (or the page
     itself), ranked by Pagefind's score of its page, shared among the page's sections by where
     the words matched, and by what the section is: its heading or the page's names (a
     document's number, an agency's name, a glossary term, from the site's data) holding every
     word typed, side by side, or the item id typed ('pa-2').
   - Vietnamese words are usually several syllables: in a language whose locale says so (the
     box carries data-acs-syllables), a query of several words is searched by its pairs of
     adjacent words, which the index also holds, so the words are found side by side, the last
     one as a prefix while it is still being typed; then, if that finds little, by its words.
   - Abbreviations (data-acs-synonyms, from the language's locale file) are searched as what
     they stand for too; a word of five letters or more that matches nothing is corrected to
     the closest word of the index (one letter off), and the box says so.
   - Typed with or without diacritics, 'đ' or 'd': Pagefind folds tones; 'đ' is indexed as 'ď'
     (which Pagefind folds to 'd') and written back as 'đ' wherever text is shown.
   - Whole words matched are marked in the snippets and, through '?h=', on the page opened.
   Labels come from the theme's translations (#__config) and the box's data attributes; no
   language is named here. What a query is searched by and how results rank is in
   search-rank.js, loaded with Pagefind when the reader first searches. */
(function () {
  "use strict";
  var PAGE_SIZE = 10;
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* no theme config */ }
  var base = (config.base || ".").replace(/\/$/, "");
  var t = config.translations || {};
  var lang = document.documentElement.lang;
  var root = document.querySelector("[data-acs-search]");
  var syllables = !!(root && root.hasAttribute("data-acs-syllables"));

  /* -- text ---------------------------------------------------------------------------- */

  function shown(text) { return String(text || "").replace(/ď/g, "đ").replace(/Ď/g, "Đ"); }

  /* lowercase, no tones, đ -> d; one character for one, so positions map back to the original.
     Each character is folded once per page view (a record's text is tens of thousands of them). */
  var foldedUnits = {};
  function foldUnit(unit) {
    var c = foldedUnits[unit];
    if (c === undefined) {
      c = unit.toLowerCase();
      if (c === "đ" || c === "ď") { c = "d"; }
      c = c.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      c = foldedUnits[unit] = c.length === 1 ? c : unit.toLowerCase().charAt(0);
    }
    return c;
  }
  function fold(text) { return text.replace(/[^a-z0-9 ]/g, foldUnit); }

  /* The words of a text, folded: runs of letters and digits (a run of ASCII ones found first, the
     common case, and the faster one). */
  function foldedWords(text) { return fold(shown(text)).match(/[a-z0-9]+(?![\p{L}\p{N}])|[\p{L}\p{N}]+/gu) || []; }

  /* What is sent to Pagefind for words typed: words only ('qd-bnv' -> 'qd bnv'), 'đ' as 'ď'. */
  function normalise(query) {
    return query.toLowerCase().replace(/đ/g, "ď").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function data(name, fallback) {
    try { return JSON.parse(root.getAttribute(name)) || fallback; } catch (e) { return fallback; }
  }

  /* abbreviation (folded, 'qd') -> what it stands for, each as folded words */
  var synonyms = {};
  /* the words that begin an id of the data ('pa' of 'pa-2'), as search.py indexes them */
  var idWords = Object.create(null);
  if (root) {
    Object.entries(data("data-acs-synonyms", {})).forEach(function (entry) {
      synonyms[foldedWords(entry[0]).join("")] = [].concat(entry[1]).map(foldedWords).filter(function (w) { return w.length; });
    });
    [].concat(data("data-acs-id-words", [])).forEach(function (w) { idWords[foldedWords(String(w)).join("")] = true; });
  }

  /* -- Pagefind and the ranking (search-rank.js), loaded on first use ------------------- */

  var bundle = base + "/pagefind/";
  var here = document.currentScript ? document.currentScript.src : location.href;
  var loading = null;
  function pagefind() {
    if (!loading) {
      var engine = import(new URL(bundle + "pagefind.js", location.href).href).then(function (pf) {
        return pf.options({ ranking: { metaWeights: { title: 10.0, names: 10.0, by: 3.0, page: 0.0 } } })
          .then(function () { return pf.init ? pf.init() : null; })
          .then(function () { return pf; });
      });
      var ranking = import(new URL("search-rank.js", here).href).then(function (module) {
        return module.searcher({ shown: shown, foldedWords: foldedWords, normalise: normalise, syllables: syllables,
                                 synonyms: synonyms, idWords: idWords, words: words });
      });
      loading = Promise.all([engine, ranking]).then(function (both) { return { pf: both[0], rank: both[1] }; });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  var vocabulary = null;  /* the index's words, most frequent first (search.py VOCABULARY_FILE) */
  function words() {
    if (!vocabulary) {
      vocabulary = fetch(bundle + "words." + lang + ".json").then(function (r) { return r.ok ? r.json() : []; }).catch(function () { return []; });
    }
    return vocabulary;
  }

  /* The same search without the dialog, for tests and benchmarks: resolves to the results
     (url, title, the page's title, text, the words matched), best first; `.note` is the
     corrected query when a typo was corrected. */
  window.acsSearch = function (typed) {
    return pagefind().then(function (s) { return s.rank.find(s.pf, typed); }).then(function (found) {
      window.acsSearch.note = found.note;
      return found.results.map(function (x) { return { url: x.url, title: x.title, page: x.pageTitle, text: x.text, q: x.q, score: x.score }; });
    });
  };
  /* What Pagefind is asked for a query: per variant, by pairs where words are syllables, then by words. */
  window.acsSearch.searches = function (typed) {
    return pagefind().then(function (s) {
      return s.rank.variants(typed).map(function (v) { return [s.rank.terms(v.text).join(" "), normalise(v.text)]; });
    });
  };

  /* -- the dialog ------------------------------------------------------------------------ */

  if (!root) { return; }
  var toggle = document.getElementById("__search");
  var form = root.querySelector("form");
  var input = root.querySelector(".md-search__input");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var placeholder = meta.textContent.trim();
  var showing = root.getAttribute("data-acs-showing") || "";
  var current = 0;  /* the latest query wins */
  var lastQuery = "";

  function count(n) {
    if (n === 0) { return t["search.result.none"] || "0"; }
    if (n === 1) { return t["search.result.one"] || "1"; }
    return (t["search.result.other"] || "#").replace("#", n);
  }

  function href(result) {
    var url = result.url.replace(/^\//, "");
    var hash = "";
    var at = url.indexOf("#");
    if (at >= 0) { hash = url.slice(at); url = url.slice(0, at); }
    return base + "/" + url + "?h=" + encodeURIComponent(result.q.join(" ")) + hash;
  }

  function item(x) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = href(x);
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (x.section) {
      var context = document.createElement("nav");
      context.className = "md-search-result__terms acs-search-page";
      context.textContent = x.pageTitle;
      article.appendChild(context);
    }
    var title = document.createElement(x.section ? "h2" : "h1");
    title.textContent = x.title;
    article.appendChild(title);
    var p = excerpt(x.text, x.q);
    if (p) { article.appendChild(p); }
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /* A snippet of the section around the words searched for; a word is marked only where it is
     a whole word matched, whatever its diacritics ('so' does not mark 'song'). */
  var EXCERPT_WORDS = 28;
  function excerpt(text, q) {
    if (!text) { return null; }
    var parts = text.split(/([^\p{L}\p{N}]+)/u);  /* words at even indexes, what separates them at odd ones */
    var folded = parts.map(function (part, i) { return i % 2 ? "" : fold(part); });
    function hitAt(i) { return folded[i] && q.indexOf(folded[i]) >= 0; }
    var start = -1;
    for (var i = 0; i < parts.length && start < 0; i += 2) {  /* the words side by side first */
      var k = 0;
      while (k < q.length && folded[i + 2 * k] === q[k]) { k++; }
      if (k === q.length) { start = i; }
    }
    for (i = 0; i < parts.length && start < 0; i += 2) { if (hitAt(i)) { start = i; } }
    start = Math.max(0, (start < 0 ? 0 : start) - 8);
    var end = Math.min(parts.length, start + 2 * EXCERPT_WORDS);
    var p = document.createElement("p");
    if (start > 0) { p.appendChild(document.createTextNode("… ")); }
    for (i = start; i < end; i++) {
      if (i % 2 === 0 && hitAt(i)) {
        var mark = document.createElement("mark");
        mark.textContent = parts[i];
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(parts[i]));
      }
    }
    if (end < parts.length) { p.appendChild(document.createTextNode(" …")); }
    return p;
  }

  function render(results, from, ticket) {
    if (ticket !== current) { return; }
    if (from === 0) { list.innerHTML = ""; }
    results.slice(from, from + PAGE_SIZE).forEach(function (x) { list.appendChild(item(x)); });
    var old = root.querySelector(".acs-search-more");
    if (old) { old.remove(); }
    if (results.length > from + PAGE_SIZE) {
      var more = document.createElement("li");
      more.className = "acs-search-more";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "+" + (results.length - from - PAGE_SIZE);
      button.addEventListener("click", function () { render(results, from + PAGE_SIZE, ticket); });
      more.appendChild(button);
      list.appendChild(more);
    }
  }

  function search() {
    var raw = input.value;
    var query = normalise(raw);
    if (query === lastQuery || (query && query.length < 2)) { return; }
    lastQuery = query;
    var ticket = ++current;
    if (!query) {
      list.innerHTML = "";
      meta.textContent = placeholder;
      delete list.dataset.query;
      return;
    }
    pagefind().then(function (s) { return s.rank.find(s.pf, raw); }).then(function (found) {
      if (ticket !== current) { return; }
      var said = count(found.results.length);
      meta.textContent = found.note && showing ? showing.replace("{query}", found.note) + " · " + said : said;
      render(found.results, 0, ticket);
      list.dataset.query = raw.trim();  /* whose results these are (the tests wait for it) */
    }).catch(function (error) {
      if (ticket === current) { meta.textContent = t["search.result.none"] || ""; }
      if (window.console) { console.error(error); }
    });
  }

  /* Search when typing pauses; meanwhile fetch the index chunks of what is typed so far, once
     the last word has a few letters (a letter or two would fetch the chunks of every word
     starting with it). Where words are syllables, a first word is fetched only once it is
     ended by a space: 'chu' on its way to 'chuyen' spans the chunks of hundreds of common
     syllables and their pairs, which the query then does not need. */
  var PAUSE_MS = 200;
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(search, PAUSE_MS); }
  input.addEventListener("input", function () {
    later();
    var typed = foldedWords(input.value);
    var lone = syllables && typed.length === 1 && !/\s$/.test(input.value);  /* a first syllable still being typed */
    if (loading && typed.length && typed[typed.length - 1].length >= 3 && !lone) {
      var value = input.value;
      loading.then(function (s) {
        return s.pf.preload(typed.length > 1 && syllables ? s.rank.terms(value).join(" ") : normalise(value));
      }).catch(function () { /* searched anyway */ });
    }
  });
  input.addEventListener("keyup", later);
  input.addEventListener("focus", function () {
    if (toggle && !toggle.checked) { toggle.checked = true; }
    pagefind();  /* start loading as soon as the reader means to search */
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector(".md-search-result__link");
    if (first) { first.click(); }
  });
  form.addEventListener("reset", function () {
    lastQuery = "";
    setTimeout(function () { search(); input.focus(); }, 0);
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a") && toggle) { toggle.checked = false; }
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) { setTimeout(function () { input.focus(); }, 50); }
    });
  }
  document.addEventListener("keydown", function (event) {
    var open = toggle && toggle.checked;
    var inField = /^(INPUT|TEXTAREA|SELECT)$/.test((document.activeElement || {}).tagName || "") || (document.activeElement || {}).isContentEditable;
    if (open && event.key === "Escape") {
      toggle.checked = false;
      input.blur();
      event.preventDefault();
    } else if (!open && !inField && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s" || event.key === "f")) {
      if (toggle) { toggle.checked = true; }
      input.focus();
      input.select();
      event.preventDefault();
    } else if (open && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      var links = [input].concat(Array.prototype.slice.call(list.querySelectorAll("a, button")));
      var at = links.indexOf(document.activeElement);
      if (at < 0) { return; }
      var next = links[(at + (event.key === "ArrowDown" ? 1 : links.length - 1)) % links.length];
      next.focus();
      event.preventDefault();
    }
  });

  /* -- marking the words searched for on the page opened ----------------------------------- */

  /* Whole words only: the words side by side where they are, else each word on its own. */
  function markPage() {
    var query = new URLSearchParams(location.search).get("h");
    var article = document.querySelector(".md-content article");
    if (!query || !article) { return; }
    var q = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!q.length) { return; }
    var nodes = [];
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("script, style, .headerlink, mark") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    var before = "(^|[^\\p{L}\\p{N}])";
    var after = "(?=[^\\p{L}\\p{N}]|$)";
    var escape = function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); };
    var side = new RegExp(before + "(" + q.map(escape).join("[^\\p{L}\\p{N}]+") + ")" + after, "gu");
    var single = q.filter(function (w) { return w.length > 1 || /\d/.test(w); }).map(escape);
    function apply(pattern) {
      var marked = 0;
      nodes.forEach(function (node) {
        var text = node.nodeValue;
        var folded = fold(text);
        var spans = [];
        var m;
        pattern.lastIndex = 0;
        while ((m = pattern.exec(folded)) !== null) {
          var start = m.index + m[1].length;
          spans.push([start, start + m[2].length]);
          if (m[0].length === 0) { pattern.lastIndex++; }
        }
        if (!spans.length || !node.parentNode) { return; }
        var fragment = document.createDocumentFragment();
        var at = 0;
        spans.forEach(function (s) {
          fragment.appendChild(document.createTextNode(text.slice(at, s[0])));
          var mark = document.createElement("mark");
          mark.setAttribute("data-md-highlight", "");
          mark.textContent = text.slice(s[0], s[1]);
          fragment.appendChild(mark);
          at = s[1];
        });
        fragment.appendChild(document.createTextNode(text.slice(at)));
        node.parentNode.replaceChild(fragment, node);
        marked += spans.length;
      });
      return marked;
    }
    if ((q.length < 2 || !apply(side)) && single.length) {
      apply(new RegExp(before + "(" + single.join("|") + ")" + after, "gu"));
    }
  }
  markPage();
})();
