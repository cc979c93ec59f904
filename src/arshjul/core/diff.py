"""Word-level differences between a before and an after value, as HTML that is safe to show.

Pure: no database. Report text is HTML (sanitised by feedback.sanitise); it is compared as its
text content, paragraph by paragraph with the tags stripped, so markup never executes and the
difference reads as prose. Every word is escaped. Insertions are `<ins>`, deletions `<del>`,
each opened by visually hidden words ("added:", "removed:") so the difference never rests on
colour alone (WCAG 1.4.1); long unchanged runs are shortened with an ellipsis.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# How many unchanged words are kept on each side of a change; longer runs are shortened.
CONTEXT_WORDS = 8
PARAGRAPH = "\n"  # the token that stands for a paragraph break
ELLIPSIS = "…"

HTML_RE = re.compile(r"^\s*<(p|ul|ol|li|h[1-6]|blockquote|div|br)\b", re.IGNORECASE)
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br"}
SKIPPED_TAGS = {"script", "style", "template"}


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        if tag in BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def is_html(value: Any) -> bool:
    """Whether a stored value is formatted text (it opens with a block tag such as <p>)."""
    return isinstance(value, str) and bool(HTML_RE.match(value))


def paragraphs_of(value: Any) -> list[str]:
    """The paragraphs of a value as plain text: HTML by its text content, other text by its
    lines, anything else as its one-line string; whitespace collapsed, empty ones left out."""
    if value is None:
        return []
    if is_html(value):
        parser = _TextOfHtml()
        parser.feed(value)
        parser.close()
        parser._break()
        return parser.paragraphs
    text = value if isinstance(value, str) else str(value)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def plain_text(value: Any) -> str:
    """A value as one line of plain text (paragraphs joined by a space)."""
    return " ".join(paragraphs_of(value))


def _tokens(value: Any) -> list[str]:
    tokens: list[str] = []
    for paragraph in paragraphs_of(value):
        if tokens:
            tokens.append(PARAGRAPH)
        tokens.extend(paragraph.split())
    return tokens


@dataclass(frozen=True)
class Piece:
    """A run of words: "equal", "insert", "delete", or "gap" (unchanged words left out)."""

    kind: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Difference:
    """The difference as paragraphs of pieces, with the number of words added and removed."""

    paragraphs: tuple[tuple[Piece, ...], ...]
    added: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)

    def as_html(self) -> SafeString:
        """One <p> per paragraph; every word escaped."""
        hidden = {"insert": _("added:"), "delete": _("removed:")}
        out = []
        for paragraph in self.paragraphs:
            parts = []
            for piece in paragraph:
                text = escape(" ".join(piece.words))
                if piece.kind == "equal":
                    parts.append(text)
                elif piece.kind == "gap":
                    label = escape(_("unchanged text left out"))
                    parts.append(
                        f'<span class="diff-gap" title="{label}">{ELLIPSIS}'
                        f'<span class="visually-hidden"> ({label})</span></span>'
                    )
                else:
                    tag = "ins" if piece.kind == "insert" else "del"
                    parts.append(
                        f'<{tag} class="diff-{tag}"><span class="visually-hidden">'
                        f"{escape(hidden[piece.kind])} </span>{text}</{tag}>"
                    )
            out.append(f"<p>{' '.join(parts)}</p>")
        # Every word above went through escape(); the tags are ours.
        return mark_safe("".join(out))


def _shorten(words: list[str], *, first: bool, last: bool, context: int) -> list[Piece]:
    """An unchanged run, with its middle left out when long. At the start only its end is kept,
    at the end only its start."""
    keep_head = 0 if first else context
    keep_tail = 0 if last else context
    if len(words) <= keep_head + keep_tail + 2:
        return [Piece("equal", tuple(words))]
    pieces = []
    if keep_head:
        pieces.append(Piece("equal", tuple(words[:keep_head])))
    pieces.append(Piece("gap", ()))
    if keep_tail:
        pieces.append(Piece("equal", tuple(words[-keep_tail:])))
    return pieces


def _into_paragraphs(pieces: list[Piece]) -> tuple[tuple[Piece, ...], ...]:
    """Split pieces at paragraph tokens: an unchanged or added break starts a new paragraph; a
    removed one is shown as a pilcrow inside the deletion."""
    paragraphs: list[list[Piece]] = [[]]
    for piece in pieces:
        if piece.kind == "delete":
            words = tuple("¶" if w == PARAGRAPH else w for w in piece.words)
            paragraphs[-1].append(Piece("delete", words))
            continue
        run: list[str] = []
        for word in piece.words:
            if word == PARAGRAPH:
                if run:
                    paragraphs[-1].append(Piece(piece.kind, tuple(run)))
                run = []
                paragraphs.append([])
            else:
                run.append(word)
        if run or piece.kind == "gap":
            paragraphs[-1].append(Piece(piece.kind, tuple(run)))
    return tuple(tuple(p) for p in paragraphs if p)


def difference(before: Any, after: Any, *, context: int = CONTEXT_WORDS) -> Difference:
    """The word-level difference between two values (text, HTML, numbers or None)."""
    old, new = _tokens(before), _tokens(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    opcodes = matcher.get_opcodes()
    pieces: list[Piece] = []
    added = removed = 0
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            pieces.extend(
                _shorten(
                    old[i1:i2],
                    first=index == 0,
                    last=index == len(opcodes) - 1,
                    context=context,
                )
            )
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("delete", tuple(old[i1:i2])))
            removed += sum(1 for w in old[i1:i2] if w != PARAGRAPH)
        if op in ("insert", "replace"):
            pieces.append(Piece("insert", tuple(new[j1:j2])))
            added += sum(1 for w in new[j1:j2] if w != PARAGRAPH)
    return Difference(paragraphs=_into_paragraphs(pieces), added=added, removed=removed)
