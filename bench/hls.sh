#!/usr/bin/env bash
# HLS segment serving benchmark: rtmp4j answering from memory against nginx serving the same files
# that rtmp4j wrote with --hls-dir, in the same run, measured by the same client (rtmp4j.jar load-http:
# N keep-alive clients GET one cached media segment in a closed loop).
#
# One stream: `load --players 0 --publish media/h264-aac-avatar.flv` publishes the shared H.264/AAC
# file in real time, looped, to rtmp4j (server --hls-always-on --hls-dir DIR). Once the playlist lists
# a segment, the script reads its URI, then runs load-http against
#   rtmp4j: http://127.0.0.1:RTMP4J_HTTP_PORT/live/bench/<segment>   (from memory)
#   nginx:  http://127.0.0.1:NGINX_PORT/live/bench/<segment>          (the file in DIR, sendfile on)
# each server pinned to SERVER_CPU and the client to LOAD_CPU, and reports requests/s, latency p50/p99
# and the server's CPU seconds (utime+stime from /proc) per 1000 requests.
#
# Needs: nginx (Debian package), Java 17+, a built jar (mvn -B -pl examples -am package -DskipTests).
# Environment: CLIENTS (500), DURATION (20 s), SERVER_CPU (0), LOAD_CPU (1), RTMP4J_PORT (19362),
#   RTMP4J_HTTP_PORT (19363), NGINX_PORT (19364), RTMP4J_JAVA_OPTS ("-Xms64m -Xmx256m -XX:+UseSerialGC"),
#   RTMP4J_EXTRA_ARGS (extra "server" options; default "--hls-segments 60" so the measured segment outlives the
#   run: with the default 7 kept it would expire after about 14 s), SKIP_INSTALL (1: never apt-get).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/examples/target/rtmp4j.jar}
MEDIA=${MEDIA:-$ROOT/media/h264-aac-avatar.flv}
CLIENTS=${CLIENTS:-500}
DURATION=${DURATION:-20}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
RTMP4J_PORT=${RTMP4J_PORT:-19362}
RTMP4J_HTTP_PORT=${RTMP4J_HTTP_PORT:-19363}
NGINX_PORT=${NGINX_PORT:-19364}
RTMP4J_JAVA_OPTS=${RTMP4J_JAVA_OPTS:-"-Xms64m -Xmx256m -XX:+UseSerialGC"}
RTMP4J_EXTRA_ARGS=${RTMP4J_EXTRA_ARGS:-"--hls-segments 60"}
HZ=$(getconf CLK_TCK)

[[ -f "$JAR" ]] || { echo "missing $JAR: run mvn -B -pl examples -am package -DskipTests" >&2; exit 1; }
if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
    [[ "${SKIP_INSTALL:-0}" == 1 ]] && { echo "nginx is not installed" >&2; exit 1; }
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d /tmp/rtmp4j-hls-bench.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 0.5
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cpu_total() { local u k; read -r u k <<< "$(cpu_ticks "$1")"; echo $((u + k)); }

mkdir -p "$WORK/hls"
# shellcheck disable=SC2086
taskset -c "$SERVER_CPU" java $RTMP4J_JAVA_OPTS -jar "$JAR" server --host 127.0.0.1 --port "$RTMP4J_PORT" \
    --http-port "$RTMP4J_HTTP_PORT" --hls-always-on --hls-dir "$WORK/hls" $RTMP4J_EXTRA_ARGS > "$WORK/rtmp4j.log" 2>&1 &
RTMP4J_PID=$!; PIDS+=("$RTMP4J_PID")
wait_port "$RTMP4J_HTTP_PORT"
taskset -c "$LOAD_CPU" java -Xmx256m -jar "$JAR" load "rtmp://127.0.0.1:$RTMP4J_PORT/live/bench" --players 0 \
    --publish "$MEDIA" --duration $((DURATION * 3 + 60)) > "$WORK/publisher.log" 2>&1 &
PIDS+=("$!")

# The newest whole media segment the playlist lists (a URI line: parts are in EXT-X-PART tags).
SEGMENT=""
for _ in $(seq 200); do
    SEGMENT=$(curl -fsS "http://127.0.0.1:$RTMP4J_HTTP_PORT/live/bench.m3u8" 2>/dev/null \
        | grep -v '^#' | grep -v '^$' | tail -1 | sed 's/?.*//' || true)
    [[ -n "$SEGMENT" ]] && break
    sleep 0.1
done
[[ -n "$SEGMENT" ]] || { echo "no segment in the playlist; server log:" >&2; tail -20 "$WORK/rtmp4j.log" >&2; exit 1; }
NAME=$(basename "$SEGMENT")
FILE=$(find "$WORK/hls" -name "$NAME" -print -quit)
[[ -n "$FILE" ]] || { echo "$NAME is not in --hls-dir $WORK/hls" >&2; find "$WORK/hls" >&2; exit 1; }
SIZE=$(stat -c %s "$FILE")
# Keep a copy beside the others so nginx still finds it after rtmp4j expires it.
REL=${FILE#"$WORK/hls/"}
mkdir -p "$WORK/static/$(dirname "$REL")"
cp "$FILE" "$WORK/static/$REL"
# nginx's workers run as an unprivileged user: mktemp -d made WORK readable by its owner only.
chmod 755 "$WORK"
chmod -R a+rX "$WORK/static"

mkdir -p "$WORK/nginx/logs"
cat > "$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
worker_rlimit_nofile 16384;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 8192; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types { video/mp4 m4s mp4; video/mp2t ts; application/vnd.apple.mpegurl m3u8; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/static;
        location / { add_header Cache-Control "public, max-age=31536000, immutable"; }
    }
}
CONF
taskset -c "$SERVER_CPU" "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" > "$WORK/nginx/out.log" 2>&1 &
NGINX_PID=$!; PIDS+=("$NGINX_PID")
wait_port "$NGINX_PORT"

echo "segment $REL ($SIZE bytes), $CLIENTS clients, $DURATION s each; server on CPU $SERVER_CPU, client on CPU $LOAD_CPU"
printf '%-8s %12s %10s %10s %10s %8s %16s\n' server "requests/s" "p50 ms" "p99 ms" "non-200" failures "CPU ms/1000 req"
run() { # name pid url
    local before after json
    before=$(cpu_total "$2")
    json=$(taskset -c "$LOAD_CPU" java -Xmx512m -jar "$JAR" load-http "$3" --clients "$CLIENTS" --duration "$DURATION" --json \
        | grep '^{')
    after=$(cpu_total "$2")
    python3 - "$1" "$json" "$((after - before))" "$HZ" <<'PY'
import json, sys
name, j, ticks, hz = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
cpu_ms = ticks * 1000.0 / hz
per_k = cpu_ms / max(1, j["responses"]) * 1000
print(f'{name:<8} {j["requestsPerSecond"]:12.0f} {j["latencyP50Ms"]:10.2f} {j["latencyP99Ms"]:10.2f} {j["non200"]:10d} {j["failures"]:8d} {per_k:16.1f}')
PY
}
case "$SEGMENT" in
    /*) URL="http://127.0.0.1:$RTMP4J_HTTP_PORT$SEGMENT" ;;
    http://*) URL=$SEGMENT ;;
    *) URL="http://127.0.0.1:$RTMP4J_HTTP_PORT/live/$SEGMENT" ;; # relative to /live/bench.m3u8
esac
run rtmp4j "$RTMP4J_PID" "$URL"
run nginx "$NGINX_PID" "http://127.0.0.1:$NGINX_PORT/$REL"
