/*
 * console.js: rtmp4j's web console (served at / by ConsoleRoutes). Plain JavaScript, no dependencies
 * besides our mse-player.js. It polls the HTTP API every POLL_MS and redraws one section per function:
 * totals (GET /api/v1/server), streams (GET /api/v1/streams, with a snapshot /APP/KEY.jpg per stream),
 * connections (GET /api/v1/clients), and the player (GET /APP/KEY.mp4 through RtmpMsePlayer).
 *
 * Access: the page sends `Authorization: Bearer TOKEN` when a token was entered (kept in sessionStorage
 * only, so it ends with the tab); from a trusted address the API needs none. The kick buttons
 * (DELETE /api/v1/streams/APP/KEY, DELETE /api/v1/clients/ID) show when /api/v1/server says the caller
 * may write. Every value from the server goes into the page as text (textContent), never as HTML.
 *
 * More sections: Rtmp4jConsole.addSection({ refresh: async (api) => {...} }) is called at each poll.
 */
(function () {
  "use strict";

  const POLL_MS = 2000;
  const THUMB_MS = 10000; // snapshots are decoded at most every 5 s by default
  const THUMB_RETRY_MS = 3000; // after a 404 (no keyframe yet) or 503
  const TOKEN_KEY = "rtmp4j.apiToken";

  const state = { canWrite: false, playing: null, player: null, clickedAt: 0, lastPoll: 0 };
  const sections = [];

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (cls) {
      e.className = cls;
    }
    return e;
  }

  // ---- the API ---------------------------------------------------------------------------------

  const api = {
    token() {
      return sessionStorage.getItem(TOKEN_KEY) || "";
    },
    headers() {
      const t = api.token();
      return t ? { Authorization: "Bearer " + t } : {};
    },
    async call(method, path) {
      const r = await fetch(path, { method: method, headers: api.headers(), cache: "no-store" });
      if (r.status === 204) {
        return null;
      }
      const body = await r.json().catch(() => ({}));
      if (!r.ok) {
        const e = new Error(r.status + " " + (body.error || r.statusText));
        e.status = r.status;
        throw e;
      }
      return body;
    },
    get(path) {
      return api.call("GET", path);
    },
    del(path) {
      return api.call("DELETE", path);
    }
  };

  // ---- formatting ------------------------------------------------------------------------------

  function bits(n) {
    if (n >= 1e6) {
      return (n / 1e6).toFixed(2) + " Mbit/s";
    }
    return n >= 1e3 ? (n / 1e3).toFixed(0) + " kbit/s" : n + " bit/s";
  }

  function bytes(n) {
    if (n >= 1073741824) {
      return (n / 1073741824).toFixed(2) + " GiB";
    }
    if (n >= 1048576) {
      return (n / 1048576).toFixed(1) + " MiB";
    }
    return n >= 1024 ? (n / 1024).toFixed(0) + " KiB" : n + " B";
  }

  function duration(seconds) {
    const s = Math.floor(seconds % 60);
    const m = Math.floor(seconds / 60) % 60;
    const h = Math.floor(seconds / 3600);
    return (h ? h + ":" + String(m).padStart(2, "0") : String(m)) + ":" + String(s).padStart(2, "0");
  }

  function videoText(v) {
    if (!v) {
      return "-";
    }
    const size = v.width && v.height ? " " + v.width + "x" + v.height : "";
    const fps = v.frame_rate ? " " + (Math.round(v.frame_rate * 100) / 100) + " fps" : "";
    return v.codec + size + fps;
  }

  function audioText(a) {
    if (!a) {
      return "-";
    }
    return a.codec + (a.sample_rate ? " " + a.sample_rate / 1000 + " kHz" : "") + (a.channels ? " " + a.channels + " ch" : "");
  }

  function playersText(p) {
    const kinds = Object.keys(p).filter((k) => k !== "total" && p[k] > 0).map((k) => k + " " + p[k]);
    return p.total + (kinds.length ? " (" + kinds.join(", ") + ")" : "");
  }

  // ---- totals ----------------------------------------------------------------------------------

  async function refreshTotals() {
    const s = await api.get("/api/v1/server");
    state.canWrite = !!(s.access && s.access.write);
    document.body.classList.toggle("can-write", state.canWrite);
    const dl = $("totals");
    dl.replaceChildren();
    const items = [
      ["streams", s.streams, "totals-streams"],
      ["players", s.players, "totals-players"],
      ["connections", s.connections_active + " (" + s.connections_total + " since start)", "totals-connections"],
      ["in", bytes(s.bytes_in), "totals-in"],
      ["out", bytes(s.bytes_out), "totals-out"],
      ["dropped", s.dropped_messages, "totals-dropped"],
      ["uptime", duration(s.uptime_seconds), "totals-uptime"]
    ];
    for (const [name, value, id] of items) {
      const d = el("div");
      d.append(el("dt", name), el("dd", value));
      d.lastChild.id = id;
      dl.append(d);
    }
  }

  // ---- streams ---------------------------------------------------------------------------------

  const rows = new Map(); // stream_id -> { tr, cells, img }

  function streamRow(id) {
    const tr = el("tr");
    tr.dataset.stream = id;
    const img = el("img", null, "thumb");
    img.alt = "";
    img.hidden = true;
    img.dataset.next = "0";
    img.addEventListener("load", () => {
      img.hidden = false;
      img.dataset.next = String(Date.now() + THUMB_MS);
    });
    img.addEventListener("error", () => {
      img.hidden = true; // 404 before the first keyframe, 503 when no decoder can do the codec
      img.dataset.next = String(Date.now() + THUMB_RETRY_MS);
    });
    const cells = {};
    const thumb = el("td");
    thumb.append(img);
    tr.append(thumb);
    for (const name of ["name", "video", "audio", "bitrate", "players", "uptime"]) {
      cells[name] = el("td", null, name === "bitrate" || name === "uptime" ? "num " + name : name);
      tr.append(cells[name]);
    }
    const kick = el("button", "Kick publisher", "kick");
    kick.type = "button";
    kick.addEventListener("click", (e) => {
      e.stopPropagation();
      kickStream(id);
    });
    const k = el("td", null, "write-only");
    k.append(kick);
    tr.append(k);
    tr.addEventListener("click", () => play(id));
    return { tr: tr, cells: cells, img: img };
  }

  async function refreshStreams() {
    const list = await api.get("/api/v1/streams?itemsPerPage=1000");
    const body = $("streams").tBodies[0];
    const seen = new Set();
    for (const s of list.streams) {
      seen.add(s.stream_id);
      let row = rows.get(s.stream_id);
      if (!row) {
        row = streamRow(s.stream_id);
        rows.set(s.stream_id, row);
        body.append(row.tr);
      }
      row.cells.name.textContent = s.stream_id;
      row.cells.video.textContent = videoText(s.video);
      row.cells.audio.textContent = audioText(s.audio);
      row.cells.bitrate.textContent = bits(s.bitrate);
      row.cells.players.textContent = playersText(s.players);
      row.cells.uptime.textContent = duration(s.uptime_seconds);
      row.tr.classList.toggle("playing", state.playing === s.stream_id);
    }
    for (const [id, row] of rows) {
      if (!seen.has(id)) {
        row.tr.remove();
        rows.delete(id);
      }
    }
    $("streams-empty").hidden = rows.size > 0;
    refreshThumbnails();
  }

  function refreshThumbnails() {
    const now = Date.now();
    for (const [id, row] of rows) {
      if (now >= Number(row.img.dataset.next)) {
        row.img.dataset.next = String(now + THUMB_MS); // until load or error says otherwise
        row.img.src = "/" + id + ".jpg?t=" + now;
      }
    }
  }

  async function kickStream(id) {
    try {
      await api.del("/api/v1/streams/" + id);
      showState("closed the publisher of " + id);
    } catch (e) {
      showState("kick " + id + ": " + e.message, true);
    }
    poll();
  }

  // ---- connections -----------------------------------------------------------------------------

  async function refreshClients() {
    const list = await api.get("/api/v1/clients?itemsPerPage=1000");
    const body = $("clients").tBodies[0];
    body.replaceChildren();
    for (const c of list.clients) {
      const tr = el("tr");
      tr.dataset.client = c.id;
      tr.append(el("td", c.id, "num"), el("td", c.kind), el("td", c.address), el("td", c.stream || "-"),
        el("td", bytes(c.bytes_in), "num"), el("td", bytes(c.bytes_out), "num"),
        el("td", new Date(c.connected_since).toLocaleTimeString()),
        el("td", c.rtt_ms === null ? "-" : c.rtt_ms + " ms", "num"), el("td", c.dropped_messages, "num"));
      const kick = el("button", "Kick", "kick");
      kick.type = "button";
      kick.addEventListener("click", async () => {
        try {
          await api.del("/api/v1/clients/" + c.id);
          showState("closed connection " + c.id);
        } catch (e) {
          showState("kick " + c.id + ": " + e.message, true);
        }
        poll();
      });
      const k = el("td", null, "write-only");
      k.append(kick);
      tr.append(k);
      body.append(tr);
    }
  }

  // ---- player ----------------------------------------------------------------------------------

  let playerTimer = 0;

  function play(id) {
    stop();
    state.playing = id;
    state.clickedAt = performance.now();
    const video = el("video");
    video.id = "video";
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.controls = true;
    $("player-box").replaceChildren(video);
    $("player-title").textContent = id;
    $("player-section").hidden = false;
    const status = $("player-status");
    status.classList.remove("error");
    state.player = new RtmpMsePlayer(video, "/" + id + ".mp4", {
      onError: (message) => {
        status.textContent = "error: " + message;
        status.classList.add("error");
      }
    });
    state.player.start();
    playerTimer = setInterval(() => showPlayer(video), 500);
    for (const [key, row] of rows) {
      row.tr.classList.toggle("playing", key === id);
    }
  }

  /** The latency shown is the buffered media ahead of the displayed frame (how far behind the live edge). */
  function showPlayer(video) {
    const p = state.player;
    if (!p || p.stats.error) {
      return;
    }
    const b = video.buffered;
    const behind = b.length ? (b.end(b.length - 1) - video.currentTime).toFixed(2) + " s" : "-";
    const first = p.stats.firstFrameAt ? Math.round(p.stats.firstFrameAt - state.clickedAt) + " ms" : "waiting";
    $("player-status").textContent = (p.stats.codecs || "-") + ", " + (video.videoWidth ? video.videoWidth + "x"
      + video.videoHeight + ", " : "") + "behind live edge " + behind + ", first frame " + first + ", "
      + bytes(p.stats.bytes) + " received";
  }

  function stop() {
    if (state.player) {
      state.player.stop();
      state.player = null;
    }
    clearInterval(playerTimer);
    state.playing = null;
    $("player-box").replaceChildren();
    $("player-section").hidden = true;
    for (const row of rows.values()) {
      row.tr.classList.remove("playing");
    }
  }

  // ---- polling ---------------------------------------------------------------------------------

  function showState(text, error) {
    const s = $("api-state");
    s.textContent = text;
    s.classList.toggle("error", !!error);
  }

  let polling = null;

  /** Refreshes every section once (one refresh at a time); a section's failure does not stop the others. */
  function poll() {
    if (polling) {
      return polling;
    }
    const refreshers = [refreshTotals, refreshStreams, refreshClients].concat(sections.map((s) => () => s.refresh(api)));
    polling = Promise.allSettled(refreshers.map((f) => f())).then((results) => {
      const failed = results.find((r) => r.status === "rejected");
      if (failed) {
        const e = failed.reason;
        showState(e.status === 401 || e.status === 403 ? "API: " + e.message + " (enter a token)" : "API: " + e.message, true);
      } else if ($("api-state").classList.contains("error")) {
        showState("");
      }
      state.lastPoll = Date.now();
      polling = null;
    });
    return polling;
  }

  function start() {
    $("token").value = api.token();
    $("token-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const t = $("token").value.trim();
      if (t) {
        sessionStorage.setItem(TOKEN_KEY, t);
      } else {
        sessionStorage.removeItem(TOKEN_KEY);
      }
      poll();
    });
    $("player-stop").addEventListener("click", stop);
    poll();
    setInterval(poll, POLL_MS);
  }

  window.Rtmp4jConsole = {
    state: state,
    api: api,
    poll: poll,
    play: play,
    stop: stop,
    /** @param section {refresh: async (api) => void}, called at each poll after the built-in sections */
    addSection(section) {
      sections.push(section);
    }
  };
  start();
})();
