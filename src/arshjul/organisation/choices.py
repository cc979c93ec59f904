"""Fixed vocabularies of the organisation: kinds of bodies, units, roles and posts."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationKind(models.TextChoices):
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Municipality")


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Council (fullmäktige)")
    BOARD = "board", _("Executive board (styrelse)")
    WORKING_COMMITTEE = "working_committee", _("Working committee (arbetsutskott)")
    COMMITTEE = "committee", _("Committee (nämnd)")
    OTHER = "other", pgettext_lazy("body kind", "Other")


class UnitKind(models.TextChoices):
    ADMINISTRATION = "administration", _("Administration (förvaltning)")
    OPERATION = "operation", _("Operation (verksamhet)")
    DEPARTMENT = "department", _("Department (avdelning)")


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair (ordförande)")
    FIRST_VICE_CHAIR = "vice_chair", _("Vice chair (vice ordförande)")
    SECOND_VICE_CHAIR = "second_vice_chair", _("Second vice chair (andre vice ordförande)")
    MEMBER = "member", _("Member (ledamot)")
    SUBSTITUTE = "substitute", _("Substitute (ersättare)")


PRESIDIUM_ROLES = (
    MembershipRole.CHAIR,
    MembershipRole.FIRST_VICE_CHAIR,
    MembershipRole.SECOND_VICE_CHAIR,
)


class PostKind(models.TextChoices):
    CHIEF_EXECUTIVE = "chief_executive", _("Chief executive (regiondirektör)")
    STAFF_CHIEF = "staff_chief", _("Head of staff (regionstabschef)")
    FINANCE_DIRECTOR = "finance_director", _("Finance director (ekonomidirektör)")
    BUDGET_CHIEF = "budget_chief", _("Budget chief (budgetchef)")
    FINANCE_OFFICER = "finance_officer", _("Finance officer (ekonom)")
    HEAD_OF_ADMINISTRATION = (
        "head_of_administration",
        _("Head of administration (förvaltningschef)"),
    )
    COMMITTEE_SECRETARY = "committee_secretary", _("Committee secretary (nämndsekreterare)")
    OPERATIONS_MANAGER = "operations_manager", _("Operations manager (verksamhetschef)")
    DEPARTMENT_MANAGER = "department_manager", _("Department manager (avdelningschef)")
    POLITICAL_SECRETARY = "political_secretary", _("Political secretary")
    OTHER = "other", pgettext_lazy("post kind", "Other")


# The chief executive and her staff: they read all of the organisation's documents, write for
# the executive board (regiondirektörens förslag, the summary of the committees' feedback).
EXECUTIVE_OFFICE_POSTS = (PostKind.CHIEF_EXECUTIVE, PostKind.STAFF_CHIEF)

FINANCE_OFFICE_POSTS = (
    PostKind.FINANCE_DIRECTOR,
    PostKind.BUDGET_CHIEF,
    PostKind.FINANCE_OFFICER,
)


class Language(models.TextChoices):
    """The languages a person may be written to in (e-mails); each named in its own language."""

    SWEDISH = "sv", "Svenska"
    ENGLISH = "en", "English"
