"""Compile every .po under src/arshjul/locale to .mo with polib (no GNU gettext needed)."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
for po_path in sorted((ROOT / "src" / "arshjul" / "locale").glob("*/LC_MESSAGES/*.po")):
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    print("compiled", po_path.relative_to(ROOT))
