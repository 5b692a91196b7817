"""HTTP for remote stores and services (httpx): timeouts, retries, credentials, one-line errors.

:func:`send` retries what may pass on a second try (a refused or dropped connection, a
time-out, a 5xx answer) with exponential backoff, and turns what will not (a 4xx answer)
into a :class:`~conflictkg.errors.StoreError` that names the status and what it usually
means. Credentials answer the server's challenge: HTTP Digest (Virtuoso) or Basic.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import dataclass

import httpx

from ..errors import StoreError

__all__ = ["ChallengeAuth", "Retry", "new_client", "send"]

_HINTS = {
    400: "the server could not read the request",
    401: "wrong or missing credentials (--user, --password)",
    403: "the user may not write there",
    404: "no such endpoint (check the URL)",
    405: "the endpoint does not accept this method",
    413: "the graph is too large for the server",
    415: "the server does not accept this RDF media type",
}


class ChallengeAuth(httpx.Auth):
    """Credentials sent the way the server asks for them (``WWW-Authenticate``): Digest
    or Basic. Nothing is sent before the server asks."""

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        response = yield request
        if response.status_code != 401:
            return
        scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        if scheme == "basic":
            yield from self._basic.auth_flow(request)
        elif scheme == "digest":
            flow = self._digest.auth_flow(request)
            next(flow)  # digest's own first, unauthenticated request: we already sent it
            try:
                retry = flow.send(response)
                while True:
                    retry = flow.send((yield retry))
            except StopIteration:
                return


@dataclass(frozen=True)
class Retry:
    """How often and how patiently to try again: ``attempts`` in all, waiting ``backoff``
    seconds, then twice as long each time."""

    attempts: int = 4
    backoff: float = 0.5
    sleep: Callable[[float], None] = time.sleep


def new_client(
    user: str | None = None, password: str | None = None, timeout: float = 30.0
) -> httpx.Client:
    """An httpx client with a time-out for every phase and the given credentials."""
    auth = ChallengeAuth(user, password or "") if user is not None else None
    return httpx.Client(auth=auth, timeout=httpx.Timeout(timeout), follow_redirects=True)


def send(client: httpx.Client, request: httpx.Request, what: str, retry: Retry) -> httpx.Response:
    """Send ``request`` (``what`` names it in errors), retrying as :class:`Retry` says.

    Raises:
        StoreError: a 4xx answer (at once), or a 5xx answer or connection problem on the
            last attempt.
    """
    problem = ""
    for attempt in range(max(1, retry.attempts)):
        if attempt:
            retry.sleep(retry.backoff * 2 ** (attempt - 1))
        try:
            response = client.send(request)
        except httpx.TimeoutException:
            problem = "timed out"
            continue
        except httpx.TransportError as exc:
            problem = f"cannot connect ({_reason(exc)})"
            continue
        if response.status_code >= 500:
            problem = f"server error {response.status_code} {response.reason_phrase}"
            continue
        if response.status_code >= 400:
            hint = _HINTS.get(response.status_code, "the server refused the request")
            detail = _first_line(response.text)
            detail = f": {detail}" if detail else ""
            raise StoreError(
                f"{what}: {response.status_code} {response.reason_phrase} ({hint}){detail}"
            )
        return response
    tries = f"{retry.attempts} attempts" if retry.attempts > 1 else "1 attempt"
    raise StoreError(f"{what}: {problem} after {tries}")


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("<"):
            return line.strip()[:200]
    return ""
