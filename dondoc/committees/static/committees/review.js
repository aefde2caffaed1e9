// The review of draft tasks: focusing a draft highlights its sentence in the text and brings it into view.
// A progressive enhancement: the page works without it (each draft shows its sentence and links to it).
(function () {
  var form = document.getElementById("kl-review");
  if (!form) return;
  var active = [];
  function show(card) {
    active.forEach(function (el) { el.classList.remove("is-active"); });
    active = [];
    var mark = document.getElementById(card.getAttribute("data-mark"));
    card.classList.add("is-active");
    active.push(card);
    if (!mark) return;
    mark.classList.add("is-active");
    active.push(mark);
    var box = mark.closest(".kl-text");
    if (box) {
      var top = mark.offsetTop - box.offsetTop - box.clientHeight / 3;
      box.scrollTo({ top: top < 0 ? 0 : top, behavior: "smooth" });
    }
  }
  form.addEventListener("focusin", function (e) {
    var card = e.target.closest(".kl-draft");
    if (card) show(card);
  });
  form.addEventListener("click", function (e) {
    var card = e.target.closest(".kl-draft");
    if (card && !card.classList.contains("is-active")) show(card);
  });
})();
