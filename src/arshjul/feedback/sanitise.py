"""Formatted text as the committees write it, cleaned of everything but plain formatting.

In the app's text boxes people write plain text with three conventions: an empty line between
paragraphs, a line starting with “- ” (or “1. ”) for a list item, and **bold**. It is stored as
sanitised HTML, and shown in the text box again in the same plain form (`to_editable`), so what
she wrote is what she sees when she edits it. HTML sent through the API is kept, sanitised.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "blockquote",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
BLOCK_TAG_RE = re.compile(r"<(p|ul|ol|h3|h4|blockquote|br)\b", re.IGNORECASE)
BULLET_RE = re.compile(r"^\s*[-–•*]\s+(.*)$")
NUMBER_RE = re.compile(r"^\s*\d+[.)]\s+(.*)$")
BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
# Tags that the plain form can say again; text with any other tag stays HTML in the text box.
PLAIN_TAGS_RE = re.compile(r"</?(?!(?:p|br|ul|ol|li|strong|b)\b)[a-z0-9]+\b", re.IGNORECASE)


def _inline(text: str) -> str:
    return BOLD_RE.sub(r"<strong>\1</strong>", html.escape(text))


def _block(part: str) -> str:
    lines = [line for line in part.split("\n") if line.strip()]
    for pattern, tag in ((BULLET_RE, "ul"), (NUMBER_RE, "ol")):
        if lines and all(pattern.match(line) for line in lines):
            items = "".join(f"<li>{_inline(pattern.match(line).group(1))}</li>" for line in lines)
            return f"<{tag}>{items}</{tag}>"
    return "<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>"


def plain_to_html(text: str) -> str:
    parts = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return "".join(_block(part) for part in parts if part.strip())


def clean_html(text: str) -> str:
    """Keep paragraphs, emphasis, lists, sub-headings and links; drop scripts, styles, events.

    Text without block tags is taken as plain text (see the module's conventions): any “<” in
    it is a character, not markup.
    """
    text = (text or "").strip()
    if text and not BLOCK_TAG_RE.search(text):
        text = plain_to_html(text)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def to_editable(stored: str) -> str:
    """The stored HTML as the plain text it was written in, for the text box; HTML with other
    formatting (headings, links) is given back as it is, and is kept when saved again."""
    if not stored:
        return ""
    if PLAIN_TAGS_RE.search(stored):
        return stored
    text = re.sub(r"</?(strong|b)>", "**", stored, flags=re.IGNORECASE)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)

    def items(match: re.Match, numbered: bool) -> str:
        found = re.findall(r"<li>(.*?)</li>", match.group(1), flags=re.IGNORECASE | re.DOTALL)
        marks = [f"{n}. " if numbered else "- " for n in range(1, len(found) + 1)]
        return "\n\n" + "\n".join(m + i.strip() for m, i in zip(marks, found, strict=True)) + "\n\n"

    text = re.sub(
        r"<ul>(.*?)</ul>", lambda m: items(m, False), text, flags=re.IGNORECASE | re.DOTALL
    )
    text = re.sub(
        r"<ol>(.*?)</ol>", lambda m: items(m, True), text, flags=re.IGNORECASE | re.DOTALL
    )
    text = re.sub(r"</p>\s*<p>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</?p>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return html.unescape(text).strip()
