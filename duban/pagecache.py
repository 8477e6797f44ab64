"""A per-person page cache that is dropped by any write to the database.

The pages people reload all day (home, the office board, ledgers, item pages) are a function
of who asks, the URL, the language, the active unit, today's date and the data. Every write in
duban goes through an action that writes an audit row, and once such a transaction has
committed the audit app's write counter goes up (`audit.actions.write_generation`); the counter
is read before the view runs, so a page is never filed under a value newer than its data.

A page found under the current value is served without running the view: the view already
ran for the same person with the same data and date, permission checks included. After a
write, the first request for a page renders it again; people loading the same page meanwhile
get the copy from before the write, if that copy is at most DUBAN_PAGE_STALE_SECONDS (5) old
and they have written nothing since (a session that posts anything sees only pages rendered
after its write), much as a read replica a few seconds behind would serve them. Without such a
copy they wait for the rendering request (up to WAIT_SECONDS) instead of all rendering the
same page at once. The CSRF token and the unread count differ between requests, so they are
kept as markers and filled in per request. Pages with messages, htmx partials and anything
but a 200 HTML page are neither served from nor kept in the cache. DUBAN_PAGE_CACHE_SECONDS
(default 60, 0 turns the cache off) bounds how long a page is kept at all.
"""

import hashlib
import re
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from audit.actions import write_generation
from inbox.models import unread_count

CSRF_MARK = "\x00duban-csrf\x00"
UNREAD_MARK = "\x00duban-unread\x00"
WAIT_SECONDS = 3.0  # how long a request waits for another that is rendering the same page
POLL_SECONDS = 0.01
FRESH_FROM = "_page_fresh_from"  # session: the write count after this session's last write
CSRF_IN_PAGE = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
UNREAD_IN_PAGE = re.compile(r'(id="unread-count">)\d+(<)')


def today():
    return timezone.localdate()


def _has_messages(request) -> bool:
    """Messages waiting to be shown, or shown by this very page: never cached."""
    return len(get_messages(request)) > 0


class PageCacheMiddleware:
    """Innermost middleware; `settings.DUBAN_PAGE_CACHE_VIEWS` names the pages it may keep.

    A kept page is (write counter value, time kept, content type, html) under a key made of
    the person, URL, language, active unit and date.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS") and request.user.is_authenticated \
                and (settings.DUBAN_PAGE_CACHE_SECONDS > 0 or settings.DUBAN_HOME_CARD_SECONDS > 0):
            request.session[FRESH_FROM] = write_generation()  # this session's own writes
        if settings.DUBAN_PAGE_CACHE_SECONDS <= 0:
            return response
        kept = getattr(request, "_page_cache", None)
        if kept is None:
            return response
        key, generation, locked = kept
        if self._storable(request, response):
            html = response.content.decode(response.charset)
            token = CSRF_IN_PAGE.search(html)
            if token:
                html = html.replace(token.group(1), CSRF_MARK)
            html = UNREAD_IN_PAGE.sub(rf"\g<1>{UNREAD_MARK}\g<2>", html, count=1)
            current = cache.get(key)
            if current is None or current[0] <= generation:  # never replace a newer page
                cache.set(key, (generation, time.time(), response["Content-Type"], html),
                          settings.DUBAN_PAGE_CACHE_SECONDS)
        if locked:
            cache.delete(key + ":rendering")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        key = self._key(request)
        if key is None:
            return None
        generation = write_generation()
        kept = cache.get(key)
        if kept is not None and kept[0] >= generation:  # > when this replica is behind
            return self._serve(request, kept, "hit")
        if cache.add(key + ":rendering", 1, WAIT_SECONDS + 2):
            request._page_cache = (key, generation, True)
            return None
        # Another request is rendering this page now.
        if kept is not None and self._may_serve_older(request, kept):
            return self._serve(request, kept, "stale")
        kept = self._wait_for(key, generation)
        if kept is not None:
            return self._serve(request, kept, "hit")
        request._page_cache = (key, generation, False)
        return None

    @staticmethod
    def _serve(request, kept, how: str) -> HttpResponse:
        _, _, content_type, html = kept
        html = html.replace(CSRF_MARK, get_token(request))
        html = html.replace(UNREAD_MARK, str(unread_count(request.user)))
        response = HttpResponse(html, content_type=content_type)
        response["X-Page-Cache"] = how
        return response

    @staticmethod
    def _may_serve_older(request, kept) -> bool:
        generation, kept_at, _, _ = kept
        return (time.time() - kept_at <= settings.DUBAN_PAGE_STALE_SECONDS
                and generation >= request.session.get(FRESH_FROM, 0))

    @staticmethod
    def _wait_for(key: str, generation: int):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            kept = cache.get(key)
            if kept is not None and kept[0] >= generation:
                return kept
            if cache.get(key + ":rendering") is None:
                return None  # rendered but not kept: render it here
        return None

    @staticmethod
    def _key(request) -> str | None:
        if (settings.DUBAN_PAGE_CACHE_SECONDS <= 0 or request.method != "GET"
                or not request.user.is_authenticated
                or request.headers.get("HX-Request")
                or request.resolver_match is None
                or request.resolver_match.view_name not in settings.DUBAN_PAGE_CACHE_VIEWS
                or _has_messages(request)):
            return None
        parts = [
            str(request.user.pk), request.get_full_path(), request.LANGUAGE_CODE,
            str(request.session.get("active_unit_id", "")), today().isoformat(),
        ]
        return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    @staticmethod
    def _storable(request, response) -> bool:
        return (response.status_code == 200 and not response.streaming
                and response.get("Content-Type", "").startswith("text/html")
                and not _has_messages(request))
