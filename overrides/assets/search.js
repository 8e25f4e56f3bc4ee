/* Site search over a per-language Pagefind index (built by hooks/acsdocs/search.py).

   - Nothing is downloaded until the reader opens or types in the search box; then Pagefind
     fetches only the index chunks the typed words need, for the page's language (<html lang>).
   - Vietnamese words are usually several syllables: in a language whose locale says so (the
     box carries data-acs-syllables), a query of several words is searched by its pairs of
     adjacent words, which the index also holds, so the words are found side by side, the last
     one as a prefix while it is still being typed. In any language, a word written with
     punctuation inside ('accsm+3', 'qd-bnv') is searched as its parts joined.
   - Typed with or without diacritics, 'đ' or 'd': Pagefind folds tones; 'đ' is indexed as 'ď'
     (which Pagefind folds to 'd') and written back as 'đ' wherever text is shown.
   - Matched words are marked in the snippets and, through '?h=', on the page opened.
   Labels come from the theme's translations (#__config); no language is named here. */
(function () {
  "use strict";
  var PAGE_SIZE = 10;
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* no theme config */ }
  var base = (config.base || ".").replace(/\/$/, "");
  var t = config.translations || {};
  var lang = document.documentElement.lang;
  var syllables = !!document.querySelector("[data-acs-search][data-acs-syllables]");

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
        return pf.options({ ranking: { metaWeights: { title: 8.0, heading: 8.0, page: 8.0, key: 4.0 } } })
          .then(function () { return pf.init ? pf.init() : null; })
          .then(function () { return pf; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function ids(response) { return response.results.map(function (r) { return r.id; }); }

  /* What a query of several words is searched by, as hooks/acsdocs/search.py indexes it: adjacent
     syllables joined in pairs ('chinh phu so' -> 'chinhphu phuso'), which finds them side by side
     and loads far smaller index chunks than single syllables would. A number typed on its own
     stays a word of its own ('tuyen bo 2021' -> 'tuyenbo 2021': the text may say 'Tuyên bố ASEAN
     năm 2021'); one typed with punctuation stays joined ('pa-2' -> 'pa2', '896/QĐ' -> '896qd').
     Without `syllables`, only the parts of one typed word are joined ('accsm+3' -> 'accsm3'). */
  function terms(typed) {
    var out = [];
    var run = [];
    function flush() {
      for (var i = 0; i + 1 < run.length; i++) { out.push(run[i] + run[i + 1]); }
      if (run.length === 1) { out.push(run[0]); }
      run = [];
    }
    typed.split(/\s+/).forEach(function (chunk) {
      var parts = foldedWords(chunk);
      if (!parts.length) { return; }
      if (!syllables) { run = parts; flush(); return; }
      if (parts.length === 1 && /^\d+$/.test(parts[0])) { flush(); out.push(parts[0]); return; }
      run = run.concat(parts);
    });
    flush();
    return out;
  }

  /* Results for what was typed, best first. One word: Pagefind's search (the word as a prefix).
     Several: the sections holding all the terms (pairs, the last as a prefix, so the last
     syllable may still be being typed); if fewer than MIN_PAIRED, also those holding every word
     anywhere. Pagefind ranks (BM25; headings, a page's own title and item ids weigh more), then
     its first RERANK are reordered (see rerank). */
  var RERANK = 12;
  var CUTOFF = 0.2;
  var MIN_PAIRED = 3;
  var BOOST_CAP = 3;
  function run(pf, typed) {
    var words = foldedWords(typed);
    var paired = terms(typed);
    if (words.length < 2 || paired.join(" ") === words.join(" ")) {
      return pf.search(normalise(typed)).then(function (all) { return rerank(all.results, typed, new Set()); });
    }
    return pf.search(paired.join(" ")).then(function (found) {
      var side = new Set(ids(found));
      if (found.results.length >= MIN_PAIRED) { return rerank(found.results, typed, side); }
      return pf.search(normalise(typed)).then(function (all) {
        var rest = all.results.filter(function (r) { return !side.has(r.id); });
        return rerank(found.results.concat(rest), typed, side);
      });
    });
  }

  function foldedWords(text) { return fold(shown(text)).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  /* How much of the query a title holds: every word (the last one as a prefix), in order. */
  function titleMatch(title, q) {
    var t = foldedWords(title);
    if (!t.length || !q.length) { return { coverage: 0, phrase: false }; }
    function same(x, w, last) { return last && !/^\d+$/.test(w) ? x.indexOf(w) === 0 : x === w; }  /* a number is typed whole */
    var found = q.filter(function (w, i) {
      return t.some(function (x) { return same(x, w, i === q.length - 1); });
    }).length;
    var phrase = false;
    for (var i = 0; i + q.length <= t.length && !phrase; i++) {
      phrase = q.every(function (w, j) { return same(t[i + j], w, j === q.length - 1); });
    }
    return { coverage: found / q.length, phrase: phrase };
  }

  /* A section whose heading is what the reader typed is what they look for; a page whose own
     title is, more so (a document's or an area's page above the pages that mention it); an item
     whose id was typed ('pa-2', 'task-7') too; words side by side count more than apart, and a
     section holding every word typed more than one holding some (Pagefind also returns those); a
     page's `search: boost:` (documents' own pages) multiplies, up to BOOST_CAP. */
  function rerank(results, typed, side, window) {
    var q = foldedWords(typed);
    window = window || RERANK;
    var head = results.slice(0, window);
    return Promise.all(head.map(function (r) { return r.data(); })).then(function (datas) {
      var scored = head.map(function (r, i) {
        var d = datas[i];
        r.loaded = d;
        var m = titleMatch(d.meta.title, q);
        var whole = q.length > 1 && titleMatch(String(d.content || "").split("\u2063")[0] + " " + d.meta.title, q).coverage === 1;
        var key = foldedWords(d.meta.key || "").join(" ");
        var named = m.coverage === 1;  /* the heading holds what was typed */
        var isPage = d.url.indexOf("#") < 0;  /* a page's own first section; its id is the page's (an area's 'pa-2') */
        var defined = (shown(d.meta.title).match(/\(([^)]*)\)/g) || []).some(function (p) { return foldedWords(p).join(" ") === q.join(" "); });
        var bonus = (side.has(r.id) ? 2 : 1) * (whole ? 2 : 1) * (named && q.length > 1 ? (m.phrase ? 2 : 1.5) : 1) * (defined ? 2 : 1) *
          (key && key === q.join(" ") ? (isPage ? 3 * BOOST_CAP : 3) : 1) * (isPage && named ? 1.5 : 1);
        var boost = d.filters && d.filters.boost ? Math.min(BOOST_CAP, Math.max(1, parseFloat(d.filters.boost[0]) || 1)) : 1;
        return { r: r, score: (r.score || 0) * bonus * boost, plain: (r.score || 0) * bonus, at: i };
      });
      scored.sort(function (x, y) { return (y.score - x.score) || (x.at - y.at); });
      /* A section that barely mentions the words (a tenth of the best score) is left out, so a
         common phrase ('công vụ' on a site about the civil service) does not list every page. */
      var best = scored.reduce(function (m, x) { return Math.max(m, x.plain); }, 0);
      var floor = results.reduce(function (m, r) { return Math.max(m, r.score || 0); }, 0) * CUTOFF;
      return scored.filter(function (x) { return x.plain >= best * CUTOFF; }).map(function (x) { return x.r; })
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
    var p = excerpt(data.content, query);
    if (p) { article.appendChild(p); }
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /* A snippet of the section around the words searched for, each match marked whatever its
     diacritics. The text is what comes before the pairs (hooks/acsdocs/search.py: PAIRS_MARK). */
  var EXCERPT_WORDS = 28;
  function excerpt(content, typed) {
    var text = shown(String(content || "").split("\u2063")[0]).trim();
    if (!text) { return null; }
    var q = foldedWords(typed);
    var parts = text.split(/([^\p{L}\p{N}]+)/u);  /* words at even indexes, what separates them at odd ones */
    var folded = parts.map(function (part, i) { return i % 2 ? "" : fold(part); });
    function matches(word, j) { return word && (j === q.length - 1 ? word.indexOf(q[j]) === 0 : word === q[j]); }
    function hitAt(i) { return q.some(function (w, j) { return matches(folded[i], j); }); }
    var start = -1;
    for (var i = 0; i < parts.length && start < 0; i += 2) {  /* the words side by side first */
      var k = 0;
      while (k < q.length && matches(folded[i + 2 * k], k)) { k++; }
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
    if (query === lastQuery || (query && query.length < 2)) { return; }
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

  /* Search when typing pauses; meanwhile fetch the index chunks of what is typed so far, once
     the last word has a few letters (a letter or two would fetch the chunks of every word
     starting with it). */
  var PAUSE_MS = 200;
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(search, PAUSE_MS); }
  input.addEventListener("input", function () {
    later();
    var words = foldedWords(input.value);
    if (loading && words.length && words[words.length - 1].length >= 3) {
      var wanted = words.length > 1 ? terms(input.value).join(" ") : normalise(input.value);
      loading.then(function (pf) { return pf.preload(wanted); }).catch(function () { /* searched anyway */ });
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
