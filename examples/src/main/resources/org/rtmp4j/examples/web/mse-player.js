/*
 * mse-player.js: rtmp4j's own small live player for the fragmented-MP4 stream GET /APP/KEY.mp4
 * (HTTP, chunked) or ws(s)://HOST/APP/KEY.mp4 (WebSocket, binary messages). No dependencies.
 *
 * The stream is an init segment (ftyp + moov) then moof + mdat fragments (ISO/IEC 14496-12). The
 * player cuts the bytes at top-level box boundaries, reads the codecs string from the init segment's
 * sample entries, and appends the init segment and every moof+mdat pair to one Media Source
 * Extensions SourceBuffer. It keeps the buffer short (removes what lies more than `keepSeconds`
 * behind the playhead) and stays at the live edge: it plays at `catchUpRate` while more than twice
 * `liveSyncSeconds` behind the buffered end, and jumps to `liveSyncSeconds` behind it when more than
 * `maxLagSeconds` behind (or before the buffered range).
 *
 *   const player = new RtmpMsePlayer(videoElement, "/live/cam.mp4");
 *   player.start();           // player.stats: startedAt, firstFrameAt, codecs, fragments, error
 *   player.stop();
 *
 * A body that ends (the publisher left, or its codecs changed) is fetched again after
 * `reconnectDelayMs` unless that option is negative.
 */
