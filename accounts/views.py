from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import twofactor
from accounts.forms import CodeForm
from accounts.sessions import sessions_end_all


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def must_keep_device(user):
    return user.is_superuser and settings.FILMCULTURE_REQUIRE_2FA_FOR_SUPERUSERS


def two_factor(request):
    """Enrol an authenticator app, answer for this session, or turn two-factor off."""
    user = request.user
    device = twofactor.confirmed_device(user)
    action = request.POST.get("action", "")
    form = CodeForm(request.POST or None)
    if device is None:
        pending = twofactor.enrolment_device(user=user)
        if request.method == "POST" and form.is_valid():
            token = twofactor.clean_token(form.cleaned_data["otp_token"])
            if twofactor.enrolment_confirm(request=request, device=pending, token=token):
                messages.success(request, "Two-factor authentication is on for your account.")
                return redirect(safe_next(request))
            form.add_error("otp_token", "That code does not match: check the app and retry.")
        context = {
            "state": "enrol",
            "qr_code": twofactor.qr_code_data_uri(pending),
            "secret": twofactor.secret_text(pending),
        }
    elif not user.is_verified():
        if request.method == "POST" and form.is_valid():
            token = twofactor.clean_token(form.cleaned_data["otp_token"])
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(safe_next(request))
            form.add_error("otp_token", "That code is not right, or has expired.")
        context = {"state": "verify"}
    else:
        if request.method == "POST" and action == "remove" and not must_keep_device(user):
            if form.is_valid() and device.verify_token(
                twofactor.clean_token(form.cleaned_data["otp_token"])
            ):
                twofactor.device_remove(user=user)
                messages.success(request, "Two-factor authentication is off for your account.")
                return redirect(reverse("accounts:two_factor"))
            form.add_error("otp_token", "That code is not right, or has expired.")
        context = {"state": "on", "can_remove": not must_keep_device(user)}
    context.update(
        admin.site.each_context(request),
        form=form,
        next=safe_next(request),
        title="Two-factor authentication",
        required=must_keep_device(user),
    )
    return render(request, "admin/accounts/two_factor.html", context)


@require_POST
def logout_everywhere(request):
    """End every session of this person, in every browser, this one included."""
    sessions_end_all(user=request.user)
    logout(request)
    return render(
        request, "admin/accounts/logged_out_everywhere.html", admin.site.each_context(request)
    )
