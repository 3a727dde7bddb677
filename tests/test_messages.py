"""Messages: every problem has Indonesian words in the compiled catalog; language choice."""

from __future__ import annotations

import gettext
import re

import pytest
from babel.messages.pofile import read_po

from keputusan.messages import FOUND, LOCALE_DIR, MESSAGES, WORDS, pick_language


def _catalog_ids() -> list[str]:
    ids = [text for pair in MESSAGES.values() for text in pair]
    return ids + list(FOUND.values()) + list(WORDS.values())


def test_every_message_translated_in_po_and_mo() -> None:
    folder = LOCALE_DIR / "id" / "LC_MESSAGES"
    with (folder / "keputusan.po").open("rb") as handle:
        po = read_po(handle, locale="id")
    with (folder / "keputusan.mo").open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    for msgid in _catalog_ids():
        entry = po.get(msgid)
        assert entry is not None and entry.string and not entry.fuzzy, f"untranslated: {msgid}"
        assert mo.gettext(msgid) == entry.string, f"keputusan.mo is stale for: {msgid}"
        # the translation must use exactly the placeholders of the original
        assert sorted(re.findall(r"\{(\w+)\}", entry.string)) == sorted(re.findall(r"\{(\w+)\}", msgid)), (
            msgid
        )


@pytest.mark.parametrize(
    "explicit, environ, expected",
    [
        (None, {}, "id"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "id_ID.UTF-8"}, "id"),
        (None, {"LANG": "C.UTF-8"}, "id"),
        (None, {"LC_ALL": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
        ("id", {"LANG": "en_US.UTF-8"}, "id"),
        ("en", {}, "en"),
    ],
    ids=["default", "english-lang", "indonesian-lang", "c-locale", "lc-all-wins", "flag-over-env", "flag"],
)
def test_pick_language(explicit: str | None, environ: dict[str, str], expected: str) -> None:
    assert pick_language(explicit, environ) == expected


# modules whose refusals are shown through say(): every code they can raise or report has words
_CODE = re.compile(r'"((?:archive|pdf|page|pages|signature)_[a-z0-9_]+)"')
_SAID = ("archive.py", "manifest.py", "signatures.py", "pdfmeta.py", "pdfpages.py")


@pytest.mark.parametrize("module", _SAID)
def test_every_archive_code_has_words(module: str) -> None:
    from pathlib import Path

    import keputusan

    source = (Path(keputusan.__file__).parent / module).read_text(encoding="utf-8")
    codes = set(_CODE.findall(source)) - {"pdf_bytes", "pdf_objects", "pdf_inflated_bytes"}
    missing = sorted(code for code in codes if code not in WORDS and code not in MESSAGES)
    assert codes and not missing, missing
