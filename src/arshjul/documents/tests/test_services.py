"""The register: case numbers without gaps or duplicates, files checked by content, statuses."""

import datetime as dt
import io
import threading
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from arshjul.accounts.roles import SYSTEM
from arshjul.core.errors import DomainError
from arshjul.core.models import AuditEntry
from arshjul.core.tests.versions import seen
from arshjul.documents import services
from arshjul.documents.models import Document, DocumentTransition
from arshjul.organisation.models import Body


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


def register(world, body=None, by=SYSTEM, title="Återkopplingsrapport HSN", year=2021):
    return services.register_document(
        owner_body=body or world.committee_a,
        document_type=world.docs["aterkopplingsrapport"],
        title=title,
        by=by if by is not None else world.finance_officer.user,
        year=year,
    )


class TestCaseNumbers:
    def test_numbers_run_per_body_and_year(self, world):
        first, second = register(world), register(world)
        other_body = register(world, body=world.committee_b)
        next_year = register(world, year=2022)
        assert [first.case_number, second.case_number] == ["HSN/1/2021", "HSN/2/2021"]
        assert other_body.case_number == "RUN/1/2021"
        assert next_year.case_number == "HSN/1/2022"

    def test_format_is_the_organisations(self, world):
        world.org.case_number_format = "{body} {year}-{number:04d}"
        world.org.save()
        assert register(world).case_number == "HSN 2021-0001"

    def test_a_failed_registration_leaves_no_gap(self, world):
        register(world)
        with pytest.raises(DomainError):
            register(world, title="   ")
        assert register(world).case_number == "HSN/2/2021"

    @pytest.mark.django_db(transaction=True)
    def test_concurrent_registrations_get_distinct_numbers_without_gaps(self, world):
        if connection.vendor == "sqlite":
            pytest.skip(
                "SQLite's shared in-memory test database locks whole tables between threads; "
                "the property is proven on PostgreSQL, which CI runs too"
            )
        errors, made = [], []

        def work():
            try:
                made.append(register(world).case_sequence)
            except Exception as exc:
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        assert sorted(made) == list(range(1, 9))

    def test_registration_is_audited_and_starts_as_draft(self, world):
        doc = register(world)
        assert doc.status == "draft"
        assert DocumentTransition.objects.get(document=doc).to_status == "draft"
        assert AuditEntry.objects.filter(
            action="documents.document.registered", object_id=str(doc.pk)
        ).exists()

    def test_secretary_registers_only_for_her_own_body(self, world):
        assert register(world, by=world.secretary_committee_a.user).owner_body == world.committee_a
        with pytest.raises(DomainError) as exc:
            register(world, body=world.committee_b, by=world.secretary_committee_a.user)
        assert exc.value.domain_code == "forbidden"


class TestVersions:
    def test_pdf_and_docx_are_accepted(self, world):
        doc = register(world)
        v1 = services.add_version(
            document=doc,
            upload=SimpleUploadedFile("rapport.pdf", PDF),
            by=world.finance_officer.user,
            version=seen(doc),
        )
        v2 = services.add_version(
            document=doc,
            upload=SimpleUploadedFile("rapport.docx", docx_bytes()),
            by=world.finance_officer.user,
            version=seen(doc),
        )
        assert (v1.number, v1.kind, v2.number, v2.kind) == (1, "pdf", 2, "docx")

    def test_an_exe_renamed_pdf_is_refused(self, world):
        doc = register(world)
        with pytest.raises(DomainError) as exc:
            services.add_version(
                document=doc,
                upload=SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00" + b"\x00" * 100),
                by=world.finance_officer.user,
                version=seen(doc),
            )
        assert exc.value.domain_code == "bad_file_type"
        assert not doc.versions.exists()

    def test_a_pdf_named_docx_is_refused(self, world):
        doc = register(world)
        with pytest.raises(DomainError) as exc:
            services.add_version(
                document=doc,
                upload=SimpleUploadedFile("rapport.docx", PDF),
                by=world.finance_officer.user,
                version=seen(doc),
            )
        assert exc.value.domain_code == "name_mismatch"

    def test_an_oversized_file_is_refused(self, world, settings):
        settings.DOCUMENT_MAX_BYTES = 10
        doc = register(world)
        with pytest.raises(DomainError) as exc:
            services.add_version(
                document=doc,
                upload=SimpleUploadedFile("rapport.pdf", PDF),
                by=world.finance_officer.user,
                version=seen(doc),
            )
        assert exc.value.domain_code == "too_large"


