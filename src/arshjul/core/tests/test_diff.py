"""The word-level difference: pure, no database."""

from __future__ import annotations

import pytest
from django.utils import translation

from arshjul.core.diff import Piece, difference, is_html, paragraphs_of, plain_text


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def kinds(diff) -> list[list[tuple[str, str]]]:
    return [[(p.kind, " ".join(p.words)) for p in paragraph] for paragraph in diff.paragraphs]


def test_a_replaced_word_is_one_deletion_and_one_insertion():
    diff = difference("Vi bidrar mycket", "Vi bidrar lite")
    assert kinds(diff) == [[("equal", "Vi bidrar"), ("delete", "mycket"), ("insert", "lite")]]
    assert (diff.added, diff.removed) == (1, 1)


def test_inserted_and_deleted_words_are_counted():
    assert kinds(difference("a b c", "a x b c")) == [
        [("equal", "a"), ("insert", "x"), ("equal", "b c")]
    ]
    deleted = difference("a b c d", "a d")
    assert kinds(deleted) == [[("equal", "a"), ("delete", "b c"), ("equal", "d")]]
    assert (deleted.added, deleted.removed) == (0, 2)


def test_from_nothing_everything_is_added():
    diff = difference(None, "Nytt dokument")
    assert kinds(diff) == [[("insert", "Nytt dokument")]]
    assert difference("", "").changed is False


def test_script_in_plain_text_is_escaped():
    html = difference("", "<script>alert(1)</script> hej").as_html()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_is_compared_as_its_text_and_markup_never_survives():
    before = "<p>Vi bidrar <strong>mycket</strong></p>"
    after = "<p>Vi bidrar <em>mycket</em></p><p>Andra &lt;script&gt;x&lt;/script&gt;stycket.</p><script>alert(1)</script>"
    diff = difference(before, after)
    # Emphasis changed, no word did: only the new paragraph is a change.
    assert kinds(diff) == [
        [("equal", "Vi bidrar mycket")],
        [("insert", "Andra <script>x</script>stycket.")],
    ]
    html = diff.as_html()
    assert "<strong>" not in html and "<em>" not in html and "<script>" not in html
    assert "alert" not in html  # a script's content is not text
    assert "&lt;script&gt;x&lt;/script&gt;stycket." in html


def test_paragraphs_of_html_and_text():
    assert paragraphs_of("<p>Ett</p><ul><li>två</li><li>tre  fyra</li></ul>") == [
        "Ett",
        "två",
        "tre fyra",
    ]
    assert paragraphs_of("rad ett\n\nrad   två") == ["rad ett", "rad två"]
    assert paragraphs_of(None) == [] and paragraphs_of(3) == ["3"]
    assert plain_text("<p>a &amp; b</p><p>c</p>") == "a & b c"
    assert is_html("<p>x</p>") and not is_html("a < b") and not is_html(None)


def test_insertions_and_deletions_are_named_not_only_coloured():
    html = difference("gammal text", "ny text").as_html()
    assert (
        '<del class="diff-del"><span class="visually-hidden">removed: </span>gammal</del>' in html
    )
    assert '<ins class="diff-ins"><span class="visually-hidden">added: </span>ny</ins>' in html


def test_long_unchanged_runs_are_shortened_with_an_ellipsis():
    words = [f"ord{i}" for i in range(40)]
    before = " ".join(words)
    after = " ".join([*words[:20], "NYTT", *words[20:]])
    diff = difference(before, after, context=3)
    (paragraph,) = diff.paragraphs
    assert paragraph == (
        Piece("gap", ()),
        Piece("equal", ("ord17", "ord18", "ord19")),
        Piece("insert", ("NYTT",)),
        Piece("equal", ("ord20", "ord21", "ord22")),
        Piece("gap", ()),
    )
    html = diff.as_html()
    assert html.count("…") == 2 and "ord0" not in html and "ord39" not in html
    assert "unchanged text left out" in html


def test_a_short_unchanged_run_between_changes_is_kept_whole():
    diff = difference("a b c d e f", "X b c d e Y", context=2)
    assert kinds(diff) == [
        [("delete", "a"), ("insert", "X"), ("equal", "b c d e"), ("delete", "f"), ("insert", "Y")]
    ]


def test_unchanged_paragraphs_between_changes_collapse_to_one_ellipsis():
    middle = "".join(f"<p>Stycke {i} som inte ändras alls.</p>" for i in range(10))
    diff = difference(f"<p>Först</p>{middle}<p>Sist</p>", f"<p>Början</p>{middle}<p>Slut</p>")
    text = kinds(diff)
    assert text[0] == [("delete", "Först"), ("insert", "Början")]
    assert ("gap", "") in [piece for paragraph in text for piece in paragraph]
    assert text[-1][-2:] == [("delete", "Sist"), ("insert", "Slut")]
    assert "Stycke 5" not in diff.as_html()


def test_a_removed_paragraph_break_is_shown_as_a_pilcrow():
    diff = difference("<p>Ett</p><p>två</p>", "<p>Ett två</p>")
    assert kinds(diff) == [[("equal", "Ett"), ("delete", "¶"), ("equal", "två")]]
