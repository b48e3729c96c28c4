"""Open a report in headless Chromium and look at it as a reader would.

    python -m analysis.browser reports/report.html --png docs/report.png [--height 2400]

Drives the browser over the DevTools protocol (one WebSocket): loads the page at 1,280 px
wide, collects console errors, uncaught exceptions, error log entries and any request that
leaves the file (the report must work offline), measures every `<section>` and `<img>`,
and saves a screenshot. `check_page` returns all of that for tests; the command prints it
and exits non-zero when the page has errors.
"""

from __future__ import annotations

import argparse
import base64
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
)
WIDTH = 1280
LOCAL_SCHEMES = ("file:", "data:", "about:")
TIMEOUT = 60.0  # seconds for the browser to start and the page to load

# Run in the page: the size and visibility of each section and image.
MEASURE = """(() => {
  const seen = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.display !== "none" && s.visibility !== "hidden" && s.opacity !== "0";
  };
  const section = (el) => (el.closest("section") || {}).id || null;
  return {
    title: document.title,
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    sections: [...document.querySelectorAll("section")].map((s) => ({
      id: s.id, heading: (s.querySelector("h2") || {}).textContent || "", visible: seen(s),
      top: Math.round(s.getBoundingClientRect().top + scrollY), height: Math.round(s.getBoundingClientRect().height), tables: s.querySelectorAll("table").length})),
    images: [...document.images].map((i) => ({
      alt: i.alt, section: section(i), visible: seen(i), loaded: i.complete && i.naturalWidth > 0,
      width: Math.round(i.getBoundingClientRect().width), height: Math.round(i.getBoundingClientRect().height)})),
  };
})()"""


class BrowserError(RuntimeError):
    """Chromium is missing, did not start, or did not load the page in time."""


@dataclass
class PageCheck:
    title: str
    width: int  # px of the document, > WIDTH means a horizontal scroll bar
    height: int
    sections: list[dict]
    images: list[dict]
    errors: list[str] = field(default_factory=list)  # console errors, exceptions, error log entries
    requests: list[str] = field(default_factory=list)  # URLs fetched from outside the file
    screenshot: Path | None = None


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if found := shutil.which(name):
            return found
    return None


class _DevTools:
    """A minimal DevTools client: numbered commands, events kept until read."""

    def __init__(self, url: str):
        from websockets.sync.client import connect  # late: only the browser check needs it

        self.ws = connect(url, max_size=None, open_timeout=TIMEOUT)
        self.ids = itertools.count(1)
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        msg_id = next(self.ids)
        msg = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv(timeout=TIMEOUT))
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, deadline: float) -> None:
        while not any(e.get("method") == method for e in self.events):
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError(f"timed out waiting for {method}")
            self.events.append(json.loads(self.ws.recv(timeout=left)))

    def close(self) -> None:
        self.ws.close()


def _devtools_url(profile: Path, proc: subprocess.Popen, deadline: float) -> str:
    """Chromium writes its DevTools port and path to DevToolsActivePort in the profile."""
    port_file = profile / "DevToolsActivePort"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            stderr = proc.stderr.read() if proc.stderr is not None else ""  # a pipe: see `check_page`
            raise BrowserError(f"chromium exited with {proc.returncode}: {stderr[-2000:]}")
        lines = port_file.read_text().split() if port_file.exists() else []
        if len(lines) >= 2:
            return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        time.sleep(0.1)
    raise BrowserError("chromium did not open its DevTools port")


def _problems(events: list[dict]) -> tuple[list[str], list[str]]:
    errors, requests = [], []
    for e in events:
        method, p = e.get("method"), e.get("params", {})
        if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            errors.append(
                "console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"])
            )
        elif method == "Runtime.exceptionThrown":
            errors.append("exception: " + p["exceptionDetails"].get("text", ""))
        elif method == "Log.entryAdded" and p["entry"]["level"] == "error":
            errors.append(f"log: {p['entry']['text']} {p['entry'].get('url', '')}".strip())
        elif method == "Network.requestWillBeSent" and not p["request"]["url"].startswith(LOCAL_SCHEMES):
            requests.append(p["request"]["url"])
    return errors, requests


def check_page(html: Path, png: Path | None = None, max_height: int | None = None) -> PageCheck:
    """Load `html` in headless Chromium at 1,280 px wide; errors, layout and a screenshot
    (of the whole page, or its top `max_height` px) saved to `png`."""
    chromium = find_chromium()
    if chromium is None:
        raise BrowserError("no Chromium found: install it (Debian: apt-get install chromium)")
    deadline = time.monotonic() + TIMEOUT
    # Chromium's helper processes may still be writing the profile as it exits: clean-up is best effort.
    with tempfile.TemporaryDirectory(prefix="councilpapers-chromium-", ignore_cleanup_errors=True) as tmp:
        profile = Path(tmp)
        cmd = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={WIDTH},900",
            "about:blank",
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            cdp = _DevTools(_devtools_url(profile, proc, deadline))
            try:
                return _inspect(cdp, Path(html), png, max_height, deadline)
            finally:
                cdp.close()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _inspect(
    cdp: _DevTools, html: Path, png: Path | None, max_height: int | None, deadline: float
) -> PageCheck:
    target = cdp.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = cdp.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        cdp.send(f"{domain}.enable", session=session)
    metrics = {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False}
    cdp.send("Emulation.setDeviceMetricsOverride", metrics, session=session)
    cdp.events.clear()
    cdp.send("Page.navigate", {"url": html.resolve().as_uri()}, session=session)
    cdp.wait_for("Page.loadEventFired", deadline)
    measured = cdp.send("Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session=session)
    page = measured["result"]["value"]
    errors, requests = _problems(cdp.events)
    check = PageCheck(
        page["title"], page["width"], page["height"], page["sections"], page["images"], errors, requests
    )
    if png is not None:
        height = min(page["height"], max_height or page["height"])
        shot = cdp.send(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1},
            },
            session=session,
        )
        png.parent.mkdir(parents=True, exist_ok=True)
        png.write_bytes(base64.b64decode(shot["data"]))
        check.screenshot = png
    return check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.browser", description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path, help="the report page")
    parser.add_argument("--png", type=Path, help="where to save the screenshot")
    parser.add_argument(
        "--height", type=int, help="screenshot only the top HEIGHT px (default: the whole page)"
    )
    args = parser.parse_args(argv)
    check = check_page(args.html, args.png, args.height)
    for s in check.sections:
        print(
            f"section {s['id']:<20} {'visible' if s['visible'] else 'HIDDEN':<8} {s['height']:>6} px  {s['heading']}"
        )
    for i in check.images:
        print(
            f"chart   {i['section'] or '-':<20} {'visible' if i['visible'] and i['loaded'] else 'NOT SHOWN':<8} {i['width']}x{i['height']}  {i['alt']}"
        )
    for problem in [*check.errors, *(f"request: {u}" for u in check.requests)]:
        print(problem, file=sys.stderr)
    print(
        f"page {check.width}x{check.height} px"
        + (f", screenshot {check.screenshot}" if check.screenshot else "")
    )
    return 1 if check.errors or check.requests else 0


if __name__ == "__main__":
    sys.exit(main())
