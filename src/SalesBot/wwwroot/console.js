// The console's one script, for what static server rendering cannot do: times in the reader's clock.
// Live updates (the inbox) add themselves below. Everything works without it, only less conveniently.
(() => {
  "use strict";
  for (const t of document.querySelectorAll("time[datetime]")) {
    const at = new Date(t.getAttribute("datetime"));
    if (!isNaN(at)) t.title = at.toLocaleString();
  }
})();

// Pages and Catalog: a product image that cannot load leaves the card's placeholder instead of a broken icon.
(() => {
  "use strict";
  const hide = img => img.classList.add("broken");
  for (const img of document.querySelectorAll(".card-image img")) {
    if (img.complete && img.naturalWidth === 0) hide(img);
    else img.addEventListener("error", () => hide(img), { once: true });
  }
})();
