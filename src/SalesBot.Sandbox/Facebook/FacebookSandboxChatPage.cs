namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// A Messenger look-alike: the visitor is a shopper, messages become signed webhook events, and
/// whatever the app sends through the Send API is rendered as Messenger would (text, generic-template
/// cards with image and buttons, button templates, quick replies, typing indicator), and the page's Messenger profile:
/// the welcome screen (greeting, ice breakers or Get Started) and the persistent menu (<see cref="FacebookSandboxChatProfile"/>).
/// <c>?channel=instagram</c> (the header's switch) makes the visitor an Instagram user writing to the page's Instagram
/// professional account: <c>object: "instagram"</c> webhooks from an IGSID of its own; the Messenger-only panels (profile,
/// page admin, comments) are hidden there.
/// </summary>
internal static class FacebookSandboxChatPage
{
    public const string Html = """
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Messenger (sandbox)</title>
<style>
[hidden]{display:none!important}
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f0f2f5;height:100vh;display:flex;justify-content:center}
.app{width:100%;max-width:480px;background:#fff;display:flex;flex-direction:column;height:100vh;box-shadow:0 0 12px #0001}
header{display:flex;align-items:center;gap:.6rem;padding:.7rem 1rem;border-bottom:1px solid #e4e6eb}
.avatar{width:36px;height:36px;border-radius:50%;background:linear-gradient(135deg,#0084ff,#a033ff);color:#fff;display:grid;place-items:center;font-weight:700}
header small{color:#65676b;display:block}
#log{flex:1;overflow-y:auto;padding:1rem;display:flex;flex-direction:column;gap:.35rem}
#log>*{flex-shrink:0}
.bubble{max-width:78%;padding:.5rem .8rem;border-radius:18px;line-height:1.35;white-space:pre-wrap;word-wrap:break-word}
.bubble.me{align-self:flex-end;background:#0084ff;color:#fff}
.bubble.bot{align-self:flex-start;background:#e4e6eb;color:#050505}
.bubble.human{align-self:flex-end;background:#44bec7;color:#fff}
.cards{display:flex;gap:.5rem;overflow-x:auto;padding:.2rem 0;align-self:stretch}
.card{flex:0 0 220px;border:1px solid #e4e6eb;border-radius:14px;overflow:hidden;background:#fff}
.card img{width:100%;height:150px;object-fit:cover;background:#f0f2f5;display:block}
.card .no-image{height:150px;display:grid;place-items:center;background:#f0f2f5;color:#8a8d91;font-size:.85rem;text-align:center;padding:0 .8rem}
.card .body{padding:.5rem .7rem}.card-title{font-weight:600;font-size:.95rem}.card-subtitle{color:#65676b;font-size:.82rem;margin-top:.15rem}
.card .btn{display:block;text-align:center;border-top:1px solid #e4e6eb;padding:.5rem;color:#0084ff;text-decoration:none;font-weight:600;font-size:.9rem;background:none;border-left:0;border-right:0;border-bottom:0;width:100%;cursor:pointer}
#quick{display:flex;flex-wrap:wrap;gap:.4rem;justify-content:flex-end;padding:0 1rem .4rem}
#quick button{border:1px solid #0084ff;color:#0084ff;background:#fff;border-radius:18px;padding:.35rem .8rem;cursor:pointer}
#typing{align-self:flex-start;color:#65676b;font-size:.85rem;display:none}
form{display:flex;gap:.5rem;padding:.6rem 1rem;border-top:1px solid #e4e6eb}
form input{flex:1;border:0;background:#f0f2f5;border-radius:18px;padding:.55rem .9rem;font-size:1rem}
form button{border:0;background:none;color:#0084ff;font-weight:700;cursor:pointer}
details{padding:0 1rem .6rem;color:#65676b;font-size:.85rem}
.button-template{align-self:flex-start;max-width:78%;border:1px solid #e4e6eb;border-radius:18px;overflow:hidden;background:#fff}
.button-template .bt-text{padding:.5rem .8rem;background:#e4e6eb;white-space:pre-wrap;word-wrap:break-word;line-height:1.35}
.post{border:1px solid #e4e6eb;border-radius:10px;padding:.6rem .8rem;margin-bottom:.4rem;color:#050505;background:#fff}
.post p{margin:.3rem 0}.comment{background:#f0f2f5;border-radius:14px;padding:.35rem .7rem;margin-top:.3rem}
.button-template .btn{display:block;text-align:center;border-top:1px solid #e4e6eb;padding:.5rem;color:#0084ff;text-decoration:none;font-weight:600;font-size:.9rem;background:none;border-left:0;border-right:0;border-bottom:0;width:100%;cursor:pointer}
#welcome{align-self:center;text-align:center;max-width:88%;margin:auto 0;display:flex;flex-direction:column;align-items:center;gap:.5rem}
#welcome .avatar{width:64px;height:64px;font-size:1.6rem}
#welcome .greeting{color:#050505;line-height:1.4;white-space:pre-wrap}
#welcome .shortcuts{display:flex;flex-direction:column;gap:.4rem;width:100%;margin-top:.4rem}
#welcome .shortcuts button{border:1px solid #ccd0d5;background:#fff;border-radius:18px;padding:.5rem .9rem;cursor:pointer;font-size:.95rem}
#welcome #get-started{background:#0084ff;color:#fff;border-color:#0084ff;font-weight:600}
#menu-button{font-size:1.2rem;color:#0084ff}
#menu{margin:0 1rem .4rem;border:1px solid #e4e6eb;border-radius:12px;overflow:hidden;background:#fff;box-shadow:0 2px 8px #0002}
#menu button,#menu a{display:block;width:100%;text-align:left;border:0;border-bottom:1px solid #e4e6eb;background:#fff;padding:.6rem .9rem;font-size:.95rem;cursor:pointer;color:#050505;text-decoration:none}
#menu :last-child{border-bottom:0}
#switch-channel{margin-left:auto;white-space:nowrap;flex-shrink:0;font-size:.85rem;color:#0084ff;text-decoration:none;border:1px solid #ccd0d5;border-radius:14px;padding:.25rem .7rem}
body.instagram .avatar{background:linear-gradient(45deg,#feda75,#fa7e1e,#d62976,#962fbf,#4f5bd5)}
body.instagram .bubble.me{background:linear-gradient(90deg,#7b3fe4,#a334fa)}
body.instagram #quick button{border-color:#a334fa;color:#7b3fe4}
body.instagram form button,body.instagram .card .btn,body.instagram .button-template .btn{color:#7b3fe4}
body.instagram .messenger-only{display:none!important}
</style></head>
<body><div class="app">
<header><div class="avatar">S</div><div><b id="page-name">Demo Store</b><small id="channel-line">Sandbox Messenger · typically replies instantly</small></div><a id="switch-channel" href="?channel=instagram">Switch to Instagram</a></header>
<div id="log" aria-live="polite"><div id="welcome" hidden><div class="avatar">S</div><b class="welcome-name">Demo Store</b><div class="greeting" id="greeting"></div><div class="shortcuts" id="shortcuts"></div></div><div id="typing">typing…</div></div>
<div id="quick"></div>
<div id="menu" hidden role="menu"></div>
<form id="composer"><button id="menu-button" type="button" aria-label="Menu" aria-expanded="false" hidden>☰</button><input id="text" autocomplete="off" placeholder="Aa" aria-label="Message"><button id="send" type="submit">Send</button></form>
<details class="messenger-only"><summary>Reply as the page admin (hands the conversation to a person)</summary>
<form id="admin"><input id="admin-text" autocomplete="off" placeholder="Page admin reply"><button type="submit">Reply</button></form>
<p>Thread: <b id="thread-owner">bot</b> <button id="inbox-done" type="button">Mark as done (Page Inbox)</button></p></details>
<details id="post-panel" class="messenger-only"><summary>Comment on the page's post (a product question gets a private reply here)</summary>
<div class="post"><b>Demo Store</b><p id="post-text">New season, new arrivals — ask us about anything you see!</p><div id="comments"></div></div>
<form id="comment"><input id="comment-text" autocomplete="off" placeholder="Write a public comment…" aria-label="Comment"><button id="comment-send" type="submit">Comment</button></form></details>
</div>
<script>
const api = '/sandbox/facebook/chat';
// Messenger or Instagram: each has its own shopper id (a PSID, an IGSID), as Meta scopes ids per app and per channel.
const channel = new URLSearchParams(location.search).get('channel') === 'instagram' ? 'instagram' : 'messenger';
const idKey = channel === 'instagram' ? 'sandbox-igsid' : 'sandbox-psid';
const psid = localStorage.getItem(idKey) || ((channel === 'instagram' ? 'igsid-' : 'psid-') + Math.random().toString(36).slice(2, 12));
localStorage.setItem(idKey, psid);
if (channel === 'instagram') {
  document.body.classList.add('instagram'); document.title = 'Instagram (sandbox)';
  const sw = document.getElementById('switch-channel'); sw.href = '?channel=messenger'; sw.textContent = 'Switch to Messenger';
  document.getElementById('channel-line').textContent = 'Sandbox Instagram · direct messages';
  fetch(`${api}/instagram`).then(r => r.ok ? r.json() : null).then(a => { if (a) document.getElementById('page-name').textContent = '@' + a.username; });
}
let after = -1;
const log = document.getElementById('log'), typing = document.getElementById('typing'), quick = document.getElementById('quick');

function add(el) { log.insertBefore(el, typing); log.scrollTop = log.scrollHeight; }
// Messenger turns web addresses in a text into links; so does the sandbox (the install hint carries one).
function bubble(text, who) {
  const b = document.createElement('div'); b.className = 'bubble ' + who;
  for (const part of String(text).split(/(https?:\/\/[^\s]+[^\s.,;:!?)])/)) {
    if (/^https?:\/\//.test(part)) { const a = document.createElement('a'); a.href = part; a.textContent = part; a.target = '_blank'; a.rel = 'noopener'; a.style.color = 'inherit'; b.appendChild(a); }
    else if (part) b.appendChild(document.createTextNode(part));
  }
  add(b);
}
function link(title, url) { const a = document.createElement('a'); a.className = 'btn'; a.textContent = title; a.href = url; a.target = '_blank'; a.rel = 'noopener'; return a; }

function cards(elements) {
  const row = document.createElement('div'); row.className = 'cards';
  for (const e of elements) {
    const c = document.createElement('div'); c.className = 'card';
    if (e.image_url) {
      // Sandbox catalogs point at a made-up CDN: a picture that cannot load becomes a quiet placeholder.
      const img = document.createElement('img'); img.alt = e.title;
      img.onerror = () => { const ph = document.createElement('div'); ph.className = 'no-image'; ph.textContent = 'Image unavailable'; ph.title = e.image_url; img.replaceWith(ph); };
      img.src = e.image_url; c.appendChild(img);
    }
    const body = document.createElement('div'); body.className = 'body';
    const t = document.createElement('div'); t.className = 'card-title'; t.textContent = e.title; body.appendChild(t);
    if (e.subtitle) { const s = document.createElement('div'); s.className = 'card-subtitle'; s.textContent = e.subtitle; body.appendChild(s); }
    c.appendChild(body);
    for (const btn of (e.buttons || [])) {
      if (btn.type === 'web_url') c.appendChild(link(btn.title, btn.url));
      else { const b = document.createElement('button'); b.className = 'btn'; b.textContent = btn.title; b.onclick = () => send(null, btn.payload, btn.title); c.appendChild(b); }
    }
    row.appendChild(c);
  }
  add(row);
}

// The button template: text with up to three buttons under it (the checkout link arrives this way).
function buttons(p) {
  const box = document.createElement('div'); box.className = 'button-template';
  const t = document.createElement('div'); t.className = 'bt-text'; t.textContent = p.text || ''; box.appendChild(t);
  for (const btn of (p.buttons || [])) {
    if (btn.type === 'web_url') box.appendChild(link(btn.title, btn.url));
    else { const b = document.createElement('button'); b.className = 'btn'; b.textContent = btn.title; b.onclick = () => send(null, btn.payload, btn.title); box.appendChild(b); }
  }
  add(box);
}

function quickReplies(list) {
  quick.innerHTML = '';
  for (const q of list || []) { const b = document.createElement('button'); b.textContent = q.title; b.onclick = () => send(q.title, q.payload); quick.appendChild(b); }
  log.scrollTop = log.scrollHeight; // the chips take room from the log: keep its last message in view
}

function render(item) {
  if (item.action === 'typing_on') { typing.style.display = 'block'; log.scrollTop = log.scrollHeight; return; }
  if (item.action) return;
  typing.style.display = 'none';
  const m = item.message || {};
  if (m.text) bubble(m.text, 'bot');
  const p = m.attachment && m.attachment.payload;
  if (p && p.template_type === 'generic') cards(p.elements || []);
  if (p && p.template_type === 'button') buttons(p);
  quickReplies(m.quick_replies);
}

let polled = false;
async function poll() {
  try {
    const r = await fetch(`${api}/messages?psid=${encodeURIComponent(psid)}&after=${after}`);
    if (r.ok) for (const item of await r.json()) { after = Math.max(after, item.index); hideWelcome(); render(item); }
  } catch (e) { /* the app restarts now and then in development; keep polling */ }
  // The Messenger profile (welcome screen, menu) is the page's; the Instagram conversation opens on an empty thread.
  if (!polled) { polled = true; if (channel === 'messenger') loadProfile(0); }
  setTimeout(poll, 500);
}

// The page's Messenger profile: a new conversation opens on the welcome screen (greeting, then the ice breakers or
// Get Started), and the persistent menu sits beside the composer. The app sets it just after it starts, so ask again a few times.
const welcome = document.getElementById('welcome'), menu = document.getElementById('menu'), menuButton = document.getElementById('menu-button');
let talked = false;
function hideWelcome() { talked = true; welcome.hidden = true; }
async function loadProfile(attempt) {
  let p = null;
  try { const r = await fetch(`${api}/profile`); if (r.ok) p = await r.json(); } catch (e) { }
  const empty = !p || (!p.greeting && !p.getStarted && !p.iceBreakers.length && !p.menu.length);
  if (empty) { if (attempt < 10) setTimeout(() => loadProfile(attempt + 1), 1000); return; }
  showMenu(p.menu);
  if (talked || after !== -1) return;
  document.getElementById('greeting').textContent = p.greeting || '';
  const shortcuts = document.getElementById('shortcuts'); shortcuts.innerHTML = '';
  for (const q of p.iceBreakers) {
    const b = document.createElement('button'); b.className = 'ice-breaker'; b.textContent = q.title;
    b.onclick = () => send(null, q.payload, q.title); shortcuts.appendChild(b);
  }
  if (p.getStarted) {
    const b = document.createElement('button'); b.id = 'get-started'; b.textContent = 'Get Started';
    b.onclick = () => send(null, p.getStarted, 'Get Started'); shortcuts.appendChild(b);
  }
  welcome.hidden = false;
}
function showMenu(items) {
  menu.innerHTML = '';
  for (const item of items) {
    let el;
    if (item.url) { el = document.createElement('a'); el.href = item.url; el.target = '_blank'; el.rel = 'noopener'; el.onclick = () => toggleMenu(false); }
    else { el = document.createElement('button'); el.type = 'button'; el.onclick = () => { toggleMenu(false); send(null, item.payload, item.title); }; }
    el.className = 'menu-item'; el.setAttribute('role', 'menuitem'); el.textContent = item.title; menu.appendChild(el);
  }
  menuButton.hidden = items.length === 0;
}
function toggleMenu(open) { menu.hidden = !open; menuButton.setAttribute('aria-expanded', String(open)); }
menuButton.addEventListener('click', () => toggleMenu(menu.hidden));

async function send(text, payload, postbackTitle) {
  hideWelcome();
  quickReplies([]);
  bubble(text || postbackTitle, 'me');
  await fetch(`${api}/send`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ psid, text, payload: payload || null, postbackTitle: postbackTitle || null, channel }) });
}

document.getElementById('composer').addEventListener('submit', e => {
  e.preventDefault(); const input = document.getElementById('text'); const text = input.value.trim();
  if (text) { input.value = ''; send(text); }
});
document.getElementById('admin').addEventListener('submit', async e => {
  e.preventDefault(); const input = document.getElementById('admin-text'); const text = input.value.trim(); if (!text) return;
  input.value = ''; bubble(text, 'human');
  await fetch(`${api}/admin-reply`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ psid, text }) });
});
// Conversation Routing: who controls the thread; "Done" in the Page Inbox passes it back to the bot.
async function thread() {
  try {
    const r = await fetch(`${api}/thread?psid=${encodeURIComponent(psid)}`);
    if (r.ok) document.getElementById('thread-owner').textContent = (await r.json()).pageInbox ? 'Page Inbox (a person)' : 'bot';
  } catch (e) { /* keep polling */ }
  setTimeout(thread, 1000);
}
document.getElementById('inbox-done').addEventListener('click', async () => {
  await fetch(`${api}/inbox-done`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ psid }) });
});
document.getElementById('comment').addEventListener('submit', async e => {
  e.preventDefault(); const input = document.getElementById('comment-text'); const text = input.value.trim(); if (!text) return;
  input.value = '';
  const c = document.createElement('div'); c.className = 'comment'; c.textContent = text; document.getElementById('comments').appendChild(c);
  // The page's feed webhook goes to the app; a private reply, if any, arrives in this Messenger thread.
  await fetch(`${api}/comment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ psid, text }) });
});
poll();
if (channel === 'messenger') thread();
</script></body></html>
""";
}
