// The console's one script, for what static server rendering cannot do: times in the reader's clock.
// Live updates (the inbox) add themselves below. Everything works without it, only less conveniently.
(() => {
  "use strict";
  for (const t of document.querySelectorAll("time[datetime]")) {
    const at = new Date(t.getAttribute("datetime"));
    if (!isNaN(at)) t.title = at.toLocaleString();
  }
})();