def decide(world, doc, **kwargs):
    for to in ("prepared", "treated"):
        doc = services.change_status(
            document=doc, to=to, by=world.finance_officer.user, version=seen(doc)
        )
    return services.change_status(
        document=doc,
        to="decided",
        by=world.finance_officer.user,
        **({"version": seen(doc)} | kwargs),
    )


class TestStatus:
    def test_lifecycle_to_published_with_decision_reference(self, world):
        doc = decide(
            world, register(world), decision_date=dt.date(2021, 4, 1), decision_paragraph="§86"
        )
        assert (doc.decision_paragraph, doc.decision_body) == ("§ 86", world.committee_a)
        doc = services.change_status(
            document=doc, to="sent", by=world.finance_officer.user, version=seen(doc)
        )
        doc = services.change_status(
            document=doc, to="published", by=world.finance_officer.user, version=seen(doc)
        )
        steps = list(
            DocumentTransition.objects.filter(document=doc).values_list("to_status", flat=True)
        )
        assert steps == ["draft", "prepared", "treated", "decided", "sent", "published"]

    def test_decision_without_a_paragraph_is_refused(self, world):
        doc = register(world)
        with pytest.raises(DomainError) as exc:
            decide(world, doc, decision_date=dt.date(2021, 4, 1), decision_paragraph="")
        assert exc.value.domain_code == "bad_paragraph"
        assert Document.objects.get(pk=doc.pk).status == "treated"

    def test_sending_before_the_decision_is_refused(self, world):
        doc = register(world)
        with pytest.raises(DomainError) as exc:
            services.change_status(
                document=doc, to="sent", by=world.finance_officer.user, version=seen(doc)
            )
        assert exc.value.domain_code == "bad_transition"

    def test_another_committees_secretary_may_not_move_it(self, world):
        doc = register(world)
        with pytest.raises(DomainError) as exc:
            services.change_status(
                document=doc, to="prepared", by=world.secretary_committee_b.user, version=seen(doc)
            )
        assert exc.value.domain_code == "forbidden"

    def test_stale_version_is_refused(self, world):
        doc = register(world)
        services.change_status(
            document=doc, to="prepared", by=world.finance_officer.user, version=doc.version
        )
        with pytest.raises(DomainError) as exc:
            services.change_status(
                document=doc, to="treated", by=world.finance_officer.user, version=doc.version
            )
        assert exc.value.domain_code == "stale"

    def test_a_treated_document_takes_no_new_file_until_moved_back(self, world):
        doc = register(world)
        for to in ("prepared", "treated"):
            doc = services.change_status(document=doc, to=to, by=SYSTEM, version=None)
        upload = SimpleUploadedFile("r.pdf", PDF)
        with pytest.raises(DomainError) as exc:
            services.add_version(
                document=doc, upload=upload, by=world.finance_officer.user, version=seen(doc)
            )
        assert exc.value.domain_code == "frozen"
        assert not doc.versions.exists()
        doc = services.change_status(document=doc, to="draft", by=SYSTEM, version=None)
        upload = SimpleUploadedFile("r.pdf", PDF)
        services.add_version(
            document=doc, upload=upload, by=world.finance_officer.user, version=seen(doc)
        )
        assert doc.versions.count() == 1

    def test_a_decided_document_takes_no_new_file(self, world):
        doc = decide(
            world, register(world), decision_date=dt.date(2021, 4, 1), decision_paragraph="86"
        )
        with pytest.raises(DomainError) as exc:
            services.add_version(
                document=doc,
                upload=SimpleUploadedFile("r.pdf", PDF),
                by=world.finance_officer.user,
                version=seen(doc),
            )
        assert exc.value.domain_code == "frozen"


