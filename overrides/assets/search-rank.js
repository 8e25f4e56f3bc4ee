/* Site search, the part that ranks: what a query is searched by, and the results Pagefind's
   records give for it (overrides/assets/search.js loads this module with Pagefind, on first use,
   and hands it the text functions and the language's settings: `searcher`). How the results
   are ranked is explained in docs/search-decision.md; the records are those of
   hooks/acsdocs/searchrecords.py. */

var SEP = "\u2063";  /* ends a heading, a text, the searched-but-not-shown words (search.py PAIRS_MARK) */

export function searcher(ctx) {
  var shown = ctx.shown;
  var foldedWords = ctx.foldedWords;
  var normalise = ctx.normalise;
  var syllables = ctx.syllables;
  var synonyms = ctx.synonyms;
  var idWords = ctx.idWords;
  var words = ctx.words;

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

  return { find: find, terms: terms, variants: variants };
}
