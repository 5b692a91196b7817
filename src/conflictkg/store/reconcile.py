"""A client of the W3C Entity Reconciliation API (the protocol OpenRefine speaks).

The service is described by its manifest (``GET URL``: ``name``, ``identifierSpace``, ...);
queries go in batches as the form field ``queries`` of a ``POST URL``, a JSON object
``{"q0": {"query": "Hezbollah", "limit": 3}, ...}``, and the answer maps each key to
``{"result": [{"id", "name", "score", "match", "type": [{"id", "name"}]}]}``. A candidate's
IRI is the manifest's ``identifierSpace`` followed by its ``id`` (or the ``id`` itself when
it is already an absolute IRI).

Every answer is cached in a JSON file (in the store folder), keyed by service and query,
so a second run asks nothing and gives the same links. Nothing is sent unless asked.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from ..errors import StoreError
from ..rdf.serialize import write_bytes_atomic
from .http import Retry, new_client, send

__all__ = ["Candidate", "Reconciler"]

BATCH = 10
LIMIT = 3


@dataclass(frozen=True)
class Candidate:
    """One entity a service proposes for a name: IRI, name, score (0-1), whether the
    service calls it a match, and its type ids and names."""

    iri: str
    name: str
    score: float
    match: bool
    types: tuple[tuple[str, str], ...] = ()


class Reconciler:
    """Queries one reconciliation service, through a cache file."""

    def __init__(
        self,
        url: str,
        cache: Path,
        *,
        client: httpx.Client | None = None,
        retry: Retry | None = None,
    ) -> None:
        self.url = url
        self._cache_path = cache
        self._client = client or new_client(timeout=30.0)
        self._retry = retry or Retry()
        self._cache: dict[str, Any] = self._read_cache()
        self._space: str | None = None

    def _read_cache(self) -> dict[str, Any]:
        if not self._cache_path.is_file():
            return {}
        try:
            data = json.loads(self._cache_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}  # a damaged cache is only a cache

    def _save_cache(self) -> None:
        text = json.dumps(self._cache, ensure_ascii=True, sort_keys=True, indent=1) + "\n"
        write_bytes_atomic(self._cache_path, text.encode("ascii"))

    def _json(self, request: httpx.Request, what: str) -> Any:
        response = send(self._client, request, what, self._retry)
        try:
            return response.json()
        except ValueError as exc:
            raise StoreError(f"{what}: the service did not answer JSON") from exc

    def identifier_space(self) -> str:
        """The namespace of the service's entity IRIs, from its manifest (cached)."""
        if self._space is None:
            key = json.dumps(["manifest", self.url])
            if key not in self._cache:
                request = self._client.build_request("GET", self.url)
                self._cache[key] = self._json(request, f"manifest of {self.url}")
                self._save_cache()
            manifest = self._cache[key]
            space = manifest.get("identifierSpace") if isinstance(manifest, dict) else None
            if not isinstance(space, str) or not space:
                raise StoreError(f"{self.url}: the service manifest has no identifierSpace")
            self._space = space
        return self._space

    def candidates(self, names: Sequence[str]) -> dict[str, list[Candidate]]:
        """The candidates for each of ``names`` (asked in batches, answered from the cache
        when it has them)."""
        space = self.identifier_space()
        missing = [n for n in dict.fromkeys(names) if self._key(n) not in self._cache]
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            queries = {f"q{i}": {"query": name, "limit": LIMIT} for i, name in enumerate(batch)}
            request = self._client.build_request(
                "POST", self.url, data={"queries": json.dumps(queries)}
            )
            answer = self._json(request, f"reconciliation query to {self.url}")
            if not isinstance(answer, dict):
                raise StoreError(f"{self.url}: the reconciliation answer is not a JSON object")
            for i, name in enumerate(batch):
                found = answer.get(f"q{i}", {})
                self._cache[self._key(name)] = (
                    found.get("result", []) if isinstance(found, dict) else []
                )
            self._save_cache()
        return {name: self._parse(self._cache[self._key(name)], space) for name in names}

    def _key(self, name: str) -> str:
        return json.dumps(["query", self.url, name, LIMIT], ensure_ascii=True)

    def _parse(self, results: Any, space: str) -> list[Candidate]:
        found = []
        for item in results if isinstance(results, list) else []:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            identifier = item["id"]
            iri = identifier if "://" in identifier else f"{space}{identifier}"
            try:
                ox.NamedNode(iri)
            except ValueError:
                continue
            score = item.get("score", 0)
            score = float(score) if isinstance(score, int | float) else 0.0
            score = score / 100 if score > 1 else score
            types = tuple(
                (str(t.get("id", "")), str(t.get("name", "")))
                for t in item.get("type", []) or []
                if isinstance(t, dict)
            )
            name = item["name"] if isinstance(item.get("name"), str) else identifier
            found.append(
                Candidate(iri, name, max(0.0, min(score, 1.0)), item.get("match") is True, types)
            )
        return found

    def close(self) -> None:
        self._client.close()
