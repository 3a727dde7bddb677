"""The web app's words: every string of its templates has an Indonesian translation with the
same placeholders, and its pages show Bahasa Indonesia by default and English with lang="en"."""

from __future__ import annotations

import gettext
import html
import importlib.util
import re
import shutil
from collections.abc import Callable, Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Optional

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from keputusan import messages, web
from keputusan.messages import LOCALE_DIR

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SEED = "kpts-800-1199-2023-iku-iki.yaml"
WITH_TABLE = "contoh/kpts-bupati-iku-2021-2026.yaml"  # a table with merged cells, lembaran negara
WITH_REGARD = "contoh/kpts-standar-pelayanan-kepegawaian.yaml"  # memperhatikan
# a draft with the parts the examples lack, and an error (the NIP is too short)
EXTRA = "uji-web.yaml"
EXTRA_TEXT = """\
profil: profiles/bkpsdm-balangan.yaml
status: draf
tentang: UJI HALAMAN WEB
menimbang:
  - bahwa perlu diuji
mengingat:
  - teks: Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
diktum:
  - Keputusan ini mulai berlaku pada tanggal ditetapkan.
penandatangan:
  jabatan: Kepala
  nama: BUDI SANTOSO
  pangkat: Pembina
  nip: "1968"
tembusan:
  - Bupati Balangan
lampiran:
  - judul: DAFTAR UJI
    isi:
      - jenis: paragraf
        teks: Isi lampiran uji.
"""

# translations that are rightly the same words in both languages
SAME_WORDS = {"No.", "NIP", "Status"}

_PERCENT = re.compile(r"%\((\w+)\)s")
_BRACE = re.compile(r"\{(\w+)\}")


