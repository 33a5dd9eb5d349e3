#!/usr/bin/env bash
# Fan-out benchmark: nginx-rtmp vs rtmp4j, one after the other, each server pinned to one CPU and
# the load tool (java -jar examples/target/rtmp4j.jar load) to another. One synthetic publisher
# (KBPS kbit/s in all: video at FPS fps, keyframe every 2 s, and real AAC-LC audio, 44.1 kHz, 43.07 frames/s,
# about 128 kbit/s; NO_AUDIO=1 for video only) and N players per run, on 127.0.0.1 only.
#
# Reports per server and N: server CPU seconds (utime+stime of the server's processes, from /proc)
# per delivered GB and against nginx-rtmp's, players kept up, video latency p50/p99 (and steady p99), audio
# latency p99 (and steady p99), time to first keyframe p50/p99, peak RSS so far (VmHWM), and the client's (load tool's)
# CPU over the steady window with server+client CPU per GB (on loopback the kernel's receive path is charged to
# whichever side runs it, and a saturated client shifts it off the server). It prints its
# settings as a command line and the git HEAD first.
#
# HTTP-FLV rows: the publisher stays RTMP (synthetic), the players GET http://127.0.0.1:P/live/bench.flv
# (load --http-flv, same event loop and measurements): rtmp4j-http is rtmp4j serving HTTP-FLV, nms-http is
# Node-Media-Server 4.x (npm install node-media-server@4 into NMS_DIR when missing; node 18+ needed).
#
# Needs: root (apt-get, once), Debian/Ubuntu packages nginx + libnginx-mod-rtmp, Java 17+, python3,
# node + npm for nms-http, and a built jar: mvn -B -pl examples -am package -DskipTests
#
# RTMPS row: rtmp4j-tls is rtmp4j with publisher and players on --rtmps-port (TLS on the same event loops, the JDK's
# SSLEngine, a throwaway EC P-256 certificate made by keytool in the work directory, players pinning it); compare its
# CPU per GB with the rtmp4j row of the same run (the difference is the encryption, see bench/aes-gcm.sh).
#
# The "floor" rows are no RTMP server: `rtmp4j.jar write-floor serve` writes the publisher's messages (same
# rate, same video and AAC frame sizes) to every connection with no protocol at all, one write(2) per message
# (floor-msg: 73/s at 30 fps with audio) or one per video frame carrying the audio due since the last one
# (floor-av: 30/s), and `write-floor sink` reads them like the load tool's players. Their CPU per GB is what the
# kernel charges a perfect sender for that write pattern on this machine: the lower bound for any server at
# that latency.
#
# rtmp4j-nohold is rtmp4j with --audio-hold 0 (audio written as it comes, not held for the next video frame).
#
# Environment: N_LIST ("100 500 1000"), DURATION (30 s), KBPS (2000), FPS (30), NO_AUDIO (0),
#   SERVERS ("nginx floor-msg floor-av rtmp4j rtmp4j-nohold rtmp4j-http", the rows of issue 17's bar; also
#   rtmp4j-mw, rtmp4j-tls, nms-http; rtmp4j-mw is rtmp4j with merged writes: --merged-write-delay MERGED_WRITE_MS (100)),
#   SERVER_CPU (0), LOAD_CPU (1), NGINX_PORT (19351), RTMP4J_PORT (19352), FLOOR_PORT (19353),
#   RTMP4J_HTTP_PORT (19354), NMS_RTMP_PORT (19355), NMS_HTTP_PORT (19356), RTMP4J_TLS_PORT (19357), NMS_DIR (bench/out/nms),
#   RTMP4J_JAVA_OPTS ("-Xms64m -Xmx128m -XX:+UseSerialGC"), LOAD_JAVA_OPTS ("-Xmx512m"),
#   RTMP4J_EXTRA_ARGS (extra "server" options), SERVER_JAR (JAR: the rtmp4j server's jar), SKIP_INSTALL (1 to never call apt-get),
#   RAMP_RATE (200: players started per second, 0 = all at once),
#   WARMUP (10: seconds of each unmeasured warm-up run, 0 = none), WARMUP_ROUNDS (3: warm-up runs per server),
#   WARMUP_PLAYERS (the largest N: players per warm-up run).
# Each server runs once for all N (like a long-running server); CPU is measured per N as a delta, over the whole run
# (ramp, steady part, disconnects) and over the steady part alone (every player playing, to the end of DURATION: the
# server's CPU sampled every 0.2 s, interpolated at the window the load tool reports, divided by the bytes the players
# read in it). The warm-up runs exist for the JVM's JIT: code run once per connection reaches the C2 compiler only after
# a few thousand connections, and one warm-up of 200 players left it compiling (2.3 s of C2 time) inside the measured
# N = 1000 run. nginx and Node-Media-Server get the same warm-up.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/examples/target/rtmp4j.jar}
SERVER_JAR=${SERVER_JAR:-$JAR} # the rtmp4j server's jar (the load tool always runs from JAR): an A/B of two builds
N_LIST=${N_LIST:-"100 500 1000"}
DURATION=${DURATION:-30}
KBPS=${KBPS:-2000}
FPS=${FPS:-30}
NO_AUDIO=${NO_AUDIO:-0}
SERVERS=${SERVERS:-"nginx floor-msg floor-av rtmp4j rtmp4j-nohold rtmp4j-http"}
MERGED_WRITE_MS=${MERGED_WRITE_MS:-100}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
NGINX_PORT=${NGINX_PORT:-19351}
RTMP4J_PORT=${RTMP4J_PORT:-19352}
FLOOR_PORT=${FLOOR_PORT:-19353}
RTMP4J_JAVA_OPTS=${RTMP4J_JAVA_OPTS:-"-Xms64m -Xmx128m -XX:+UseSerialGC"}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:-"-Xmx512m"}
RTMP4J_EXTRA_ARGS=${RTMP4J_EXTRA_ARGS:-""}
WARMUP=${WARMUP:-10}
RAMP_RATE=${RAMP_RATE:-200}
WARMUP_PLAYERS=${WARMUP_PLAYERS:-$(echo "$N_LIST" | tr ' ' '\n' | sort -n | tail -1)}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-3}
RTMP4J_HTTP_PORT=${RTMP4J_HTTP_PORT:-19354}
NMS_RTMP_PORT=${NMS_RTMP_PORT:-19355}
NMS_HTTP_PORT=${NMS_HTTP_PORT:-19356}
RTMP4J_TLS_PORT=${RTMP4J_TLS_PORT:-19357}
SCHEME=rtmp
TLS_PIN=""
NMS_DIR=${NMS_DIR:-$ROOT/bench/out/nms}
NMS_APP=$NMS_DIR/node_modules/node-media-server/bin/app.js
NGINX_MODULE=/usr/lib/nginx/modules/ngx_rtmp_module.so
HZ=$(getconf CLK_TCK)

