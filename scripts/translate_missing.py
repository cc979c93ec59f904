"""Fill given Swedish translations into the catalogue: `python scripts/translate_missing.py FILE`
where FILE holds lines `msgid<TAB>msgstr`. Clears fuzzy flags and previous-msgid comments."""

import sys
from pathlib import Path

import polib

PO = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "arshjul"
    / "locale"
    / "sv"
    / "LC_MESSAGES"
    / "django.po"
)

pairs = dict(
    line.split("\t", 1) for line in Path(sys.argv[1]).read_text().splitlines() if "\t" in line
)
po = polib.pofile(str(PO))
for entry in po:
    if entry.msgid in pairs and (not entry.translated() or "fuzzy" in entry.flags):
        entry.msgstr = pairs[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
po.save(str(PO))
left = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
print("left untranslated or fuzzy:", left or "none")
