"""readers_of is the register's read rule turned around: for every persona and status it agrees
with documents.permissions.can_view_document."""

import pytest

from arshjul.documents.permissions import can_view_document
from arshjul.documents.tests.factories import make_document
from arshjul.notifications.permissions import readers_of
from arshjul.organisation.models import Person


@pytest.mark.parametrize("status", ["draft", "treated", "published"])
@pytest.mark.parametrize("body", ["committee_a", "rsau", "rs"])
def test_readers_of_agrees_with_the_register(world, cast, personas, status, body):
    document = make_document(world, body=getattr(world, body), status=status, with_file=False)
    people = Person.objects.filter(user__isnull=False).select_related("user")
    readers = set(readers_of(document, people))
    for person in people:
        assert (person in readers) == can_view_document(person.user, document), person.user.username


def test_a_superuser_reads_everything(world, cast):
    document = make_document(world, status="draft", with_file=False)
    user = world.outsider_finance.user
    user.is_superuser = True
    user.save()
    assert world.outsider_finance in readers_of(document, Person.objects.all())
