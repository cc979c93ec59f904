from django.contrib import admin

from .models import FeedToken


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created")
    readonly_fields = ("token", "created")
