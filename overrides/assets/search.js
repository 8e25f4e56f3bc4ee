/* Site search over a per-language Pagefind index (built by hooks/acsdocs/search.py).

   - Nothing is downloaded until the reader opens or types in the search box; then Pagefind
     fetches only the index chunks the typed words need, for the page's language (<html lang>).
   - Vietnamese words are usually several syllables: when the words typed occur side by side
     (a phrase), only those sections are shown; while the last syllable is still being typed,
     the syllables before it must be side by side. Otherwise every word must occur somewhere.
   - Typed with or without diacritics, 'đ' or 'd': Pagefind folds tones; 'đ' is indexed as 'ď'
     (which Pagefind folds to 'd') and written back as 'đ' wherever text is shown.
   - Matched words are marked in the excerpts and, through '?h=', on the page opened.
   Labels come from the theme's translations (#__config); no language is named here. */
(function () {
  "use strict";
  var PAGE_SIZE = 10;
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* no theme config */ }
  var base = (config.base || ".").replace(/\/$/, "");
  var t = config.translations || {};
  var lang = document.documentElement.lang;

  /* -- text ---------------------------------------------------------------------------- */

  function shown(text) { return String(text || "").replace(/ď/g, "đ").replace(/Ď/g, "Đ"); }

  /* lowercase, no tones, đ -> d; one character for one, so positions map back to the original */
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i].toLowerCase();
      if (c === "đ" || c === "ď") { c = "d"; }
      c = c.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += c.length === 1 ? c : text[i].toLowerCase().charAt(0);
    }
    return out;
  }

  /* What is sent to Pagefind: words only ('qd-bnv' -> 'qd bnv', 'accsm+3' -> 'accsm 3'), 'đ' as 'ď'. */
  function normalise(query) {
    return query.toLowerCase().replace(/đ/g, "ď").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  /* -- Pagefind, loaded on first use ----------------------------------------------------- */

  var loading = null;
  var pages = {};
  function pagefind() {
    if (!loading) {
      var bundle = base + "/pagefind/";
      loading = Promise.all([
        import(new URL(bundle + "pagefind.js", location.href).href),
        fetch(bundle + "pages." + lang + ".json").then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; })
      ]).then(function (both) {
        pages = both[1];
        var pf = both[0];
        return pf.options({ excerptLength: 26, ranking: { metaWeights: { title: 8.0, page: 8.0, key: 4.0 } } })
          .then(function () { return pf.init ? pf.init() : null; })
          .then(function () { return pf; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function ids(response) { return response.results.map(function (r) { return r.id; }); }

  /* The words as Pagefind indexes them: punctuation inside a word dropped ('pa-2' -> 'pa2',
     '896/QĐ-BNV' -> '896qďbnv'), for the phrase search. */
  function joined(typed) {
    return typed.toLowerCase().replace(/đ/g, "ď").split(/\s+/)
      .map(function (w) { return w.replace(/[^\p{L}\p{N}]+/gu, ""); }).filter(Boolean);
  }

  /* Results for what was typed, best first. Pagefind finds the sections holding every word
     (the last one as a prefix) and ranks them (BM25; titles, a page's own title and item ids
     weigh more); its first RERANK, and the best of the sections where the words stand side by
     side (Pagefind's phrase search), are then reordered (see rerank). */
  var RERANK = 12;
  var CUTOFF = 0.2;
  function run(pf, typed) {
    var query = normalise(typed);
    var words = joined(typed);
    return pf.search(query).then(function (all) {
      if (words.length < 2 && words.join(" ") === query) { return rerank(all.results, typed, new Set()); }
      return pf.search('"' + words.join(" ") + '"').then(function (phrase) {
        if (phrase.results.length || words.length < 3) { return phrase; }
        return pf.search('"' + words.slice(0, -1).join(" ") + '"');  /* the last syllable is still being typed */
      }).then(function (phrase) {
        /* Pagefind's best, and the best of those whose words stand side by side */
        var side = new Set(ids(phrase));
        var head = all.results.slice(0, RERANK);
        var inHead = new Set(head.map(function (r) { return r.id; }));
        var adjacent = all.results.filter(function (r) { return side.has(r.id) && !inHead.has(r.id); }).slice(0, RERANK / 2);
        var chosen = new Set(ids({ results: head.concat(adjacent) }));
        return rerank(head.concat(adjacent).concat(all.results.filter(function (r) { return !chosen.has(r.id); })), typed, side, head.length + adjacent.length);
      });
    });
  }

  function foldedWords(text) { return fold(shown(text)).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  /* How much of the query a title holds: every word (the last one as a prefix), in order. */
  function titleMatch(title, q) {
    var t = foldedWords(title);
    if (!t.length || !q.length) { return { coverage: 0, phrase: false }; }
    var found = q.filter(function (w, i) {
      return t.some(function (x) { return i === q.length - 1 ? x.indexOf(w) === 0 : x === w; });
    }).length;
    var phrase = false;
    for (var i = 0; i + q.length <= t.length && !phrase; i++) {
      phrase = q.every(function (w, j) { return j === q.length - 1 ? t[i + j].indexOf(w) === 0 : t[i + j] === w; });
    }
    return { coverage: found / q.length, phrase: phrase };
  }

  /* A section whose heading is what the reader typed is what they look for; a page whose own
     title is, more so (a document's or an area's page above the pages that mention it); an item
     whose id was typed ('pa-2', 'task-7') too; and words side by side count more than apart. */
  function rerank(results, typed, side, window) {
    var q = foldedWords(typed);
    window = window || RERANK;
    var head = results.slice(0, window);
    return Promise.all(head.map(function (r) { return r.data(); })).then(function (datas) {
      var scored = head.map(function (r, i) {
        var d = datas[i];
        r.loaded = d;
        var m = titleMatch(d.meta.title, q);
        var key = foldedWords(d.meta.key || "").join(" ");
        var named = m.coverage === 1 && (m.phrase || q.length < 2);  /* the heading holds what was typed */
        var defined = (shown(d.meta.title).match(/\(([^)]*)\)/g) || []).some(function (p) { return foldedWords(p).join(" ") === q.join(" "); });
        var bonus = (side.has(r.id) ? 2 : 1) * (named && q.length > 1 ? 2 : 1) * (defined ? 2 : 1) *
          (key && key === q.join(" ") ? 3 : 1) * (d.url.indexOf("#") < 0 && named ? 1.5 : 1);
        return { r: r, score: (r.score || 0) * bonus, at: i };
      });
      scored.sort(function (x, y) { return (y.score - x.score) || (x.at - y.at); });
      /* A section that barely mentions the words (a tenth of the best score) is left out, so a
         common phrase ('công vụ' on a site about the civil service) does not list every page. */
      var best = scored.length ? scored[0].score : 0;
      var floor = results.reduce(function (m, r) { return Math.max(m, r.score || 0); }, 0) * CUTOFF;
      return scored.filter(function (x) { return x.score >= best * CUTOFF; }).map(function (x) { return x.r; })
        .concat(results.slice(window).filter(function (r) { return (r.score || 0) >= floor; }));
    });
  }

  /* The same search without the dialog, for tests and benchmarks: resolves to the results'
     data (url, meta, excerpt), best first. */
  window.acsSearch = function (typed) {
    return pagefind().then(function (pf) { return run(pf, typed); })
      .then(function (results) { return Promise.all(results.map(function (r) { return r.loaded || r.data(); })); });
  };

  /* -- the dialog ------------------------------------------------------------------------ */

  var root = document.querySelector("[data-acs-search]");
  if (!root) { return; }
  var toggle = document.getElementById("__search");
  var form = root.querySelector("form");
  var input = root.querySelector(".md-search__input");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var placeholder = meta.textContent.trim();
  var current = 0;  /* the latest query wins */
  var lastQuery = "";

  function count(n) {
    if (n === 0) { return t["search.result.none"] || "0"; }
    if (n === 1) { return t["search.result.one"] || "1"; }
    return (t["search.result.other"] || "#").replace("#", n);
  }

  function href(result, query) {
    var url = result.url.replace(/^\//, "");
    var hash = "";
    var at = url.indexOf("#");
    if (at >= 0) { hash = url.slice(at); url = url.slice(0, at); }
    return base + "/" + url + "?h=" + encodeURIComponent(query) + hash;
  }

  function item(data, query) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = href(data, query);
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var page = data.url.replace(/^\//, "").split("#")[0];
    var section = data.url.indexOf("#") >= 0;
    if (section && pages[page]) {
      var context = document.createElement("nav");
      context.className = "md-search-result__terms acs-search-page";
      context.textContent = shown(pages[page]);
      article.appendChild(context);
    }
    var title = document.createElement(section ? "h2" : "h1");
    title.textContent = shown(data.meta.title);
    article.appendChild(title);
    if (data.excerpt) {
      var p = document.createElement("p");
      p.innerHTML = shown(data.excerpt);  /* Pagefind escapes the text and adds only <mark> */
      article.appendChild(p);
    }
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function render(results, query, from, ticket) {
    var slice = results.slice(from, from + PAGE_SIZE);
    return Promise.all(slice.map(function (r) { return r.loaded || r.data(); })).then(function (datas) {
      if (ticket !== current) { return; }
      if (from === 0) { list.innerHTML = ""; }
      datas.forEach(function (d) { list.appendChild(item(d, query)); });
      var old = root.querySelector(".acs-search-more");
      if (old) { old.remove(); }
      if (results.length > from + PAGE_SIZE) {
        var more = document.createElement("li");
        more.className = "acs-search-more";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = "+" + (results.length - from - PAGE_SIZE);
        button.addEventListener("click", function () { render(results, query, from + PAGE_SIZE, ticket); });
        more.appendChild(button);
        list.appendChild(more);
      }
    });
  }

  function search() {
    var raw = input.value;
    var query = normalise(raw);
    if (query === lastQuery) { return; }
    lastQuery = query;
    var ticket = ++current;
    if (!query) {
      list.innerHTML = "";
      meta.textContent = placeholder;
      return;
    }
    pagefind().then(function (pf) { return run(pf, raw); }).then(function (results) {
      if (ticket !== current) { return; }
      meta.textContent = count(results.length);
      return render(results, raw.trim(), 0, ticket);
    }).catch(function (error) {
      if (ticket === current) { meta.textContent = t["search.result.none"] || ""; }
      if (window.console) { console.error(error); }
    });
  }

  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 120); });
  input.addEventListener("keyup", function () { clearTimeout(timer); timer = setTimeout(search, 120); });
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

  function markPage() {
    var query = new URLSearchParams(location.search).get("h");
    var article = document.querySelector(".md-content article");
    if (!query || !article) { return; }
    var words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!words.length) { return; }
    var nodes = [];
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("script, style, .headerlink, mark") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    var boundary = "(^|[^\\p{L}\\p{N}])";
    var escape = function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); };
    var phrase = new RegExp(boundary + "(" + words.map(escape).join("[^\\p{L}\\p{N}]+") + ")", "gu");
    var single = new RegExp(boundary + "(" + words.filter(function (w) { return w.length > 1 || /\d/.test(w); }).map(escape).join("|") + ")(?=[^\\p{L}\\p{N}]|$)", "gu");
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
    if (words.length < 2 || !apply(phrase)) {
      if (single.source.indexOf("()") < 0) { apply(single); }
    }
  }
  markPage();
})();
