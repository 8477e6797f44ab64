from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    """Until a person has chosen their own password, every page sends them to change it."""

    allowed = ("password_change", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and not request.path.startswith("/static/")
            and request.path not in {reverse(name) for name in self.allowed}
        ):
            return redirect("password_change")
        return self.get_response(request)
