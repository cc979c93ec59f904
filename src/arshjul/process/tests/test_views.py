"""Pages: what users see, htmx fragments, bad input, and query counts that do not grow."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.accounts.services import feed_token_for
from arshjul.core.tests.versions import seen
from arshjul.process.models import Step

C = "/cycles/test-2022"


def grow(world, factor: int) -> None:
    """Add (factor - 1) copies of every step of the world's cycle, with their relations."""
    originals = list(
        Step.objects.filter(cycle=world.cycle).prefetch_related(
            "participant_bodies", "participant_posts", "produces", "consumes"
        )
    )
    for i in range(1, factor):
        for s in originals:
            copy = Step.objects.create(
                cycle=world.cycle,
                key=f"{s.key}-{i}",
                kind=s.kind,
                track=s.track,
                title=f"{s.title} {i}",
                rule=s.rule,
                rule_start=s.rule_start,
                rule_end=s.rule_end,
                start=s.start,
                end=s.end,
                published=True,
                visibility=s.visibility,
                purpose=s.purpose,
            )
            copy.participant_bodies.set(s.participant_bodies.all())
            copy.participant_posts.set(s.participant_posts.all())
            copy.produces.set(s.produces.all())
            copy.consumes.set(s.consumes.all())


def english(client):
    """The user has chosen English with the switch in the header."""
    client.cookies["django_language"] = "en"
    return client


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


PAGES = [
    ("anonymous", "/"),
    ("finance_officer", "/"),
    ("finance_officer", f"{C}/"),
    ("finance_officer", f"{C}/?kind=meeting&body=__committee_a__"),
    ("politician_majority", f"{C}/?name=Politician"),
    ("anonymous", "/cycles/"),
    ("anonymous", "/wheel/?year=2021"),
    ("finance_officer", "/wheel/?year=2021"),
    ("anonymous", f"{C}/timeline/"),
    ("finance_officer", f"{C}/steps/kickoff/"),
    ("anonymous", f"{C}/steps/kickoff/"),
    ("finance_officer", "/me/"),
    ("anonymous", "/feeds/cycles/test-2022.ics"),
    ("anonymous", "/feeds/bodies/test/hsn.ics"),
    ("finance_officer", "__personal_feed__"),
    ("anonymous", "/api/v1/cycles"),
    ("anonymous", "/api/v1/cycles/test-2022/steps"),
    ("finance_officer", "/api/v1/cycles/test-2022/steps/kickoff"),
]


@pytest.mark.parametrize(("persona", "url"), PAGES)
def test_query_count_same_at_n_and_10n(client_for, world, persona, url, monkeypatch, settings):
    import arshjul.process.views as views

    settings.PUBLIC_CACHE_SECONDS = 0  # count the work of building the page, not a cache hit
    monkeypatch.setattr(views.timezone, "localdate", lambda: dt.date(2021, 3, 1))
    url = (
        url.replace("__committee_a__", str(world.committee_a.pk))
        .replace("__politician__", str(world.politician_majority.pk))
        .replace(
            "__personal_feed__",
            f"/feeds/people/{feed_token_for(world.finance_officer.user).token}.ics",
        )
    )
    client = client_for(persona)
    client.get(url)  # warm per-process caches (content types, sessions)
    at_n = count_queries(client, url)
    grow(world, 10)
    at_10n = count_queries(client, url)
    assert at_n == at_10n, f"{url}: {at_n} queries at n, {at_10n} at 10·n"


def test_overview_lists_live_cycles_month_by_month(client_for, world, monkeypatch):
    import arshjul.process.views as views

    monkeypatch.setattr(views.timezone, "localdate", lambda: dt.date(2021, 3, 1))
    html = client_for("anonymous").get("/").content.decode()
    assert '<h2 id="month-2021-02">' in html
    assert html.index("month-2020-08") < html.index("month-2021-02") < html.index("month-2021-04")
    assert "Kickoff" in html


def test_filter_by_kind(client_for, world):
    html = client_for("finance_officer").get(f"{C}/", {"kind": "deadline"}).content.decode()
    assert "Återkopplingsrapport" in html
    assert "Kickoff" not in html.split('id="month-list"')[1]


