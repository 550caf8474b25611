from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed

from accounts.twofactor import clean_token, confirmed_device

CODE_HELP = "The 6-digit code your authenticator app shows now."


def code_field(**kwargs):
    return forms.CharField(
        label="Authentication code",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
        **kwargs,
    )


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's login: password, then a code for people who enrolled a TOTP device."""

    otp_token = code_field(
        required=False,
        help_text="Only if you set up two-factor authentication: " + CODE_HELP,
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_required": (
            "This account uses two-factor authentication: enter the 6-digit code from "
            "your authenticator app as well."
        ),
        "otp_invalid": (
            "That authentication code is not right, or has expired. Enter the code your "
            "app shows now."
        ),
    }

    def clean(self):
        cleaned_data = super().clean()
        device = confirmed_device(self.user_cache)
        if device is None:
            return cleaned_data
        token = clean_token(cleaned_data.get("otp_token"))
        if not token:
            raise forms.ValidationError(self.error_messages["otp_required"], code="otp_required")
        if not device.verify_token(token):
            # A wrong code counts as a failed login, so guessing codes meets the lockout.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
        self.user_cache.otp_device = device  # django_otp marks the session verified on login
        return cleaned_data


class CodeForm(forms.Form):
    otp_token = code_field(help_text=CODE_HELP)
