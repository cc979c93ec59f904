"""The admin shows the register but changes nothing in it: that is the services' work."""

from __future__ import annotations

from django.test import Client

from arshjul.organisation.tests.factories import UserFactory

from .factories import make_document


def admin_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_documents_are_shown_read_only(world):
    document = make_document(world, status="decided")
    client = admin_client()
    listing = client.get("/admin/documents/document/").content.decode()
    assert document.case_number in listing
    response = client.get(f"/admin/documents/document/{document.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "rapport.pdf" in html
    assert 'name="title"' not in html  # nothing to edit
    assert client.get("/admin/documents/document/add/").status_code == 403