(function (global) {
  "use strict";

  const DEFAULTS = { keepSeconds: 10, maxLagSeconds: 1, liveSyncSeconds: 0.1, catchUpRate: 1.1, reconnectDelayMs: 1000 };

  function type(bytes, at) {
    return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
  }

  function u32(bytes, at) {
    return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
  }

  function hex2(n) {
    return (n < 16 ? "0" : "") + n.toString(16);
  }

  function dec2(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /** The child boxes of bytes[from, to) as {type, start (payload), end}. */
  function children(bytes, from, to) {
    const out = [];
    let at = from;
    while (at + 8 <= to) {
      let size = u32(bytes, at);
      let header = 8;
      if (size === 1) {
        size = u32(bytes, at + 8) * 4294967296 + u32(bytes, at + 12);
        header = 16;
      } else if (size === 0) {
        size = to - at;
      }
      if (size < header || at + size > to) {
        break;
      }
      out.push({ type: type(bytes, at + 4), start: at + header, end: at + size });
      at += size;
    }
    return out;
  }

  function child(bytes, box, name) {
    return children(bytes, box.start, box.end).find((b) => b.type === name);
  }

  /** avcC (ISO/IEC 14496-15 §5.3.3.1): avc1.PPCCLL from profile, compatibility, level. */
  function avcCodec(bytes, entry, box) {
    const c = child(bytes, box, "avcC");
    return c ? entry + "." + hex2(bytes[c.start + 1]) + hex2(bytes[c.start + 2]) + hex2(bytes[c.start + 3]) : entry;
  }

  /** hvcC (ISO/IEC 14496-15 §8.3.3.1) to the RFC 6381 / ISO/IEC 14496-15 Annex E form, e.g. hvc1.1.6.L93.B0. */
  function hevcCodec(bytes, entry, box) {
    const c = child(bytes, box, "hvcC");
    if (!c) {
      return entry;
    }
    const p = c.start;
    const space = ["", "A", "B", "C"][bytes[p + 1] >> 6];
    const tier = (bytes[p + 1] & 0x20) ? "H" : "L";
    const profile = bytes[p + 1] & 0x1f;
    let compat = u32(bytes, p + 2);
    let reversed = 0;
    for (let i = 0; i < 32; i++) {
      reversed = (reversed << 1) | (compat & 1);
      compat >>>= 1;
    }
    const constraints = [];
    for (let i = 0; i < 6; i++) {
      constraints.push(bytes[p + 6 + i]);
    }
    while (constraints.length > 1 && constraints[constraints.length - 1] === 0) {
      constraints.pop();
    }
    return entry + "." + space + profile + "." + (reversed >>> 0).toString(16) + "." + tier + bytes[p + 12] + "."
      + constraints.map((b) => b.toString(16).toUpperCase()).join(".");
  }

  /** av1C (AV1 ISOBMFF binding §2.3): av01.P.LLT.DD. */
  function av1Codec(bytes, box) {
    const c = child(bytes, box, "av1C");
    if (!c) {
      return "av01";
    }
    const p = c.start;
    const profile = bytes[p + 1] >> 5;
    const level = bytes[p + 1] & 0x1f;
    const tier = (bytes[p + 2] & 0x80) ? "H" : "M";
    const depth = (bytes[p + 2] & 0x40) ? ((profile === 2 && (bytes[p + 2] & 0x20)) ? 12 : 10) : 8;
    return "av01." + profile + "." + dec2(level) + tier + "." + dec2(depth);
  }

  /** vpcC (VP Codec ISOBMFF binding): vp09.PP.LL.DD. */
  function vp9Codec(bytes, box) {
    const c = child(bytes, box, "vpcC");
    if (!c) {
      return "vp09";
    }
    const p = c.start + 4; // FullBox version and flags
    return "vp09." + dec2(bytes[p]) + "." + dec2(bytes[p + 1]) + "." + dec2(bytes[p + 2] >> 4);
  }

  /** esds (ISO/IEC 14496-1 §7.2.6.5, §7.2.6.6): mp4a.OTI.AOT, the audio object type from the AudioSpecificConfig. */
  function aacCodec(bytes, box) {
    const esds = child(bytes, box, "esds");
    let at = esds ? esds.start + 4 : -1;
    let oti = 0x40;
    while (esds && at < esds.end) {
      const tag = bytes[at++];
      let len = 0;
      for (let i = 0; i < 4; i++) {
        const b = bytes[at++];
        len = (len << 7) | (b & 0x7f);
        if (!(b & 0x80)) {
          break;
        }
      }
      if (tag === 0x03) { // ES_Descriptor: ES_ID, flags, then its sub-descriptors
        const flags = bytes[at + 2];
        at += 3 + ((flags & 0x80) ? 2 : 0) + ((flags & 0x20) ? 1 + bytes[at + 3] : 0) + ((flags & 0x40) ? 2 : 0);
      } else if (tag === 0x04) { // DecoderConfigDescriptor: objectTypeIndication, then 12 bytes, then the DSI
        oti = bytes[at];
        at += 13;
      } else if (tag === 0x05) { // DecoderSpecificInfo: the AudioSpecificConfig
        return "mp4a." + hex2(oti) + "." + (bytes[at] >> 3);
      } else {
        at += len;
      }
    }
    return "mp4a.40.2";
  }

  /** The codecs parameter (RFC 6381) of every track in a moov box. */
  function codecsOf(bytes, moov) {
    const codecs = [];
    for (const trak of children(bytes, moov.start, moov.end).filter((b) => b.type === "trak")) {
      let box = trak;
      for (const name of ["mdia", "minf", "stbl", "stsd"]) {
        box = box && child(bytes, box, name);
      }
      if (!box) {
        continue;
      }
      const entry = children(bytes, box.start + 8, box.end)[0]; // FullBox header, entry_count
      if (!entry) {
        continue;
      }
      const visual = { start: entry.start + 78, end: entry.end }; // VisualSampleEntry fields (§12.1.3)
      const audio = { start: entry.start + 28, end: entry.end }; // AudioSampleEntry fields (§12.2.3)
      switch (entry.type) {
        case "avc1": case "avc3": codecs.push(avcCodec(bytes, entry.type, visual)); break;
        case "hvc1": case "hev1": codecs.push(hevcCodec(bytes, entry.type, visual)); break;
        case "av01": codecs.push(av1Codec(bytes, visual)); break;
        case "vp09": codecs.push(vp9Codec(bytes, visual)); break;
        case "mp4a": codecs.push(aacCodec(bytes, audio)); break;
        case "Opus": codecs.push("opus"); break;
        default: codecs.push(entry.type);
      }
    }
    return codecs;
  }

  const MAX_BOX = 64 * 1024 * 1024;

  /** The top-level box at bytes[at, length) as {type, end}, or null until all of it has arrived. */
  function nextBox(bytes, at, length) {
    if (length - at < 8) {
      return null;
    }
    let size = u32(bytes, at);
    if (size === 1) {
      if (length - at < 16) {
        return null;
      }
      size = u32(bytes, at + 8) * 4294967296 + u32(bytes, at + 12);
    }
    if (size < 8 || size > MAX_BOX) {
      throw new Error("box '" + type(bytes, at + 4) + "' of " + size + " bytes at stream offset " + at);
    }
    return at + size <= length ? { type: type(bytes, at + 4), end: at + size } : null;
  }

  /**
   * Collects the stream's bytes and hands out complete top-level boxes in groups: the init segment
   * (everything up to and including moov) and each media segment (everything up to and including mdat).
   */
  class BoxSplitter {
    constructor(onInit, onMedia) {
      this.buffer = new Uint8Array(256 * 1024);
      this.length = 0;
      this.scan = 0;
      this.onInit = onInit;
      this.onMedia = onMedia;
    }

    push(chunk) {
      if (this.length + chunk.length > this.buffer.length) {
        const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + chunk.length));
        grown.set(this.buffer.subarray(0, this.length));
        this.buffer = grown;
      }
      this.buffer.set(chunk, this.length);
      this.length += chunk.length;
      let groupStart = 0;
      for (let box = nextBox(this.buffer, this.scan, this.length); box; box = nextBox(this.buffer, this.scan, this.length)) {
        this.scan = box.end;
        if (box.type === "moov" || box.type === "mdat") {
          const group = this.buffer.slice(groupStart, box.end);
          groupStart = box.end;
          if (box.type === "moov") {
            this.onInit(group, codecsOf(group, children(group, 0, group.length).find((b) => b.type === "moov")));
          } else {
            this.onMedia(group);
          }
        }
      }
      if (groupStart > 0) {
        this.buffer.copyWithin(0, groupStart, this.length);
        this.length -= groupStart;
        this.scan -= groupStart;
      }
    }
  }

  class RtmpMsePlayer {
    constructor(video, url, options) {
      this.video = video;
      this.url = new URL(url, global.location.href);
      this.options = Object.assign({}, DEFAULTS, options || {});
      this.stats = { startedAt: 0, firstFrameAt: 0, codecs: "", fragments: 0, bytes: 0, error: "", reconnects: 0 };
      this.queue = [];
      this.stopped = true;
    }

    start() {
      this.stopped = false;
      this.stats.startedAt = performance.now();
      this.video.addEventListener("error", () => this.fail("video element: " + (this.video.error && this.video.error.message)));
      const firstFrame = () => {
        if (!this.stats.firstFrameAt) {
          this.stats.firstFrameAt = performance.now();
        }
      };
      if (this.video.requestVideoFrameCallback) {
        this.video.requestVideoFrameCallback(firstFrame);
      } else {
        this.video.addEventListener("playing", firstFrame, { once: true });
      }
      this.open();
    }

    stop() {
      this.stopped = true;
      this.close();
    }

    open() {
      this.mediaSource = new MediaSource();
      this.sourceBuffer = null;
      this.queue = [];
      this.video.src = URL.createObjectURL(this.mediaSource);
      this.mediaSource.addEventListener("sourceopen", () => this.connect(), { once: true });
    }

    close() {
      if (this.socket) {
        this.socket.close();
        this.socket = null;
      }
      if (this.abort) {
        this.abort.abort();
        this.abort = null;
      }
    }

    connect() {
      const splitter = new BoxSplitter((init, codecs) => this.init(init, codecs), (media) => this.append(media));
      const onBytes = (bytes) => {
        this.stats.bytes += bytes.length;
        try {
          splitter.push(bytes);
        } catch (e) {
          this.fail("stream: " + e.message);
        }
      };
      if (this.url.protocol === "ws:" || this.url.protocol === "wss:") {
        const socket = new WebSocket(this.url.href);
        socket.binaryType = "arraybuffer";
        socket.onmessage = (e) => onBytes(new Uint8Array(e.data));
        socket.onclose = () => this.ended();
        this.socket = socket;
        return;
      }
      this.abort = new AbortController();
      fetch(this.url.href, { signal: this.abort.signal, cache: "no-store" }).then((response) => {
        if (!response.ok) {
          throw new Error("HTTP " + response.status + " " + this.url.pathname);
        }
        const reader = response.body.getReader();
        const pump = () => reader.read().then(({ done, value }) => {
          if (done) {
            this.ended();
            return;
          }
          onBytes(value);
          pump();
        });
        return pump();
      }).catch((e) => {
        if (!this.stopped) {
          this.fail(e.message);
          this.ended();
        }
      });
    }

    /** The body ended: the publisher left or the codecs changed; start over with a new MediaSource. */
    ended() {
      if (this.stopped || this.options.reconnectDelayMs < 0) {
        return;
      }
      this.close();
      this.stats.reconnects++;
      setTimeout(() => {
        if (!this.stopped) {
          this.open();
        }
      }, this.options.reconnectDelayMs);
    }

    init(segment, codecs) {
      const mime = 'video/mp4; codecs="' + codecs.join(",") + '"';
      this.stats.codecs = codecs.join(",");
      if (!global.MediaSource.isTypeSupported(mime)) {
        this.fail("this browser cannot play " + mime);
        return;
      }
      if (!this.sourceBuffer) {
        this.sourceBuffer = this.mediaSource.addSourceBuffer(mime);
        this.sourceBuffer.mode = "segments";
        this.sourceBuffer.addEventListener("updateend", () => this.next());
        this.sourceBuffer.addEventListener("error", () => this.fail("SourceBuffer error"));
      }
      this.queue.push(segment);
      this.next();
    }

    append(segment) {
      this.stats.fragments++;
      this.queue.push(segment);
      this.next();
    }

    /** Runs the next queued append, or trims the buffer and chases the live edge when idle. */
    next() {
      const sb = this.sourceBuffer;
      if (!sb || sb.updating || this.mediaSource.readyState !== "open") {
        return;
      }
      if (this.queue.length > 0) {
        try {
          sb.appendBuffer(this.queue.shift());
        } catch (e) {
          this.fail("appendBuffer: " + e.message);
        }
        return;
      }
      const ranges = sb.buffered;
      if (ranges.length === 0) {
        return;
      }
      const end = ranges.end(ranges.length - 1);
      const now = this.video.currentTime;
      const lag = end - now;
      if (now < ranges.start(0) || lag > this.options.maxLagSeconds) {
        this.video.currentTime = Math.max(ranges.start(ranges.length - 1), end - this.options.liveSyncSeconds);
      } else if (now - ranges.start(0) > this.options.keepSeconds + 5) {
        sb.remove(0, now - this.options.keepSeconds);
        return;
      }
      // a little behind: play slightly faster until back at liveSyncSeconds (jumps would stutter)
      this.video.playbackRate = lag > 2 * this.options.liveSyncSeconds ? this.options.catchUpRate : 1;
      if (this.video.paused) {
        this.video.play().catch(() => {}); // autoplay may need muted or a gesture; the page decides
      }
    }

    fail(message) {
      if (!this.stats.error) {
        this.stats.error = message;
      }
      if (this.options.onError) {
        this.options.onError(message);
      }
    }
  }

  RtmpMsePlayer.codecsOf = codecsOf;
  RtmpMsePlayer.children = children;
  global.RtmpMsePlayer = RtmpMsePlayer;
})(typeof window !== "undefined" ? window : globalThis);
