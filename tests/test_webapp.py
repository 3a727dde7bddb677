"""The web app with several users at once: numbers taken together through the app are never
given twice, with the SQLite and the PostgreSQL register, and the register records who took each."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

from keputusan.register import Register
from keputusan.users import Users
from keputusan.web import create_app
from keputusan.webapp import Workspace

from .conftest import CONTENT
from .test_register import POSTGRES, in_schema, postgres_schema, skip_without_postgres

DRAFT = "contoh/draf-bupati-tim-penilai-kinerja.yaml"
PASSWORD = "sandi-uji-panjang"


@pytest.fixture(params=["sqlite", "postgresql"])
def register(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgresql":
        skip_without_postgres()
        with postgres_schema(POSTGRES) as schema:
            url = in_schema(POSTGRES, schema)
            Register(url, create=True).close()
            yield url
        return
    url = str(tmp_path / "bersama.sqlite")
    Register(url, create=True).close()
    yield url


def signed_in(app: object, name: str) -> TestClient:
    client = TestClient(app, base_url="http://127.0.0.1:8000")  # type: ignore[arg-type]
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/masuk").text).group(1)  # type: ignore[union-attr]
    answer = client.post(
        "/masuk", data={"_csrf": token, "nama": name, "sandi": PASSWORD}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    return client


def test_several_users_take_numbers_at_once(register: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    draft = (content / DRAFT).read_text(encoding="utf-8")
    names = [f"contoh/draf-{i}.yaml" for i in range(8)]
    for name in names:
        (content / name).write_text(draft, encoding="utf-8")
    users = Users.read(tmp_path / "pengguna.json", create=True)
    users.add("ani", "admin", PASSWORD)
    users.add("budi", "staf", PASSWORD)
    users.write()
    app = create_app(Workspace(content, register=register), users=Users.read(tmp_path / "pengguna.json"))
    clients = {who: signed_in(app, who) for who in ("ani", "budi")}
    statuses: list[int] = []

    def take(who: str, mine: list[str]) -> None:
        client = clients[who]
        for name in mine:
            page = client.get(f"/k/{name}").text
            token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            statuses.append(client.post(f"/k/{name}/nomor", data={"_csrf": token}).status_code)

    threads = [
        threading.Thread(target=take, args=("ani", names[0::2])),
        threading.Thread(target=take, args=("budi", names[1::2])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert statuses == [200] * len(names)
    numbers = [yaml.safe_load((content / name).read_text(encoding="utf-8"))["nomor"] for name in names]
    assert all(numbers) and len(set(numbers)) == len(names), numbers
    with Register(register) as reg:
        audit = {entry.nomor: entry.oleh for entry in reg.audit() if entry.nomor in numbers}
    assert {audit[n] for n in numbers[0::2]} == {"ani"} and {audit[n] for n in numbers[1::2]} == {"budi"}
    page = clients["budi"].get("/nomor?profil=contoh/profiles/bupati-balangan.yaml").text
    assert all(n in page for n in numbers)


def test_wrong_passwords_make_the_next_tries_wait(tmp_path: Path) -> None:
    users = Users.read(tmp_path / "pengguna.json", create=True)
    users.add("ani", "admin", PASSWORD)
    app = create_app(Workspace(CONTENT), users=users)
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/masuk").text).group(1)  # type: ignore[union-attr]

    def attempt(name: str, password: str) -> int:
        data = {"_csrf": token, "nama": name, "sandi": password}
        return client.post("/masuk", data=data, follow_redirects=False).status_code

    assert [attempt("ani", f"salah-{i}") for i in range(5)] == [401] * 5
    assert attempt("ani", PASSWORD) == 429  # even the right password waits now
    assert attempt("budi", "apa-saja") == 429  # the same computer, another name


def test_serve_over_tls_sends_the_cookie_only_over_tls(tmp_path: Path) -> None:
    import datetime as dt
    import http.client
    import ssl
    import subprocess
    import sys
    import time

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256())
    )  # fmt: skip
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    users = Users.read(tmp_path / "pengguna.json", create=True)
    users.add("ani", "admin", PASSWORD)
    users.write()
    shutil.copytree(CONTENT, tmp_path / "content")
    from tests.browser import free_port

    port = free_port()
    command = [sys.executable, "-m", "keputusan", "serve", "content", "--host", "0.0.0.0", "--port", str(port),
               "--no-browser", "--users", "pengguna.json", "--cert", "cert.pem", "--key", "key.pem"]  # fmt: skip
    server = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        context = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
        context.check_hostname = False
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=5)
                conn.request("GET", "/masuk")
                answer = conn.getresponse()
                break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert answer.status == 200
        answer.read()
        conn.close()
        cookie = answer.getheader("set-cookie") or ""
        assert "keputusan_sesi=" in cookie and "secure" in cookie.lower()
    finally:
        server.terminate()
        try:
            _out, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _out, err = server.communicate()
    assert b"--cert" not in err  # no warning about clear text: it is served over TLS


def _form(page: str) -> dict[str, str]:
    import html

    found = {
        key: re.search(rf'name="{key}" value="([^"]*)"', page, re.S)
        for key in ("base", "kerja")
    }  # fmt: skip
    token = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert token and all(found.values())
    return {"_csrf": token.group(1), **{k: html.unescape(m.group(1)) for k, m in found.items() if m}}


def test_save_twice_and_reload_after_saving(tmp_path: Path) -> None:
    """A double click on Save (the same form posted twice) saves once and says so, never 'changed
    on disk'; after a save the browser is sent to a new page, so reloading posts nothing again."""
    shutil.copytree(CONTENT, tmp_path / "content")
    client = TestClient(
        create_app(Workspace(tmp_path / "content"), local_user="uji@pc"), base_url="http://127.0.0.1:8000"
    )
    name = "kpts-800-1199-2023-iku-iki.yaml"
    form = {**_form(client.get(f"/k/{name}").text), "v.menimbang.1.teks": "Bahwa sekali saja"}
    first = client.post(f"/k/{name}/simpan", data=form, follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == f"/k/{name}?disimpan=1"
    written = (tmp_path / "content" / name).read_bytes()
    again = client.post(f"/k/{name}/simpan", data=form, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == f"/k/{name}?sama=1"
    assert (tmp_path / "content" / name).read_bytes() == written
    page = client.get(first.headers["location"])
    assert 'id="pemberitahuan"' in page.text and "Bahwa sekali saja" in page.text
    assert 'id="sudah-ditetapkan"' in page.text  # an issued decree says how it is changed


def test_a_date_typed_the_indonesian_way(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    client = TestClient(
        create_app(Workspace(tmp_path / "content"), local_user="uji@pc"), base_url="http://127.0.0.1:8000"
    )
    name = "kpts-800-1199-2023-iku-iki.yaml"
    form = {**_form(client.get(f"/k/{name}").text), "v.tanggal": "25/09/2023"}
    assert client.post(f"/k/{name}/simpan", data=form, follow_redirects=False).status_code == 303
    assert "tanggal: 2023-09-25\n" in (tmp_path / "content" / name).read_text(encoding="utf-8")


def test_an_emptied_consideration_gets_one_message_in_the_readers_words(tmp_path: Path) -> None:
    """Found by a new user: an empty menimbang also showed pydantic's 'Input should be an instance
    of RichText' beside 'Teks ini kosong'."""
    shutil.copytree(CONTENT, tmp_path / "content")
    client = TestClient(
        create_app(Workspace(tmp_path / "content"), local_user="uji@pc"), base_url="http://127.0.0.1:8000"
    )
    name = "kpts-800-1199-2023-iku-iki.yaml"
    form = {**_form(client.get(f"/k/{name}").text), "v.menimbang.0.teks": ""}
    answer = client.post(f"/k/{name}/periksa", data=form)
    assert answer.json()["fields"] == {
        "menimbang.0.teks": ["Teks ini kosong. Tulis teksnya, atau hapus barisnya."]
    }


def test_a_role_that_may_not_edit_gets_a_read_only_form(tmp_path: Path) -> None:
    users = Users.read(tmp_path / "pengguna.json", create=True)
    users.add("sari", "arsiparis", PASSWORD)
    users.add("ani", "admin", PASSWORD)
    app = create_app(Workspace(CONTENT), users=users)
    reader, editor = signed_in(app, "sari"), signed_in(app, "ani")
    page = reader.get("/k/kpts-800-1199-2023-iku-iki.yaml").text
    assert '<fieldset class="isi-form" disabled>' in page and 'id="hanya-baca"' in page
    assert 'formaction="/k/kpts-800-1199-2023-iku-iki.yaml/simpan"' not in page
    page = editor.get("/k/kpts-800-1199-2023-iku-iki.yaml").text
    assert '<fieldset class="isi-form">' in page and 'id="hanya-baca"' not in page


PREVIEWS_AT_ONCE = """
import sys, threading
from pathlib import Path
from keputusan.webapp import Workspace
ws = Workspace(Path(sys.argv[1]))
names = sorted(ws.files())[:4]
failed = []
def run(i):
    for k in range(4):
        try:
            key, pages = ws.pages(names[(i + k) % len(names)])
            assert pages and pages[0][:4] == b"\\x89PNG"
        except Exception as exc:
            failed.append(repr(exc))
threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print(failed)
sys.exit(1 if failed else 0)
"""


def test_previews_of_several_decrees_at_once(tmp_path: Path) -> None:
    """Found by an attacker: pdfium is not thread-safe, and reportlab's font registry raced; eight
    colleagues previewing four decrees at once crashed the server (a segfault). Run in a child
    process, so that a crash fails this test instead of the whole run."""
    import subprocess
    import sys

    shutil.copytree(CONTENT, tmp_path / "content")
    done = subprocess.run([sys.executable, "-c", PREVIEWS_AT_ONCE, str(tmp_path / "content")],
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])


def test_a_big_decree_can_be_saved_from_its_page(tmp_path: Path) -> None:
    """Found by an attacker: more than 1,000 fields (about 100 extra indicators) were refused as a
    missing security token."""
    shutil.copytree(CONTENT, tmp_path / "content")
    client = TestClient(
        create_app(Workspace(tmp_path / "content"), local_user="uji@pc"), base_url="http://127.0.0.1:8000"
    )
    name = "kpts-800-1199-2023-iku-iki.yaml"
    form = {**_form(client.get(f"/k/{name}").text), "v.menimbang.1.teks": "Bahwa banyak isian"}
    extra = {
        f"v.lampiran.1.isi.0.sasaran.0.indikator.0.kosong_{i}": "" for i in range(1500)
    }  # empty: no change
    answer = client.post(f"/k/{name}/simpan", data={**form, **extra}, follow_redirects=False)
    assert answer.status_code == 303, answer.text[:300]
    assert "Bahwa banyak isian" in (tmp_path / "content" / name).read_text(encoding="utf-8")


def test_a_working_copy_larger_than_a_content_file_is_refused(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    client = TestClient(
        create_app(Workspace(tmp_path / "content"), local_user="uji@pc"), base_url="http://127.0.0.1:8000"
    )
    name = "kpts-800-1199-2023-iku-iki.yaml"
    form = _form(client.get(f"/k/{name}").text)
    form["kerja"] = form["kerja"] + "# " + "x" * (6 << 20) + "\n"
    before = (tmp_path / "content" / name).read_bytes()
    answer = client.post(f"/k/{name}/simpan", data=form)
    assert answer.status_code == 413 and (tmp_path / "content" / name).read_bytes() == before


def test_another_site_cannot_load_the_apps_pages_as_images(tmp_path: Path) -> None:
    client = TestClient(create_app(Workspace(CONTENT), local_user="uji@pc"), base_url="http://127.0.0.1:8000")
    img = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"}
    assert client.get("/k/kpts-800-1199-2023-iku-iki.yaml/halaman/1.png", headers=img).status_code == 403
    link = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}
    assert client.get("/", headers=link).status_code == 200  # a link from another page still opens the app


def test_one_computers_wrong_passwords_do_not_lock_out_a_colleague(tmp_path: Path) -> None:
    from keputusan.web import Attempts

    attempts = Attempts()
    for _ in range(6):
        attempts.failed("10.0.0.9", "ani")
    assert attempts.wait("10.0.0.9", "ani") > 0  # the guessing computer waits
    assert attempts.wait("10.0.0.2", "ani") == 0  # ani at her own computer does not


def test_a_decree_file_over_the_size_limit_is_its_located_problem(tmp_path: Path) -> None:
    """A file of the folder larger than a content file may be is not read whole by any page: each
    says what `check` says of it."""
    shutil.copytree(CONTENT, tmp_path / "content")
    big = tmp_path / "content" / "besar.yaml"
    with big.open("wb") as handle:
        handle.write(b"profil: profiles/bkpsdm-balangan.yaml\n# " + b"x" * (6 << 20) + b"\n")
    client = TestClient(
        create_app(Workspace(tmp_path / "content"), local_user="uji@pc"), base_url="http://127.0.0.1:8000"
    )
    listing = client.get("/")
    assert listing.status_code == 200 and "besar.yaml" in listing.text
    for page in ("/k/besar.yaml", "/k/besar.yaml/halaman/1.png", "/k/besar.yaml/unduh.pdf"):
        answer = client.get(page)
        assert answer.status_code in (404, 422) and "KEPUTUSAN_MAX_CONTENT_BYTES" in answer.text, (
            page,
            answer.status_code,
        )
    fragment = client.get("/k/besar.yaml/pratinjau")  # the preview panel shows the problem in place
    assert fragment.status_code == 200 and "KEPUTUSAN_MAX_CONTENT_BYTES" in fragment.text
