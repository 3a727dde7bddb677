"""Refresh the gettext catalogs from the messages in keputusan/messages.py.

    python scripts/update_catalogs.py          # update .po files, compile .mo files
    python scripts/update_catalogs.py --check  # exit 1 if a catalog is stale or incomplete

Message ids are English; keputusan/locale/<lang>/LC_MESSAGES/keputusan.po holds
the translations (edit it with any PO editor), and the .mo beside it is what
the program reads. Needs babel (pip install -e '.[test]').
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from keputusan.messages import ERRNO_WORDS, FOUND, LOCALE_DIR, MESSAGES, WORDS  # noqa: E402

TRANSLATED = ("id",)


def message_ids() -> list[str]:
    ids = [text for pair in MESSAGES.values() for text in pair]
    ids += list(FOUND.values()) + list(WORDS.values()) + list(ERRNO_WORDS.values())
    return list(dict.fromkeys(ids))


def build(language: str) -> tuple[bytes, bytes, list[str]]:
    """(po bytes, mo bytes, untranslated ids) for one language."""
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "keputusan.po"
    old = read_po(po_path.open("rb"), locale=language) if po_path.exists() else Catalog(locale=language)
    catalog = Catalog(
        locale=language,
        project="keputusan",
        version="0.1",
        charset="utf-8",
        creation_date=old.creation_date,
        revision_date=old.revision_date,
        fuzzy=False,
        copyright_holder="keputusan developers",
        msgid_bugs_address="",
        last_translator="keputusan developers",
        language_team="Bahasa Indonesia",
    )
    missing = []
    for msgid in message_ids():
        previous = old.get(msgid)
        text = previous.string if previous is not None and not previous.fuzzy else ""
        if not text:
            missing.append(msgid)
        catalog.add(msgid, text)
    po, mo = io.BytesIO(), io.BytesIO()
    write_po(po, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
    write_mo(mo, catalog)
    return po.getvalue(), mo.getvalue(), missing


def main(check: bool) -> int:
    status = 0
    for language in TRANSLATED:
        folder = LOCALE_DIR / language / "LC_MESSAGES"
        po, mo, missing = build(language)
        for msgid in missing:
            print(f"{language}: untranslated: {msgid}")
            status = 1
        if check:
            for name, data in (("keputusan.po", po), ("keputusan.mo", mo)):
                path = folder / name
                if not path.exists() or path.read_bytes() != data:
                    print(f"{language}: {path} is stale; run scripts/update_catalogs.py")
                    status = 1
        else:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "keputusan.po").write_bytes(po)
            (folder / "keputusan.mo").write_bytes(mo)
    return status


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
