"""The web app in a real browser: headless Chromium (Selenium) against `keputusan serve`.

One server and one browser for the module, over a scratch copy of content/ made a git
repository with one commit. The tests run in file order and build on each other the way a
user's session does (the seed edited, a draft numbered, a revision drafted and compared, a
signed PDF archived). Each step checks what a user would: the page, and the file on disk.

Screenshots of the pages go to output/layar/NN-name.png.

Without chromium or chromedriver the module is skipped (a failure under
KEPUTUSAN_REQUIRE_ALL=1, see conftest.py).
"""

from __future__ import annotations

import getpass
import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from .browser import Browser, Server, chrome_paths, git, open_browser, start_server, wait_for_download
from .conftest import CONTENT, ROOT

SEED_NAME = "kpts-800-1199-2023-iku-iki.yaml"
DRAFT_NAME = "contoh/draf-bupati-tim-penilai-kinerja.yaml"
SHOTS = ROOT / "output" / "layar"
DECREES = 9  # content files that are decrees (profiles and schemas are not)

try:
    import selenium  # noqa: F401

    _NO_SELENIUM = ""
except ImportError:  # pragma: no cover - the venv has it
    _NO_SELENIUM = "selenium is not installed"


def _data(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- fixtures


class Kit:
    """Everything the tests share: the project, the server, the browser, the test CA."""

    def __init__(self, project: Path, server: Server, browser: Browser, ca: Any, signer: Any) -> None:
        self.project, self.server, self.b, self.ca, self.signer = project, server, browser, ca, signer
        self.content = project / "content"
        self.trust = project / "trust"
        self.archive = project / "arsip"

    def file(self, name: str) -> Path:
        return self.content / name


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kit]:
    chrome, driver, why = chrome_paths()
    if why or _NO_SELENIUM:
        pytest.skip(why or _NO_SELENIUM)
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from .signing import make_ca, make_signer, write_trust

    project = tmp_path_factory.mktemp("web-browser") / "proyek"
    shutil.copytree(CONTENT, project / "content")
    git(project, "init", "-q")
    git(project, "add", "content")
    git(project, "commit", "-q", "-m", "awal")
    ca = make_ca()
    write_trust(project / "trust", ca)
    server = start_server(project, "--archive", str(project / "arsip"), "--trust", str(project / "trust"))
    try:
        browser = open_browser(server.url, project.parent / "unduhan-1", SHOTS)
    except Exception:
        server.stop()
        raise
    made = Kit(project, server, browser, ca, make_signer(ca))
    try:
        yield made
    finally:
        browser.close()
        server.stop()
        log = server.output()
        if "Traceback" in log:  # shown with a failing test's output
            print("---- keputusan serve log ----\n" + log)


@pytest.fixture(scope="module")
def second(kit: Kit) -> Iterator[Browser]:
    """A second browser: its own profile, cookies and session (a colleague's computer)."""
    other = open_browser(kit.server.url, kit.project.parent / "unduhan-2", SHOTS)
    yield other
    other.close()


@pytest.fixture(autouse=True)
def _no_console_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test ends with no error in the browser's console (a CSP refusal, a failed script)."""
    yield
    if "kit" not in request.fixturenames:
        return
    made: Kit = request.getfixturevalue("kit")
    errors = [
        e["message"]
        for e in made.b.driver.get_log("browser")
        if e["level"] == "SEVERE"
        and "favicon.ico" not in e["message"]
        # the app's refusals (400 in a known failure, 409, 422) are pages the tests ask for
        and not re.search(r"status of (400|409|422)", e["message"])
    ]
    assert not errors, errors


# --------------------------------------------------------------------------- helpers


def open_decree(b: Browser, name: str) -> None:
    b.get("/k/" + name)
    b.wait(lambda: b.find("#form-ubah"), message="the edit form")


