"""The plain-text conventions of the text boxes, and the round trip from stored HTML back to the
text she wrote."""

import pytest

from arshjul.feedback.sanitise import clean_html, to_editable


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Ett stycke.\n\nEtt till.", "<p>Ett stycke.</p><p>Ett till.</p>"),
        ("Rad ett\nrad två", "<p>Rad ett<br>rad två</p>"),
        (
            "Vi vill:\n\n- kortare köer\n- fler vårdplatser",
            "<p>Vi vill:</p><ul><li>kortare köer</li><li>fler vårdplatser</li></ul>",
        ),
        ("1. först\n2. sedan", "<ol><li>först</li><li>sedan</li></ol>"),
        ("Det **viktigaste** först.", "<p>Det <strong>viktigaste</strong> först.</p>"),
        ("a < b och <script>x</script>", "<p>a &lt; b och &lt;script&gt;x&lt;/script&gt;</p>"),
    ],
)
def test_plain_text_becomes_safe_html_and_comes_back_as_written(written, stored):
    assert clean_html(written) == stored
    assert to_editable(stored) == written
    assert clean_html(to_editable(stored)) == stored


def test_html_with_other_formatting_is_kept_as_html_in_the_text_box():
    stored = clean_html('<h3>Rubrik</h3><p>Se <a href="https://example.se">här</a>.</p>')
    assert to_editable(stored) == stored
    assert clean_html(to_editable(stored)) == stored


def test_scripts_and_events_in_html_are_dropped():
    assert clean_html('<p onclick="x()">Hej</p><script>alert(1)</script>') == "<p>Hej</p>"
