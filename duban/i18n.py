class ChineseFirstMiddleware:
    """Chinese unless the person chose otherwise: the browser's Accept-Language is not asked.

    A bureau's staff often run English-language browsers; the product still speaks Chinese until
    someone picks English in the header (which sets the language cookie LocaleMiddleware reads).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
