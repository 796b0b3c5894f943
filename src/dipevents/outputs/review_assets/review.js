
"use strict";
(() => {
  const article = document.getElementById("article");
  const cards = [...document.querySelectorAll(".card")];
  const marks = [...article.querySelectorAll("mark.hl")];
  let hovered = null, selected = null;
  const paint = () => {
    const active = hovered ?? selected;
    article.classList.toggle("dim", active !== null);
    for (const m of marks) m.classList.toggle("lit", m.dataset.event === active);
    for (const c of cards) {
      const on = c.dataset.event === selected;
      c.classList.toggle("selected", on);
      c.setAttribute("aria-current", String(on));
    }
  };
  const reveal = (selector) => {
    const first = article.querySelector(selector);
    if (!first) return;
    first.scrollIntoView({block: "center"});
    for (const m of article.querySelectorAll(selector)) {
      m.classList.add("flash");
      setTimeout(() => m.classList.remove("flash"), 1200);
    }
  };
  const choose = (card, n) => {
    const event = card.dataset.event;
    selected = (selected === event && n === undefined) ? null : event;
    paint();
    if (selected !== null) {
      reveal(n === undefined ? `mark[data-event="${event}"]` : `mark[data-n="${n}"]`);
    }
  };
  for (const card of cards) {
    // pointermove, not mouseenter: scrolling the article moves cards under a still pointer,
    // and that must not take the highlight away from the card just clicked.
    card.addEventListener("pointermove", () => {
      if (hovered !== card.dataset.event) { hovered = card.dataset.event; paint(); }
    });
    card.addEventListener("mouseleave", () => { hovered = null; paint(); });
    card.addEventListener("click", (e) => {
      const row = e.target.closest("[data-n]");
      hovered = null;
      choose(card, row && card.contains(row) ? row.dataset.n : undefined);
    });
    card.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(card); }
    });
  }
  article.addEventListener("click", (e) => {
    const mark = e.target.closest("mark.hl");
    if (!mark) return;
    selected = mark.dataset.event;
    paint();
    const card = cards.find((c) => c.dataset.event === selected);
    if (card) card.scrollIntoView({block: "nearest"});
  });
})();