def preview_key(b: Browser, timeout: float = 60) -> str:
    """The preview's key, once its pages are there and every image has loaded."""
    key = b.wait(lambda: b.find("#jumlah-halaman").get_attribute("data-kunci"), timeout, "the preview")
    b.wait(
        lambda: b.driver.execute_script(
            "var i = document.querySelectorAll('#pratinjau img.halaman');"
            " return i.length > 0 && Array.from(i).every(function (x) {"
            "   x.loading = 'eager'; return x.complete && x.naturalWidth > 0; });"
        ),
        timeout,
        "every preview image to load",
    )
    return str(key)


def notice(b: Browser) -> str:
    return str(b.find("#pemberitahuan").text)


def save(b: Browser) -> None:
    b.submit_and_wait(b.find("#simpan"))


# --------------------------------------------------------------------------- 1. the list


def test_list_shows_every_decree_and_search_narrows_it(kit: Kit) -> None:
    b = kit.b
    b.get("/")
    rows = b.find_all("#tabel-daftar tbody tr")
    files = [r.find_element("css selector", "td.berkas").text for r in rows]
    assert len(files) == DECREES, files
    assert SEED_NAME in files and DRAFT_NAME in files
    assert not any(f.startswith(("profiles/", "schema/")) or "/profiles/" in f for f in files)
    b.screenshot("01-daftar")

    search = b.find('input[name="q"]')
    search.send_keys("zonasi")  # htmx asks the list again 300 ms after typing
    b.wait(lambda: len(b.find_all("#tabel-daftar tbody tr")) == 1, message="the list narrowed")
    (only,) = b.find_all("#tabel-daftar tbody td.berkas")
    assert only.text == "contoh/kpts-disdik-zonasi-ppdb-2024.yaml"
    assert "q=zonasi" in b.driver.current_url  # hx-push-url: the search is in the address

    b.get("/?status=draf")
    drafts = [e.text for e in b.find_all("#tabel-daftar tbody td.berkas")]
    assert DRAFT_NAME in drafts and SEED_NAME not in drafts
    b.get("/?q=tidak-ada-yang-cocok-xyz")
    assert len(b.find_all("#tabel-daftar tbody td.berkas")) == 0


# --------------------------------------------------------------------------- 2. edit and save


@pytest.mark.parametrize(
    "name, cell",
    [
        pytest.param(SEED_NAME, "lampiran.0.isi.0.sasaran.0.indikator.0.nama", id="seed"),
        pytest.param("contoh/kpts-bupati-ppid.yaml", "lampiran.0.isi.0.baris.0.1", id="ppid"),
    ],
)
def test_edit_a_consideration_and_a_table_cell_changes_only_those_lines(
    kit: Kit, name: str, cell: str
) -> None:
    b = kit.b
    path = kit.file(name)
    before = path.read_text(encoding="utf-8")
    old = _data_of(before)
    open_decree(b, name)
    assert b.status_of_last_navigation() == 200
    if name == SEED_NAME:
        b.screenshot("02-ubah")

    menimbang = b.field("menimbang.1.teks")
    assert menimbang.tag_name == "textarea"
    assert " ".join(menimbang.get_attribute("value").split()) == " ".join(old["menimbang"][1]["teks"].split())
    new_menimbang = "bahwa teks ini diubah lewat peramban untuk diuji"
    b.replace_text(menimbang, new_menimbang)
    field = b.field(cell)
    old_cell = field.get_attribute("value")
    assert old_cell and old_cell == _at(old, cell)
    new_cell = old_cell + " (diuji)"
    b.replace_text(field, new_cell)
    save(b)

    assert b.status_of_last_navigation() == 200
    assert "berhasil" in b.find("#pemberitahuan").get_attribute("class")
    assert b.field("menimbang.1.teks").get_attribute("value") == new_menimbang
    assert b.field(cell).get_attribute("value") == new_cell

    data = _data(path)
    assert data["menimbang"][1]["teks"] == new_menimbang
    assert _at(data, cell) == new_cell
    _set(old, "menimbang.1.teks", new_menimbang)
    _set(old, cell, new_cell)
    assert data == old  # nothing else in the data changed

    after = path.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
    diff = git(kit.project, "diff", "-U0", "--", f"content/{name}")
    hunks = [line for line in diff.splitlines() if line.startswith("@@")]
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(hunks) == 2, diff  # the consideration, and the cell
    old_words = " ".join(_at(_data_of(before), "menimbang.1.teks").split())
    for line in removed:  # each removed line is a piece of the old consideration or holds the old cell
        piece = " ".join(line.split()).removeprefix("teks: >-").removeprefix("teks:").strip()
        assert (piece and piece in old_words) or old_cell in line or line.strip() == "teks: >-", (line, diff)
    assert sum(new_menimbang in line for line in added) == 1, diff
    assert sum(new_cell in line for line in added) == 1, diff
    assert len(added) <= 3, diff

    # the app's own comparison with the commit sees the change
    b.get(f"/k/{name}/bandingkan?rev=HEAD")
    assert "diuji" in summary_text(b)
    assert b.find("#unduh-redline")


