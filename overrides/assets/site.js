/* Reader helpers: copy a permalink or a citation of any item, keep the item when switching
   language, follow renamed item ids, print a one-page brief, mark tables that scroll.
   No external requests. Every word comes from the page (#acs-words, rendered by
   overrides/main.html from hooks/acsdocs/templates/strings.yml); none is written here. */
(function () {
  "use strict";
  var words = {};
  try { words = JSON.parse(document.getElementById("acs-words").textContent); } catch (e) { /* no words block */ }
  function word(key) { return words[key] || ""; }

  /* Citations of the items on the page, with the date as numbers and, where the language writes
     it otherwise in a letter's body, written out (data-date-style="written"). */
  var citations = { numeric: {}, written: {} };
  document.querySelectorAll("script.acs-citations").forEach(function (block) {
    var style = block.getAttribute("data-date-style") === "written" ? "written" : "numeric";
    try {
      var data = JSON.parse(block.textContent);
      Object.keys(data).forEach(function (id) { citations[style][id] = data[id]; });
    } catch (e) { /* a broken block leaves the fallback citation */ }
  });
  var documentCitation = null;  /* the whole document, on its own page: {numeric, written} */
  try {
    var docBlock = document.querySelector("script.acs-document-citation");
    if (docBlock) { documentCitation = JSON.parse(docBlock.textContent); }
  } catch (e) { /* no citation of the whole document */ }

  /* The reader's choice of date style for citations, kept across pages. */
  var dateStyle = "numeric";
  try { if (localStorage.getItem("acs-date-style") === "written") { dateStyle = "written"; } } catch (e) { /* private mode */ }

  /* Fill {name} and {name:02d} placeholders (the syntax of strings.yml and locales/*.yml). */
  function fill(pattern, parts) {
    return pattern.replace(/\{(\w+)(?::0(\d)d)?\}/g, function (all, key, width) {
      if (!(key in parts)) { return all; }
      var value = String(parts[key]);
      while (width && value.length < Number(width)) { value = "0" + value; }
      return value;
    });
  }

  /* Today's date as the page's language writes it (the `day` pattern of its locale), or as a
     letter's body writes it (`day_written`). */
  function today(style) {
    var d = new Date();
    var written = (style || dateStyle) === "written";
    var months = (written ? words.months_written : words.months) || [];
    return fill((written ? word("date_pattern_written") : "") || word("date_pattern") || "{y}-{m:02d}-{d:02d}", {
      d: d.getDate(), m: d.getMonth() + 1, y: d.getFullYear(), month: months[d.getMonth()] || d.getMonth() + 1
    });
  }

  function permalink(id) {
    return location.origin + location.pathname + "#" + id;
  }

  function headingText(heading) {
    var clone = heading.cloneNode(true);
    clone.querySelectorAll(".headerlink, .acs-tools").forEach(function (el) { el.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function citation(heading) {
    var text = citations[dateStyle][heading.id] || citations.numeric[heading.id] || (document.title + ", " + headingText(heading));
    return fill(word("cite_full") || "{citation}. {url} ({accessed})", { citation: text, url: permalink(heading.id), accessed: today() });
  }

  function pageAddress() {
    return location.origin + location.pathname;
  }

  function copy(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = word("copied");
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { prompt(word("copy_link"), text); });
    } else {
      prompt(word("copy_link"), text);
    }
  }

  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button acs-button";
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  }

  /* The whole document, under the title of its own page: its address and its citation. */
  var title = document.querySelector(".md-content article h1");
  if (documentCitation && title) {
    var whole = document.createElement("span");
    whole.className = "acs-tools acs-document-tools";
    whole.appendChild(button(word("copy_link"), function (e) { copy(pageAddress(), e.currentTarget); }));
    whole.appendChild(button(word("copy_citation"), function (e) {
      var text = documentCitation[dateStyle] || documentCitation.numeric;
      copy(fill(word("cite_full") || "{citation}. {url} ({accessed})", { citation: text, url: pageAddress(), accessed: today() }), e.currentTarget);
    }));
    title.insertAdjacentElement("afterend", whole);
  }

  document.querySelectorAll(".acs-item[id]").forEach(function (heading) {
    var tools = document.createElement("span");
    tools.className = "acs-tools";
    tools.appendChild(button(word("copy_link"), function (e) { copy(permalink(heading.id), e.currentTarget); }));
    tools.appendChild(button(word("copy_citation"), function (e) { copy(citation(heading), e.currentTarget); }));
    heading.insertAdjacentElement("afterend", tools);
  });

  /* Where the language writes a date otherwise in a letter's body, one choice per page (the first
     row of buttons) of how citations write dates: each option shows today's date in its style. */
  var firstTools = document.querySelector(".acs-tools");
  if (firstTools && today("numeric") !== today("written")) {
    var label = document.createElement("label");
    label.className = "acs-date-style";
    label.appendChild(document.createTextNode(word("cite_date_style") + " "));
    var select = document.createElement("select");
    ["numeric", "written"].forEach(function (style) {
      var option = document.createElement("option");
      option.value = style;
      option.textContent = today(style);
      option.selected = style === dateStyle;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      dateStyle = select.value;
      try { localStorage.setItem("acs-date-style", dateStyle); } catch (e) { /* private mode */ }
    });
    label.appendChild(select);
    firstTools.appendChild(label);
  }

  /* The language switcher links to the counterpart page; carry the item anchor along.
     The theme may navigate by itself after a click, so the anchor is also kept for the
     next page in sessionStorage and applied there. */
  function carryHash() {
    document.querySelectorAll("a[hreflang]").forEach(function (link) {
      link.href = link.href.split("#")[0] + location.hash;
    });
  }
  carryHash();
  window.addEventListener("hashchange", carryHash);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (link && location.hash) {
      try { sessionStorage.setItem("acs-switch-hash", location.hash); } catch (e) { /* private mode */ }
    }
  }, true);
  try {
    var carried = sessionStorage.getItem("acs-switch-hash");
    sessionStorage.removeItem("acs-switch-hash");
    if (carried && !location.hash && document.getElementById(carried.slice(1))) {
      location.replace(carried);
    }
  } catch (e) { /* private mode */ }

  /* Renamed item ids: the build lists old -> new for this page (see plans `redirects:`). */
  document.addEventListener("DOMContentLoaded", function () {
    var renamed = document.getElementById("acs-anchor-redirects");  /* placed after this script */
    if (renamed && location.hash) {
      var target = JSON.parse(renamed.textContent)[location.hash.slice(1)];
      if (target) { location.replace(target); }
    }
  });

  /* A table still wider than its column scrolls inside its wrapper: say so on screen (a cue
     above it), let keyboard users reach it, and name it for screen readers. */
  function markScrolling() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("acs-scrolls", scrolls);
      wrap.setAttribute("data-cue", word("scroll_cue"));
      if (scrolls) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", word("table_scrolls"));
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  window.addEventListener("load", markScrolling);
  window.addEventListener("resize", markScrolling);

  /* On paper: the page's short address and the day it was printed. Links of screen-only parts
     (never printed; on an area page, thousands of activities at scale) get no address. */
  function stampPrint() {
    document.querySelectorAll("[data-acs-printed]").forEach(function (el) { el.textContent = today(); });
    document.querySelectorAll("[data-acs-address]").forEach(function (el) {
      el.textContent = (location.host + location.pathname).replace(/^www\./, "");
    });
    document.querySelectorAll(".md-content a[href]:not(.acs-screen-only a)").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href && href.charAt(0) !== "#" && !/^(mailto|javascript):/.test(href)) {
        // an <a> inside an SVG (the relation diagram) has no string href: resolve the attribute instead
        var absolute = typeof link.href === "string" ? link.href : new URL(href, location.href).href;
        link.setAttribute("data-print-href", absolute.replace(/^https?:\/\/(www\.)?/, ""));
      }
    });
  }
  stampPrint();
  window.addEventListener("beforeprint", stampPrint);

  document.querySelectorAll(".acs-print-button").forEach(function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
  });
  document.querySelectorAll("[data-acs-open-search]").forEach(function (control) {
    control.addEventListener("click", function () {
      var toggle = document.getElementById("__search");
      if (toggle) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
      var input = document.querySelector(".md-search__input");
      if (input) { input.focus(); }
    });
  });
})();
