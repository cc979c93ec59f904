"""Fill Swedish translations into the catalogue: `python scripts/translate_missing.py FILE`, where
FILE holds lines `msgid<TAB>msgstr` (plurals: `msgid<TAB>one<TAB>many`). Entries named in FILE
are overwritten; fuzzy flags and previous-msgid comments are cleared."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "src" / "arshjul" / "locale" / "sv" / "LC_MESSAGES" / "django.po"

rows = [line.split("\t") for line in Path(sys.argv[1]).read_text().splitlines() if "\t" in line]
texts_for = {row[0]: row[1:] for row in rows}
po = polib.pofile(str(PO))
for entry in po:
    texts = texts_for.get(entry.msgid)
    if texts is None:
        continue
    if entry.msgid_plural:
        entry.msgstr_plural = {0: texts[0], 1: texts[-1]}
    else:
        entry.msgstr = texts[0]
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
po.save(str(PO))
left = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
print("left untranslated or fuzzy:", left or "none")