def summary_text(b: Browser) -> str:
    """The words of the change summary, shown in its own frame of the compare page."""
    b.driver.switch_to.frame(b.wait(lambda: b.find("iframe.ringkasan"), message="the summary"))
    try:
        text: str = b.wait(lambda: b.find("body").text, message="the summary in its frame")
        return text
    finally:
        b.driver.switch_to.default_content()


def _data_of(text: str) -> Any:
    return YAML(typ="safe").load(text)


def _at(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def _set(data: Any, dotted: str, value: Any) -> None:
    *head, last = dotted.split(".")
    parent = _at(data, ".".join(head))
    parent[int(last) if isinstance(parent, list) else last] = value


# --------------------------------------------------------------------------- 3. a bad date


def test_a_bad_date_is_shown_at_its_field_as_you_type_and_on_save(kit: Kit) -> None:
    b = kit.b
    name = "contoh/kpts-bupati-iku-2021-2026.yaml"
    path = kit.file(name)
    before = path.read_bytes()
    open_decree(b, name)
    slot = b.slot("tanggal")
    assert slot.text == ""

    b.replace_text(b.field("tanggal"), "2023-02-30")  # app.js checks 600 ms after the last key
    b.wait(lambda: b.slot("tanggal").text.strip(), message="the message at the date field")
    live = b.slot("tanggal").text
    assert "2023-02-30" in live or "tanggal" in live.lower(), live
    assert b.field("tanggal").get_attribute("aria-invalid") == "true"
    assert path.read_bytes() == before  # a check writes nothing

    save(b)
    assert b.status_of_last_navigation() == 422
    assert path.read_bytes() == before
    assert "galat-umum" in b.find("#pemberitahuan").get_attribute("class")
    assert b.slot("tanggal").text.strip()  # the message is at the field after the save too
    assert b.field("tanggal").get_attribute("value") == "2023-02-30"  # what was typed stays
    assert b.field("tanggal").get_attribute("aria-invalid") == "true"
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.field("tanggal"))
    b.screenshot("03-galat")

    b.replace_text(b.field("tanggal"), "2021-11-16")
    b.wait(lambda: not b.slot("tanggal").text.strip(), message="the message to go")
    save(b)
    assert b.status_of_last_navigation() == 200
    assert "berhasil" in b.find("#pemberitahuan").get_attribute("class")
    assert str(_data(path)["tanggal"]) == "2021-11-16"
    assert b.slot("tanggal").text == ""


# --------------------------------------------------------------------------- 4. the preview


