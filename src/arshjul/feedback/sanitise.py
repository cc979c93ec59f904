"""Formatted text as the committees write it, cleaned of everything but plain formatting."""

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


def clean_html(text: str) -> str:
    """Keep paragraphs, emphasis, lists, sub-headings and links; drop scripts, styles, events.

    Text without block tags is taken as plain text: paragraphs separated by empty lines, and
    any "<" in it is a character, not markup.
    """
    text = (text or "").strip()
    if text and not BLOCK_TAG_RE.search(text):
        text = "".join(
            f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>"
            for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
            if part.strip()
        )
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()
