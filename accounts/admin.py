"""django-axes' login attempts in the admin, with its clean-up action working from there."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin


class LoginAttemptAdmin(AccessAttemptAdmin):
    @admin.action(description=AccessAttemptAdmin.cleanup_expired_attempts.short_description)
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes reads the time of the login being attempted, which it sets only on a
        # login: from the admin there is none, and "expired" means past the cool-off now.
        request.axes_attempt_time = None
        return super().cleanup_expired_attempts(request, queryset)


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, LoginAttemptAdmin)
