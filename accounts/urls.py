from django.contrib import admin
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("two-factor/", admin.site.admin_view(views.two_factor), name="two_factor"),
    path(
        "logout-everywhere/",
        admin.site.admin_view(views.logout_everywhere),
        name="logout_everywhere",
    ),
]
