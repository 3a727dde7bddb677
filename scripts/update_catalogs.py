"""Refresh the gettext catalogs from the messages of keputusan/messages.py and the web app's pages.

    python scripts/update_catalogs.py          # update .po files, compile .mo files
    python scripts/update_catalogs.py --check  # exit 1 if a catalog is stale or incomplete

Message ids are English. They come from keputusan/messages.py (MESSAGES, FOUND, WORDS,
ERRNO_WORDS: ``{name}`` placeholders) and from the Jinja templates of the web app,
keputusan/web_templates/*.html (``_("...")``, newstyle gettext: ``%(name)s`` placeholders).
keputusan/locale/<lang>/LC_MESSAGES/keputusan.po holds the translations (edit it with any PO
editor), and the .mo beside it is what the program reads. A translation must keep exactly the
placeholders of its message id. Needs babel (pip install -e '.[test]').
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from keputusan.messages import ERRNO_WORDS, FOUND, LOCALE_DIR, MESSAGES, WORDS  # noqa: E402

TRANSLATED = ("id",)
TEMPLATES = ROOT / "keputusan" / "web_templates"
# as keputusan/web.py sets up Jinja: the i18n extension, newstyle gettext, no trimming
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true", "trimmed": "false"}

_BRACE = re.compile(r"\{(\w+)\}")
_PERCENT = re.compile(r"%\((\w+)\)s")


def message_ids() -> list[str]:
    """The ids of keputusan/messages.py, in the order they are written there."""
    ids = [text for pair in MESSAGES.values() for text in pair]
    ids += list(FOUND.values()) + list(WORDS.values()) + list(ERRNO_WORDS.values())
    return list(dict.fromkeys(ids))


def template_messages(folder: Path = TEMPLATES) -> dict[str, list[str]]:
    """Every string the web app's templates translate -> the templates that use it.

    web.py gives Jinja an ngettext that looks up the singular and the plural as two
    gettext ids, so both forms of a plural are ids of their own here."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.html")):
        where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
        with path.open("rb") as handle:
            for lineno, message, _comments, context in extract(
                "jinja2.ext:babel_extract", handle, options=JINJA_OPTIONS, strip_comment_tags=True
            ):
                if context is not None:
                    raise SystemExit(f"{where}:{lineno}: pgettext is not installed in the web app's Jinja")
                for msgid in message if isinstance(message, tuple) else (message,):
                    if not msgid:
                        continue
                    places = found.setdefault(msgid, [])
                    if where not in places:
                        places.append(where)
    return found


def placeholders(text: str) -> list[str]:
    """The {name} and %(name)s placeholders of a message, sorted."""
    return sorted(_BRACE.findall(text)) + sorted(f"%({name})s" for name in _PERCENT.findall(text))


def bad_template_string(msgid: str, text: str) -> bool:
    """True if Jinja's newstyle gettext (which always applies ``%``) cannot fill the translation."""
    names = dict.fromkeys(_PERCENT.findall(msgid), "x")
    try:
        text % names
    except (KeyError, ValueError, TypeError):
        return True
    return False


def build(language: str) -> tuple[bytes, bytes, list[str], list[str]]:
    """(po bytes, mo bytes, untranslated ids, ids whose translation has other placeholders)."""
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "keputusan.po"
    old = Catalog(locale=language)
    if po_path.exists():
        with po_path.open("rb") as handle:
            old = read_po(handle, locale=language)
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
    templates = template_messages()
    missing, mismatched = [], []
    for msgid in list(dict.fromkeys(message_ids() + list(templates))):
        previous = old.get(msgid)
        text = str(previous.string or "") if previous is not None and not previous.fuzzy else ""
        if not text:
            missing.append(msgid)
        elif placeholders(text) != placeholders(msgid) or (
            msgid in templates and bad_template_string(msgid, text)
        ):
            mismatched.append(msgid)
        catalog.add(msgid, text, locations=[(where, 0) for where in templates.get(msgid, [])])
    po, mo = io.BytesIO(), io.BytesIO()
    write_po(po, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
    write_mo(mo, catalog)
    return po.getvalue(), mo.getvalue(), missing, mismatched


def main(check: bool) -> int:
    status = 0
    for language in TRANSLATED:
        folder = LOCALE_DIR / language / "LC_MESSAGES"
        po, mo, missing, mismatched = build(language)
        for msgid in missing:
            print(f"{language}: untranslated: {msgid}")
            status = 1
        for msgid in mismatched:
            print(f"{language}: the translation does not keep the placeholders of: {msgid}")
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
