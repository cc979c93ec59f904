"""Text never lost: a section over its limit is refused with a message and her text stays in the
form; a request over the server's size limit answers a page in her language (413), not
Django's bare 400."""

from __future__ import annotations

import pytest
from django.conf import settings

from arshjul.feedback import services
from arshjul.feedback.services import TEXT_MAX_LENGTH


@pytest.fixture
def report(world, personas):
    return services.start_report(
        cycle=world.cycle, body=world.committee_a, by=personas["finance_officer"]
    )


def test_a_section_over_its_limit_is_refused_and_her_text_stays(client_for, report):
    text = "Vår plan. " + "x" * TEXT_MAX_LENGTH
    response = client_for("secretary_committee_a").post(
        f"/feedback/{report.pk}/", {"version": report.version, "section_1": text}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Säkerställ att detta värde har som mest 20" in page  # Django's message, in Swedish
    assert text in page  # in the text box again
    assert report.sections.get(order=1).text == ""


def test_the_text_box_counts_instead_of_cutting(client_for, report):
    page = client_for("secretary_committee_a").get(f"/feedback/{report.pk}/").content.decode()
    # The limit is on the box (forms.js turns it into a counter) and the script is loaded.
    assert f'maxlength="{TEXT_MAX_LENGTH}"' in page
    assert "/static/js/forms.js" in page


def test_a_request_over_the_size_limit_answers_413_in_swedish(client_for, report):
    huge = "å" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # twice as many bytes, form-encoded more
    response = client_for("secretary_committee_a").post(
        f"/feedback/{report.pk}/",
        {"version": report.version, "section_1": huge},
        HTTP_REFERER=f"http://testserver/feedback/{report.pk}/",
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "För mycket att skicka på en gång" in page
    assert "2,5 MB" in page
    assert 'class="site-header"' in page  # the site's layout
    assert f'href="http://testserver/feedback/{report.pk}/"' in page  # back to the form
    assert report.sections.get(order=1).text == ""


def test_a_request_over_the_size_limit_answers_413_in_english_when_chosen(client_for, report):
    client = client_for("secretary_committee_a")
    client.cookies["django_language"] = "en"
    response = client.post(
        f"/feedback/{report.pk}/",
        {"version": report.version, "section_1": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)},
    )
    assert response.status_code == 413
    assert "Too much to send at once" in response.content.decode()


def test_an_api_request_over_the_size_limit_answers_413_json(client_for, report):
    text = "y" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client_for("secretary_committee_a").put(
        f"/api/v1/feedback-reports/{report.pk}/sections",
        {"version": report.version, "sections": [{"order": 1, "text": text}]},
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_another_bad_request_is_still_django_s_400(client):
    response = client.post(
        "/accounts/login/",
        "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
