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

// Live inbox: one server-sent event stream per console page (GET /console/inbox/events) says when the shop's
// conversations change and how many shoppers wait for a person. Every page keeps the nav badge current; the inbox
// page also fetches itself again and swaps the list and the open conversation, keeping what the merchant is typing.
(() => {
  "use strict";
  const badge = document.querySelector("[data-waiting-count]");
  if (!badge || !("EventSource" in window)) return;
  const inbox = document.querySelector("[data-inbox]");
  const status = document.querySelector("[data-live-status]");
  let version = null;
  let refreshing = Promise.resolve();

  const showWaiting = (n) => {
    badge.textContent = String(n);
    badge.hidden = n === 0;
    badge.title = n === 1 ? "1 shopper waits for a person" : `${n} shoppers wait for a person`;
  };

  const waitingKeys = () => new Set([...document.querySelectorAll("#conversation-list li.waiting")].map((li) => li.dataset.conversation));

  const scrollTranscript = () => {
    const t = document.getElementById("transcript");
    if (t) t.scrollTop = t.scrollHeight;
  };

  const swap = (doc, id) => {
    const now = document.getElementById(id), next = doc.getElementById(id);
    if (now && next) now.replaceWith(document.importNode(next, true));
  };

  async function refresh() {
    const before = waitingKeys();
    const typing = document.getElementById("reply-text");
    const draft = typing ? typing.value : "", focused = typing && document.activeElement === typing;
    const response = await fetch(location.pathname, { credentials: "same-origin", headers: { "Accept": "text/html" } });
    if (!response.ok) return;
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    swap(doc, "inbox-list");
    swap(doc, "conversation");
    const reply = document.getElementById("reply-text");
    if (reply && draft) reply.value = draft;
    if (reply && focused) reply.focus();
    for (const li of document.querySelectorAll("#conversation-list li.waiting"))
      if (!before.has(li.dataset.conversation)) li.classList.add("flash");
    scrollTranscript();
  }

  const source = new EventSource("/console/inbox/events");
  source.addEventListener("inbox", (e) => {
    const change = JSON.parse(e.data);
    showWaiting(change.waiting);
    if (status) { status.textContent = "Live"; status.classList.remove("offline"); }
    const changed = version !== null && change.version !== version;
    version = change.version;
    if (inbox && changed) refreshing = refreshing.then(refresh).catch(() => {});
  });
  source.addEventListener("error", () => {
    if (status) { status.textContent = "Reconnecting…"; status.classList.add("offline"); }
  });
  scrollTranscript();
})();
