"""The organisation: the region itself, its bodies, units, people, memberships, terms and posts.

Every row belongs to one organisation, so one installation can serve several.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arshjul.core.ranges import Range, RangedDecimalField

from .choices import BodyKind, Language, MembershipRole, OrganisationKind, PostKind, UnitKind


def check_same_organisation(organisation_id: int | None, **related) -> None:
    """Refuse a link to a row of another organisation: every row belongs to one."""
    errors = {
        field: ValidationError(
            _("“%(name)s” belongs to another organisation."),
            code="other_organisation",
            params={"name": str(obj)},
        )
        for field, obj in related.items()
        if obj is not None
        and organisation_id is not None
        and obj.organisation_id != organisation_id
    }
    if errors:
        raise ValidationError(errors)


# The organisation app's ranges (arshjul.core.ranges): the longest half day of the fee rules.
HALF_DAY_HOURS = Range(
    "range",
    Decimal("0.5"),
    Decimal(24),
    _("The longest half day is between 0.5 and 24 hours."),
)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in links"), max_length=50, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.REGION
    )
    case_number_format = models.CharField(
        _("case number format"),
        max_length=60,
        default="{body}/{number}/{year}",
        help_text=_("How case numbers are written: {body}, {number} and {year}, e.g. RS/60/2020."),
    )
    fee_half_day_hours = RangedDecimalField(
        _("longest half day (hours)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("4"),
        range=HALF_DAY_HOURS,
        help_text=_(
            "Fees by the time attended: up to this many hours is a half day, more a full day."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [HALF_DAY_HOURS.constraint("fee_half_day_hours")]

    def __str__(self) -> str:
        return self.name


class Party(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    name = models.CharField(_("name"), max_length=100)
    abbreviation = models.CharField(_("abbreviation"), max_length=10)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "abbreviation"],
                name="organisation_party_unique_abbreviation",
            )
        ]

    def __str__(self) -> str:
        return self.abbreviation


class Term(models.Model):
    """A term of office (mandatperiod) and the parties that form its majority."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="terms"
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    majority_parties = models.ManyToManyField(
        Party, verbose_name=_("majority parties"), blank=True, related_name="majority_terms"
    )

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="organisation_term_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.start.year}–{self.end.year}"


class Body(models.Model):
    """A council, board, working committee or committee (OParl: Organization)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="bodies",
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=20)
    slug = models.SlugField(_("short name in links"), max_length=50)
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    attendance_public = models.BooleanField(_("attendance lists are public"), default=False)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="organisation_body_unique_slug"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_same_organisation(self.organisation_id, parent=self.parent)


class Unit(models.Model):
    """An administration (förvaltning), operation (verksamhet) or department (avdelning)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    cost_centre = models.CharField(_("cost centre"), max_length=20, blank=True)
    body = models.ForeignKey(
        Body,
        verbose_name=_("responsible body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cost_centre"],
                condition=~Q(cost_centre=""),
                name="organisation_unit_unique_cost_centre",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cost_centre})" if self.cost_centre else self.name

    def clean(self) -> None:
        check_same_organisation(self.organisation_id, parent=self.parent, body=self.body)


class Person(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="people",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=Language.choices,
        default=Language.SWEDISH,
        help_text=_("The language of the e-mails the person is sent."),
    )
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        check_same_organisation(self.organisation_id, party=self.party)


class DatedQuerySet(models.QuerySet):
    def on(self, day: dt.date) -> DatedQuerySet:
        """Rows in force on `day` (start inclusive, end inclusive, open end allowed)."""
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


class Membership(models.Model):
    """A person's seat in a body (OParl: Membership) with role, party and dates."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=MembershipRole.choices)
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "role", "person"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="organisation_membership_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.get_role_display()}, {self.body}"

    def clean(self) -> None:
        if self.person_id and self.body_id:
            check_same_organisation(self.body.organisation_id, person=self.person, party=self.party)


class Post(models.Model):
    """An official post (regiondirektör, budgetchef, förvaltningschef …), held over dates."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=PostKind.choices)
    title = models.CharField(_("title"), max_length=200)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("body served"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["organisation", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_same_organisation(self.organisation_id, unit=self.unit, body=self.body)


class PostHolding(models.Model):
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="holdings"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="post_holdings"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    acting = models.BooleanField(_("acting"), default=False)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("post holding")
        verbose_name_plural = _("post holdings")
        ordering = ["post", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="organisation_postholding_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.post}"

    def clean(self) -> None:
        if self.post_id and self.person_id:
            check_same_organisation(self.post.organisation_id, person=self.person)
