"""Servers the store tests start themselves on 127.0.0.1, on free ports, and stop.

* ``oxigraph serve`` (the PyPI package ``oxigraph`` ships the binary);
* Virtuoso (Debian ``virtuoso-opensource``, installed by ``make test`` as root), in a
  temporary folder with its own ``virtuoso.ini``;
* a W3C Reconciliation API stub (``http.server`` in a thread) that follows the spec.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import httpx

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_VSP = Path("/var/lib/virtuoso-opensource-7/vsp")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str, seconds: float, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}): {log.read_text()[-2000:]}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(url, timeout=2).status_code < 500:
                return
        time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} within {seconds} s: {log.read_text()[-2000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextlib.contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """``oxigraph serve`` on a free port; yields its Graph Store endpoint (``…/store``)."""
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(OXIGRAPH),
                "serve",
                "--location",
                str(folder / "data"),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait(f"http://127.0.0.1:{port}/", 30, process, log)
            yield f"http://127.0.0.1:{port}/store"
        finally:
            _stop(process)


_VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {vsp}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
"""


@contextlib.contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """A fresh Virtuoso (user ``dba``, password ``dba``) in ``folder``; yields its
    authenticated Graph Store endpoint (``…/sparql-graph-crud-auth``, HTTP Digest)."""
    assert VIRTUOSO is not None
    sql, http = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(d=folder, sql=sql, http=http, vsp=VIRTUOSO_VSP))
    log = folder / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [VIRTUOSO, "-f", "-c", str(ini)], cwd=folder, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            _wait(f"http://127.0.0.1:{http}/sparql?query=ASK%7B%7D", 120, process, log)
            yield f"http://127.0.0.1:{http}/sparql-graph-crud-auth"
        finally:
            _stop(process)


@dataclass
class ReconciliationStub:
    """A reconciliation service answering from ``entities`` (name -> list of results)."""

    entities: dict[str, list[dict[str, object]]]
    requests: list[str] = field(default_factory=list)
    url: str = ""

    def manifest(self) -> dict[str, object]:
        return {
            "versions": ["0.2"],
            "name": "stub reconciliation service",
            "identifierSpace": "http://www.wikidata.org/entity/",
            "schemaSpace": "http://www.wikidata.org/prop/direct/",
            "view": {"url": "https://www.wikidata.org/wiki/{{id}}"},
            "defaultTypes": [{"id": "Q43229", "name": "organization"}],
        }

    def answer(self, queries: dict[str, dict[str, object]]) -> dict[str, object]:
        out = {}
        for key, query in queries.items():
            results = self.entities.get(str(query["query"]), [])
            limit = int(query.get("limit", 3))  # type: ignore[call-overload]
            out[key] = {"result": results[:limit]}
        return out


def _handler(stub: ReconciliationStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            stub.requests.append("GET")
            self._send(200, stub.manifest())

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            form = parse_qs(self.rfile.read(length).decode())
            stub.requests.append("POST")
            if "queries" not in form:
                self._send(400, {"error": "no queries"})
                return
            self._send(200, stub.answer(json.loads(form["queries"][0])))

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextlib.contextmanager
def reconciliation_server(stub: ReconciliationStub) -> Iterator[ReconciliationStub]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/reconcile"
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


Sleep = Callable[[float], None]
