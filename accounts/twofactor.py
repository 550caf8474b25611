"""
Optional TOTP two-factor authentication for staff (django-otp): enrolment, the device a
login must answer for, and the rule that superusers enrol before using the admin when
FILMCULTURE_REQUIRE_2FA_FOR_SUPERUSERS is on. docs/security.md.
"""

import base64
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def confirmed_device(user) -> TOTPDevice | None:
    """The device a login of `user` must give a code from, if they have enrolled one."""
    if user is None or not user.pk:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolment_device(*, user) -> TOTPDevice:
    """The not-yet-confirmed device whose secret the enrolment page shows (made once)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def enrolment_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm `device` with a code from the app; this session then counts as verified."""
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    return True


def device_remove(*, user) -> None:
    TOTPDevice.objects.filter(user=user).delete()


def secret_text(device: TOTPDevice) -> str:
    """The secret as apps ask for it when typed in by hand (base32, in groups of four)."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG image, inline as data: (no inline markup to allow)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def clean_token(token) -> str:
    return "".join((token or "").split())


class RequireTwoFactorMiddleware:
    """
    With FILMCULTURE_REQUIRE_2FA_FOR_SUPERUSERS on, a superuser whose session has not
    answered a two-factor code sees only the enrolment page (or the code prompt, once
    enrolled) until it has. Needs django_otp's OTPMiddleware before it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_verify(request):
            target = reverse("accounts:two_factor")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def must_verify(self, request):
        if not getattr(settings, "FILMCULTURE_REQUIRE_2FA_FOR_SUPERUSERS", False):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_superuser:
            return False
        if user.is_verified():
            return False
        if not request.path.startswith(reverse("admin:index")):
            return False
        exempt = {
            reverse("accounts:two_factor"),
            reverse("accounts:logout_everywhere"),
            reverse("admin:logout"),
            reverse("admin:login"),
            reverse("admin:jsi18n"),
        }
        return request.path not in exempt
