"""Feedback report pages: who may read and write, the stale save, the dashboard, the compilation."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.accounts.roles import SYSTEM
from arshjul.core.tests.versions import seen
from arshjul.documents import services as documents
from arshjul.feedback import services
from arshjul.feedback.models import FeedbackReport


@pytest.fixture
def report(world):
    return services.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)


def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretary_committee_a", 200),
        ("finance_officer", 200),
        ("secretary_committee_b", 404),  # another committee's draft
        ("politician_majority", 404),
        ("anonymous", 404),
        ("outsider_finance", 404),
    ],
)
def test_who_reads_a_draft_report(client_for, report, persona, status):
    assert client_for(persona).get(f"/feedback/{report.pk}/").status_code == status


def test_secretary_writes_and_sees_her_text_sanitised(client_for, report):
    client = client_for("secretary_committee_a")
    data = {
        "version": report.version,
        "section_1": "Första stycket.\n\nAndra <script>x</script>stycket.",
    }
    response = client.post(f"/feedback/{report.pk}/", data)
    assert response.status_code == 302
    assert (
        report.sections.get(order=1).text
        == "<p>Första stycket.</p><p>Andra &lt;script&gt;x&lt;/script&gt;stycket.</p>"
    )


def test_another_committees_secretary_cannot_write(client_for, report, world):
    FeedbackReport.objects.filter(pk=report.pk)
    documents.change_status(document=report.document, to="prepared", by=SYSTEM, version=None)
    response = client_for("secretary_committee_b").post(
        f"/feedback/{report.pk}/", {"version": 1, "section_1": "x"}
    )
    assert response.status_code == 404  # she may not even see the draft
    assert report.sections.get(order=1).text == ""


def test_second_save_keeps_her_text_and_explains(client_for, report):
    first, second = client_for("secretary_committee_a"), english(client_for("finance_officer"))
    first.post(f"/feedback/{report.pk}/", {"version": report.version, "section_1": "Först"})
    response = second.post(
        f"/feedback/{report.pk}/", {"version": report.version, "section_1": "Min egen text"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Someone else saved this report" in html and "Min egen text" in html
    assert report.sections.get(order=1).text == "<p>Först</p>"


def test_sending_before_the_decision_is_refused_with_a_message(client_for, report):
    client = english(client_for("secretary_committee_a"))
    response = client.post(
        f"/feedback/{report.pk}/status/",
        {"to": "sent", "version": report.document.version},
        follow=True,
    )
    assert "cannot become" in response.content.decode()
    report.document.refresh_from_db()
    assert report.document.status == "draft"


def test_decision_needs_a_paragraph(client_for, report):
    for to in ("prepared", "treated"):
        documents.change_status(document=report.document, to=to, by=SYSTEM, version=None)
    report.document.refresh_from_db()
    client = english(client_for("secretary_committee_a"))
    response = client.post(
        f"/feedback/{report.pk}/status/",
        {
            "to": "decided",
            "version": report.document.version,
            "decision_date": "2021-04-08",
            "decision_paragraph": "paragraf",
        },
        follow=True,
    )
    assert "paragraph as a number, e.g. § 86" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("finance_officer", 200), ("secretary_committee_a", 403), ("anonymous", 302)],
)
def test_dashboard_is_for_the_finance_office(client_for, world, persona, status):
    assert client_for(persona).get("/feedback/cycles/test-2022/").status_code == status


def test_dashboard_query_count_does_not_grow_with_committees(client_for, world, settings):
    from arshjul.organisation.tests.factories import BodyFactory

    settings.PUBLIC_CACHE_SECONDS = 0
    client = client_for("finance_officer")
    services.start_report(cycle=world.cycle, body=world.committee_a, by=SYSTEM)
    client.get("/feedback/cycles/test-2022/")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/feedback/cycles/test-2022/").status_code == 200
        return len(ctx.captured_queries)

    at_n = count()
    step = world.cycle.steps.get(key="aterkoppling")
    for i in range(9):
        body = BodyFactory(
            organisation=world.org, name=f"Nämnd {i}", short_name=f"N{i}", slug=f"n{i}"
        )
        step.participant_bodies.add(body)
        services.start_report(cycle=world.cycle, body=body, by=SYSTEM)
    assert count() == at_n


def test_compilation_shows_only_what_the_reader_may_see(client_for, world, report):
    services.save_sections(report=report, texts={1: "Vårt bidrag"}, by=SYSTEM, version=None)
    other = services.start_report(cycle=world.cycle, body=world.committee_b, by=SYSTEM)
    services.save_sections(report=other, texts={1: "Utvecklingens bidrag"}, by=SYSTEM, version=None)
    for to in ("prepared", "treated"):
        documents.change_status(document=other.document, to=to, by=SYSTEM, version=None)
    documents.change_status(
        document=other.document,
        to="decided",
        by=SYSTEM,
        decision_date=dt.date(2021, 4, 1),
        decision_paragraph="3",
        version=None,
    )
    documents.change_status(document=other.document, to="published", by=SYSTEM, version=None)
    public = client_for("anonymous").get("/feedback/cycles/test-2022/compilation/").content.decode()
    assert "Utvecklingens bidrag" in public and "Vårt bidrag" not in public
    finance = (
        client_for("finance_officer")
        .get("/feedback/cycles/test-2022/compilation/")
        .content.decode()
    )
    assert "Utvecklingens bidrag" in finance and "Vårt bidrag" in finance
    assert "§ 3" in finance


def test_a_broken_status_form_is_explained_not_a_crash(client_for, report):
    client = english(client_for("secretary_committee_a"))
    response = client.post(
        f"/feedback/{report.pk}/status/", {"to": "prepared", "version": "abc"}, follow=True
    )
    assert "The form was out of date" in response.content.decode()
    response = client.post(
        f"/feedback/{report.pk}/status/",
        {"to": "prepared", "version": report.document.version, "decision_date": "8 april"},
        follow=True,
    )
    assert "Write the decision date as a date" in response.content.decode()
    report.document.refresh_from_db()
    assert report.document.status == "draft"


# --- the report's history -----------------------------------------------------------------------


def _named(user, first: str, last: str):
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


def test_secretarys_edit_shows_her_name_time_and_words_on_the_report_page(
    client_for, personas, report
):
    from django.utils import formats, timezone, translation

    from arshjul.core.models import AuditEntry

    _named(personas["secretary_committee_a"], "Sara", "Sekreterare")
    secretary = client_for("secretary_committee_a")
    secretary.post(
        f"/feedback/{report.pk}/",
        {"version": report.version, "section_1": "Vi bidrar mycket till regionens mål."},
    )
    report.refresh_from_db()
    secretary.post(
        f"/feedback/{report.pk}/",
        {"version": report.version, "section_1": "Vi bidrar lite till regionens mål."},
    )
    html = english(client_for("finance_officer")).get(f"/feedback/{report.pk}/").content.decode()
    edit = AuditEntry.objects.filter(action="feedback.report.edited").first()
    with translation.override("en"):
        when = formats.date_format(timezone.localtime(edit.at), "j F Y H:i")
    assert "Sara Sekreterare" in html
    assert when in html
    assert "Feedback report edited" in html
    assert '<span class="visually-hidden">removed: </span>mycket</del>' in html
    assert '<span class="visually-hidden">added: </span>lite</ins>' in html
    assert "<details" in html and "1 word added, 1 removed" in html


def test_report_history_holds_its_documents_entries_newest_first(client_for, report):
    services.save_sections(report=report, texts={1: "Text"}, by=SYSTEM, version=None)
    documents.change_status(document=report.document, to="prepared", by=SYSTEM, version=None)
    html = english(client_for("secretary_committee_a")).get(f"/feedback/{report.pk}/")
    html = html.content.decode()
    order = [
        "Document status changed",
        "Feedback report edited",
        "Feedback report started",
        "Document registered",
    ]
    positions = [html.index(f"<strong>{action}</strong>") for action in order]
    assert positions == sorted(positions)
    assert 'history-before">Draft</span>' in html and 'history-after">Prepared</span>' in html
    assert "the system" in html  # no user made these changes


def test_the_public_sees_a_published_report_but_not_its_drafts_history(client_for, world, report):
    services.save_sections(report=report, texts={1: "Hemligt utkast"}, by=SYSTEM, version=None)
    services.save_sections(report=report, texts={1: "Slutlig text"}, by=SYSTEM, version=None)
    for to in ("prepared", "treated"):
        documents.change_status(document=report.document, to=to, by=SYSTEM, version=None)
    documents.change_status(
        document=report.document,
        to="decided",
        by=SYSTEM,
        decision_date=dt.date(2021, 4, 1),
        decision_paragraph="3",
        version=None,
    )
    documents.change_status(document=report.document, to="published", by=SYSTEM, version=None)
    for persona in ("anonymous", "secretary_committee_b", "outsider_finance"):
        html = client_for(persona).get(f"/feedback/{report.pk}/").content.decode()
        assert "Slutlig text" in html, persona
        assert "Hemligt utkast" not in html and "history-heading" not in html, persona
    member = client_for("secretary_committee_a").get(f"/feedback/{report.pk}/").content.decode()
    assert "Hemligt utkast" in member and "history-heading" in member


@pytest.mark.parametrize("persona", ["secretary_committee_b", "politician_majority", "anonymous"])
def test_who_may_not_see_the_draft_gets_404_not_its_history(client_for, report, persona):
    services.save_sections(report=report, texts={1: "Hemligt utkast"}, by=SYSTEM, version=None)
    response = client_for(persona).get(f"/feedback/{report.pk}/")
    assert response.status_code == 404
    assert "Hemligt utkast" not in response.content.decode()


@pytest.mark.parametrize("persona", ["secretary_committee_a", "finance_officer"])
def test_report_page_query_count_does_not_grow_with_its_history(
    client_for, personas, report, persona
):
    client = client_for(persona)
    url = f"/feedback/{report.pk}/"
    editors = [personas["secretary_committee_a"], personas["finance_officer"], SYSTEM]

    def edit(times: int) -> None:
        for i in range(times):
            report.refresh_from_db()
            services.save_sections(
                report=report,
                texts={1: f"<p>Utkast {i} av texten, med {i} ändringar.</p>"},
                by=editors[i % 3],
                version=seen(report),
            )

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    edit(3)
    client.get(url)  # warm per-process caches
    at_n = count()
    edit(27)
    assert count() == at_n


def test_the_text_box_shows_what_she_wrote_not_html(client_for, report):
    client = client_for("secretary_committee_a")
    written = "Vi vill:\n\n- kortare köer\n- fler vårdplatser"
    client.post(f"/feedback/{report.pk}/", {"version": report.version, "section_1": written})
    html = client.get(f"/feedback/{report.pk}/").content.decode()
    assert "&lt;p&gt;" not in html and "&lt;ul&gt;" not in html
    assert "- kortare köer" in html


def test_after_a_refused_stale_save_a_second_save_goes_through(client_for, report):
    first, second = client_for("secretary_committee_a"), english(client_for("finance_officer"))
    first.post(f"/feedback/{report.pk}/", {"version": report.version, "section_1": "Först"})
    response = second.post(
        f"/feedback/{report.pk}/", {"version": report.version, "section_1": "Min egen text"}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Saved meanwhile" in html and "<p>Först</p>" in html
    assert f'name="version" value="{report.version + 1}"' in html
    response = second.post(
        f"/feedback/{report.pk}/", {"version": report.version + 1, "section_1": "Min egen text"}
    )
    assert response.status_code == 302
    assert report.sections.get(order=1).text == "<p>Min egen text</p>"


def test_a_save_after_the_report_was_treated_keeps_her_text_and_says_why(client_for, report):
    client = english(client_for("secretary_committee_a"))
    for to in ("prepared", "treated"):
        documents.change_status(document=report.document, to=to, by=SYSTEM, version=None)
    response = client.post(
        f"/feedback/{report.pk}/", {"version": report.version, "section_1": "Sent skriven text"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "can no longer be changed" in html and "Sent skriven text" in html
    assert "Save the report" not in html
    assert report.sections.get(order=1).text == ""


def test_the_reports_register_entry_links_its_text(client_for, report):
    html = (
        client_for("secretary_committee_a").get(report.document.get_absolute_url()).content.decode()
    )
    assert report.get_absolute_url() in html


def test_the_secretary_starts_her_committees_report_from_what_is_due(client_for, world):
    from arshjul.process.services import generate_cycle, publish_step

    coming = generate_cycle(template=world.template, budget_year=2028, by=SYSTEM)
    for step in coming.steps.exclude(key="styrdialog"):  # as in the shared world
        publish_step(step=step, by=SYSTEM, version=None)
    client = client_for("secretary_committee_a")
    html = client.get("/me/notifications/").content.decode()
    assert f"/feedback/cycles/{coming.slug}/start/" in html
    response = client.post("/feedback/cycles/test-2028/start/", {"body": world.committee_a.pk})
    report = FeedbackReport.objects.get(cycle=coming, body=world.committee_a)
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    # A second start is refused with a message on her own page, not a 403.
    response = client.post("/feedback/cycles/test-2028/start/", {"body": world.committee_a.pk})
    assert response["Location"] == "/me/notifications/"
    # Another committee's report is not hers to start.
    response = client.post("/feedback/cycles/test-2028/start/", {"body": world.committee_b.pk})
    assert response.status_code == 403


def test_a_second_save_after_a_refusal_keeps_a_colleagues_text_under_other_headings(
    client_for, report
):
    """Two tabs opened on the same report: the first saves heading 1, the second wrote only
    under heading 2; her deliberate second save must not empty heading 1 with her old copy."""
    seen = {f"seen_{s.order}": "" for s in report.sections.all()}
    first, second = client_for("secretary_committee_a"), client_for("finance_officer")
    response = first.post(
        f"/feedback/{report.pk}/",
        {"version": report.version, "section_1": "Kollegans text", **seen},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert report.sections.get(order=1).text == "<p>Kollegans text</p>"
    mine = {"section_1": "", "section_2": "Min text", **seen}
    response = second.post(f"/feedback/{report.pk}/", {"version": report.version, **mine})
    assert response.status_code == 400
    html = response.content.decode()
    # The form she is shown still carries the texts as she first saw them.
    assert 'name="seen_1" value=""' in html or 'name="seen_1" id="id_seen_1"' in html
    response = second.post(f"/feedback/{report.pk}/", {"version": report.version + 1, **mine})
    assert response.status_code == 302
    assert report.sections.get(order=1).text == "<p>Kollegans text</p>"
    assert report.sections.get(order=2).text == "<p>Min text</p>"


def test_the_report_form_carries_the_texts_as_first_seen(client_for, report):
    client_for("secretary_committee_a").post(
        f"/feedback/{report.pk}/", {"version": report.version, "section_1": "Första"}
    )
    html = client_for("secretary_committee_a").get(f"/feedback/{report.pk}/").content.decode()
    assert 'type="hidden" name="seen_1" value="Första"' in html
