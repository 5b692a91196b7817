"""--engine dask: documents extracted on a Dask cluster (a LocalCluster of two worker
processes started here, on 127.0.0.1) give the same bytes as a single-process build, and
each worker loads the pipeline once."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from conflictkg.build import build_graph
from conflictkg.cli import main
from conflictkg.errors import ExtractionError
from conflictkg.extract.extractor import Extractor
from conflictkg.parallel import dask_engine
from conflictkg.parallel.batches import loads
from conftest import CORPUS_TEXTS, SEEDS


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as started:
        yield started


@pytest.mark.model
@pytest.mark.slow
def test_a_local_cluster_builds_the_single_process_graph(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    inputs = [CORPUS_TEXTS, SEEDS]
    single = build_graph(inputs, tmp_path / "one", extractor=Extractor.default(), check_owl=False)
    spread = build_graph(
        inputs,
        tmp_path / "dask",
        engine="dask",
        scheduler=cluster.scheduler_address,
        check_owl=False,
        keep_graph=False,
    )
    assert single.output and spread.output
    assert spread.engine.engine == "dask" and spread.engine.workers == 2
    assert spread.engine.batches == len(single.extractions) > 2  # both workers get some
    assert spread.output.read_bytes() == single.output.read_bytes()
    assert spread.summary == single.summary and sum(single.summary.relations.values()) > 50
    with Client(cluster) as client:
        per_worker = client.run(loads)
    assert sorted(per_worker.values()) == [1, 1], per_worker

    command = ["build", *map(str, inputs), "-o", str(tmp_path / "cli"), "--no-owl"]
    command += ["--engine", "dask", "--scheduler", cluster.scheduler_address]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    assert "of a Dask cluster)" in result.stdout.splitlines()[0]
    assert (tmp_path / "cli" / "conflictkg.ttl").read_bytes() == single.output.read_bytes()
    with Client(cluster) as client:
        assert sorted(client.run(loads).values()) == [1, 1]  # still once per worker


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "2s")
    address = f"tcp://127.0.0.1:{_free_port()}"
    with pytest.raises(ExtractionError, match=f"cannot reach the Dask scheduler at {address}"):
        build_graph([SEEDS], None, engine="dask", scheduler=address, check_owl=False)
    result = CliRunner().invoke(
        main, ["build", str(SEEDS), "-o", str(tmp_path), "--engine", "dask", "--scheduler", address]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"conflictkg: error: cannot reach the Dask scheduler at {address}"
    )
    assert result.stderr.count("\n") == 1