@cache
def _script() -> ModuleType:
    """scripts/update_catalogs.py, which extracts the template strings as the catalog holds them."""
    spec = importlib.util.spec_from_file_location("update_catalogs", ROOT / "scripts" / "update_catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _template_ids() -> tuple[str, ...]:
    return tuple(_script().template_messages())


@cache
def _po() -> Catalog:
    with (LOCALE_DIR / "id" / "LC_MESSAGES" / "keputusan.po").open("rb") as handle:
        return read_po(handle, locale="id")


@cache
def _translations() -> dict[str, str]:
    """Every id of the catalog -> its Indonesian text (empty when untranslated)."""
    return {str(m.id): str(m.string or "") for m in _po() if m.id and not m.fuzzy}


# ----------------------------------------------------------------- the catalog


def test_templates_have_strings() -> None:
    ids = _template_ids()
    assert len(ids) > 50, ids
    assert {"Decrees", "Number register", "Archive", "Save", "Check", "Preview"} <= set(ids)


def test_extraction_reads_jinja_as_the_app_does(tmp_path: Path) -> None:
    """Newstyle gettext: keyword placeholders; ngettext's two forms are two ids (web.py looks each up)."""
    (tmp_path / "a.html").write_text(
        '{{ _("Hello %(who)s", who=name) }} {{ ngettext("%(num)s page", "%(num)s pages", n) }}'
        '{% trans %}Plain words{% endtrans %} {{ _("Hello %(who)s", who=other) }}',
        encoding="utf-8",
    )
    found = _script().template_messages(tmp_path)
    assert list(found) == ["Hello %(who)s", "%(num)s page", "%(num)s pages", "Plain words"]


def test_catalog_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    """What CI runs: scripts/update_catalogs.py --check."""
    status = _script().main(check=True)
    assert status == 0, capsys.readouterr().out


def test_every_template_string_translated() -> None:
    with (LOCALE_DIR / "id" / "LC_MESSAGES" / "keputusan.mo").open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    for msgid in _template_ids():
        entry = _po().get(msgid)
        assert entry is not None, f"not in keputusan.po: {msgid}"
        text = entry.string
        assert isinstance(text, str) and text.strip() and not entry.fuzzy, f"untranslated: {msgid}"
        assert text != msgid or msgid in SAME_WORDS, f"left in English: {msgid}"
        assert mo.gettext(msgid) == text, f"keputusan.mo is stale for: {msgid}"
        assert sorted(_PERCENT.findall(text)) == sorted(_PERCENT.findall(msgid)), msgid
        # Jinja's newstyle gettext always applies %: a stray % in a translation breaks the page
        names = dict.fromkeys(_PERCENT.findall(msgid), "x")
        filled = text % names
        assert "%" not in filled or "%" in msgid % names, msgid


def test_translations_keep_their_edges() -> None:
    """No translation gains or loses a final full stop or an ellipsis its English id has."""
    for msgid in _template_ids():
        text = _translations()[msgid]
        for end in (".", "…"):
            assert msgid.endswith(end) == text.endswith(end), (msgid, text)
        assert text == text.strip(), msgid


# ----------------------------------------------------------------- the pages


class _Visible(HTMLParser):
    """The words a reader sees or hears: text outside form fields and scripts, and the
    title, aria-label, placeholder and alt attributes; one per line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag in ("textarea", "script", "style", "option"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("textarea", "script", "style", "option"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def _visible(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return "\n".join(parser.parts)


def _pattern(text: str) -> re.Pattern[str]:
    """A message as it shows on a page: its placeholders filled with anything on one line."""
    pieces = re.split(r"(%\(\w+\)s|\{\w+\})", text)
    body = "".join("[^\n]*?" if i % 2 else re.escape(piece) for i, piece in enumerate(pieces))
    start = r"(?<!\w)" if re.match(r"\w", text) else ""
    end = r"(?!\w)" if re.search(r"\w$", text) else ""
    return re.compile(start + body + end)


def _distinct_english() -> list[tuple[str, re.Pattern[str]]]:
    """The catalog's English ids whose Indonesian is different words, as they would show.

    A lower-case single word (such as "number" or "item") counts only as a whole line or
    after a colon, where the pages put such words: inside a sentence it may be a command's
    name or a loanword."""
    out = []
    for msgid, text in _translations().items():
        bare = _BRACE.sub("", _PERCENT.sub("", msgid))
        if not text or text == msgid or not re.search(r"[A-Za-z]{2}", bare):
            continue
        if re.fullmatch(r"[a-z]+", msgid):
            out.append((msgid, re.compile(rf"(?m)(?:^|: )[^\w\n]*{msgid}[^\w\n]*$")))
        else:
            out.append((msgid, _pattern(msgid)))
    return out


def _unquoted(text: str) -> str:
    """Text without its 'quoted' names (commands, keys, file names), which are not words to translate."""
    return re.sub(r"'[^'\n]{0,100}'", "''", text)


PAGES = {
    "list": "/",
    "edit": "/k/" + SEED,
    "edit-table": "/k/" + WITH_TABLE,
    "edit-regard": "/k/" + WITH_REGARD,
    "edit-draft": "/k/" + EXTRA,
    "list-none": "/?q=tidak-ada-yang-cocok",
    "preview": "/k/" + SEED + "/pratinjau",
    "numbers": "/nomor",
    "archive": "/arsip",
    "compare": "/k/" + SEED + "/bandingkan",
    "upload": "/k/" + SEED + "/arsip",
    "not-found": "/tidak-ada",
    "sign-in": "/masuk",
    "edit-paraf": "/k/contoh/draf-bupati-tim-penilai-kinerja.yaml",  # a draft with paraf
}


@pytest.fixture
def used(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The ids the app looks up while it answers (templates, and messages through say())."""
    seen: set[str] = set()
    real = messages.translator

    def recording(language: str) -> Callable[[str], str]:
        inner = real(language)

        def lookup(msgid: str) -> str:
            seen.add(msgid)
            return inner(msgid)

        return lookup

    monkeypatch.setattr(web, "translator", recording)
    monkeypatch.setattr(messages, "translator", recording)
    return seen


@pytest.fixture
def render(tmp_path: Path, used: set[str]) -> Iterator[Callable[[str, str], str]]:
    """render(lang, url) -> the page's HTML, from an app on a copy of content/."""
    from starlette.testclient import TestClient

    from keputusan.users import Users
    from keputusan.webapp import Workspace

    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "content" / EXTRA).write_text(EXTRA_TEXT, encoding="utf-8")
    clients: list[TestClient] = []

    def run(lang: str, url: str) -> str:
        workspace = Workspace(tmp_path / "content", archive=tmp_path / "archive", lang=lang)
        if url == "/masuk":  # the sign-in page shows only when the app has users
            users = Users.read(tmp_path / "users.json", create=True)
            app = web.create_app(workspace, users=users, lang=lang, secret="uji" * 16)
        else:
            app = web.create_app(workspace, local_user="uji@pc", lang=lang)
        client = TestClient(app)
        clients.append(client)
        response = client.get(url, follow_redirects=False)
        assert response.status_code in (200, 404), (url, response.status_code, response.text[:500])
        return response.text

    yield run
    for client in clients:
        client.close()


