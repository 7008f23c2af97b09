/*
 * Chat widget of the public job offers assistant (Nouvelle-Calédonie). Plain JavaScript, no
 * framework; needs the socket.io browser client (/vendor/socket.io.min.js) loaded before it.
 *
 * - Talks to Rasa's socket.io channel (bot/channels.py): `session_request` with a session id,
 *   `user_uttered` {message, session_id}, `bot_uttered` {text, quick_replies}.
 * - The session id (a UUID4 from crypto.randomUUID) and the messages are kept in localStorage,
 *   so a reload shows the conversation again and Rasa continues the same tracker. If the server
 *   replaces the id (`session_confirm` with another one), the widget adopts it.
 * - Bot text is never parsed as HTML: text nodes only; http(s) URLs become links built with DOM
 *   APIs, anything else (javascript:, <script>…) stays plain text.
 * - A lost connection shows "Hors ligne — reconnexion…"; socket.io reconnects by itself and the
 *   messages typed meanwhile are sent once the session is confirmed again.
 * - A message the server dropped (`message_refused` {text}) or one too large to send (over the
 *   page's <meta name="chat-max-bytes">, MAX_REQUEST_BYTES: Engine.IO would close the connection)
 *   shows a French notice line in the conversation, not kept in the history.
 * - window.NcChat: open(), close(), showBotMessage({text, quick_replies}) for the host page.
 */
