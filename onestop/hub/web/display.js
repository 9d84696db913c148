// Lobby display: the board follows the hub's WebSocket (`view=state`), calls flash from the
// `event` messages. Push only: the page never polls. On a dropped socket it reconnects with
// backoff (1 s -> 10 s) and resumes with `since=<last seq>`, so no call is missed.
// Plain ES2017 without modules so older smart-TV browsers run it.
(function () {
  "use strict";

  // Until the hub's state arrives; then the ward's own notice or the catalogue's priority
  // categories (state.priority_notice_vi, the same text the display window shows).
  var DEFAULT_NOTICE = "Quý công dân vui lòng giữ trật tự, theo dõi số thứ tự trên màn hình " +
    "và đến đúng quầy khi được mời.";
  var CALL_TYPES = { "ticket.called": true, "ticket.recalled": true, "ticket.returned": true };
  var FLASH_MS = 6000;      // how long a new call flashes
  var BAD_TOKEN = "Mã truy cập của màn hình không hợp lệ – vui lòng báo cán bộ giám sát";
  var CHIME_GAP_MS = 1500;  // calls in a burst (a replay after an outage) chime once
  var MIN_BACKOFF = 1000, MAX_BACKOFF = 10000;
  var VN_OFFSET_MS = 7 * 3600 * 1000; // the centre's UTC offset; the hub's state sets it
  var WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

  var params = new URLSearchParams(location.search);
  var token = params.get("token") || "";
  var api = window.onestopDisplay = { lastSeq: 0, calls: [], connected: false, state: null,
    disconnects: 0 };

  var $ = function (id) { return document.getElementById(id); };
  var tiles = {};           // counter number -> tile element
  var tileOrder = "";
  var flashUntil = {};      // counter number -> ms timestamp
  var boardSeq = -1;
  var clockOffset = 0;      // server time - local time: a TV's own clock is often wrong
  var backoff = MIN_BACKOFF, diagnosed = false;
  var bannerTimer = null, audio = null, lastChime = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function counterName(n) { return "Quầy " + n; }

  // --- board ---------------------------------------------------------------------------------
  function bestGrid(n, w, h, chars) {
    // The column count that gives the biggest ticket number for n tiles in a w x h board.
    var best = { cols: 1, rows: 1, px: 0 }, cols, rows, tw, th, px;
    for (cols = 1; cols <= Math.max(1, n); cols++) {
      rows = Math.ceil(n / cols);
      tw = w / cols; th = h / rows;
      // DejaVu Sans Bold: about 0.75 em per capital letter or digit.
      px = Math.min(th * 0.5, (tw * 0.88) / (chars * 0.75));
      if (px > best.px) best = { cols: cols, rows: rows, px: px, tw: tw, th: th };
    }
    return best;
  }

  function layout(shown) {
    var board = $("board");
    var chars = 4;
    shown.forEach(function (c) { if (c.ticket) chars = Math.max(chars, c.ticket.number.length); });
    var g = bestGrid(shown.length, board.clientWidth, board.clientHeight, chars);
    var s = board.style;
    s.setProperty("--cols", g.cols);
    s.setProperty("--rows", g.rows);
    s.setProperty("--num-px", Math.floor(g.px) + "px");
    s.setProperty("--label-px", Math.floor(Math.min(g.th * 0.13, g.tw * 0.055)) + "px");
    s.setProperty("--group-px", Math.floor(Math.min(g.th * 0.11, g.tw * 0.045)) + "px");
  }

  function makeTile() {
    var t = el("div", "tile");
    var label = el("div", "label");
    label.appendChild(el("b")); label.appendChild(el("span"));
    t.appendChild(label);
    t.appendChild(el("div", "num"));
    t.appendChild(el("div", "group"));
    return t;
  }

  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }

  function fillTile(t, c) {
    // "Quầy 1 – Chứng thực": the counter in bold, its speciality lighter.
    var parts = (c.label_vi || counterName(c.number)).split(" – ");
    setText(t.querySelector(".label b"), parts[0]);
    setText(t.querySelector(".label span"), parts.length > 1 ? " – " + parts.slice(1).join(" – ") : "");
    var num = t.querySelector(".num"), group = t.querySelector(".group");
    if (c.ticket) {
      setText(num, c.ticket.number);
      num.className = "num";
      // A priority number says why it goes ahead ("Ưu tiên: người cao tuổi ...", issue 19);
      // the call banner already says "mời đến quầy", and the line has no room for both.
      setText(group, c.ticket.priority_vi || ((c.ticket.group_vi || "") +
        (c.ticket.status === "serving" ? " · đang phục vụ" : " · mời đến quầy")));
    } else {
      setText(num, "—");
      num.className = "num none";
      setText(group, c.status === "paused" ? "Tạm dừng" : "Sẵn sàng tiếp nhận");
    }
    t.classList.toggle("paused", c.status === "paused");
    t.dataset.counter = c.number;
  }

  function renderBoard(state) {
    var board = $("board");
    // Open counters; a paused one stays while a citizen is still at it.
    var shown = (state.counters || []).filter(function (c) {
      return c.status === "open" || (c.status === "paused" && c.ticket);
    });
    var empty = $("board-empty");
    empty.hidden = shown.length > 0;
    empty.textContent = "Chưa có quầy nào mở";
    var keep = {};
    shown.forEach(function (c) {
      var t = tiles[c.number] || (tiles[c.number] = makeTile());
      fillTile(t, c);
      keep[c.number] = true;
    });
    Object.keys(tiles).forEach(function (n) {
      if (!keep[n]) { tiles[n].remove(); delete tiles[n]; }
    });
    var order = shown.map(function (c) { return c.number; }).join(",");
    if (order !== tileOrder) { // re-append only when the order changes: it restarts animations
      shown.forEach(function (c) { board.appendChild(tiles[c.number]); });
      tileOrder = order;
    }
    layout(shown);
    applyFlashes();
  }

  function applyFlashes() {
    var now = Date.now();
    Object.keys(tiles).forEach(function (n) {
      tiles[n].classList.toggle("flash", (flashUntil[n] || 0) > now);
    });
  }

  function renderRecent(state) {
    var list = $("recent");
    list.textContent = "";
    (state.recent_calls || []).slice(0, 8).forEach(function (r) {
      var li = el("li");
      li.appendChild(el("span", "n", r.number));
      li.appendChild(el("span", "c", counterName(r.counter)));
      list.appendChild(li);
    });
  }

  // The hub's own words for the forecast (wait.wait_words): the same sentence as the paper
  // ticket and the citizen page; never formatted here.
  function rangeText(est) {
    return (est && est.text_vi) || "";
  }

  function renderGroups(state) {
    var list = $("groups");
    list.textContent = "";
    setText($("total"), String(state.waiting_total || 0));
    var busy = (state.groups || []).filter(function (g) { return g.waiting > 0; });
    if (!busy.length) {
      list.appendChild(el("li", "none", "Hiện không có người chờ – mời quý công dân lấy số"));
      return;
    }
    busy.slice(0, 8).forEach(function (g) {
      var li = el("li");
      li.appendChild(el("b", "", g.name_vi + ": "));
      var range = rangeText(g.estimate);
      li.appendChild(document.createTextNode(g.waiting + " người chờ" + (range ? " · " + range : "")));
      list.appendChild(li);
    });
  }

  function applyState(state, force) {
    if (!state || (!force && state.seq < boardSeq)) return;
    boardSeq = state.seq;
    api.state = state;
    if (state.now) clockOffset = Date.parse(state.now) - Date.now();
    if (typeof state.utc_offset_minutes === "number") VN_OFFSET_MS = state.utc_offset_minutes * 60000;
    if (state.ward && state.ward.office_name_vi) { // the office's name (queue/office.py)
      setText($("ward"), state.ward.office_name_vi);
      setText($("address"), state.ward.address_vi || "");
    }
    var notice = params.get("notice") || (state.ward && state.ward.notice_vi) ||
      state.priority_notice_vi;
    // The calling order in force (the ward's choice, issue 19) runs with the notice.
    if (notice && state.policy) notice += "   •   Thứ tự gọi: " + state.policy.text_vi;
    // The city's notices for the ticker (issue 17), composed once by the hub, go first.
    if (state.city_ticker_vi) notice = notice ? state.city_ticker_vi + "   •   " + notice
      : state.city_ticker_vi;
    if (notice && $("notice").textContent !== notice) setupNotice(notice);
    renderGroups(state); // first: the footer's height decides the board's
    renderRecent(state);
    renderBoard(state);
    if (!bannerTimer && state.recent_calls && state.recent_calls.length) {
      var r = state.recent_calls[0];
      showBannerText(r.number, r.counter, false);
    }
  }

  // --- calls: tile flash, banner, chime ------------------------------------------------------
  function onCall(ev) {
    var t = (ev.data && ev.data.ticket) || {};
    if (!t.number || t.counter === null || t.counter === undefined) return;
    var call = { number: t.number, counter: t.counter, at: ev.at, type: ev.type, seq: ev.seq,
      received: Date.now() };
    api.calls.push(call);
    flashUntil[t.counter] = Date.now() + FLASH_MS;
    var tile = tiles[t.counter];
    if (tile) { // show the number now; the state message that follows confirms it
      var num = tile.querySelector(".num");
      setText(num, t.number);
      num.className = "num";
    }
    applyFlashes();
    flashBanner(call);
  }

  function showBannerText(number, counter, recall) {
    var b = $("banner-text");
    b.textContent = "";
    b.appendChild(document.createTextNode("Mời số "));
    b.appendChild(el("span", "num", number));
    b.appendChild(document.createTextNode(" đến " + counterName(counter)));
    if (recall) b.appendChild(el("span", "recall", "(gọi lại)"));
  }

  function flashBanner(call) {
    // The newest call takes the banner at once: queueing would leave the banner seconds behind
    // the board in a burst; the earlier calls of the burst still flash on their own tiles.
    var banner = $("banner");
    showBannerText(call.number, call.counter, call.type === "ticket.recalled");
    banner.classList.remove("flash");
    void banner.offsetWidth; // restart the CSS animation for back-to-back calls
    banner.classList.add("flash");
    if (Date.now() - lastChime > CHIME_GAP_MS) { lastChime = Date.now(); chime(); }
    clearTimeout(bannerTimer);
    bannerTimer = setTimeout(function () {
      bannerTimer = null;
      banner.classList.remove("flash");
    }, FLASH_MS);
  }

  function setupAudio() {
    var AC = window.AudioContext || window.webkitAudioContext;
    if (!AC) return;
    audio = new AC();
    var hint = $("sound");
    function unlock() {
      audio.resume().then(function () { hint.hidden = audio.state === "running"; });
    }
    // Browsers keep audio muted until someone touches the page: say so on screen.
    hint.hidden = audio.state === "running";
    hint.addEventListener("click", unlock);
    document.addEventListener("click", unlock);
    document.addEventListener("keydown", unlock);
  }

  function chime() {
    if (!audio) return;
    if (audio.state !== "running") { $("sound").hidden = false; return; }
    // Two falling tones, like a ding-dong: short, clear, not alarming.
    [[784, 0], [587, 0.45]].forEach(function (note) {
      var osc = audio.createOscillator(), gain = audio.createGain();
      var start = audio.currentTime + note[1];
      osc.type = "sine";
      osc.frequency.value = note[0];
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.5, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 1.2);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(start);
      osc.stop(start + 1.3);
    });
  }

  // --- clock and notice ----------------------------------------------------------------------
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var d = new Date(Date.now() + clockOffset + VN_OFFSET_MS); // read with getUTC*
    setText($("time"), pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()));
    setText($("date"), WEEKDAYS[d.getUTCDay()] + ", " + pad(d.getUTCDate()) + "/" +
      pad(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear());
    applyFlashes();
  }

  function setupNotice(text) {
    var n = $("notice");
    n.textContent = text || params.get("notice") || DEFAULT_NOTICE;
    // A constant speed whatever the length: about a tenth of the screen width per second.
    var seconds = Math.max(15, n.offsetWidth / (window.innerWidth * 0.1));
    n.style.setProperty("--marquee-s", seconds.toFixed(1) + "s");
  }

  // --- connection ----------------------------------------------------------------------------
  function setOnline(online, message) {
    api.connected = online;
    var box = $("offline");
    box.hidden = online;
    if (!online) box.textContent = message || "Mất kết nối – đang kết nối lại…";
  }

  function connect() {
    var proto = location.protocol === "https:" ? "wss:" : "ws:";
    var url = proto + "//" + location.host + "/api/events?view=state&token=" +
      encodeURIComponent(token) + (api.lastSeq > 0 ? "&since=" + api.lastSeq : "");
    var ws, opened = false, resumed = api.lastSeq > 0;
    try { ws = new WebSocket(url); } catch (e) { retry(); return; }
    ws.onopen = function () {
      opened = true; diagnosed = false; backoff = MIN_BACKOFF;
      setOnline(true);
      // A resumed stream replays events but may bring no snapshot: fetch the board once.
      if (resumed) fetchState();
    };
    ws.onmessage = function (m) {
      var msg;
      try { msg = JSON.parse(m.data); } catch (e) { return; }
      handle(msg);
    };
    ws.onclose = function (e) {
      if (opened) api.disconnects += 1;
      if (e.code === 4401 || e.code === 4403) { // the hub refused the token
        setOnline(false, BAD_TOKEN);
        backoff = MAX_BACKOFF; // it will not get better by itself; do not hammer the hub
      } else {
        setOnline(false);
        if (!opened && !diagnosed) diagnose();
      }
      retry();
    };
  }

  function retry() {
    var wait = backoff * (0.8 + Math.random() * 0.4); // jitter: many TVs, one restarted hub
    backoff = Math.min(MAX_BACKOFF, backoff * 2);
    setTimeout(connect, wait);
  }

  function handle(msg) {
    if (msg.kind === "snapshot" && msg.state) {
      api.lastSeq = msg.state.seq; // may go down: a hub started on a fresh database
      applyState(msg.state, true);
    } else if (msg.kind === "event" && msg.event) {
      var ev = msg.event;
      if (ev.seq <= api.lastSeq) return; // already seen (replay overlap)
      api.lastSeq = ev.seq;
      if (CALL_TYPES[ev.type]) onCall(ev);
    } else if (msg.kind === "state" && msg.state) {
      applyState(msg.state, false);
    }
  }

  function fetchState() {
    fetch("/api/state", { headers: { Authorization: "Bearer " + token }, cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) { if (s) applyState(s, false); })
      .catch(function () {});
  }

  function diagnose() {
    // A refused handshake and a stopped hub look the same to a WebSocket; ask once why.
    diagnosed = true;
    fetch("/api/state", { headers: { Authorization: "Bearer " + token }, cache: "no-store" })
      .then(function (r) {
        if (r.status === 401 || r.status === 403) {
          setOnline(false, BAD_TOKEN);
        }
      })
      .catch(function () {});
  }

  function start() {
    setupNotice();
    setupAudio();
    tick();
    setInterval(tick, 1000);
    var relayout = function () { if (api.state) renderBoard(api.state); };
    window.addEventListener("resize", relayout);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(relayout);
    connect();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
