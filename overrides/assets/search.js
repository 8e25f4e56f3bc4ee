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
   language is named here. */
(function () {
  "use strict";
  var PAGE_SIZE = 10;
  var SEP = "\u2063";  /* ends a heading, a text, the searched-but-not-shown words (search.py PAIRS_MARK) */
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

  /* -- Pagefind, loaded on first use ----------------------------------------------------- */

  var bundle = base + "/pagefind/";
  var loading = null;
  function pagefind() {
    if (!loading) {
      loading = import(new URL(bundle + "pagefind.js", location.href).href).then(function (pf) {
        return pf.options({ ranking: { metaWeights: { title: 10.0, names: 10.0, by: 3.0, page: 0.0 } } })
          .then(function () { return pf.init ? pf.init() : null; })
          .then(function () { return pf; });
      });
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

  /* -- what is searched ---------------------------------------------------------------- */

  /* What a query of several words is searched by, as search.py indexes it: adjacent syllables
     joined in pairs ('chinh phu so' -> 'chinhphu phuso'). A number typed on its own stays a
     word of its own ('tuyen bo 2021' -> 'tuyenbo 2021': the text may say 'Tuyên bố ASEAN năm
     2021'); one typed with punctuation stays joined ('pa-2' -> 'pa2', '896/QĐ' -> '896qd').
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

  /* The queries for what was typed: as typed; a word that begins an id of the data and a number
     also joined, as that id ('commitment 4' -> 'commitment4', as search.py indexes 'commitment-4';
     not 'sample province 042': Pagefind would pass over 'province042' and search 'sample' alone),
     or where words are syllables any word and a number, as the pair search.py indexes where they
     are side by side ('cam ket 2' -> 'ket2' of the heading 'Cam kết 2'); and with each
     abbreviation replaced by what it stands for ('qđ 896' -> 'quyet dinh 896'). Each: its
     words, and the text sent to Pagefind. */
  function variants(typed) {
    var q = foldedWords(typed);
    var out = [{ q: q, text: typed }];
    var n = q.length;
    if (n >= 2 && /^\d+$/.test(q[n - 1]) && (idWords[q[n - 2]] === true || (syllables && !/\d/.test(q[n - 2])))) {  /* an item id typed with a space: 'commitment 4' for 'commitment-4' */
      var id = q.slice(0, n - 2).concat([q[n - 2] + q[n - 1]]);
      out.push({ q: id, text: id.join(" ") });
    }
    var longest = q.reduce(function (n, w) { return Math.max(n, (synonyms[w] || []).length); }, 0);
    for (var i = 0; i < longest; i++) {
      var replaced = [];
      q.forEach(function (w) { replaced = replaced.concat(synonyms[w] ? synonyms[w][Math.min(i, synonyms[w].length - 1)] : [w]); });
      out.push({ q: replaced, text: replaced.join(" ") });
    }
    return out;
  }

  /* -- what a record holds ------------------------------------------------------------- */

  /* The sections of a page record, as search.py writes them: the page's own (from word 0) and
     one per anchor, each its heading, SEP, its text, SEP, then words searched but not shown
     (the heading's pairs, the item id, the section's other names), SEP, the text's pairs. */
  function sections(d) {
    if (d.sections) { return d.sections; }
    var all = String(d.content || "").split(" ");
    var starts = [{ id: "", location: 0 }].concat((d.anchors || []).slice().sort(function (a, b) { return a.location - b.location; }));
    var page = d.url.split("#")[0];
    d.sections = starts.map(function (a, i) {
      var end = i + 1 < starts.length ? starts[i + 1].location : all.length;
      return { id: a.id, at: a.location, end: end, url: a.id ? page + "#" + a.id : d.url, all: all, head: null, words: null };
    });
    return d.sections;
  }

  /* A section's heading and heading words (with its hidden names), read out of the record when
     first asked for (a long page's record has a hundred sections, of which a query matches a
     few), and where its text is; its text, when asked for. SEP stands alone between words. */
  function filled(s) {
    if (s.head) { return s; }
    var all = s.all;
    var marks = [];
    for (var i = s.at; i < s.end && marks.length < 3; i++) { if (all[i] === SEP) { marks.push(i); } }
    while (marks.length < 3) { marks.push(s.end); }
    var heading = all.slice(s.at, marks[0]).join(" ");
    s.heading = shown(heading.trim());
    s.head = foldedWords(heading).concat(foldedWords(all.slice(Math.min(marks[1] + 1, s.end), marks[2]).join(" ")));
    s.textAt = [Math.min(marks[0] + 1, s.end), marks[1]];
    return s;
  }
  function textOf(s) {
    if (s.text === undefined) { filled(s); s.text = shown(s.all.slice(s.textAt[0], s.textAt[1]).join(" ").trim()); }
    return s.text;
  }

  /* A section's words, heading and text, folded when first asked for: only the sections where
     the words typed matched are. */
  function wordsOf(s) { return s.words || (s.words = foldedWords(filled(s).heading + " " + textOf(s))); }

  /* The same word, or one with a plural 's' more or less ('employees' = 'employee'). */
  function same(x, w) { return x === w || (w.length > 3 && (x === w + "s" || w === x + "s")); }
  function has(list, w, prefix) {
    for (var i = 0; i < list.length; i++) { if (same(list[i], w) || (prefix && list[i].indexOf(w) === 0)) { return true; } }
    return false;
  }
  /* every word typed (the last one as a prefix, unless a number) in ``list``; side by side */
  function covers(list, q) {
    return q.length > 0 && q.every(function (w, i) { return has(list, w, i === q.length - 1 && !/^\d+$/.test(w)); });
  }
  function phrase(list, q) {
    for (var i = 0; i + q.length <= list.length; i++) {
      var j = 0;
      while (j < q.length && (same(list[i + j], q[j]) || (j === q.length - 1 && list[i + j].indexOf(q[j]) === 0))) { j++; }
      if (j === q.length) { return true; }
    }
    return false;
  }

  /* The sections of a page that the words typed name together with the page: an item named with
     its document ('giai phap 2 de an 1439', 'solution 2 decision 1439'). The longest run of words
     at the start or the end of the query that the page's title and names all hold names the page
     when one of them is a number (a document's '1439', a declaration's '2017') or when they are
     side by side there; the other words typed are all in the section's heading (its title,
     number, item id, its names in the other languages). Such a section is what was typed, more
     than the page: it takes the page's whole score, shared among the sections so named (those
     whose heading has the words side by side, if any). None when the page's names hold every
     word typed: then the page itself is what was typed. */
  function itemsNamed(secs, names, q) {
    var rest = null;
    function namesThePage(doc) {
      return doc.every(function (w) { return has(names, w, false); }) &&
        (doc.some(function (w) { return /^\d+$/.test(w); }) || (doc.length >= 2 && phrase(names, doc)));
    }
    for (var k = q.length - 1; k >= 1 && !rest; k--) {
      if (namesThePage(q.slice(0, k))) { rest = q.slice(k); } else if (namesThePage(q.slice(q.length - k))) { rest = q.slice(0, q.length - k); }
    }
    if (!rest) { return []; }
    var found = [];
    secs.forEach(function (s, i) { if (i > 0 && covers(filled(s).head, rest)) { found.push(i); } });
    var written = found.filter(function (i) { return phrase(secs[i].head, rest); });  /* as the heading writes them: 'khu vuc 3' */
    return written.length ? written : found;
  }

  /* What a heading calls its section: the heading, each of its names (a glossary term's in each
     language, ' · ' between them, as search.py writes them), an item's label and number and its
     title ('Cam kết 2: …' is called 'cam ket 2'), each without and each in brackets ('(CCHC)'). */
  function headingNames(heading) {
    var out = [];
    heading.split(" · ").forEach(function (name) {
      var colon = name.indexOf(": ");
      [name].concat(colon > 0 ? [name.slice(0, colon), name.slice(colon + 2)] : []).forEach(function (n) {
        out.push(n.replace(/\([^)]*\)/g, " "));
        out = out.concat(n.match(/\(([^)]*)\)/g) || []);
      });
    });
    return out;
  }

  /* The results one page record gives for the words ``q``: its sections where the words
     matched (``where``: this search's locations of them), each scored by the page's score (``norm``: a share of the best page's, so that
     searches by pairs and by words compare), times the section's part of the page's matches
     (the weight of the words matched there, a heading's weighing more; over their root sum of
     squares, so one strong section keeps about the whole score and several share it), then
     by what the section is (see the header; twice when one of its heading's names is what was
     typed, as the glossary's 'cải cách hành chính' is, where 'Vụ Cải cách hành chính' holds more);
     ``adjacent``: found by the pairs of the words.
     A page's own section takes the whole score when the page's title or names hold every word
     typed: the page is what was typed. */
  function resultsOf(norm, d, where, q, adjacent) {
    var secs = sections(d);
    var share = secs.map(function () { return 0; });
    where.forEach(function (l) {
      var lo = 0, hi = secs.length - 1;  /* the last section starting at or before the word */
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (secs[mid].at > l.location) { hi = mid - 1; } else { lo = mid; } }
      share[lo] += l.balanced_score;
    });
    var most = Math.sqrt(share.reduce(function (n, x) { return n + x * x; }, 0)) || 1;  /* one strong section keeps the page's score; several share it */
    var part = !d.meta.title;  /* a part of a long page (searchrecords.py PART_META): its title is shown, its own section is empty */
    var title = d.meta.title || d.meta.page || "";
    var names = foldedWords(title).concat(foldedWords(d.meta.names || ""));
    var issued = covers(foldedWords(d.meta.by || ""), q);  /* the query names who issued the page's document */
    var key = q.join("");
    var boost = d.filters && d.filters.boost ? Math.min(3, Math.max(1, parseFloat(d.filters.boost[0]) || 1)) : 1;
    var items = itemsNamed(secs, names, q);
    var out = [];
    secs.forEach(function (s, i) {
      var own = i === 0;
      if (own && part) { return; }
      var item = items.indexOf(i) >= 0;
      if (!own && !item && !share[i]) { return; }  /* a section no word typed matched, and not named */
      filled(s);
      var named = item || covers(own ? s.head.concat(names) : s.head, q);
      var partly = own && items.length > 0;  /* the page, named by some of the words typed, follows its items */
      var whole = (own && (named || issued || partly)) || item;
      if (!share[i] && !whole) { return; }
      var id = own ? d.meta.key || "" : s.id;  /* the page's id as cited (search.py page_key), or the section's */
      var side = adjacent || (own && phrase(names, q));  /* else the text is read for it in `weighed` */
      var defines = headingNames(s.heading).some(function (p) { return foldedWords(p).join(" ") === q.join(" "); });
      out.push({ url: s.url, page: d.url.split("#")[0], pageTitle: shown(title), section: !own, title: own ? shown(title) : s.heading,
                 text: null, q: q, named: named, heading: own ? "" : s.head.join(" "), all: null, side: side, sec: s, names: own || item ? names : [],
                 score: norm * (whole ? 1 : share[i] / most) * (whole ? boost : 1) / (item ? items.length : 1) * (own && issued && !named ? 2 : 1) *
                   (side ? 2 : 1) * (defines ? 2 : 1) * (q.length <= 2 && foldedWords(id).join("") === key ? 10 : 1) });
    });
    return out;
  }

  /* What the sections are, among one search's results: one whose heading (a page's: its title
     or names) holds every word typed weighs more, unless many results share that heading (the
     'Training materials' every area page has says nothing of the page); one holding every word
     weighs more than one holding some. */
  function named(results) {
    var seen = {};
    results.forEach(function (x) { if (x.heading) { seen[x.heading] = (seen[x.heading] || 0) + 1; } });
    results.forEach(function (x) {
      var shared = x.heading && seen[x.heading] >= 3;
      x.score *= x.named && !shared ? 3 : 1;
    });
    return results;
  }

  /* What only a section's text tells (folding it is most of a search's work in a long record):
     the words typed side by side there (twice), every word typed there (twice). */
  var TEXT_FACTOR = 4;
  function weighed(x) {
    var w = wordsOf(x.sec);
    if (!x.side && phrase(w, x.q)) { x.score *= 2; }
    x.all = covers(w.concat(x.sec.head, x.names), x.q);
    if (x.all) { x.score *= 2; }
    return x;
  }

  /* Sections under the same heading on several pages (each source's publisher, each area's
     'Training materials') say the same thing: the best stays, each next one weighs less. */
  function spread(results) {
    var count = {};
    results.sort(function (a, b) { return b.score - a.score; }).forEach(function (x) {
      var h = x.heading ? x.heading : "";
      if (!h) { return; }
      count[h] = (count[h] || 0) + 1;
      x.score /= count[h];
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  }

  /* -- searching ----------------------------------------------------------------------- */

  var WINDOW = 10;  /* records whose data (their fragment) is read to rank their sections */
  var CUTOFF = 0.15;  /* a result scoring under this share of the best is left out */

  /* A record's data with the locations of this search's words in it. Pagefind hands every
     search the same object for a record and writes the search's locations onto it, so two
     searches of one query reading the same record at once could each see the other's: the reads
     of one record wait for each other, and each takes its locations as soon as it has them. */
  var reading = {};
  function read(r) {
    var next = (reading[r.id] || Promise.resolve()).then(function () { return r.data(); }).then(function (d) {
      return { d: d, where: d.weighted_locations || [] };
    });
    reading[r.id] = next.catch(function () { /* the next read tries again */ });
    return next;
  }

  function once(pf, query, q, adjacent) {
    return pf.search(query).then(function (found) {
      var head = found.results.slice(0, WINDOW);
      var top = head.length ? head[0].score || 1 : 1;
      return Promise.all(head.map(read)).then(function (datas) {
        var out = [];
        head.forEach(function (r, i) { out = out.concat(resultsOf((r.score || 0) / top, datas[i].d, datas[i].where, q, adjacent)); });
        return out;
      });
    });
  }

  /* One variant: by its words, and where words are syllables also by their pairs (side by
     side; small index chunks). */
  function byVariant(pf, v) {
    var paired = terms(v.text).join(" ");
    var byWords = once(pf, normalise(v.text), v.q, false);
    if (!syllables || v.q.length < 2 || paired === v.q.join(" ")) { return byWords; }
    return Promise.all([once(pf, paired, v.q, true), byWords]).then(function (both) { return both[0].concat(both[1]); });
  }

  /* The results of every search of a query, each page or section once (its best), best first,
     without those under CUTOFF of the best. A result whose score before its text is read is
     under CUTOFF of the best such score, even if the text doubled it twice, is left out unread:
     the best's final score is at least that (the text only multiplies, and `spread` never
     lowers the first), so it would be cut all the same. */
  function merged(lists) {
    lists.forEach(named);
    var floor = CUTOFF * lists.reduce(function (n, list) { return list.reduce(function (m, x) { return Math.max(m, x.score); }, n); }, 0);
    var best = {};
    lists.forEach(function (list) {
      list.forEach(function (x) {
        if (x.score * (x.side ? TEXT_FACTOR / 2 : TEXT_FACTOR) < floor) { return; }
        weighed(x);
        if (!best[x.url] || best[x.url].score < x.score) { best[x.url] = x; }
      });
    });
    var all = spread(Object.keys(best).map(function (k) { return best[k]; }));
    var top = all.length ? all[0].score : 0;
    return all.filter(function (x) { return x.score > 0 && x.score >= top * CUTOFF; }).map(function (x) {
      x.text = textOf(x.sec);  /* read for the results shown only */
      return x;
    });
  }

  /* Edit distance at most one (a letter changed, added, dropped, or two swapped)? */
  function oneOff(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) { return false; }
    var i = 0;
    while (i < a.length && a[i] === b[i]) { i++; }
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* Words typed (five letters or more, not an abbreviation the locale knows) that no result
     holds and the index does not know, each replaced by the most frequent word of the index
     one letter off (the vocabulary is fetched only then); null if none is. */
  function corrected(typed, results) {
    var q = foldedWords(typed);
    var unseen = q.map(function (w, i) { return i; }).filter(function (i) { return q[i].length >= 5 && !/\d/.test(q[i]) && !synonyms[q[i]]; });
    for (var r = 0; r < results.length && unseen.length; r++) {  /* the results' words, read until each is found */
      var seen = foldedWords(results[r].title + " " + results[r].text);
      unseen = unseen.filter(function (i) { return !has(seen, q[i], i === q.length - 1); });
    }
    var doubtful = unseen.map(function (i) { return q[i]; });
    if (!doubtful.length) { return Promise.resolve(null); }
    return words().then(function (known) {
      var changed = false;
      var fixed = q.map(function (w, i) {
        if (doubtful.indexOf(w) < 0 || has(known, w, i === q.length - 1)) { return w; }
        var better = known.filter(function (k) { return oneOff(w, k); })[0];
        if (better) { changed = true; }
        return better || w;
      });
      return changed ? fixed.join(" ") : null;
    });
  }

  function find(pf, typed) {
    if (!foldedWords(typed).length) { return Promise.resolve({ results: [], note: "" }); }
    var all = variants(typed);
    return Promise.all(all.map(function (v) { return byVariant(pf, v); })).then(function (lists) {
      var results = merged(lists);
      return corrected(typed, results).then(function (fix) {
        if (!fix) { return { results: results, note: "" }; }
        return Promise.all(variants(fix).map(function (v) { return byVariant(pf, v); })).then(function (again) {
          var better = merged(again);
          return better.length ? { results: better, note: fix } : { results: results, note: "" };
        });
      });
    });
  }

  /* The same search without the dialog, for tests and benchmarks: resolves to the results
     (url, title, the page's title, text, the words matched), best first; `.note` is the
     corrected query when a typo was corrected. */
  window.acsSearch = function (typed) {
    return pagefind().then(function (pf) { return find(pf, typed); }).then(function (found) {
      window.acsSearch.note = found.note;
      return found.results.map(function (x) { return { url: x.url, title: x.title, page: x.pageTitle, text: x.text, q: x.q, score: x.score }; });
    });
  };
  /* What Pagefind is asked for a query: per variant, by pairs where words are syllables, then by words. */
  window.acsSearch.searches = function (typed) {
    return variants(typed).map(function (v) { return [terms(v.text).join(" "), normalise(v.text)]; });
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
    pagefind().then(function (pf) { return find(pf, raw); }).then(function (found) {
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
      var wanted = typed.length > 1 && syllables ? terms(input.value).join(" ") : normalise(input.value);
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
