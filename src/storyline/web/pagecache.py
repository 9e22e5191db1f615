"""Rendered pages kept while the store is unchanged: a page is built once per change of the store, not per visit.

Every write transaction raises the store's write counter (:data:`storyline.store.base.WRITES`); a page is kept
under the counter it was built at, its path and its query, so the first request after any write (an ingest, a
correction) builds it afresh and the ones before it never see a page older than what they read. The cache holds
at most :data:`MAX_BYTES` of pages, least recently used out first. A page is built by one request at a time: the
requests for it that come while it is being built wait for it (up to :data:`BUILD_WAIT_S`) rather than build it
too (twenty clients asking for the home page just after an ingest built it twenty times over, each slower).

Example:
    >>> cache = PageCache(max_bytes=10)
    >>> cache.put((1, "/", ""), b"hello")
    >>> cache.get((1, "/", "")), cache.get((2, "/", ""))
    (b'hello', None)
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

__all__ = ["MAX_BYTES", "PageCache", "cached_page"]

MAX_BYTES = 64_000_000
"""Most bytes of pages kept (a story page of a large story is a few hundred kB)."""
BUILD_WAIT_S = 30.0
"""How long a request waits for another's build of the same page before building it itself."""


class PageCache:
    """Page bodies by key, least recently used out first once over ``max_bytes``; safe across threads."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Event] = {}

    def claim(self, key: Hashable) -> threading.Event | None:
        """None when the caller is to build the page of ``key`` (and call :meth:`built` after storing it), else
        the event another request's build of it sets."""
        with self._lock:
            other = self._building.get(key)
            if other is None:
                self._building[key] = threading.Event()
            return other

    def built(self, key: Hashable) -> None:
        """The build of ``key`` claimed with :meth:`claim` is over (stored or failed): its waiters go on."""
        with self._lock:
            done = self._building.pop(key, None)
        if done is not None:
            done.set()

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._pages.get(key)
            if body is not None:
                self._pages.move_to_end(key)
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            self._size -= len(old) if old is not None else 0
            self._pages[key] = body
            self._size += len(body)
            while self._size > self.max_bytes:
                _, gone = self._pages.popitem(last=False)
                self._size -= len(gone)


def cached_page(fn: Callable[..., HTMLResponse]) -> Callable[..., HTMLResponse]:
    """Serve a page endpoint from the app's :class:`PageCache` while the store is unchanged (``fn`` takes the
    request as ``request``; only a 200 answer is kept). ``fn`` runs inside the corpus the key was read from
    (its own ``state.corpus()`` blocks read that one: the store opened once per request, the page read in the
    snapshot of its key)."""

    @functools.wraps(fn)
    def run(**kwargs: Any) -> HTMLResponse:
        request: Request = kwargs["request"]
        state = request.app.state.storyline
        pages: PageCache = state.pages
        with state.corpus() as corpus:
            key = (corpus.store.write_count(), request.url.path, request.url.query)
            body = pages.get(key)
            building = pages.claim(key) if body is None else None
            if building is not None:  # another request builds it: its page, once built (else built here too)
                building.wait(BUILD_WAIT_S)
                body = pages.get(key)
            if body is not None:
                return HTMLResponse(body)
            try:
                response = fn(**kwargs)
                if response.status_code == 200:
                    pages.put(key, bytes(response.body))
            finally:
                if building is None:
                    pages.built(key)
        return response

    return run
