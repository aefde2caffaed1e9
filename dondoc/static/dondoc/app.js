// Small progressive enhancements; every page works without them.
document.addEventListener("click", function (e) {
  var btn = e.target.closest("[data-toggle]");
  if (!btn) return;
  var el = document.getElementById(btn.getAttribute("data-toggle"));
  if (!el) return;
  var open = el.classList.toggle("open");
  btn.setAttribute("aria-expanded", open ? "true" : "false");
});

// A table (or chart) wider than the screen scrolls sideways inside its .tablewrap (.chartbox): make that box reachable by the keyboard
// (Tab to it, then the arrow keys scroll) and name it for screen readers, only while it does overflow.
(function () {
  function label(wrap) {
    var cap = wrap.querySelector(wrap.classList.contains("chartbox") ? "svg > title" : "caption");
    if (cap && cap.textContent.trim()) return cap.textContent.trim();
    var prev = wrap.previousElementSibling;
    while (prev && !/^H[1-6]$/.test(prev.tagName)) prev = prev.previousElementSibling;
    if (!prev) {
      var section = wrap.closest("section, details, article");
      prev = section && section.querySelector("h1, h2, h3, h4, summary");
    }
    return (prev && prev.textContent.trim()) || "Bảng";
  }
  function mark(root) {
    (root || document).querySelectorAll(".tablewrap, .chartbox").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        if (!wrap.hasAttribute("tabindex")) {
          wrap.setAttribute("tabindex", "0");
          wrap.setAttribute("role", "region");
          // Named apart from the section around it (two regions of one name confuse a screen reader's list).
          var en = (document.documentElement.lang || "vi").slice(0, 2) === "en";
          var what = wrap.classList.contains("chartbox") ? (en ? "chart" : "biểu đồ") : (en ? "table" : "bảng");
          wrap.setAttribute("aria-label", label(wrap) + (en ? " (" + what + ", scrolls sideways)" : " (" + what + ", cuộn ngang)"));
          wrap.dataset.scrollable = "1";
        }
      } else if (wrap.dataset.scrollable) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        delete wrap.dataset.scrollable;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { mark(); });
  document.addEventListener("htmx:afterSettle", function () { mark(); });
  document.addEventListener("toggle", function () { mark(); }, true);
  var timer;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(mark, 150); });
})();