(function () {
  "use strict";

  var PREFIX = "offres-nc-chat:v1:";
  var KEYS = { session: PREFIX + "session", history: PREFIX + "history", open: PREFIX + "open" };
  var MAX_HISTORY = 200;
  var MAX_MESSAGE = 500;
  var REPLY_TIMEOUT_MS = 45000;
  var UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  var URL_PATTERN = /\bhttps?:\/\/[^\s<>"'«»]+/gi;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var SUGGESTIONS = [
    "Quelles offres sont encore ouvertes ?",
    "Quels postes d'attaché à Nouméa ?",
    "Date limite pour le chef de service ?"
  ];

  // ---- storage (the widget still works, without memory, when localStorage is unavailable) ----
  function load(key, fallback) {
    try {
      var value = window.localStorage.getItem(key);
      return value === null ? fallback : JSON.parse(value);
    } catch (error) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) { /* quota or privacy mode: keep going without saving */ }
  }

  function newSessionId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // crypto.randomUUID needs a secure context (https or localhost): same format from getRandomValues.
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function cleanButtons(list) {
    if (!Array.isArray(list)) return [];
    return list.filter(function (b) {
      return b && typeof b.title === "string" && typeof b.payload === "string";
    }).slice(0, 12).map(function (b) {
      return { title: b.title.slice(0, 120), payload: b.payload.slice(0, MAX_MESSAGE) };
    });
  }

  function cleanHistory(list) {
    if (!Array.isArray(list)) return [];
    return list.filter(function (m) {
      return m && (m.from === "user" || m.from === "bot") && typeof m.text === "string" && typeof m.ts === "number";
    }).slice(-MAX_HISTORY).map(function (m) {
      return { from: m.from, text: m.text, ts: m.ts, buttons: cleanButtons(m.buttons) };
    });
  }

  function maxPacketBytes() {
    var meta = document.querySelector('meta[name="chat-max-bytes"]');
    var value = parseInt(meta && meta.getAttribute("content"), 10);
    return value > 0 ? value : Infinity;
  }

  /* Bytes of the Engine.IO packet socket.io makes of an event: "42" then the JSON array, in UTF-8. */
  function packetBytes(event, data) {
    return 2 + new TextEncoder().encode(JSON.stringify([event, data])).length;
  }

  // ---- state ----
  var sessionId = load(KEYS.session, null);
  if (typeof sessionId !== "string" || !UUID4.test(sessionId)) {
    sessionId = newSessionId();
    save(KEYS.session, sessionId);
  }
  var history = cleanHistory(load(KEYS.history, []));
  var socket = null;
  var ready = false;          // session confirmed by the server on the current connection
  var outbox = [];            // messages typed while not ready
  var waitingTimer = null;
  var ui = {};

  // ---- DOM helpers (no innerHTML anywhere) ----
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else if (name === "className") node.className = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function icon(paths, viewBox) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", viewBox || "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    paths.forEach(function (d) {
      var path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  var ICONS = {
    chat: ["M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z"],
    close: ["M6 6l12 12M18 6L6 18"],
    restart: ["M4 12a8 8 0 1 0 2.4-5.7", "M4 4v4.5h4.5"],
    send: ["M4 12l16-8-6 16-2.5-6.5z", "M11.5 13.5L20 4"]
  };

  /* Bot or user text as text nodes; only http(s) URLs become <a>, built with DOM APIs. */
  function appendRichText(parent, text) {
    var position = 0;
    var match;
    URL_PATTERN.lastIndex = 0;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      var raw = match[0];
      while (/[.,;:!?)\]]$/.test(raw) && !(raw.slice(-1) === ")" && raw.indexOf("(") !== -1)) {
        raw = raw.slice(0, -1);
      }
      var url = null;
      try {
        url = new URL(raw);
      } catch (error) {
        url = null;
      }
      if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) continue;
      parent.appendChild(document.createTextNode(text.slice(position, match.index)));
      var link = el("a", { href: url.href, target: "_blank", rel: "noopener noreferrer nofollow" });
      link.textContent = raw;
      parent.appendChild(link);
      position = match.index + raw.length;
      URL_PATTERN.lastIndex = position;
    }
    parent.appendChild(document.createTextNode(text.slice(position)));
  }

  function formatTime(ts) {
    var date = new Date(ts);
    var time = date.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" });
    if (date.toDateString() === new Date().toDateString()) return time;
    return date.toLocaleDateString("fr-FR", { day: "numeric", month: "short" }) + ", " + time;
  }

  // ---- rendering ----
  function renderMessage(message) {
    var fromBot = message.from === "bot";
    var bubble = el("div", { className: "ncchat-bubble" });
    appendRichText(bubble, message.text);
    var stamp = el("time", { datetime: new Date(message.ts).toISOString(), text: formatTime(message.ts) });
    var meta = el("div", { className: "ncchat-meta" }, [
      el("span", { className: "ncchat-sr-only", text: fromBot ? "L'assistant, " : "Vous, " }), stamp
    ]);
    return el("div", { className: "ncchat-message ncchat-message--" + (fromBot ? "bot" : "user") }, [bubble, meta]);
  }

  function renderQuickReplies(buttons) {
    var group = el("div", { className: "ncchat-quick", role: "group", "aria-label": "Réponses proposées" });
    buttons.forEach(function (button) {
      var node = el("button", { type: "button", className: "ncchat-chip", text: button.title });
      node.addEventListener("click", function () { send(button.payload, button.title); });
      group.appendChild(node);
    });
    return group;
  }

  function renderWelcome() {
    var bubble = el("div", { className: "ncchat-bubble" });
    appendRichText(bubble, "Bonjour ! Je réponds à vos questions sur les offres d'emploi public de la " +
      "Nouvelle-Calédonie : dates limites, références, lieux, missions, candidature…");
    var welcome = el("div", { className: "ncchat-message ncchat-message--bot ncchat-welcome" }, [bubble]);
    if (!history.length) {
      var group = el("div", { className: "ncchat-quick", role: "group", "aria-label": "Exemples de questions" });
      SUGGESTIONS.forEach(function (question) {
        var node = el("button", { type: "button", className: "ncchat-chip", text: question });
        node.addEventListener("click", function () { send(question, question); });
        group.appendChild(node);
      });
      welcome.appendChild(group);
    }
    return welcome;
  }

  function renderAll() {
    ui.log.textContent = "";
    ui.log.appendChild(renderWelcome());
    history.forEach(function (message) { ui.log.appendChild(renderMessage(message)); });
    showLastQuickReplies();
    scrollToEnd();
  }

  function showLastQuickReplies() {
    Array.prototype.forEach.call(ui.log.querySelectorAll(".ncchat-message .ncchat-quick"), function (node) {
      if (!node.parentNode.classList.contains("ncchat-welcome") || history.length) node.remove();
    });
    var last = history[history.length - 1];
    if (last && last.from === "bot" && last.buttons.length) {
      ui.log.lastChild.appendChild(renderQuickReplies(last.buttons));
    }
  }

  function scrollToEnd() {
    ui.scroller.scrollTop = ui.scroller.scrollHeight;
  }

  function append(message) {
    history.push(message);
    if (history.length > MAX_HISTORY) history = history.slice(-MAX_HISTORY);
    save(KEYS.history, history);
    if (history.length === 1) {
      renderAll();
      return;
    }
    ui.log.appendChild(renderMessage(message));
    showLastQuickReplies();
    scrollToEnd();
  }

  function setWaiting(waiting) {
    clearTimeout(waitingTimer);
    ui.typing.hidden = !waiting;
    if (waiting) {
      waitingTimer = setTimeout(function () { ui.typing.hidden = true; }, REPLY_TIMEOUT_MS);
      scrollToEnd();
    }
  }

  function showNotice(text) {
    setWaiting(false);
    ui.log.appendChild(el("p", { className: "ncchat-notice", role: "alert", text: text }));
    scrollToEnd();
  }

  function setOnline(online) {
    ui.offline.hidden = online;
    ui.status.textContent = online ? "En ligne · offres publiées" : "Hors ligne";
    ui.panel.classList.toggle("ncchat-is-offline", !online);
  }

  // ---- conversation ----
  function send(payload, shownText) {
    var text = String(payload || "").trim().slice(0, MAX_MESSAGE);
    if (!text) return;
    if (packetBytes("user_uttered", { message: text, session_id: sessionId }) > maxPacketBytes()) {
      showNotice("Votre message est trop volumineux pour être envoyé : raccourcissez-le.");
      return;
    }
    append({ from: "user", text: String(shownText || text).slice(0, MAX_MESSAGE), ts: Date.now(), buttons: [] });
    outbox.push(text);
    setWaiting(true);
    connect();
    flush();
  }

  function flush() {
    while (ready && socket && socket.connected && outbox.length) {
      socket.emit("user_uttered", { message: outbox.shift(), session_id: sessionId });
    }
  }

  function receive(data) {
    if (!data || typeof data !== "object") return;
    var text = typeof data.text === "string" ? data.text : "";
    var attachment = data.attachment && data.attachment.payload;
    if (!text && attachment && typeof attachment.src === "string") text = attachment.src;
    var buttons = cleanButtons(data.quick_replies || data.buttons);
    if (!text && !buttons.length) return;
    setWaiting(false);
    append({ from: "bot", text: text, ts: Date.now(), buttons: buttons });
  }

  function socketUrl() {
    var meta = document.querySelector('meta[name="chat-socket-url"]');
    var value = meta && meta.getAttribute("content");
    if (value && /^https?:\/\//.test(value)) return value;
    return window.location.protocol + "//" + (window.location.hostname || "127.0.0.1") + ":5005";
  }

  function connect() {
    if (socket) return;
    if (typeof window.io !== "function") {
      setOnline(false);
      return;
    }
    socket = window.io(socketUrl(), {
      path: "/socket.io",
      reconnection: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
      timeout: 10000
    });
    socket.on("connect", function () {
      ready = false;
      setOnline(true);
      socket.emit("session_request", { session_id: sessionId });
    });
    socket.on("session_confirm", function (confirmed) {
      var id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
      if (typeof id === "string" && UUID4.test(id) && id !== sessionId) {
        sessionId = id;  // the server replaced an id it does not accept
        save(KEYS.session, sessionId);
      }
      ready = true;
      flush();
    });
    socket.on("bot_uttered", receive);
    socket.on("message_refused", function (data) {
      showNotice(data && typeof data.text === "string" ? data.text : "Votre message n'a pas été transmis.");
    });
    socket.on("disconnect", function (reason) {
      ready = false;
      setOnline(false);
      if (reason === "io server disconnect") {  // dropped by the server: socket.io does not retry by itself
        setTimeout(function () { socket.connect(); }, 3000);
      }
    });
    socket.on("connect_error", function () {
      ready = false;
      setOnline(false);
    });
  }

  function restart() {
    history = [];
    outbox = [];
    save(KEYS.history, history);
    sessionId = newSessionId();
    save(KEYS.session, sessionId);
    setWaiting(false);
    renderAll();
    if (socket && socket.connected) {
      ready = false;
      socket.emit("session_request", { session_id: sessionId });
    }
    ui.input.focus();
  }

  // ---- open / close ----
  function open(restoring) {
    ui.panel.hidden = false;
    ui.root.classList.add("ncchat-is-open");
    ui.launcher.setAttribute("aria-expanded", "true");
    ui.launcher.setAttribute("aria-label", "Fermer l'assistant");
    save(KEYS.open, true);
    connect();
    scrollToEnd();
    if (restoring !== true) ui.input.focus();
  }

  function close() {
    ui.panel.hidden = true;
    ui.root.classList.remove("ncchat-is-open");
    ui.launcher.setAttribute("aria-expanded", "false");
    ui.launcher.setAttribute("aria-label", "Ouvrir l'assistant");
    save(KEYS.open, false);
    ui.launcher.focus();
  }

  function build() {
    ui.launcher = el("button", {
      type: "button", className: "ncchat-launcher", "aria-label": "Ouvrir l'assistant",
      "aria-expanded": "false", "aria-controls": "ncchat-panel"
    }, [icon(ICONS.chat), el("span", { className: "ncchat-launcher-label", text: "Une question ?" }),
      icon(ICONS.close)]);
    ui.status = el("p", { className: "ncchat-status", text: "Connexion…" });
    ui.restartButton = el("button", {
      type: "button", className: "ncchat-icon-button", "aria-label": "Nouvelle conversation",
      title: "Nouvelle conversation"
    }, [icon(ICONS.restart)]);
    ui.closeButton = el("button", {
      type: "button", className: "ncchat-icon-button", "aria-label": "Fermer l'assistant", title: "Fermer"
    }, [icon(ICONS.close)]);
    var header = el("div", { className: "ncchat-header" }, [
      el("div", { className: "ncchat-avatar", "aria-hidden": "true" }, [icon(ICONS.chat)]),
      el("div", { className: "ncchat-heading" }, [
        el("h2", { id: "ncchat-title", text: "Assistant emploi public" }), ui.status
      ]),
      ui.restartButton, ui.closeButton
    ]);
    ui.offline = el("div", { className: "ncchat-offline", role: "status", text: "Hors ligne — reconnexion…" });
    ui.offline.hidden = true;
    ui.log = el("div", {
      className: "ncchat-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": "Conversation avec l'assistant"
    });
    ui.typing = el("div", { className: "ncchat-typing", role: "status" }, [
      el("span", { className: "ncchat-sr-only", text: "L'assistant écrit…" }),
      el("span", { className: "ncchat-dot", "aria-hidden": "true" }),
      el("span", { className: "ncchat-dot", "aria-hidden": "true" }),
      el("span", { className: "ncchat-dot", "aria-hidden": "true" })
    ]);
    ui.typing.hidden = true;
    ui.scroller = el("div", { className: "ncchat-scroller", tabindex: "0", "aria-label": "Messages" },
      [ui.log, ui.typing]);
    ui.input = el("input", {
      type: "text", className: "ncchat-input", "aria-label": "Votre message", placeholder: "Posez votre question…",
      maxlength: String(MAX_MESSAGE), autocomplete: "off", enterkeyhint: "send"
    });
    ui.sendButton = el("button", { type: "submit", className: "ncchat-send", "aria-label": "Envoyer" },
      [icon(ICONS.send)]);
    ui.form = el("form", { className: "ncchat-form", "aria-label": "Écrire à l'assistant" },
      [ui.input, ui.sendButton]);
    ui.panel = el("section", {
      id: "ncchat-panel", className: "ncchat-panel", role: "dialog", "aria-modal": "false",
      "aria-labelledby": "ncchat-title"
    }, [header, ui.offline, ui.scroller, ui.form]);
    ui.panel.hidden = true;
    ui.root = el("div", { className: "ncchat" }, [ui.panel, ui.launcher]);
    document.body.appendChild(ui.root);

    ui.launcher.addEventListener("click", function () {
      if (ui.panel.hidden) open();
      else close();
    });
    ui.closeButton.addEventListener("click", close);
    ui.restartButton.addEventListener("click", restart);
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = ui.input.value;
      ui.input.value = "";
      send(text, text);
    });
    ui.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
    window.addEventListener("resize", function () { if (!ui.panel.hidden) scrollToEnd(); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-open-chat]"), function (node) {
      node.addEventListener("click", function () { open(); });
    });
  }

  function start() {
    build();
    renderAll();
    if (load(KEYS.open, false) === true) open(true);
    window.NcChat = { open: function () { open(); }, close: close, showBotMessage: receive };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