class TestWhatBefore:
    """Every change records what was there before, for the history on the document's page."""

    def entry(self, doc, action):
        return AuditEntry.objects.filter(action=action, object_id=str(doc.pk)).get()

    def test_registration_records_what_was_registered(self, world):
        doc = register(world)
        changes = self.entry(doc, "documents.document.registered").changes
        assert changes["case_number"] == [None, doc.case_number]
        assert changes["title"] == [None, "Återkopplingsrapport HSN"]
        assert changes["owner_body"] == [None, str(world.committee_a)]
        assert changes["document_type"] == [None, str(world.docs["aterkopplingsrapport"])]

    def test_a_version_records_the_number_and_file_name_before_and_after(self, world):
        doc = register(world)
        by = world.finance_officer.user
        services.add_version(
            document=doc, upload=SimpleUploadedFile("utkast.pdf", PDF), by=by, version=seen(doc)
        )
        services.add_version(
            document=doc,
            upload=SimpleUploadedFile("slutlig.docx", docx_bytes()),
            by=by,
            version=seen(doc),
        )
        first, second = AuditEntry.objects.filter(
            action="documents.version.added", object_id=str(doc.pk)
        ).order_by("id")
        assert first.changes == {"version": [None, 1], "file_name": [None, "utkast.pdf"]}
        assert second.changes == {"version": [1, 2], "file_name": ["utkast.pdf", "slutlig.docx"]}

    def test_a_status_move_records_status_and_decision_before_and_after(self, world):
        doc = decide(
            world, register(world), decision_date=dt.date(2021, 4, 1), decision_paragraph="86"
        )
        decided = AuditEntry.objects.filter(
            action="documents.document.status_changed", object_id=str(doc.pk)
        ).first()
        assert decided.by == world.finance_officer.user
        assert decided.changes == {
            "status": ["treated", "decided"],
            "decision_body": [None, str(world.committee_a)],
            "decision_date": [None, "2021-04-01"],
            "decision_paragraph": ["", "§ 86"],
        }


def test_a_decision_dated_in_the_future_is_refused(world):
    import datetime as _dt

    from django.utils import timezone

    doc = services.register_document(
        owner_body=world.committee_a,
        document_type=world.docs["protokoll"],
        title="Protokoll",
        by=SYSTEM,
    )
    for to in ("prepared", "treated"):
        doc = services.change_status(document=doc, to=to, by=SYSTEM, version=None)
    with pytest.raises(DomainError) as exc:
        services.change_status(
            document=doc,
            to="decided",
            by=SYSTEM,
            decision_date=timezone.localdate() + _dt.timedelta(days=1),
            decision_paragraph="3",
            version=None,
        )
    assert exc.value.domain_code == "future_decision"
    doc.refresh_from_db()
    assert doc.status == "treated" and doc.decision_date is None


def test_a_write_is_checked_again_as_stored_and_refused_out_of_scope(world):
    """The other organisation's finance office holds committee A as if it were theirs: the
    check before the write passes on what she holds, the check after it on what was stored."""
    held = Body.objects.get(pk=world.committee_a.pk)
    held.organisation_id = world.other_org.pk
    with pytest.raises(DomainError) as exc:
        services.register_document(
            owner_body=held,
            document_type=world.docs["aterkopplingsrapport"],
            title="Utanför",
            by=world.outsider_finance.user,
        )
    assert exc.value.domain_code == "out_of_scope"
    assert not Document.objects.filter(title="Utanför").exists()
    assert not AuditEntry.objects.filter(action="documents.document.registered").exists()