[[ -f "$JAR" ]] || { echo "missing $JAR: run mvn -B -pl examples -am package -DskipTests" >&2; exit 1; }
AUDIO_ARGS=()
[[ "$NO_AUDIO" == 1 ]] && AUDIO_ARGS=(--no-audio)
# What was run, so that a result table can be reproduced: the settings as one command line, and the commit.
COMMAND="N_LIST=\"$N_LIST\" DURATION=$DURATION KBPS=$KBPS FPS=$FPS NO_AUDIO=$NO_AUDIO SERVERS=\"$SERVERS\" WARMUP=${WARMUP:-10}"
COMMAND+=" WARMUP_ROUNDS=${WARMUP_ROUNDS:-3} WARMUP_PLAYERS=${WARMUP_PLAYERS:-max N} RAMP_RATE=${RAMP_RATE:-200} SERVER_CPU=${SERVER_CPU:-0} LOAD_CPU=${LOAD_CPU:-1} MERGED_WRITE_MS=$MERGED_WRITE_MS"
COMMAND+=" RTMP4J_JAVA_OPTS=\"${RTMP4J_JAVA_OPTS:-"-Xms64m -Xmx128m -XX:+UseSerialGC"}\" RTMP4J_EXTRA_ARGS=\"${RTMP4J_EXTRA_ARGS:-}\" bash bench/fanout.sh"
[[ "$SERVER_JAR" == "$JAR" ]] || COMMAND="SERVER_JAR=$SERVER_JAR $COMMAND"
HEAD=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
[[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]] || HEAD+=" (with uncommitted changes)"
echo "command: $COMMAND" >&2
echo "git HEAD: $HEAD" >&2
if [[ " $SERVERS " == *" nginx "* ]] && { ! command -v nginx >/dev/null || [[ ! -f $NGINX_MODULE ]]; }; then
    [[ "${SKIP_INSTALL:-0}" == 1 ]] && { echo "nginx with the RTMP module is not installed" >&2; exit 1; }
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx libnginx-mod-rtmp
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [[ " $SERVERS " == *" nms-http "* ]] && [[ ! -f $NMS_APP ]]; then
    [[ "${SKIP_INSTALL:-0}" == 1 ]] && { echo "Node-Media-Server is not installed in $NMS_DIR" >&2; exit 1; }
    command -v npm >/dev/null || { echo "nms-http needs node and npm" >&2; exit 1; }
    mkdir -p "$NMS_DIR"
    npm install --prefix "$NMS_DIR" --no-audit --no-fund node-media-server@4 >&2
