"""``conflictkg push``: graphs to a remote store (SPARQL 1.1 Graph Store Protocol)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConflictKGError
from ._common import fail, main, source_arguments


@main.command()
@source_arguments
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph) or "
    "http://localhost:8890/sparql-graph-crud-auth (Virtuoso).",
)
@click.option(
    "--graph",
    metavar="IRI",
    default=None,
    help="Put everything into this one graph (default: each named graph under its own "
    "IRI; a Turtle file to the default graph).",
)
@click.option(
    "--method",
    type=click.Choice(["PUT", "POST"], case_sensitive=False),
    default="PUT",
    show_default=True,
    help="PUT replaces each graph (pushing twice changes nothing); POST adds to it.",
)
@click.option("--user", default=None, help="User name (HTTP Digest or Basic, as asked).")
@click.option(
    "--password",
    default=None,
    envvar="CONFLICTKG_PASSWORD",
    help="Password for --user (or the environment variable CONFLICTKG_PASSWORD, which "
    "keeps it out of the process list).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds to wait for each request.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Tries again after a 5xx answer or a refused connection, waiting longer each time.",
)
def push(
    file: Path | None,
    store: Path | None,
    endpoint: str,
    graph: str | None,
    method: str,
    user: str | None,
    password: str | None,
    timeout: float,
    retries: int,
) -> None:
    """Push a corpus store (--store DIR) or an RDF FILE to a remote store over the SPARQL
    1.1 Graph Store HTTP Protocol, graph by graph, and check each graph's triple count.
    """
    from ..store.http import Retry
    from ..store.push import push as push_to

    if (file is None) == (store is None):
        raise click.UsageError("give either --store DIR or FILE, not both or neither")
    if password is not None and user is None:
        raise click.UsageError("--password needs --user")
    source = file if file is not None else store
    assert source is not None
    try:
        result = push_to(
            source,
            endpoint,
            graph=graph,
            method="POST" if method.upper() == "POST" else "PUT",
            user=user,
            password=password,
            timeout=timeout,
            retry=Retry(attempts=retries + 1),
        )
    except ConflictKGError as exc:
        fail(str(exc))
    for pushed in result.graphs:
        name = f"<{pushed.graph}>" if pushed.graph else "default graph"
        click.echo(f"{result.method} {name}: {pushed.sent} triples (remote: {pushed.remote})")
    graphs = "graph" if len(result.graphs) == 1 else "graphs"
    click.echo(f"pushed: {len(result.graphs)} {graphs}, {result.triples} triples to {endpoint}")