def test_filter_by_body(client_for, world):
    html = client_for("finance_officer").get(f"{C}/", {"body": world.rsau.pk}).content.decode()
    month_list = html.split('id="month-list"')[1]
    assert "Styrdialog" in month_list and "Kickoff" not in month_list


def test_filter_by_person(client_for, world):
    html = client_for("finance_officer").get(f"{C}/", {"name": "finance_officer"}).content.decode()
    month_list = html.split('id="month-list"')[1]
    assert "Lägesavstämning" in month_list and "Kickoff" not in month_list


def test_filter_choices_stay_inside_the_organisation(client_for, world):
    html = client_for("finance_officer").get(f"{C}/").content.decode()
    assert "Outsider" not in html
    assert 'name="name"' not in client_for("anonymous").get(f"{C}/").content.decode()


def test_htmx_request_gets_the_fragment(client_for, world):
    response = client_for("anonymous").get(f"{C}/", {"kind": "meeting"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="month-list"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_step_page_shows_six_parts_and_document_chain(client_for, world):
    html = english(client_for("politician_majority")).get(f"{C}/steps/kickoff/").content.decode()
    for part in (
        "Participants",
        "Purpose",
        "Input documents",
        "Goal",
        "Documentation",
        "Follow-up",
    ):
        assert f"<dt>{part}</dt>" in html
    assert "Informera" in html and "Samma förståelse" in html
    assert "Planeringsförutsättningar" in html
    assert f'href="{C}/steps/pf/"' in html  # produced by the phase before it


def test_move_with_end_before_start_shows_error_and_saves_nothing(client_for, world):
    s = Step.objects.get(cycle=world.cycle, key="pf")
    response = english(client_for("finance_officer")).post(
        f"{C}/steps/pf/move/",
        {"start": "2020-09-01", "end": "2020-08-01", "version": s.version},
    )
    assert response.status_code == 400
    assert "The end is before the start." in response.content.decode()
    assert Step.objects.get(pk=s.pk).start == dt.date(2020, 8, 1)


def test_move_outside_the_cycle_is_explained(client_for, world):
    s = Step.objects.get(cycle=world.cycle, key="kickoff")
    response = english(client_for("finance_officer")).post(
        f"{C}/steps/kickoff/move/", {"start": "2023-01-10", "version": s.version}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "“Kickoff” would fall on 10 January 2023, outside the cycle (1 March 2020 – 31 December 2021)"
        in html
    )
    assert not Step.objects.get(pk=s.pk).moved_by_hand


def test_stale_form_keeps_the_users_input(client_for, world):
    s = Step.objects.get(cycle=world.cycle, key="kickoff")
    client = client_for("finance_officer")
    client.post(f"{C}/steps/kickoff/move/", {"start": "2021-02-11", "version": s.version})
    response = client.post(
        f"{C}/steps/kickoff/move/", {"start": "2021-02-12", "version": s.version}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="2021-02-12"' in html
    assert Step.objects.get(pk=s.pk).start == dt.date(2021, 2, 11)


def test_bad_rule_is_explained_in_the_form(client_for, world):
    s = Step.objects.get(cycle=world.cycle, key="kickoff")
    response = english(client_for("finance_officer")).post(
        f"{C}/steps/kickoff/rule/",
        {"rule": "nth Y-1 02 0 wed", "adjust": "none", "version": s.version},
    )
    assert response.status_code == 400
    assert "Count weekdays from 1" in response.content.decode()


def test_moved_step_shows_rule_date_and_history(client_for, world):
    s = Step.objects.get(cycle=world.cycle, key="kickoff")
    client = english(client_for("finance_officer"))
    response = client.post(
        f"{C}/steps/kickoff/move/",
        {"start": "2021-02-12", "version": s.version},
        follow=True,
    )
    html = response.content.decode()
    assert "Moved by hand. By its rule it would be 10 February 2021" in html
    assert "Step moved by hand" in html  # history row


def test_swedish_is_the_default_language(client_for, world):
    html = client_for("anonymous").get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="sv">' in html  # the browser's language does not override the default


def test_english_on_request(client_for, world):
    client = client_for("anonymous")
    client.get("/language/en/", {"next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()


def test_mine_lists_the_persons_steps_ahead(client_for, world, monkeypatch):
    import arshjul.process.views as views

    monkeypatch.setattr(views.timezone, "localdate", lambda: dt.date(2020, 11, 1))
    html = client_for("finance_officer").get("/me/").content.decode()
    assert "Lägesavstämning" in html
    assert "Kickoff" not in html
    assert "/feeds/people/" in html


def test_create_cycle_with_bad_year_is_explained(client_for, world):
    response = english(client_for("finance_officer")).post(
        "/cycles/",
        {"template": world.template.pk, "budget_year": "2022"},
    )
    assert response.status_code == 400
    assert "There is already a cycle for budget year 2022." in response.content.decode()


def test_healthz(client_for, world):
    response = client_for("anonymous").get("/healthz")
    assert response.json()["status"] == "ok"


def test_step_page_says_the_rule_in_words(client_for, world):
    html = english(client_for("anonymous")).get(f"{C}/steps/regionplan/").content.decode()
    assert (
        "From 1 day after “Kickoff” until the end of June, the year before the budget year" in html
    )
    assert "In an election year: from 1 day after “Kickoff” until the end of November" in html


def test_rule_in_words_does_not_name_a_step_the_reader_may_not_see(client_for, world):
    Step.objects.filter(cycle=world.cycle, key="kickoff").update(rule="offset beredning +8w")
    public = english(client_for("anonymous")).get(f"{C}/steps/kickoff/").content.decode()
    assert "Lägesavstämning" not in public and "beredning" not in public
    assert "8 weeks after “another step”" in public
    inside = english(client_for("politician_majority")).get(f"{C}/steps/kickoff/").content.decode()
    assert "8 weeks after “Lägesavstämning”" in inside


def test_reset_with_a_broken_form_is_explained_not_a_crash(client_for, world):
    response = client_for("finance_officer").post(
        f"{C}/steps/kickoff/reset/", {"version": "abc"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"{C}/steps/kickoff/"


def test_withdrawing_with_a_stale_version_is_refused(client_for, world):
    client = client_for("finance_officer")
    response = client.post(f"{C}/steps/pf/unpublish/", {"version": "99"}, follow=True)
    assert response.status_code == 200
    assert Step.objects.get(cycle=world.cycle, key="pf").published


def test_person_search_stays_inside_the_organisation(client_for, world):
    html = client_for("finance_officer").get(f"{C}/", {"name": "outsider"}).content.decode()
    assert "Lägesavstämning" not in html.split('id="month-list"')[1]


def test_person_search_by_first_and_last_name(client_for, world):
    person = world.finance_officer
    query = f"{person.first_name[:5]} {person.last_name}"
    html = client_for("politician_majority").get(f"{C}/", {"name": query}).content.decode()
    assert "Lägesavstämning" in html.split('id="month-list"')[1]


def test_step_history_shows_before_and_after_and_who(client_for, world):
    s = Step.objects.get(cycle=world.cycle, key="kickoff")
    client = english(client_for("finance_officer"))
    client.post(f"{C}/steps/kickoff/move/", {"start": "2021-02-12", "version": s.version})
    html = client.get(f"{C}/steps/kickoff/").content.decode()
    history = html[html.index('id="history-heading"') :]
    assert "Step moved by hand" in history
    assert 'history-before">10 February 2021</span>' in history
    assert 'history-after">12 February 2021</span>' in history
    assert world.finance_officer.user.username in history
    public = client_for("anonymous").get(f"{C}/steps/kickoff/").content.decode()
    assert "history-heading" not in public


def test_step_page_query_count_does_not_grow_with_its_history(client_for, world, settings):
    from arshjul.process import services

    settings.PUBLIC_CACHE_SECONDS = 0
    client = client_for("finance_officer")
    url = f"{C}/steps/kickoff/"

    def moves(times: int) -> None:
        for i in range(times):
            step = Step.objects.get(cycle=world.cycle, key="kickoff")
            services.move_step(
                step=step,
                start=dt.date(2021, 2, 11 + i % 2),
                end=None,
                by=world.finance_officer.user,
                version=seen(step),
            )

    moves(1)
    client.get(url)
    at_n = count_queries(client, url)
    moves(9)
    assert count_queries(client, url) == at_n
