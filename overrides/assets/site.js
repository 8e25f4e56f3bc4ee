/* Reader helpers: copy a permalink or a citation of any item, keep the item when switching
   language, follow renamed item ids, print a one-page brief. No external requests. */
(function () {
  "use strict";
  var vi = document.documentElement.lang === "vi";
  var words = vi
    ? { copy: "Sao chép liên kết", cite: "Sao chép trích dẫn", copied: "Đã sao chép", accessed: "truy cập ngày" }
    : { copy: "Copy link", cite: "Copy citation", copied: "Copied", accessed: "accessed" };

  function permalink(id) {
    return location.origin + location.pathname + "#" + id;
  }

  function headingText(heading) {
    var clone = heading.cloneNode(true);
    clone.querySelectorAll(".headerlink, .acs-tools").forEach(function (el) { el.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function citation(heading) {
    var head = document.querySelector(".acs-cite-head");
    var today = new Date().toISOString().slice(0, 10).split("-");
    var date = vi ? today.reverse().join("/") : today.join("-");
    var parts = [head ? head.getAttribute("data-head") : document.title, headingText(heading)];
    return parts.join(", ") + ". " + permalink(heading.id) + " (" + words.accessed + " " + date + ")";
  }

  function copy(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = words.copied;
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { prompt(words.copy, text); });
    } else {
      prompt(words.copy, text);
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

  document.querySelectorAll(".acs-item[id]").forEach(function (heading) {
    var tools = document.createElement("span");
    tools.className = "acs-tools";
    tools.appendChild(button(words.copy, function (e) { copy(permalink(heading.id), e.currentTarget); }));
    tools.appendChild(button(words.cite, function (e) { copy(citation(heading), e.currentTarget); }));
    heading.insertAdjacentElement("afterend", tools);
  });

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

  /* A table wider than a phone scrolls inside its wrapper; keyboard users must reach it. */
  function focusableScroll() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", vi ? "Bảng (cuộn ngang)" : "Table (scrolls sideways)");
      }
    });
  }
  window.addEventListener("load", focusableScroll);
  window.addEventListener("resize", focusableScroll);

  document.querySelectorAll(".acs-print-button").forEach(function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
  });
})();
