#!/usr/bin/env python3
"""Slow clients against a running vangnet: opens N connections that send half a request and
then one byte now and then (slowloris), and meanwhile times ordinary requests of a normal user.
Prints the normal requests' times with the baseline measured in the same run before the slow
connections opened, as ratios (bench/README: figures are ratios, never timed tests).

    bench/slow_clients.py --port 8080 [--slow 500] [--requests 50]
"""
import argparse
import socket
import statistics
import time


def timed_get(port, path="/api/v1/health"):
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, data.split(b" ", 2)[1].decode() if data else "none"


def sample(port, n):
    times, statuses = [], []
    for _ in range(n):
        ms, status = timed_get(port)
        times.append(ms)
        statuses.append(status)
    return times, statuses


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--slow", type=int, default=500)
    ap.add_argument("--requests", type=int, default=50)
    args = ap.parse_args()
    for _ in range(100):  # the server may still be starting
        try:
            timed_get(args.port)
            break
        except OSError:
            time.sleep(0.1)
    base, _ = sample(args.port, args.requests)
    slow = []
    for _ in range(args.slow):
        s = socket.create_connection(("127.0.0.1", args.port), timeout=10)
        s.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000\r\n\r\n{")
        slow.append(s)
    # One more byte on each: a slow sender that keeps its connection busy.
    for s in slow:
        try:
            s.sendall(b" ")
        except OSError:
            pass
    loaded, statuses = sample(args.port, args.requests)
    for s in slow:
        s.close()
    p50b, p50l = statistics.median(base), statistics.median(loaded)
    p99b = sorted(base)[int(len(base) * 0.99) - 1]
    p99l = sorted(loaded)[int(len(loaded) * 0.99) - 1]
    ok = sum(1 for s in statuses if s == "200")
    print(f"normal requests: {ok}/{len(statuses)} answered 200 with {args.slow} slow connections open")
    print(f"p50 {p50l:.1f} ms (baseline {p50b:.1f} ms, ratio {p50l / p50b:.2f})")
    print(f"p99 {p99l:.1f} ms (baseline {p99b:.1f} ms, ratio {p99l / p99b:.2f}); max {max(loaded):.1f} ms")


if __name__ == "__main__":
    main()