def test_the_preview_follows_the_saved_file(kit: Kit) -> None:
    b = kit.b
    name = "contoh/kpts-tim-verifikasi-kenaikan-pangkat.yaml"
    open_decree(b, name)
    first = preview_key(b)
    count = len(b.find_all("#pratinjau img.halaman"))
    assert count >= 1

    b.replace_text(b.field("menimbang.0.teks"), "bahwa pratinjau ini harus berubah setelah disimpan")
    save(b)
    assert "berhasil" in b.find("#pemberitahuan").get_attribute("class")
    second_key = preview_key(b)
    assert second_key != first
    images = b.find_all("#pratinjau img.halaman")
    assert all(f"v={second_key}" in img.get_attribute("src") for img in images)
    widths = [b.driver.execute_script("return arguments[0].naturalWidth", img) for img in images]
    assert all(w > 0 for w in widths), widths
    b.driver.execute_script("document.querySelector('aside.pratinjau').scrollIntoView()")
    b.screenshot("04-pratinjau")


# --------------------------------------------------------------------------- 5. a number


def test_take_a_number_for_a_draft(kit: Kit) -> None:
    b = kit.b
    path = kit.file(DRAFT_NAME)
    assert _data(path)["status"] == "draf"
    open_decree(b, DRAFT_NAME)
    b.submit_and_wait(b.find("#ambil-nomor"), confirm="nomor")
    assert b.status_of_last_navigation() == 200
    data = _data(path)
    assert data["status"] == "ditetapkan"
    nomor = data["nomor"]
    assert re.fullmatch(r"188\.45/\d+/\d{4}", nomor), nomor
    assert data["tanggal"]
    assert nomor in notice(b)
    assert nomor in b.find(".kepala-keputusan").text
    assert b.field("nomor").get_attribute("value") == nomor
    assert not b.find_all("#ambil-nomor")  # issued: no second number
    b.screenshot("05-nomor")


def test_the_register_page_lists_the_number_of_the_draft(kit: Kit) -> None:
    b = kit.b
    nomor = _data(kit.file(DRAFT_NAME))["nomor"]
    b.get("/nomor")
    assert nomor not in b.find("#tabel-nomor").text  # the first agency's register is another one
    from selenium.webdriver.support.ui import Select

    Select(b.find('select[name="profil"]')).select_by_value("contoh/profiles/bupati-balangan.yaml")
    b.submit_and_wait(b.find('form.saring button[type="submit"]'))
    row = [r.text for r in b.find_all("#tabel-nomor tbody tr") if nomor in r.text]
    assert len(row) == 1 and getpass.getuser() in row[0], row  # who took it: this computer's user


# --------------------------------------------------------------------------- 6. compare


def draft_a_change(b: Browser, name: str, new_stem: str, kind: str) -> str:
    """Use the edit page's "Draft a change" form; the name of the new draft."""
    open_decree(b, name)
    b.find("details.perubahan summary").click()
    form = b.find("#form-perubahan")
    b.replace_text(form.find_element("css selector", 'input[name="baru"]'), new_stem)
    form.find_element("css selector", f'input[name="jenis"][value="{kind}"]').click()
    b.submit_and_wait(form.find_element("css selector", 'button[type="submit"]'))
    folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
    made = folder + new_stem + ".yaml"
    assert b.driver.current_url.split("?")[0].endswith("/k/" + made), b.driver.current_url
    b.wait(lambda: b.find("#form-ubah"))
    return made


def test_draft_a_change_compare_it_and_download_the_redline(kit: Kit) -> None:
    b = kit.b
    original = "contoh/kpts-standar-pelayanan-kepegawaian.yaml"
    new_stem = "kpts-standar-pelayanan-kepegawaian-2025"
    new_name = draft_a_change(b, original, new_stem, "ganti")
    new_path = kit.file(new_name)
    fresh = _data(new_path)
    assert fresh["status"] == "draf" and fresh.get("menggantikan") == _data(kit.file(original))["nomor"]
    assert "nomor" not in fresh

    changed = "bahwa perubahan ini diketik untuk dibandingkan dengan keputusan lama"
    b.replace_text(b.field("menimbang.1.teks"), changed)
    save(b)
    assert "berhasil" in b.find("#pemberitahuan").get_attribute("class")
    assert _data(new_path)["menimbang"][1]["teks"] == changed

    b.get(f"/k/{new_name}/bandingkan?dengan={original}")
    link = b.wait(lambda: b.find("#unduh-redline"), message="the redline link")
    assert "dibandingkan" in summary_text(b)
    b.screenshot("06-bandingkan")
    for old in b.downloads.glob("*"):
        old.unlink()
    link.click()
    got = wait_for_download(b.downloads, ".docx")
    assert got.name == new_stem + "-redline.docx"
    with zipfile.ZipFile(io.BytesIO(got.read_bytes())) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "<w:ins " in body or "<w:del " in body
    assert "dibandingkan" in body


