from .context import current_ip


class RequestContextMiddleware:
    """Remembers the client address so audit rows written during the request can carry it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


def client_ip(request) -> str | None:
    # Behind nginx the real address is the first X-Forwarded-For entry (docs/deploy.md sets it).
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    ip = forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR")
    return ip or None
