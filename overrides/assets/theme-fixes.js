/* Two fixes to Material for MkDocs 9.8.1, kept apart from the reader helpers in site.js.

   1. Glossary tooltips carry text only.
      Material's `content.tooltips` feature reads an element's title and inserts it as HTML:
      mountInlineTooltip2 (components/tooltip2) passes el.title to renderInlineTooltip2, whose
      JSX helper appends strings with innerHTML; mountTooltip (components/tooltip) does
      `typeset.innerHTML = title`; the ellipsis patch does the same with a truncated nav
      label's innerText. So a glossary definition such as `<img src=x onerror=...>` (escaped
      in the page, decoded by the browser into the title) ran on hover, and so did any page
      title long enough to be truncated in the navigation. Escaping on our side cannot help:
      the browser decodes the attribute before Material reads it.
      Choice: the feature is off in mkdocs.yml, which closes every one of those paths at once
      (each is guarded by feature("content.tooltips") in the bundle), and the glossary's
      abbreviations get the tooltip below instead: Material's own tooltip styles, filled with
      textContent. Other titles fall back to the browser's native tooltip, which is text.
      Mounted on first use (pointerover, which touch fires too, or focusin), not at load:
      an area page can hold thousands of abbreviations.

   2. The drawer and search checkboxes no longer carry autocomplete="off" (invalid HTML on a
      checkbox: see overrides/base.html). Firefox may restore them as checked on reload, so
      they are unchecked here, with a change event so that Material's state follows. */
(function () {
  "use strict";

  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  });

  var sequence = 0;

  function mountTooltip(host) {
    var text = host.getAttribute("title");
    if (!text) {
      return null;
    }
    var id = "acs-tooltip-" + sequence++;
    var tip = null;
    var timer = null;

    function show() {
      clearTimeout(timer);
      if (tip) {
        return;
      }
      tip = document.createElement("div");
      tip.className = "md-tooltip2 md-tooltip2--bottom";
      tip.setAttribute("role", "tooltip");
      tip.id = id;
      var inner = document.createElement("div");
      inner.className = "md-tooltip2__inner md-typeset";
      inner.textContent = text; /* text, never markup */
      tip.appendChild(inner);
      tip.addEventListener("mouseenter", show);
      tip.addEventListener("mouseleave", hideSoon);
      document.body.appendChild(tip);
      var box = host.getBoundingClientRect();
      var style = tip.style;
      style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
      style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
      style.setProperty("--md-tooltip-x", box.width / 2 + "px");
      style.setProperty("--md-tooltip-y", 8 + box.height + "px");
      style.setProperty("--md-tooltip-width", inner.getBoundingClientRect().width + "px");
      style.setProperty("--md-tooltip-tail", "0px");
      host.removeAttribute("title"); /* no second, native tooltip */
      host.setAttribute("aria-describedby", id);
      requestAnimationFrame(function () {
        if (tip) {
          tip.classList.add("md-tooltip2--active");
        }
      });
    }

    function hide() {
      clearTimeout(timer);
      if (!tip) {
        return;
      }
      tip.remove();
      tip = null;
      host.setAttribute("title", text);
      host.removeAttribute("aria-describedby");
    }

    function hideSoon() {
      clearTimeout(timer);
      timer = setTimeout(hide, 250); /* time to move the pointer onto the tooltip */
    }

    host.addEventListener("mouseenter", show);
    host.addEventListener("mouseleave", hideSoon);
    host.addEventListener("focus", show);
    host.addEventListener("blur", hide);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        hide(); /* dismissable without moving the pointer (WCAG 1.4.13) */
      }
    });
    return show;
  }

  var mounted = new WeakSet();

  function mountOnFirstUse(event) {
    var target = event.target;
    var host = event.type === "focusin" ? target : target.closest && target.closest("abbr[title]");
    if (!host || host.localName !== "abbr" || mounted.has(host) || !host.closest(".md-content")) {
      return;
    }
    mounted.add(host);
    var show = mountTooltip(host);
    if (show) {
      show(); /* this first event came before the host's own listeners */
    }
  }

  document.addEventListener("pointerover", mountOnFirstUse, true);
  document.addEventListener("focusin", mountOnFirstUse, true);
})();