def test_the_register_page_lists_a_number_taken_in_the_browser(kit: Kit) -> None:
    """A draft amending the seed uses content/profiles/, whose register /nomor shows."""
    b = kit.b
    name = draft_a_change(b, SEED_NAME, "kpts-800-1199-2023-iku-iki-perubahan", "ubah")
    assert _data(kit.file(name))["mengubah"] == _data(kit.file(SEED_NAME))["nomor"]
    # the amending draft has '...' to fill in; numbering it first is refused
    b.submit_and_wait(b.find("#ambil-nomor"), confirm="nomor")
    assert b.status_of_last_navigation() == 422
    assert "nomor" not in _data(kit.file(name))
    blanks = [f for f in b.find_all("#form-ubah [id^='f-']") if "..." in (f.get_attribute("value") or "")]
    assert blanks
    # the refusal says why next to each field that still holds '...'
    for blank in blanks:
        path = blank.get_attribute("data-path")
        slot = b.find(f'.galat[data-for="{path}"]')
        assert "..." in slot.text, (path, slot.text)
    for blank in blanks:
        b.replace_text(blank, blank.get_attribute("value").replace("...", "menyesuaikan indikator kinerja"))
    save(b)
    assert "berhasil" in b.find("#pemberitahuan").get_attribute("class"), notice(b)
    b.submit_and_wait(b.find("#ambil-nomor"), confirm="nomor")
    assert b.status_of_last_navigation() == 200, b.find("main").text[:1500]
    nomor = _data(kit.file(name))["nomor"]
    assert nomor and nomor in notice(b)
    b.get("/nomor")
    rows = [r.text for r in b.find_all("#tabel-nomor tbody tr")]
    (row,) = [r for r in rows if nomor in r]
    assert getpass.getuser() in row  # who took it: this computer's user
    assert name in row
    b.screenshot("09-register")


# --------------------------------------------------------------------------- 7. archive


def _seed_pdf(kit: Kit) -> bytes:
    from keputusan.build import Options, build_all
    from keputusan.load import load

    out = kit.project / "pdf"
    build_all([load(kit.file(SEED_NAME))], out, Options(("pdf",)))
    return (out / (Path(SEED_NAME).stem + ".pdf")).read_bytes()


