"""The web app as a person feels it: from pressing Save on the seed decree to its preview shown.

Starts `keputusan serve` as its own process on a copy of content/, then over HTTP, N times:
save the seed with one menimbang changed (POST /simpan), fetch the preview fragment and every
page image (what the browser does next). Prints min / median of the whole round trip and of
its parts, and, as a baseline in the same run, `keputusan build SEED --format pdf` as a new
process (what a user without the app runs to see the same pages).

    .venv/bin/python bench/bench_web.py [--runs 10]

Target (issue 15): the preview refreshed after a save in <= 0.5 s for the seed.
"""

from __future__ import annotations

import argparse
import html
import http.cookiejar
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from _common import CLI, ROOT, Times, met

NAME = "kpts-800-1199-2023-iku-iki.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-web-") as scratch:
        folder = Path(scratch)
        shutil.copytree(ROOT / "content", folder / "content")
        port = free_port()
        server = subprocess.Popen(
            [CLI, "serve", "content", "--port", str(port), "--no-browser"],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
            )
            started = time.monotonic()
            while True:
                try:
                    opener.open(base + "/", timeout=2).read()
                    break
                except OSError:
                    if time.monotonic() - started > 30:
                        sys.exit("the server did not start")
                    time.sleep(0.05)
            print(f"server answered {time.monotonic() - started:.2f} s after start")
            page = opener.open(f"{base}/k/{NAME}").read().decode()
            opener.open(f"{base}/k/{NAME}/pratinjau").read()  # warm: the first preview of the process
            whole, save, preview = Times(), Times(), Times()
            for run in range(args.runs):
                token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
                digest = re.search(r'name="base" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
                kerja = html.unescape(re.search(r'name="kerja" value="([^"]*)"', page, re.S).group(1))  # type: ignore[union-attr]
                form = {
                    "_csrf": token,
                    "base": digest,
                    "kerja": kerja,
                    "v.menimbang.1.teks": f"Bahwa uji {run}",
                }
                t0 = time.perf_counter()
                page = (
                    opener.open(f"{base}/k/{NAME}/simpan", urllib.parse.urlencode(form).encode())
                    .read()
                    .decode()
                )
                t1 = time.perf_counter()
                fragment = opener.open(f"{base}/k/{NAME}/pratinjau").read().decode()
                for src in re.findall(r'src="([^"]+\.png[^"]*)"', fragment):
                    opener.open(base + html.unescape(src)).read()
                t2 = time.perf_counter()
                assert "Bahwa uji" in page, "not saved"
                save.add(t1 - t0)
                preview.add(t2 - t1)
                whole.add(t2 - t0)
        finally:
            server.terminate()
            server.wait(10)
        cli = Times()
        for _ in range(max(3, args.runs // 2)):
            t0 = time.perf_counter()
            subprocess.run(
                [CLI, "build", f"content/{NAME}", "--format", "pdf", "-o", "out"], cwd=folder, check=True,
                capture_output=True,
            )  # fmt: skip
            cli.add(time.perf_counter() - t0)
    print(
        f"save -> preview shown (whole round trip): {whole.cell()}  {met(whole.median <= 0.5)} (target 0.5 s)"
    )
    print(f"  save (POST, check, write, page):         {save.cell()}")
    print(f"  preview (PDF, pages to PNG, images):     {preview.cell()}")
    print(f"baseline, `keputusan build SEED --format pdf` as a process: {cli.cell()}")


if __name__ == "__main__":
    main()
