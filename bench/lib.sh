# Shared by the benchmark scripts (sourced): a process's family, its CPU ticks, waiting for a port.

# The process and its children (nginx master + worker).
family() { echo "$1"; pgrep -P "$1" || true; }

# "utime stime" of the process and its children, in clock ticks (fields 14, 15 of /proc/PID/stat,
# counted after the ")" that ends the comm field).
cpu_ticks() {
    local u=0 k=0 p f
    for p in $(family "$1"); do
        [[ -r /proc/$p/stat ]] || continue
        read -r -a f <<< "$(sed 's/.*) //' "/proc/$p/stat")"
        u=$((u + f[11])); k=$((k + f[12]))
    done
    echo "$u $k"
}

# Waits up to 10 s until something accepts connections on 127.0.0.1:PORT.
wait_port() {
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2; return 1
}
