"""A real HTTP server on 127.0.0.1 serving recorded ModernGov responses, for offline tests.

Routes come from a manifest (fixtures/moderngov/site.toml) and can be overridden per test,
including scripted sequences (503 then 200), slow answers and bodies dripped byte by byte. Every request is logged with
its arrival time so tests can check politeness (interval, User-Agent, date formats).

    with FixtureServer(FIXTURES) as server:
        server.route("/medway/mgConvert2PDF.aspx", {"ID": "990005"}, Reply(503), Reply(file="pdf/a.pdf"))
        ... scrape against server.base_url ...
"""

from __future__ import annotations

import hashlib
import threading
import time
import tomllib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import parse_qsl, unquote, urlsplit

CONTENT_TYPES = {
    ".xml": "text/xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
}
LAST_MODIFIED = "Wed, 12 Nov 2025 09:00:00 GMT"


@dataclass
class Reply:
    status: int = 200
    file: str | None = None  # relative to the fixture root
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (to provoke client timeouts)
    drip: float = 0.0  # seconds between single bytes of the body (a slow drip)
    location: str | None = None  # for redirects


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() on arrival
    path: str
    query: dict[str, str]
    headers: dict[str, str]


def _key(query: dict[str, str]) -> frozenset[tuple[str, str]]:
    return frozenset((k.lower(), v) for k, v in query.items())


class FixtureServer:
    def __init__(self, root: str | Path, manifest: str = "site.toml"):
        self.root = Path(root)
        self.routes: dict[tuple[str, frozenset], list[Reply]] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        for entry in tomllib.loads((self.root / manifest).read_text(encoding="utf-8")).get("route", []):
            query = entry.pop("query", {})
            path = entry.pop("path")
            self.route(path, query, Reply(**entry))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def route(self, path: str, query: dict[str, str] | None = None, *replies: Reply) -> None:
        """Answer `path` (+ these query parameters, case-insensitive names) with `replies` in
        turn; the last one repeats."""
        with self._lock:
            self.routes[(path, _key(query or {}))] = list(replies)

    def requests_to(self, path_part: str) -> list[Hit]:
        return [h for h in self.hits if path_part in h.path]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _next_reply(self, path: str, query: dict[str, str]) -> Reply | None:
        asked = _key(query)
        with self._lock:
            candidates = [(len(k), k) for (p, k) in self.routes if p == path and k <= asked]
            if not candidates:
                return None
            replies = self.routes[(path, max(candidates, key=lambda c: c[0])[1])]
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else each small answer waits ~20-40 ms for a delayed ACK

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                path, query = unquote(parts.path), dict(parse_qsl(parts.query, keep_blank_values=True))
                server.hits.append(Hit(time.monotonic(), path, query, dict(self.headers)))
                reply = server._next_reply(path, query)
                if reply is None:
                    return self._send(
                        404,
                        b"<html><body><h1>404 Not Found</h1></body></html>",
                        {"Content-Type": "text/html"},
                    )
                if reply.delay:
                    time.sleep(reply.delay)
                headers = dict(reply.headers)
                if reply.location:
                    headers["Location"] = reply.location
                body = reply.body
                if reply.file:
                    body = (server.root / reply.file).read_bytes()
                    headers.setdefault(
                        "Content-Type", CONTENT_TYPES.get(Path(reply.file).suffix, "application/octet-stream")
                    )
                if reply.status == 200 and body:
                    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                    headers.setdefault("ETag", etag)
                    headers.setdefault("Last-Modified", LAST_MODIFIED)
                    if self.headers.get("If-None-Match") == headers["ETag"]:
                        return self._send(304, b"", {"ETag": headers["ETag"]})
                self._send(reply.status, body, headers, reply.drip)

            def _send(self, status: int, body: bytes, headers: dict[str, str], drip: float = 0.0) -> None:
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if not drip:
                        self.wfile.write(body)
                    for i in range(len(body) if drip else 0):
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                        time.sleep(drip)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

        return Handler


FAST_SETTINGS = {
    "contact": "mailto:tests@councilpapers.invalid",
    "min_interval_s": 0.05,
    "timeout_s": 2.0,
    "max_retries": 3,
    "backoff_base_s": 0.05,
    "max_wait_s": 5.0,
    "deadline_s": 10.0,
}


def write_config(server: FixtureServer, path: str | Path, **settings: object) -> Path:
    """A council config pointing medway (web service) and kent (HTML pages) at `server`, as
    `--config FILE` would; `settings` override the fast test politeness settings."""
    values = {**FAST_SETTINGS, **settings}
    lines = ["[settings]"] + [f"{k} = {_toml(v)}" for k, v in values.items()]
    lines += [
        "",
        "[[councils]]",
        'slug = "medway"',
        'name = "Medway Council"',
        f'base_url = "{server.base_url}/medway"',
        'aliases = ["democracy.medway.gov.uk"]  # the mirrored XML carries the real site\'s URLs',
        'names = ["Medway Council"]',
        'email_domains = ["medway.gov.uk"]',
        "committees = [{ id = 408 }]",
        "",
        "[[councils]]",
        'slug = "kent"',
        'name = "Kent County Council"',
        f'base_url = "{server.base_url}/kent"',
        'names = ["Kent County Council", "KCC"]',
        'email_domains = ["kent.gov.uk"]',
        'committees = [{ pattern = "(?i)community safety" }]',
    ]
    path = Path(path)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
