"""The address a request came from, for lockouts and rate limits."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """
    The socket's address, unless FILMCULTURE_TRUSTED_PROXY_COUNT proxies stand in front:
    then the address the outermost of them saw, read from the right of X-Forwarded-For
    (each proxy appends; anything to the left of what they wrote is the client's to forge).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.FILMCULTURE_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < proxies:
        return remote
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
