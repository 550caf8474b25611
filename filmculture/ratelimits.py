"""
Fixed-window rate limits per client address, counted in the cache.

    @rate_limit("search")
    def search(request): ...

A limit is named in settings.RATE_LIMITS as "requests/seconds". Past it the client gets a
429 page with Retry-After until the window ends. The cache is a guard, not a dependency:
when it fails, requests are let through (and the failure logged), never refused.
"""

import logging
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render

from filmculture.clientip import client_ip

logger = logging.getLogger(__name__)


def parse_limit(name):
    text = settings.RATE_LIMITS[name]
    try:
        requests, seconds = (int(part) for part in text.split("/"))
    except ValueError:
        raise ImproperlyConfigured(
            f"Rate limit {name!r} must read 'requests/seconds', e.g. '30/300', not {text!r}."
        ) from None
    if requests < 1 or seconds < 1:
        raise ImproperlyConfigured(f"Rate limit {name!r} needs at least 1 request in 1 second.")
    return requests, seconds


def hit(name, request):
    """Count this request; the seconds until the window ends if it is over the limit."""
    requests, seconds = parse_limit(name)
    now = time.time()
    window = int(now // seconds)
    key = f"ratelimit:{name}:{client_ip(request)}:{window}"
    try:
        cache.add(key, 0, timeout=seconds + 1)
        count = cache.incr(key)
    except Exception:
        logger.warning("Rate limit %r not applied: the cache failed", name, exc_info=True)
        return None
    if count <= requests:
        return None
    return max(1, math.ceil((window + 1) * seconds - now))


def rate_limit(name, methods=None):
    """Limit a view to settings.RATE_LIMITS[name] per client address (only `methods`)."""
    parse_limit(name)  # a misconfigured limit fails at import, not on the first request

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if methods is None or request.method in methods:
                retry_after = hit(name, request)
                if retry_after is not None:
                    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
                    response["Retry-After"] = str(retry_after)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
