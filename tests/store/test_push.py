"""Push over the SPARQL 1.1 Graph Store Protocol: against a real Oxigraph server and a real
Virtuoso started here on 127.0.0.1, and against scripted answers for retries and errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from store_servers import VIRTUOSO, free_port, oxigraph_server, virtuoso_server
from store_synthetic import document

from conflictkg.cli import main
from conflictkg.errors import StoreError
from conflictkg.rdf.mapping import to_graph
from conflictkg.rdf.serialize import serialize_turtle
from conflictkg.store.corpus import open_store
from conflictkg.store.http import Retry, new_client
from conflictkg.store.layout import ACTORS_GRAPH
from conflictkg.store.push import push, push_quads

A = document("a.txt", "Iran supports Hezbollah.\nHezbollah opposes Israel.\n", date="2016-01-10")
B = document("b.txt", "United States opposes Hezbollah.\nIran supports Syria.\n")
NO_WAIT = Retry(attempts=3, backoff=0.01)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("push") / "store"
    with open_store(path, create=True) as corpus:
        corpus.add([A, B], check_owl=False)
    return path


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as endpoint:
        yield endpoint


def _remote(endpoint: str, graph: str | None) -> set[ox.Triple]:
    params = {"graph": graph} if graph else None
    url = endpoint if graph else f"{endpoint}?default"
    answer = httpx.get(url, params=params, headers={"Accept": "application/n-triples"})
    answer.raise_for_status()
    return {q.triple for q in ox.parse(answer.content, format=ox.RdfFormat.N_TRIPLES)}


def _local(store: Path) -> dict[str, set[ox.Triple]]:
    with open_store(store, read_only=True) as corpus:
        graphs: dict[str, set[ox.Triple]] = {}
        for quad in corpus.quads():
            graphs.setdefault(quad.graph_name.value, set()).add(quad.triple)  # type: ignore[union-attr]
        return graphs


def test_a_store_goes_to_oxigraph_graph_by_graph(store: Path, oxigraph: str) -> None:
    result = push(store, oxigraph, retry=NO_WAIT)
    local = _local(store)
    assert {g.graph for g in result.graphs} == set(local) and ACTORS_GRAPH in local
    for name, triples in local.items():
        assert _remote(oxigraph, name) == triples
    assert all(g.sent == g.remote for g in result.graphs)


def test_put_is_idempotent_and_post_appends(store: Path, oxigraph: str, tmp_path: Path) -> None:
    graph = "https://example.org/graph/corpus"
    first = push(store, oxigraph, graph=graph, retry=NO_WAIT)
    second = push(store, oxigraph, graph=graph, retry=NO_WAIT)
    assert first.graphs == second.graphs and len(first.graphs) == 1
    with open_store(store, read_only=True) as corpus:
        union = {q.triple for q in corpus.quads()}
    assert _remote(oxigraph, graph) == union
    extra = tmp_path / "extra.ttl"
    extra.write_text("<https://example.org/x> <https://example.org/p> <https://example.org/y> .\n")
    added = push(extra, oxigraph, graph=graph, method="POST", retry=NO_WAIT)
    assert added.graphs[0].remote == len(union) + 1
    replaced = push(extra, oxigraph, graph=graph, method="PUT", retry=NO_WAIT)
    assert replaced.graphs[0].remote == 1


def test_a_file_goes_to_the_default_graph(oxigraph: str, tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_bytes(serialize_turtle(to_graph([A])))
    result = push(path, oxigraph, retry=NO_WAIT)
    assert result.graphs[0].graph is None
    assert len(_remote(oxigraph, None)) == result.graphs[0].sent == len(to_graph([A]))


def test_a_client_error_is_one_line_naming_the_status(store: Path, oxigraph: str) -> None:
    wrong = oxigraph.replace("/store", "/nothing-here")
    with pytest.raises(StoreError) as caught:
        push(store, wrong, retry=NO_WAIT)
    message = str(caught.value)
    assert "404" in message and "\n" not in message


def test_a_refused_connection_is_retried_then_reported(store: Path) -> None:
    waits: list[float] = []
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    retry = Retry(attempts=4, backoff=0.5, sleep=waits.append)
    with pytest.raises(StoreError, match=r"cannot connect .* after 4 attempts"):
        push(store, endpoint, retry=retry)
    assert waits == [0.5, 1.0, 2.0]


class Scripted:
    """Answers a Graph Store client from a script: 503 twice, then a store that works."""

    def __init__(self, failures: int, status: int = 503) -> None:
        self.failures, self.status = failures, status
        self.graphs: dict[str, bytes] = {}
        self.log: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.log.append(request.method)
        if self.failures:
            self.failures -= 1
            return httpx.Response(self.status, text="busy")
        name = request.url.params.get("graph", "")
        if request.method == "PUT":
            self.graphs[name] = request.content
            return httpx.Response(201)
        return httpx.Response(
            200,
            content=self.graphs.get(name, b""),
            headers={"Content-Type": "application/n-triples"},
        )


def _quads() -> list[ox.Quad]:
    return list(ox.parse(serialize_turtle(to_graph([A])), format=ox.RdfFormat.TURTLE))  # type: ignore[arg-type]


def test_server_errors_are_retried_with_backoff() -> None:
    script = Scripted(failures=2)
    waits: list[float] = []
    client = httpx.Client(transport=httpx.MockTransport(script))
    quads = [ox.Quad(q.subject, q.predicate, q.object) for q in _quads()]
    result = push_quads(
        quads,
        "http://stub/store",
        graph="https://g",
        client=client,
        retry=Retry(3, 0.25, waits.append),
    )
    assert script.log == ["PUT", "PUT", "PUT", "GET"]
    assert waits == [0.25, 0.5]
    assert result.graphs[0].remote == result.graphs[0].sent


def test_server_errors_that_last_are_reported() -> None:
    client = httpx.Client(transport=httpx.MockTransport(Scripted(failures=9)))
    with pytest.raises(StoreError, match=r"server error 503 .* after 3 attempts"):
        push_quads(_quads(), "http://stub/store", graph="https://g", client=client, retry=NO_WAIT)


@pytest.mark.parametrize("status", [401, 403, 413, 415])
def test_client_errors_are_not_retried(status: int) -> None:
    script = Scripted(failures=1, status=status)
    client = httpx.Client(transport=httpx.MockTransport(script))
    with pytest.raises(StoreError, match=f"PUT <https://g> to http://stub/store: {status}"):
        push_quads(_quads(), "http://stub/store", graph="https://g", client=client, retry=NO_WAIT)
    assert script.log == ["PUT"]


def test_a_remote_that_loses_triples_is_caught() -> None:
    class Lossy(Scripted):
        def __call__(self, request: httpx.Request) -> httpx.Response:
            answer = super().__call__(request)
            if request.method == "GET":
                lines = answer.content.splitlines(keepends=True)[1:]
                return httpx.Response(200, content=b"".join(lines), headers=answer.headers)
            return answer

    client = httpx.Client(transport=httpx.MockTransport(Lossy(failures=0)))
    with pytest.raises(StoreError, match=r"holds .* triples after PUT"):
        push_quads(_quads(), "http://stub/store", graph="https://g", client=client, retry=NO_WAIT)


def test_push_command(store: Path, oxigraph: str) -> None:
    result = CliRunner().invoke(main, ["push", "--store", str(store), "--endpoint", oxigraph])
    assert result.exit_code == 0, result.output
    assert f"PUT <{ACTORS_GRAPH}>" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("pushed: 3 graphs")
    refused = CliRunner().invoke(
        main,
        [
            "push",
            "--store",
            str(store),
            "--endpoint",
            f"http://127.0.0.1:{free_port()}/s",
            "--retries",
            "0",
        ],
    )
    assert refused.exit_code == 1
    assert refused.stderr.startswith("conflictkg: error: ") and refused.stderr.count("\n") == 1


# ------------------------------------------------------------------------------ Virtuoso


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if VIRTUOSO is None:
        pytest.skip("virtuoso-opensource is not installed (make test installs it as root)")
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as endpoint:
        yield endpoint


@pytest.mark.slow
def test_a_store_goes_to_virtuoso_with_digest_auth(store: Path, virtuoso: str) -> None:
    result = push(store, virtuoso, user="dba", password="dba", retry=NO_WAIT)
    local = _local(store)
    assert {g.graph: g.remote for g in result.graphs} == {g: len(t) for g, t in local.items()}
    again = push(store, virtuoso, user="dba", password="dba", retry=NO_WAIT)
    assert again.graphs == result.graphs  # PUT replaces: nothing doubles
    with new_client("dba", "dba") as client:
        answer = client.get(
            virtuoso, params={"graph": ACTORS_GRAPH}, headers={"Accept": "application/n-triples"}
        )
    assert {q.triple for q in ox.parse(answer.content, format=ox.RdfFormat.N_TRIPLES)} == local[
        ACTORS_GRAPH
    ]


@pytest.mark.slow
def test_virtuoso_refuses_a_wrong_password_in_one_line(store: Path, virtuoso: str) -> None:
    with pytest.raises(StoreError, match=r"401 Unauthorized .*--user, --password"):
        push(store, virtuoso, user="dba", password="wrong", retry=NO_WAIT)


@pytest.mark.slow
def test_the_push_command_takes_the_password_from_the_environment(
    store: Path, virtuoso: str
) -> None:
    args = ["push", "--store", str(store), "--endpoint", virtuoso, "--user", "dba"]
    result = CliRunner().invoke(main, args, env={"CONFLICTKG_PASSWORD": "dba"})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("pushed: 3 graphs")
