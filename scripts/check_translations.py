"""Fail when a Swedish catalogue has an untranslated or fuzzy entry, or its .mo is stale."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "src" / "arshjul" / "locale"


def main() -> int:
    problems = []
    catalogues = sorted(LOCALES.glob("*/LC_MESSAGES/*.po"))
    if not catalogues:
        problems.append(f"no catalogues under {LOCALES}")
    for po_path in catalogues:
        po = polib.pofile(str(po_path))
        untranslated = [e.msgid for e in po.untranslated_entries()]
        fuzzy = [e.msgid for e in po.fuzzy_entries()]
        if untranslated:
            problems.append(f"{po_path}: {len(untranslated)} untranslated, e.g. {untranslated[:3]}")
        if fuzzy:
            problems.append(f"{po_path}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            problems.append(f"{mo_path}: missing (run make messages)")
            continue
        mo = polib.mofile(str(mo_path))
        expected = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in po.translated_entries()
        }
        actual = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
        }
        actual.pop((None, ""), None)
        if expected != actual:
            problems.append(f"{mo_path}: out of date with its .po (run make messages)")
    for problem in problems:
        print("translations:", problem, file=sys.stderr)
    if not problems:
        print(f"translations: {len(catalogues)} catalogue(s) complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
