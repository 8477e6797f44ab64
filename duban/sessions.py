"""Idle timeout without a database write on every page.

A session's expiry is pushed SESSION_COOKIE_AGE (30 minutes) out whenever it is saved. Saving
on every request would write the session row on every page view; instead a signed-in session
is saved again only when its last save is over a minute old, so it still ends 29–30 minutes
after the last activity.
"""

import time

REFRESH_SECONDS = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get("_seen", 0) > REFRESH_SECONDS:
                request.session["_seen"] = now  # marks the session modified: saved, expiry renewed
        return self.get_response(request)
