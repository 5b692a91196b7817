"""``conflictkg serve``: the SPARQL endpoint and the explorer page over HTTP on 127.0.0.1.

Routes (all read-only):

- ``/``: the explorer page, and ``/static/...`` what it loads (``static/``: the page, its
  script and style sheet, and the vendored Cytoscape.js; nothing comes from elsewhere);
- ``/sparql``: the SPARQL 1.1 Protocol (:mod:`conflictkg.view.protocol`);
- ``/api/style``, ``/api/search?q=``, ``/api/neighbourhood?actor=&depth=&relation=&
  min_confidence=``, ``/api/evidence?subject=&relation=&object=&min_confidence=``: JSON
  for the page, from :mod:`conflictkg.view.neighbourhood`.

The server listens on 127.0.0.1 only and answers only requests addressed to it by that
name or ``localhost`` (a web page elsewhere cannot reach it through DNS rebinding). The
page's Content-Security-Policy lets it load and fetch from the server alone.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Callable
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from ..errors import ConflictKGError, QueryError
from .evidence import evidence
from .neighbourhood import EdgeFilter, find_actors, neighbourhood
from .protocol import MAX_BODY, Response, sparql_response
from .style import load_style

__all__ = ["HOST", "STATIC", "ExplorerServer", "serve"]

HOST = "127.0.0.1"
STATIC = Path(__file__).resolve().parent / "static"
MAX_DEPTH = 3
_PAGE_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def _json(data: object, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status, "application/json; charset=utf-8", body)


def _fail(status: int, message: str) -> Response:
    return _json({"error": message}, status)


def _one(params: dict[str, list[str]], name: str, default: str | None = None) -> str:
    values = params.get(name)
    if not values:
        if default is None:
            raise QueryError(f"missing parameter {name!r}")
        return default
    return values[0]


def _edge_filter(params: dict[str, list[str]]) -> EdgeFilter:
    relations = [r for value in params.get("relation", []) for r in value.split(",") if r]
    try:
        minimum = float(_one(params, "min_confidence", "0"))
    except ValueError as exc:
        raise QueryError(f"min_confidence must be a number: {exc}") from exc
    if relations:
        return EdgeFilter(tuple(relations), minimum)
    return EdgeFilter(min_confidence=minimum)


class _Api:
    """The JSON answers of the explorer page over one store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def style(self, params: dict[str, list[str]]) -> Response:
        return _json(load_style().as_json())

    def search(self, params: dict[str, list[str]]) -> Response:
        query = _one(params, "q", "")
        found = find_actors(self.store, query)
        actors = [
            {**asdict(m.actor), "name": m.name, "names": m.names, "sentences": m.sentences}
            for m in found
        ]
        return _json({"query": query, "actors": actors})

    def neighbourhood(self, params: dict[str, list[str]]) -> Response:
        centre = params.get("actor", [])
        if not centre:
            raise QueryError("missing parameter 'actor' (an actor's IRI; it may repeat)")
        try:
            depth = int(_one(params, "depth", "1"))
        except ValueError as exc:
            raise QueryError(f"depth must be a whole number: {exc}") from exc
        if not 0 <= depth <= MAX_DEPTH:
            raise QueryError(f"depth {depth} is not between 0 and {MAX_DEPTH}")
        hood = neighbourhood(self.store, centre, depth, _edge_filter(params))
        edges = [{"id": e.key, **asdict(e)} for e in hood.edges]
        return _json(
            {"centre": hood.centre, "actors": [asdict(a) for a in hood.actors], "edges": edges}
        )

    def evidence(self, params: dict[str, list[str]]) -> Response:
        sentences = evidence(
            self.store,
            _one(params, "subject"),
            _one(params, "relation"),
            _one(params, "object"),
            _edge_filter(params).min_confidence,
        )
        return _json({"sentences": [asdict(s) for s in sentences]})


class _Handler(BaseHTTPRequestHandler):
    server: ExplorerServer
    server_version = "conflictkg"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _other(self) -> None:
        self._send(_fail(405, f"{self.command} is not allowed: this server is read-only"))

    do_PUT = do_DELETE = do_PATCH = _other

    def _answer(self, head: bool = False) -> None:
        host = (self.headers.get("Host") or "").lower()
        if host and host not in self.server.hosts:
            self._send(_fail(403, f"unknown host {host!r}: use {self.server.url}"))
            return
        url = urlsplit(self.path)
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self._send(_fail(411, "send the body with a Content-Length"), close=True)
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._send(_fail(413 if length > 0 else 400, "bad request body length"), close=True)
            return
        body = self.rfile.read(length) if length else b""
        if url.path == "/sparql":
            headers = {name.lower(): value for name, value in self.headers.items()}
            method = "GET" if head else self.command
            response = sparql_response(self.server.store, method, url.query, headers, body)
        elif self.command == "POST":
            response = _fail(405, "POST is answered only at /sparql")
        else:
            response = self.server.route(url.path, parse_qs(url.query))
        self._send(response, head=head)

    def _send(self, response: Response, head: bool = False, close: bool = False) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if response.content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", _PAGE_POLICY)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not head:
            self.wfile.write(response.body)


class ExplorerServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 answering for one store. ``port=0`` picks a free port;
    :attr:`url` tells which. Use :meth:`serve_forever` and :meth:`shutdown` (or ``with``)."""

    daemon_threads = True

    def __init__(
        self, store: ox.Store, port: int = 0, log: Callable[[str], None] | None = None
    ) -> None:
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as exc:
            raise ConflictKGError(
                f"cannot listen on {HOST}:{port}: {exc.strerror or exc}; choose another --port"
            ) from exc
        self.store = store
        self.log = log
        self.port = int(self.server_address[1])
        self.url = f"http://{HOST}:{self.port}/"
        self.hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}
        self.api = _Api(store)
        self.files = {
            "/static/" + p.relative_to(STATIC).as_posix(): p
            for p in sorted(STATIC.rglob("*"))
            if p.is_file()
        }
        self.files["/"] = STATIC / "explorer.html"

    def route(self, path: str, params: dict[str, list[str]]) -> Response:
        if path in self.files:
            media = mimetypes.guess_type(path if path != "/" else "index.html")[0]
            charset = (
                "; charset=utf-8" if media and media.startswith(("text/", "application/j")) else ""
            )
            return Response(
                200,
                f"{media or 'application/octet-stream'}{charset}",
                self.files[path].read_bytes(),
            )
        handler = {
            "/api/style": self.api.style,
            "/api/search": self.api.search,
            "/api/neighbourhood": self.api.neighbourhood,
            "/api/evidence": self.api.evidence,
        }.get(path)
        if handler is None:
            return _fail(404, f"nothing at {path}")
        try:
            return handler(params)
        except QueryError as exc:
            return _fail(400, str(exc))
        except ConflictKGError as exc:  # a broken bundled file: say so, keep serving
            return _fail(500, str(exc))


def serve(
    store: ox.Store,
    port: int = 8000,
    ready: Callable[[ExplorerServer], None] | None = None,
    log: Callable[[str], None] | None = None,
) -> None:
    """Serve ``store`` on 127.0.0.1:``port`` until interrupted (Ctrl-C); ``ready`` is told
    the server once it listens. Raises :class:`ConflictKGError` if the port is taken."""
    server = ExplorerServer(store, port, log)
    try:
        if ready is not None:
            ready(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