@pytest.fixture(scope="module")
def uploads(kit: Kit) -> dict[str, Path]:
    """The seed's PDF as built, signed with the test CA, and signed then altered by one bit."""
    from .signing import sign

    pdf = _seed_pdf(kit)
    signed = sign(pdf, kit.signer, kit.ca)
    flipped = bytearray(signed)
    flipped[len(flipped) // 3] ^= 0x01
    folder = kit.project / "unggahan"
    folder.mkdir()
    files = {"bertanda": signed, "diubah": bytes(flipped), "tanpa-tanda": pdf}
    for name, data in files.items():
        (folder / f"{name}.pdf").write_bytes(data)
    return {name: folder / f"{name}.pdf" for name in files}


def upload(b: Browser, name: str, pdf: Path) -> None:
    b.get(f"/k/{name}/arsip")
    b.find("#berkas-pdf").send_keys(str(pdf))
    b.submit_and_wait(b.find("#kirim-arsip"), timeout=60)


@pytest.mark.parametrize("bad", ["diubah", "tanpa-tanda"])
def test_a_tampered_or_unsigned_pdf_is_refused_in_words(kit: Kit, uploads: dict[str, Path], bad: str) -> None:
    b = kit.b
    upload(b, SEED_NAME, uploads[bad])
    b.screenshot("11-arsip-ditolak" if bad == "tanpa-tanda" else "12-arsip-diubah")
    assert b.status_of_last_navigation() == 422
    refusal = b.find("#hasil-arsip")
    assert refusal.get_attribute("role") == "alert"
    assert f"{bad}.pdf" in refusal.text  # which file
    assert len(refusal.text.split()) >= 8, refusal.text  # and why, in words
    assert not re.search(r"\barchive_[a-z_]+\b", refusal.text), refusal.text  # not a message code
    assert not list(kit.archive.rglob("*.pdf"))
    b.get("/arsip")
    assert _data(kit.file(SEED_NAME))["nomor"] not in b.find("#tabel-arsip").text


def test_upload_a_signed_pdf_and_see_it_archived(kit: Kit, uploads: dict[str, Path]) -> None:
    b = kit.b
    nomor = _data(kit.file(SEED_NAME))["nomor"]
    upload(b, SEED_NAME, uploads["bertanda"])
    b.screenshot("07-arsip")
    done = b.find("#hasil-arsip")
    assert "asyncio" not in done.text
    assert b.status_of_last_navigation() == 200, done.text
    assert "berhasil" in done.get_attribute("class")
    assert nomor in done.text
    assert "SUFRIANNOR" in done.text  # the signature, by its signer
    stored = list(kit.archive.rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == uploads["bertanda"].read_bytes()

    b.get("/arsip")
    rows = [r.text for r in b.find_all("#tabel-arsip tbody tr")]
    assert any(nomor in r for r in rows), rows
    b.screenshot("10-daftar-arsip")


# --------------------------------------------------------------------------- 8. a conflict


def test_two_browsers_edit_the_same_decree_the_second_save_is_refused(kit: Kit, second: Browser) -> None:
    first = kit.b
    name = "contoh/kpts-disdik-zonasi-ppdb-2024.yaml"
    path = kit.file(name)
    open_decree(first, name)
    open_decree(second, name)
    mine, theirs = "bahwa perubahan dari peramban pertama", "bahwa perubahan dari peramban kedua"
    first.replace_text(first.field("menimbang.0.teks"), mine)
    save(first)
    assert "berhasil" in first.find("#pemberitahuan").get_attribute("class")
    assert _data(path)["menimbang"][0]["teks"] == mine
    saved = path.read_bytes()

    second.replace_text(second.field("menimbang.1.teks"), theirs)
    save(second)
    assert second.status_of_last_navigation() == 409
    box = second.find("#pemberitahuan")
    assert "galat-umum" in box.get_attribute("class")
    assert box.find_element("css selector", "a").get_attribute("href").endswith("/k/" + name)
    assert path.read_bytes() == saved  # the first's change kept, nothing of the second's written
    assert second.field("menimbang.1.teks").get_attribute("value") == theirs  # the typing is not lost
    second.screenshot("08-bentrok")


# --------------------------------------------------------------------------- 9. keyboard and drag


def _order(b: Browser) -> list[str]:
    return [
        b.field(f"menimbang.{i}.teks").get_attribute("value")
        for i in range(len(b.find_all('#bagian-menimbang li[data-path^="menimbang."]')))
    ]


def test_reorder_a_consideration_with_the_keyboard(kit: Kit) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    b = kit.b
    name = "contoh/kpts-tim-verifikasi-kenaikan-pangkat.yaml"
    path = kit.file(name)
    open_decree(b, name)
    order = _order(b)
    assert len(order) >= 2
    # from the first consideration's text, Shift+Tab back to its ▼ button, then Enter
    b.field("menimbang.0.teks").click()
    keys = ActionChains(b.driver)
    for _ in range(3):
        keys.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
    keys.perform()
    active = b.driver.switch_to.active_element
    assert active.get_attribute("value") == "turun:menimbang.0", active.get_attribute("outerHTML")
    old = b.find("html")
    ActionChains(b.driver).send_keys(Keys.ENTER).perform()
    b.wait(lambda: _stale_html(old), message="the page after the move")
    b.wait(lambda: b.find("#form-ubah"))
    assert _order(b) == [order[1], order[0], *order[2:]]
    assert _data(path)["menimbang"][0]["teks"].split() == order[0].split()  # not saved yet
    # the moved item's button has the focus: the keyboard user goes on from there
    assert b.driver.switch_to.active_element.get_attribute("value") in (
        "naik:menimbang.1",
        "turun:menimbang.1",
    )

    # save with the keyboard too
    b.find("#simpan").send_keys(Keys.ENTER)
    b.wait(lambda: "berhasil" in b.find("#pemberitahuan").get_attribute("class"), message="saved")
    assert [m["teks"].split() for m in _data(path)["menimbang"][:2]] == [order[1].split(), order[0].split()]
    assert _order(b)[:2] == [order[1], order[0]]


def _stale_html(old: Any) -> bool:
    from selenium.common.exceptions import StaleElementReferenceException

    try:
        old.tag_name  # noqa: B018
    except StaleElementReferenceException:
        return True
    return False


def _rows(b: Browser, table: str) -> list[str]:
    n = len(b.find_all(f'tr[data-list="{table}.baris"]'))
    return [b.field(f"{table}.baris.{i}.1").get_attribute("value") for i in range(n)]


def test_drag_and_drop_reorders_table_rows(kit: Kit) -> None:
    b = kit.b
    name, table = "contoh/kpts-bupati-ppid.yaml", "lampiran.0.isi.0"
    path = kit.file(name)
    open_decree(b, name)
    rows = _rows(b, table)
    assert len(rows) >= 3
    old = b.find("html")
    b.drag(
        b.find(f'tr[data-path="{table}.baris.2"] td.nomor'),
        b.find(f'tr[data-path="{table}.baris.0"] td.nomor'),
        f"{table}.baris.2",
    )
    b.wait(lambda: _stale_html(old), message="the page after the drop")
    b.wait(lambda: b.find("#form-ubah"))
    assert _rows(b, table) == [rows[2], rows[0], rows[1], *rows[3:]]
    save(b)
    assert "berhasil" in b.find("#pemberitahuan").get_attribute("class")
    on_disk = [row[1] for row in _at(_data(path), table)["baris"]]
    assert on_disk[:3] == [rows[2], rows[0], rows[1]]


def test_drag_and_drop_reorders_a_consideration(kit: Kit) -> None:
    b = kit.b
    open_decree(b, "contoh/kpts-tim-verifikasi-kenaikan-pangkat.yaml")
    order = _order(b)
    old = b.find("html")
    b.drag(
        b.find('#bagian-menimbang li[data-path="menimbang.2"] .pegangan'),
        b.find('#bagian-menimbang li[data-path="menimbang.0"] .kepala-butir'),
        "menimbang.2",
    )
    b.wait(lambda: _stale_html(old), timeout=3, message="the page after the drop")
    b.wait(lambda: b.find("#form-ubah"))
    assert _order(b) == [order[2], order[0], order[1], *order[3:]]


def test_alt_arrow_in_a_consideration_moves_it(kit: Kit) -> None:
    from selenium.webdriver.common.keys import Keys

    b = kit.b
    open_decree(b, "contoh/kpts-tim-verifikasi-kenaikan-pangkat.yaml")
    order = _order(b)
    old = b.find("html")
    b.field("menimbang.0.teks").send_keys(Keys.ALT, Keys.ARROW_DOWN)
    b.wait(lambda: _stale_html(old), timeout=3, message="the page after Alt+Down")
    b.wait(lambda: b.find("#form-ubah"))
    assert _order(b)[:2] == [order[1], order[0]]
