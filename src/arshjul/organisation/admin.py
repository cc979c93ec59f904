"""The organisation in the admin. Every save raises the content revision: names show on pages."""

from django.contrib import admin

from arshjul.core.admin_mixins import BumpsContentRevision

from .models import Body, Membership, Organisation, Party, Person, Post, PostHolding, Term, Unit


@admin.register(Organisation)
class OrganisationAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("name", "kind", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Party)
class PartyAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("abbreviation", "name", "organisation")
    list_filter = ("organisation",)


@admin.register(Term)
class TermAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("__str__", "organisation", "start", "end")
    filter_horizontal = ("majority_parties",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Body)
class BodyAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "organisation")
    list_filter = ("organisation", "kind")
    search_fields = ("name", "short_name")
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = [MembershipInline]


@admin.register(Unit)
class UnitAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("name", "kind", "cost_centre", "parent", "body")
    list_filter = ("organisation", "kind")
    search_fields = ("name", "cost_centre")


class PostHoldingInline(admin.TabularInline):
    model = PostHolding
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Person)
class PersonAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("last_name", "first_name", "party", "email", "language", "user")
    list_filter = ("organisation", "party", "language")
    search_fields = ("first_name", "last_name", "email")


@admin.register(Post)
class PostAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("title", "kind", "unit", "body")
    list_filter = ("organisation", "kind")
    search_fields = ("title",)
    inlines = [PostHoldingInline]
