from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """
    django-axes' lockout check for logins over the web. authenticate() called without a
    request (an operator's shell, a management command) has no client to lock out, and is
    passed on to the password check instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
