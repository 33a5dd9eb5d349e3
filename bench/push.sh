#!/usr/bin/env bash
# Push relay benchmark (issue 15 "Proof"): server CPU per delivered GB of one stream pushed to 10 destinations
# (--push, 10 relays on their own connections) against the same stream played by 10 RTMP players, on 127.0.0.1.
#
# The measured server A is pinned to SERVER_CPU; the publisher (rtmp4j.jar load --synthetic KBPS: 30 fps video and real
# AAC audio, KBPS kbit/s in all, keyframe every 2 s), the players and the destination server B (another rtmp4j taking the 10 pushes as 10 streams
# in/bench_0 .. in/bench_9) run on LOAD_CPU. CPU is utime+stime of A from /proc over DURATION seconds after a
# WARMUP-second unmeasured run; delivered bytes are N x KBPS x DURATION (nominal), and for the push run the relays'
# own byte counts from A's GET /api/v1/relays are printed beside it.
#
# Needs: Java 17+, python3, curl, a built jar (mvn -B -pl examples -am package -DskipTests).
# Environment: N (10), DURATION (30), WARMUP (5), KBPS (2000), SERVER_CPU (0), LOAD_CPU (1),
#   A_PORT (19361), A_HTTP_PORT (19362), B_PORT (19363), JAVA_OPTS ("-Xms64m -Xmx256m -XX:+UseSerialGC").
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/examples/target/rtmp4j.jar}
N=${N:-10}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
KBPS=${KBPS:-2000}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
A_PORT=${A_PORT:-19361}
A_HTTP_PORT=${A_HTTP_PORT:-19362}
B_PORT=${B_PORT:-19363}
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx256m -XX:+UseSerialGC"}
HZ=$(getconf CLK_TCK)

[[ -f "$JAR" ]] || { echo "missing $JAR: run mvn -B -pl examples -am package -DskipTests" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

WORK=$(mktemp -d /tmp/rtmp4j-push.XXXXXX)
PIDS=()
stop() { # pid: TERM, then KILL after 5 s
    local pid=$1
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    local p
    for p in "${PIDS[@]}"; do stop "$p"; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

server() { # cpu name args... -> pid in SERVER_PID
    local cpu=$1 name=$2
    shift 2
    # shellcheck disable=SC2086
    taskset -c "$cpu" java $JAVA_OPTS -jar "$JAR" server --host 127.0.0.1 --log-level warn --no-hls \
        --status-interval 0 "$@" > "$WORK/$name.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
}

load() { # players seconds
    # shellcheck disable=SC2086
    taskset -c "$LOAD_CPU" java -Xmx512m -jar "$JAR" load "rtmp://127.0.0.1:$A_PORT/live/bench" --synthetic "$KBPS" \
        --players "$1" --duration "$2" --json > "$WORK/load.out" 2>&1 || { cat "$WORK/load.out" >&2; return 1; }
}

measure() { # label players pid
    local label=$1 players=$2 pid=$3 u0 k0 u1 k1
    [[ "$WARMUP" -gt 0 ]] && load "$players" "$WARMUP"
    read -r u0 k0 <<< "$(cpu_ticks "$pid")"
    load "$players" "$DURATION"
    read -r u1 k1 <<< "$(cpu_ticks "$pid")"
    python3 - "$label" "$u0" "$k0" "$u1" "$k1" "$HZ" "$N" "$KBPS" "$DURATION" "$WORK/load.out" <<'PY'
import json, sys
label, u0, k0, u1, k1, hz, n, kbps, dur, out = sys.argv[1:]
cpu = (int(u1) + int(k1) - int(u0) - int(k0)) / int(hz)
gb = int(n) * int(kbps) * 1000 / 8 * int(dur) / 1e9
kept = ''
for line in open(out):
    if line.startswith('{'):
        j = json.loads(line)
        kept = ' load: ' + ', '.join(f'{k}={j[k]}' for k in ('players', 'keptUp', 'framesReceived') if k in j)
print(f'{label}: {cpu:.2f} s CPU for {gb:.3f} GB nominal -> {cpu / gb:.1f} CPU s/GB{kept}')
PY
}

# 1) push: A pushes live/bench to B as in/bench_0 .. in/bench_{N-1}
server "$LOAD_CPU" dest --port "$B_PORT" --no-http --max-streams 0
rules=()
for i in $(seq 0 $((N - 1))); do rules+=(--push "live/*=rtmp://127.0.0.1:$B_PORT/in/{key}_$i"); done
server "$SERVER_CPU" source-push --port "$A_PORT" --http-port "$A_HTTP_PORT" "${rules[@]}"
A_PID=$SERVER_PID
wait_port "$B_PORT"; wait_port "$A_PORT"
( sleep $((WARMUP + DURATION / 2 + 2)); curl -s "http://127.0.0.1:$A_HTTP_PORT/api/v1/relays" > "$WORK/relays.json" ) &
measure "push to $N destinations" 0 "$A_PID"
python3 - "$WORK/relays.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["relays"]
print(f"  mid-run: {len(r)} relays, states {sorted(set(x['state'] for x in r))}, "
      f"{sum(x['bytes'] for x in r) / 1e6:.1f} MB pushed so far, retries {sum(x['retries'] for x in r)}")
PY
stop "$A_PID"

# 2) players: the same stream to N RTMP players of A
server "$SERVER_CPU" source-players --port "$A_PORT" --no-http
A_PID=$SERVER_PID
wait_port "$A_PORT"
measure "$N RTMP players" "$N" "$A_PID"
