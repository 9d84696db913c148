"""Benchmark: start-up of each station window, from process start to the first painted window
and to the window showing the hub's data, with the peak memory of the process.

    .venv/bin/python bench/bench_startup.py [--runs 5] [--windows reception,counter,...]

A real hub (HubServer: uvicorn + SQLite in a temporary folder) runs in a child process on
loopback with the default Cửa Nam catalogue and counters, three counters open and 40 waiting
tickets, as on a normal morning. Then every window type starts `--runs` times, each time in a
fresh Python process (warm: the OS file cache already holds Python, Qt and the fonts after the
first start, which is what a station sees on every start but the first after boot). Measured
on CLOCK_MONOTONIC, which all processes share:

* **first paint**: from just before the process is spawned to the first Paint event of the
  window (the person sees a window, perhaps still empty);
* **ready**: to the first Paint after the window's `sig_ready` (the hub's data is on screen);
* **peak RSS**: `resource.getrusage(RUSAGE_SELF).ru_maxrss` in the child once ready.

Prints p50 and max per window. Target (not asserted): ready under 1.5 s warm. Qt renders on
the `offscreen` platform unless a display is available (DISPLAY / WAYLAND_DISPLAY) or
--platform says otherwise. Not part of the pytest run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = ("reception", "counter", "display", "supervisor", "kiosk", "launcher")
TIMEOUT_S = 60


def serve(data_dir: str, conn) -> None:
    """Hub child process: a morning's state, tokens for every station, then serve."""
    from onestop.compose import HubServer, build_hub
    from onestop.queue.operations import IssueRequest
    from onestop.serving import free_port
    from onestop.settings import Settings

    hub = build_hub(Settings(data_dir=Path(data_dir)))
    for number in (1, 2, 3):
        hub.store.set_counter_status(number, "open")
    services = ("2.000815", "1.001193", "local.guidance", "1.001612")
    with hub.store.write():
        for i in range(40):
            hub.store.issue(IssueRequest(services[i % len(services)]))
    tokens = {role: hub.auth.create_token(role)
              for role in ("reception", "display", "supervisor", "admin", "kiosk")}
    tokens["counter1"] = hub.auth.create_token("counter", 1)
    server = HubServer(hub, "127.0.0.1", free_port())
    server.start()
    conn.send({"url": server.url, "tokens": tokens})
    conn.recv()  # "stop"
    server.stop()
    hub.close()


def child(role: str, url: str, tokens: dict, data_dir: str) -> None:
    """One measured start: open the window, report times and peak RSS as one JSON line."""
    import resource

    from PySide6.QtCore import QEvent, QObject, QTimer

    from onestop.desktop.client import HubClient
    from onestop.desktop.qtapp import application
    from onestop.settings import Settings

    marks: dict[str, float] = {}
    settings = Settings(data_dir=Path(data_dir))
    app = application("vi")
    if role == "launcher":
        from onestop.desktop.launcher import LauncherWindow

        window = LauncherWindow(url, tokens, settings, lan_url=url)
        client = window.client
    else:
        from onestop.desktop.station import build_window

        client = HubClient(url, tokens[role if role != "counter" else "counter1"])
        options = {"number": 1} if role == "counter" else {}
        window = build_window(role, client, settings=settings, **options)

    def finish() -> None:
        marks["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps(marks), flush=True)
        app.quit()

    class Paints(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
            if obj is window and event.type() == QEvent.Type.Paint:
                now = time.monotonic()
                marks.setdefault("first_paint", now)
                if "ready" in marks and "ready_painted" not in marks:
                    marks["ready_painted"] = now
                    QTimer.singleShot(0, finish)
            return False

    def ready() -> None:
        marks["ready"] = time.monotonic()
        window.update()  # the data is in the widgets; make sure a paint follows

    watcher = Paints()
    window.installEventFilter(watcher)
    window.sig_ready.connect(ready)
    QTimer.singleShot(TIMEOUT_S * 1000, app.quit)
    if role != "launcher" and getattr(window, "live_events", True):
        client.start()  # the launcher starts its own connection; the kiosk has no stream
    window.show()
    app.exec()


def measure(role: str, hub: dict, env: dict, data_dir: str) -> dict:
    started = time.monotonic()
    out = subprocess.run([sys.executable, __file__, "--child", role, hub["url"],
                          json.dumps(hub["tokens"]), data_dir],
                         capture_output=True, text=True, env=env, timeout=TIMEOUT_S + 10)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"{role}: no measurement (exit {out.returncode}): "
                           f"{out.stderr.strip()[-600:]}")
    marks = json.loads(lines[-1])
    if "ready_painted" not in marks:
        raise RuntimeError(f"{role}: the window never showed the hub's data")
    return {"paint": marks["first_paint"] - started, "ready": marks["ready_painted"] - started,
            "rss_mb": marks["maxrss_kb"] / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per window")
    parser.add_argument("--windows", default=",".join(WINDOWS),
                        help=f"comma-separated, from {', '.join(WINDOWS)}")
    parser.add_argument("--platform", help="QT_QPA_PLATFORM for the windows (default: the "
                        "display if there is one, else offscreen)")
    args = parser.parse_args()
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    if args.platform:
        env["QT_QPA_PLATFORM"] = args.platform
    elif not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    shown_platform = env.get("QT_QPA_PLATFORM", "default (display)")

    with tempfile.TemporaryDirectory() as tmp:
        parent, other = mp.Pipe()
        hub_proc = mp.get_context("spawn").Process(target=serve, args=(f"{tmp}/hub", other))
        hub_proc.start()
        hub = parent.recv()
        rows = []
        try:
            for role in [w.strip() for w in args.windows.split(",") if w.strip()]:
                measure(role, hub, env, f"{tmp}/{role}")  # not counted: fills the file cache
                runs = [measure(role, hub, env, f"{tmp}/{role}") for _ in range(args.runs)]
                rows.append((role, runs))
                print(f"  {role}: done", file=sys.stderr, flush=True)
        finally:
            parent.send("stop")
            hub_proc.join(30)

    print(f"{dt.date.today()} · {cpu_model()} · {os.cpu_count()} logical cores · "
          f"Python {platform.python_version()} · QT_QPA_PLATFORM={shown_platform} · "
          f"{args.runs} warm runs per window")
    print(f"{'window':<12}{'first paint p50':>17}{'max':>8}{'ready p50':>12}{'max':>8}"
          f"{'peak RSS p50':>15}{'max':>9}")
    for role, runs in rows:
        paint = [r["paint"] * 1000 for r in runs]
        ready = [r["ready"] * 1000 for r in runs]
        rss = [r["rss_mb"] for r in runs]
        print(f"{role:<12}{statistics.median(paint):>14.0f} ms{max(paint):>5.0f} ms"
              f"{statistics.median(ready):>9.0f} ms{max(ready):>5.0f} ms"
              f"{statistics.median(rss):>12.0f} MB{max(rss):>6.0f} MB")
    worst = max((statistics.median([r["ready"] for r in runs]), role) for role, runs in rows)
    verdict = "met" if worst[0] < 1.5 else "NOT met"
    print(f"target: ready under 1.5 s warm (p50) - {verdict} (slowest: {worst[1]}, "
          f"{worst[0] * 1000:.0f} ms)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, role, url, tokens, data_dir = sys.argv
        child(role, url, json.loads(tokens), data_dir)
    else:
        main()