@pytest.mark.parametrize("url", list(PAGES.values()), ids=list(PAGES))
def test_page_in_indonesian(url: str, render: Callable[[str, str], str], used: set[str]) -> None:
    page = render("id", url)
    shown, visible = html.unescape(page), _unquoted(_visible(page))
    assert used, "the app looked up no words: does keputusan.web still take translator() from messages?"
    translations = _translations()
    for msgid in sorted(used):
        text = translations.get(msgid, "")
        assert text, f"{url}: the page uses a string the catalog does not translate: {msgid!r}"
        assert _pattern(text).search(shown), f"{url}: not shown in Indonesian: {msgid!r}"
    left = [msgid for msgid, pattern in _distinct_english() if pattern.search(visible)]
    assert not left, f"{url}: English words on the Indonesian page: {left}"
    if url != "/k/" + SEED + "/pratinjau":
        assert '<html lang="id">' in page
        assert all(t in visible for t in ("Daftar keputusan", "Register nomor", "Arsip"))


@pytest.mark.parametrize("url", list(PAGES.values()), ids=list(PAGES))
def test_page_in_english(url: str, render: Callable[[str, str], str], used: set[str]) -> None:
    page = render("en", url)
    shown = html.unescape(page)
    assert used
    for msgid in sorted(used):
        assert _pattern(msgid).search(shown), f"{url}: the English id is not on the page: {msgid!r}"
    template_ids = set(_template_ids())
    assert used & template_ids, url
    if url != "/k/" + SEED + "/pratinjau":
        assert '<html lang="en">' in page
        visible = _visible(page)
        assert all(t in visible for t in ("Decrees", "Number register", "Archive"))
        assert "Daftar keputusan" not in visible and "Register nomor" not in visible


def test_pages_cover_the_templates(render: Callable[[str, str], str], used: set[str]) -> None:
    """The pages above use nearly every template string (the rest show only after an action)."""
    for url in PAGES.values():
        render("id", url)
    after_action = {
        "The name or the password is wrong.",  # a failed sign-in
        "Sign out",  # signed in with a users file
        "Open the version on disk (your changes here are dropped)",  # a save that conflicts
        "Download the redline (DOCX with tracked changes)",  # a comparison made
        "Summary of changes",
        "Archived: %(nomor)s",  # an upload archived
        "File in the archive: %(file)s",
        "Content check: %(result)s",
        "Signature valid: %(who)s, %(when)s",
        "Archived by %(who)s",
        "Only an archivist or an administrator may archive.",  # another role
        # the other form of a plural (ngettext): the pages show one of the two
        "%(num)s errors",
        "%(num)s errors: the decree is not saved until they are fixed.",
        "%(num)s page",
        "%(shown)s of %(num)s decree",
        "%(num)s error",
        "%(num)s error: the decree is not saved until it is fixed.",
        "%(num)s pages",
        "%(shown)s of %(num)s decrees",
    }
    unused = sorted(set(_template_ids()) - used - after_action)
    assert not unused, f"template strings no page above shows: {unused}"