fi

WORK=$(mktemp -d /tmp/rtmp4j-fanout.XXXXXX)
SERVER_PID=""
LOAD_PID=""
stop() { # pid: TERM, then KILL after 5 s
    local pid=$1
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
SAMPLER_PID=""
sample_cpu() { # pid file: "epoch-ms user sys client-user client-sys" ticks every 0.2 s until stopped
    # (the server's process family; the client is the load tool or sink whose pid run_load writes to $WORK/client.pid,
    # "- -" while there is none)
    local u k cu ck c
    while kill -0 "$1" 2>/dev/null; do
        read -r u k <<< "$(cpu_ticks "$1")"
        c=$(cat "$WORK/client.pid" 2>/dev/null || true)
        cu=-; ck=-
        if [[ -n "$c" ]] && kill -0 "$c" 2>/dev/null; then read -r cu ck <<< "$(cpu_ticks "$c")"; fi
        echo "$(date +%s%3N) $u $k $cu $ck" >> "$2"
        sleep 0.2
    done
}
cleanup() {
    stop "$SAMPLER_PID"; stop "$LOAD_PID"; stop "$SERVER_PID"
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

peak_rss_kb() {
    local k=0 p
    for p in $(family "$1"); do
        [[ -r /proc/$p/status ]] || continue
        k=$((k + $(awk '/^VmHWM:/ {print $2}' "/proc/$p/status")))
    done
    echo "$k"
}
start_nginx() {
    mkdir -p "$WORK/nginx/logs"
    cat > "$WORK/nginx/nginx.conf" <<CONF
load_module $NGINX_MODULE;
daemon off;
worker_processes 1;
worker_rlimit_nofile 16384;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 8192; }
rtmp {
    server {
        listen 127.0.0.1:$NGINX_PORT;
        chunk_size 4096;
        application live { live on; }
    }
}
CONF
    taskset -c "$SERVER_CPU" "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" > "$WORK/nginx/out.log" 2>&1 &
    SERVER_PID=$!
    PORT=$NGINX_PORT
    HTTP_PORT=""
    CLIENT=load
}

start_rtmp4j_with() { # server options (--no-http or --http-port P, ...)
    # shellcheck disable=SC2086
    taskset -c "$SERVER_CPU" java $RTMP4J_JAVA_OPTS -jar "$SERVER_JAR" server --host 127.0.0.1 --port "$RTMP4J_PORT" \
        --max-connections 4096 --max-connections-per-ip 4096 --log-level warn $RTMP4J_EXTRA_ARGS "$@" > "$WORK/rtmp4j.log" 2>&1 &
    SERVER_PID=$!
    PORT=$RTMP4J_PORT
    HTTP_PORT=""
    CLIENT=load
}

start_rtmp4j() {
    start_rtmp4j_with --no-http
}

start_rtmp4j-nohold() { # audio written as it comes (--audio-hold 0), not held for the next video frame
    start_rtmp4j_with --no-http --audio-hold 0
}

start_rtmp4j-mw() {
    start_rtmp4j_with --no-http --merged-write-delay "$MERGED_WRITE_MS"
}

start_rtmp4j-tls() { # RTMPS publisher and players; a throwaway certificate, pinned by the load tool
    local ks=$WORK/tls.p12
    [[ -f $ks ]] || keytool -genkeypair -alias bench -keyalg EC -groupname secp256r1 -dname CN=localhost \
        -ext SAN=ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$ks" -storepass benchpw -keypass benchpw >/dev/null 2>&1
    TLS_PIN=$(keytool -list -v -keystore "$ks" -storepass benchpw | awk '/SHA256:/ {print $2; exit}')
    RTMP_TLS_KEYSTORE_PASSWORD=benchpw start_rtmp4j_with --no-http --rtmps-port "$RTMP4J_TLS_PORT" --tls-keystore "$ks"
    PORT=$RTMP4J_TLS_PORT
    SCHEME=rtmps
}

start_rtmp4j-http() { # RTMP publisher, HTTP-FLV players
    start_rtmp4j_with --http-port "$RTMP4J_HTTP_PORT"
    HTTP_PORT=$RTMP4J_HTTP_PORT
}

start_nms-http() { # Node-Media-Server 4.x: RTMP publisher, HTTP-FLV players at /APP/KEY.flv
    mkdir -p "$WORK/nms"
    taskset -c "$SERVER_CPU" node "$NMS_APP" --bind 127.0.0.1 --rtmp-port "$NMS_RTMP_PORT" --http-port "$NMS_HTTP_PORT" \
        --no-admin --data-path "$WORK/nms" > "$WORK/nms/out.log" 2>&1 &
    SERVER_PID=$!
    PORT=$NMS_RTMP_PORT
    HTTP_PORT=$NMS_HTTP_PORT
    CLIENT=load
}

start_floor() { # write-floor serve options (--mode per-message|per-frame)
    # shellcheck disable=SC2086
    taskset -c "$SERVER_CPU" java $RTMP4J_JAVA_OPTS -jar "$JAR" write-floor serve --host 127.0.0.1 --port "$FLOOR_PORT" \
        --kbps "$KBPS" --fps "$FPS" "${AUDIO_ARGS[@]}" "$@" > "$WORK/floor.log" 2>&1 &
    SERVER_PID=$!
    PORT=$FLOOR_PORT
    HTTP_PORT=""
    CLIENT=sink # no RTMP: the write-floor reader stands in for the load tool
}

start_floor-msg() { # one write(2) per message
    start_floor --mode per-message
}

start_floor-av() { # one write(2) per video frame, with the audio due since the last one
    start_floor --mode per-frame
}

run_load() { # port n duration -> $WORK/load.out; the client is the one the last start_* chose (CLIENT)
    local cmd=(load "$SCHEME://127.0.0.1:$1/live/bench" --synthetic "$KBPS" --fps "$FPS" "${AUDIO_ARGS[@]}" --loops 1)
    [[ -n "$TLS_PIN" ]] && cmd+=(--tls-pin "$TLS_PIN")
    [[ -n "$HTTP_PORT" ]] && cmd+=(--http-flv "http://127.0.0.1:$HTTP_PORT/live/bench.flv")
    [[ "$CLIENT" == sink ]] && cmd=(write-floor sink --host 127.0.0.1 --port "$1" --kbps "$KBPS")
    # shellcheck disable=SC2086
    taskset -c "$LOAD_CPU" java $LOAD_JAVA_OPTS -jar "$JAR" "${cmd[@]}" \
        --players "$2" --duration "$3" --ramp-rate "$RAMP_RATE" --json > "$WORK/load.out" 2>&1 &
    LOAD_PID=$!
    echo "$LOAD_PID" > "$WORK/client.pid"
    wait "$LOAD_PID" || { echo "load tool failed (N=$2):" >&2; cat "$WORK/load.out" >&2; }
    LOAD_PID=""
    rm -f "$WORK/client.pid"
}

RESULTS=$WORK/results.jsonl
: > "$RESULTS"
for server in $SERVERS; do
    # One server process per server type, measured per N as CPU deltas; a warm-up run first
    # (JIT compilation for the JVM) that is not measured. WARMUP=0 measures from a cold start.
    SCHEME=rtmp; TLS_PIN=""
    "start_$server"
    if ! { wait_port "$PORT" && { [[ -z "$HTTP_PORT" ]] || wait_port "$HTTP_PORT"; }; }; then
        # e.g. rtmp4j-nohold on a build without --audio-hold: report it and go on with the other rows
        echo "$server did not start; its output:" >&2
        for log in "$WORK"/*.log "$WORK"/*/out.log; do if [[ -f "$log" ]]; then tail -n 5 "$log" >&2; fi; done
        stop "$SERVER_PID"; SERVER_PID=""
        continue
    fi
    sleep 1
    for ((round = 1; WARMUP > 0 && round <= WARMUP_ROUNDS; round++)); do
        run_load "$PORT" "$WARMUP_PLAYERS" "$WARMUP"
        sed "s/^/[$server warm-up $round] /" "$WORK/load.out" | grep -v '{' >&2 || true
        sleep 1
    done
    for n in $N_LIST; do
        read -r u0 k0 <<< "$(cpu_ticks "$SERVER_PID")"
        : > "$WORK/cpu.samples"
        sample_cpu "$SERVER_PID" "$WORK/cpu.samples" &
        SAMPLER_PID=$!
        taskset -p -c "$LOAD_CPU" "$SAMPLER_PID" > /dev/null
        run_load "$PORT" "$n" "$DURATION"
        sleep 0.5 # a CPU sample after the steady window's end, which comes just before the load tool exits
        stop "$SAMPLER_PID"; SAMPLER_PID=""
        read -r u1 k1 <<< "$(cpu_ticks "$SERVER_PID")"
        rss=$(peak_rss_kb "$SERVER_PID")
        json=$(grep '^{' "$WORK/load.out" | tail -1 || true)
        [[ -n "$json" ]] || json='{}'
        samples=$(awk 'BEGIN{printf "["} {printf "%s[%s,%s,%s]", (NR>1?",":""), $1, $2, $3} END{printf "]"}' "$WORK/cpu.samples")
        client=$(awk 'BEGIN{printf "["} $4 != "-" {printf "%s[%s,%s,%s]", (n++?",":""), $1, $4, $5} END{printf "]"}' "$WORK/cpu.samples")
        echo "{\"server\":\"$server\",\"n\":$n,\"cpuTicks\":$((u1 + k1 - u0 - k0)),\"userTicks\":$((u1 - u0)),\"hz\":$HZ,\"rssKb\":$rss,\"cpuSamples\":$samples,\"clientCpuSamples\":$client,\"load\":$json}" >> "$RESULTS"
        grep -v '^{' "$WORK/load.out" | sed "s/^/[$server N=$n] /" >&2 || true
        sleep 2 # let the players' disconnects settle before the next CPU sample
    done
    stop "$SERVER_PID"; SERVER_PID=""
done

mkdir -p "$ROOT/bench/out" && cp "$RESULTS" "$ROOT/bench/out/fanout-results.jsonl" # the raw rows, kept for a closer look
python3 - "$RESULTS" "$DURATION" "$KBPS" "$WARMUP" "$RAMP_RATE" "$FPS" "$NO_AUDIO" "$COMMAND" "$HEAD" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
duration, kbps, warmup, ramp, fps, no_audio, command, head = sys.argv[2:10]
audio = "no audio" if no_audio == "1" else "AAC 44.1 kHz (43.07 frames/s)"
print(f"\ncommand: {command}\ngit HEAD: {head}")
print(f"\nFan-out: 1 publisher at {kbps} kbit/s in all (video {fps} fps, {audio}), {duration} s per run, warm-up {warmup} s,"
      f" players join at {ramp}/s (0: all at once), server pinned to one CPU (taskset), load tool (1 event loop) to another\n")
print("| server | N | kept up | delivered GB | server CPU s (user+sys) | CPU s/GB | x nginx | steady CPU s/GB (user+sys, GB)"
      " | steady x nginx | client CPU % | server+client steady CPU s/GB | both x nginx | video p50 ms | video p99 ms"
      " | video steady p99 ms | audio p99 ms | audio steady p99 ms | TTFK p50 ms | TTFK p99 ms | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
per_gb = {}
steady_gb = {}
def f(v, d=1):
    return "n/a" if v is None else f"{v:.{d}f}"
def at(samples, t, i):
    """Ticks (column i: 1 user, 2 sys) at epoch-ms t, interpolated between the samples around it."""
    for a, b in zip(samples, samples[1:]):
        if a[0] <= t <= b[0]:
            return a[i] + (b[i] - a[i]) * ((t - a[0]) / (b[0] - a[0]) if b[0] > a[0] else 0)
    return None
def steady(r):
    """(CPU s, user s, GB) over the steady window the load tool reported, or None."""
    l = r["load"]; sm = r.get("cpuSamples") or []
    t0, t1, b = l.get("steadyStartEpochMs"), l.get("steadyEndEpochMs"), l.get("steadyBytes")
    if not (t0 and t1 and b and len(sm) > 1):
        return None
    u0, u1, k0, k1 = at(sm, t0, 1), at(sm, t1, 1), at(sm, t0, 2), at(sm, t1, 2)
    if None in (u0, u1, k0, k1):
        return None
    return ((u1 + k1 - u0 - k0) / r["hz"], (u1 - u0) / r["hz"], b / 1e9)
def client(r):
    """(client CPU s, window s) of the load tool (or sink) over the same steady window, or None."""
    l = r["load"]; sm = r.get("clientCpuSamples") or []
    t0, t1 = l.get("steadyStartEpochMs"), l.get("steadyEndEpochMs")
    if not (t0 and t1 and t1 > t0 and len(sm) > 1):
        return None
    # the client exits just after the window ends, often before the sampler saw it there: its rate up to its last
    # sample stands for the rest of the window (at most 0.2 s of 20)
    end = min(t1, sm[-1][0])
    if end - t0 < 0.8 * (t1 - t0):
        return None
    c = [at(sm, t, i) for t in (t0, end) for i in (1, 2)]
    if None in c:
        return None
    return ((c[2] + c[3] - c[0] - c[1]) / r["hz"] * (t1 - t0) / (end - t0), (t1 - t0) / 1000)
both_gb = {}
client_cpu = {}
for r in rows:
    l = r["load"]; cpu = r["cpuTicks"] / r["hz"]; gb = l.get("bytes", 0) / 1e9
    per_gb[(r["server"], r["n"])] = cpu / gb if gb > 0 else None
    st = steady(r)
    steady_gb[(r["server"], r["n"])] = st[0] / st[2] if st and st[2] > 0 else None
    cl = client_cpu[(r["server"], r["n"])] = client(r)
    both_gb[(r["server"], r["n"])] = (st[0] + cl[0]) / st[2] if st and cl and st[2] > 0 else None
for r in rows:
    l = r["load"]; cpu = r["cpuTicks"] / r["hz"]; gb = l.get("bytes", 0) / 1e9
    cpg = per_gb[(r["server"], r["n"])]
    base = per_gb.get(("nginx", r["n"]))
    x = cpg / base if cpg and base else None
    st = steady(r); scpg = steady_gb[(r["server"], r["n"])]; sbase = steady_gb.get(("nginx", r["n"]))
    sx = scpg / sbase if scpg and sbase else None
    sdesc = f"{f(scpg, 2)} ({st[1]:.2f}+{st[0] - st[1]:.2f} s, {st[2]:.2f} GB)" if st else "n/a"
    cl = client_cpu[(r["server"], r["n"])]; busy = 100 * cl[0] / cl[1] if cl else None
    bcpg = both_gb[(r["server"], r["n"])]; bbase = both_gb.get(("nginx", r["n"]))
    bx = bcpg / bbase if bcpg and bbase else None
    print(f"| {r['server']} | {r['n']} | {l.get('keptUp','?')}/{r['n']} | {gb:.2f} | {cpu:.2f} ({r['userTicks']/r['hz']:.2f}+{cpu - r['userTicks']/r['hz']:.2f}) | {f(cpg, 2)} | {f(x, 2)} | "
          f"{sdesc} | {f(sx, 2)} | {f(busy, 0)} | {f(bcpg, 2)} | {f(bx, 2)} | "
          f"{f(l.get('latencyP50Ms'))} | {f(l.get('latencyP99Ms'))} | {f(l.get('steadyP99Ms'))} | {f(l.get('audioP99Ms'))} | {f(l.get('audioSteadyP99Ms'))} | "
          f"{f(l.get('ttfkP50Ms'))} | {f(l.get('ttfkP99Ms'))} | {r['rssKb']/1024:.0f} |")
for variant, base in (("rtmp4j-nohold", "rtmp4j"), ("rtmp4j-tls", "rtmp4j"), ("rtmp4j-http", "rtmp4j"),
                      ("nms-http", "rtmp4j-http"), ("rtmp4j", "floor-msg"), ("rtmp4j", "floor-av")):
    for name, table in (("whole run", per_gb), ("steady part", steady_gb)):
        ratios = [(n, table[(variant, n)] / table[(base, n)]) for (s, n) in table
                  if s == variant and table.get((base, n)) and table[(variant, n)]]
        if ratios:
            print(f"\n{variant} CPU per GB relative to {base} ({name}): " + ", ".join(f"N={n}: {x:.2f}x" for n, x in ratios))
print("\nfloor-msg and floor-av are no RTMP server but a protocol-free sender (write-floor serve) writing the same messages,"
      " one write(2) per message or one per video frame with its audio, per connection: the kernel's price for that"
      " write pattern (no latency measured). x nginx: CPU per GB over nginx-rtmp's at the same N in this run.")
print("client CPU %: the load tool's (or sink's) CPU over the steady window, of its one CPU; near 100 the client no longer"
      " drains its sockets at once, and on loopback the kernel then charges more of the receive path to the client and"
      " less to the server. server+client: both processes' CPU over the steady window per GB, which that shift does not"
      " move (the load tool's own RTMP parsing is in it too).")
PY
