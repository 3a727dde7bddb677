"""The web app attacked: logins, roles, CSRF, Host and Origin, path traversal, forged forms
and working copies, hostile text in fields, hostile uploads, headers.

Every test works on a copy of content/ in tmp_path, with its own register and archive.
Bugs found are marked ``xfail(strict=True)`` with the finding's words; see the security report.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from starlette.routing import Route
from starlette.testclient import TestClient

from keputusan.load import load
from keputusan.users import Users
from keputusan.web import create_app
from keputusan.webapp import Workspace

from .conftest import CONTENT, ROOT

PYTHON = sys.executable
RAISE = os.environ.get("KEPUTUSAN_WEB_RAISE") == "1"  # debugging: see the server's traceback
PASSWORD = "rahasia-uji-123"
LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
ACCOUNTS = {"staf": "staf1", "hukum": "hukum1", "arsiparis": "arsip1", "admin": "admin1"}
DRAFT = "contoh/draf-bupati-tim-penilai-kinerja.yaml"  # a draft: editable, numberable
ISSUED = "kpts-800-1199-2023-iku-iki.yaml"
CSRF = re.compile(r'name="_csrf" value="([^"]+)"|name="csrf-token" content="([^"]+)"')
BASE = re.compile(r'name="base" value="([^"]+)"')
KERJA = re.compile(r'name="kerja" value="([^"]*)"')

# The permission each state-changing route needs. A POST route missing here fails
# test_every_post_route_is_known: add it, and the CSRF and role tests cover it.
POST_ROUTES = {
    "/masuk": None,  # the login itself
    "/keluar": None,
    "/nomor/{aksi:str}": "nomor",
    "/k/{nama:path}/ubah": "ubah",
    "/k/{nama:path}/periksa": "lihat",
    "/k/{nama:path}/simpan": "ubah",
    "/k/{nama:path}/nomor": "nomor",
    "/k/{nama:path}/perubahan": "ubah",
    "/k/{nama:path}/arsip": "arsip",
}
MAY = {
    "lihat": {"staf", "hukum", "arsiparis", "admin"},
    "ubah": {"staf", "hukum", "admin"},
    "nomor": {"staf", "admin"},
    "arsip": {"arsiparis", "admin"},
}


# --------------------------------------------------------------------------- the site


@dataclass
class Site:
    root: Path
    content: Path
    users_path: Path
    users: Optional[Users]
    app: Any

    def client(self, host: str = "127.0.0.1") -> TestClient:
        return TestClient(Closing(self.app), base_url=f"http://{host}", raise_server_exceptions=RAISE)

    def login(self, role: str) -> tuple[TestClient, str]:
        """A client signed in with the account of ``role``, and its session's CSRF token."""
        client = self.client()
        if self.users is not None:
            page = client.get("/masuk")
            answer = client.post(
                "/masuk",
                data={"_csrf": token_of(page.text), "nama": ACCOUNTS[role], "sandi": PASSWORD},
                follow_redirects=False,
            )
            assert answer.status_code == 303, answer.text
        return client, token_of(client.get("/").text)

    def snapshot(self) -> dict[str, bytes]:
        """Every file of the site (content, register, archive, users)."""
        out = {}
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                out[path.relative_to(self.root).as_posix()] = path.read_bytes()
        return out


OPEN_FORMS: list[Any] = []


@pytest.fixture(autouse=True)
def _record_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    """Record the multipart forms the app parses: the app does not close them (security report 9),
    so the test client closes them after each request (else a ResourceWarning fails a later test)."""
    from starlette import formparsers

    original = formparsers.MultiPartParser.parse

    async def parse(self: Any) -> Any:
        form = await original(self)
        OPEN_FORMS.append(form)
        return form

    monkeypatch.setattr(formparsers.MultiPartParser, "parse", parse)


class Closing:
    """The app, with the forms a request left open closed after it."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            while OPEN_FORMS:
                await OPEN_FORMS.pop().close()


def token_of(text: str) -> str:
    found = CSRF.search(text)
    assert found, text[:500]
    return found.group(1) or found.group(2)


def make_site(root: Path, with_users: bool = True) -> Site:
    content = root / "content"
    shutil.copytree(CONTENT, content, symlinks=True)
    users_path = root / "pengguna.json"
    users = None
    if with_users:
        users = Users.read(users_path, create=True)
        for role, name in ACCOUNTS.items():
            users.add(name, role, PASSWORD)
        users.write()
    workspace = Workspace(content, register=str(root / "register.sqlite"), archive=root / "arsip")
    app = create_app(workspace, users=users, local_user="uji@pc", allowed_hosts=LOCAL_HOSTS)
    return Site(root, content, users_path, users, app)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A site the read-only tests share (building pages is slow)."""
    return make_site(tmp_path_factory.mktemp("web-shared"))


@pytest.fixture(autouse=True)
def _fresh_attempts(request: pytest.FixtureRequest) -> None:
    """The shared site's failed sign-ins start from none in each test (its tests, together, try
    wrong passwords more often than the limit allows; test_wrong_passwords_make_the_next_tries_wait
    in tests/test_webapp.py covers the limit)."""
    if "shared" in request.fixturenames:
        from keputusan.web import Attempts

        site: Site = request.getfixturevalue("shared")
        site.app.state.keputusan.attempts = Attempts()


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)


@pytest.fixture
def local(tmp_path: Path) -> Site:
    """The loopback site: no users file, the computer's user is admin."""
    return make_site(tmp_path, with_users=False)


def edit_form(client: TestClient, name: str) -> dict[str, str]:
    page = client.get("/k/" + name)
    assert page.status_code == 200, page.text[:500]
    base = BASE.search(page.text)
    assert base
    return {"_csrf": token_of(page.text), "base": base.group(1), "kerja": ""}


def assert_no_crash(response: Any) -> None:
    assert response.status_code < 500, response.text[:2000]
    assert "Traceback" not in response.text


def concrete(path: str, name: str = DRAFT) -> str:
    return (
        path.replace("{nama:path}", name)
        .replace("{aksi:str}", "catat")
        .replace("{n:int}", "1")
        .replace("{jenis:str}", "pdf")
    )


def post_routes(app: Any) -> list[str]:
    return sorted(r.path for r in app.routes if isinstance(r, Route) and "POST" in (r.methods or ()))


def get_routes(app: Any) -> list[str]:
    return sorted({r.path for r in app.routes if isinstance(r, Route) and "GET" in (r.methods or ())})


def form_for(path: str) -> dict[str, Any]:
    """A request for each POST route that would act if it were allowed."""
    if path.endswith("/arsip"):
        return {"files": {"pdf": ("x.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")}}
    if path.endswith(("/ubah", "/periksa", "/simpan")):
        return {"data": {"kerja": "", "v.tentang": "DIUBAH OLEH PENYERANG"}}
    if path.endswith("/perubahan"):
        return {"data": {"baru": "serangan-baru", "jenis": "ganti"}}
    if path == "/nomor/{aksi:str}":
        return {"data": {"nomor": "100.3.3.2/999/2024", "catatan": "palsu", "tahun": "2024"}}
    if path == "/masuk":
        return {"data": {"nama": "admin1", "sandi": PASSWORD}}
    return {"data": {}}


# --------------------------------------------------------------------------- logins


def test_every_post_route_is_known(shared: Site) -> None:
    """A new state-changing route must be added to POST_ROUTES (and so to the CSRF and role tests)."""
    assert set(post_routes(shared.app)) == set(POST_ROUTES)


def test_every_page_needs_a_login(shared: Site) -> None:
    client = shared.client()
    pages = [concrete(p, ISSUED) for p in get_routes(shared.app) if p != "/masuk"]
    pages += ["/k/" + ISSUED + "/unduh.docx", "/k/" + DRAFT + "?dengan=" + ISSUED]
    assert "/arsip/jdih.json" in pages and "/k/" + ISSUED + "/halaman/1.png" in pages
    for page in pages:
        answer = client.get(page, follow_redirects=False)
        assert answer.status_code in (303, 307, 401), (page, answer.status_code)
        if answer.status_code != 401:
            assert answer.headers["location"].startswith("/masuk"), page
        assert b"%PDF" not in answer.content and b"PK\x03\x04" not in answer.content
    for path in post_routes(shared.app):
        if path in ("/masuk", "/keluar"):
            continue
        answer = client.post(concrete(path), **form_for(path), follow_redirects=False)
        assert answer.status_code == 401, (path, answer.status_code)


def test_login_with_a_wrong_password_or_unknown_name(shared: Site) -> None:
    client = shared.client()
    for name, password in [("admin1", "salah-sandi-1"), ("tidakada", PASSWORD), ("", ""), ("admin1", "")]:
        token = token_of(client.get("/masuk").text)
        answer = client.post(
            "/masuk", data={"_csrf": token, "nama": name, "sandi": password}, follow_redirects=False
        )
        assert answer.status_code == 401
        assert client.get("/", follow_redirects=False).status_code == 303


def test_login_does_not_tell_which_names_exist(shared: Site) -> None:
    """Same answer and about the same time for a wrong password and an unknown name."""
    client = shared.client()

    def attempt(name: str) -> tuple[float, str]:
        from keputusan.web import Attempts

        shared.app.state.keputusan.attempts = Attempts()  # seven tries: more than the limit allows
        token = token_of(client.get("/masuk").text)
        start = time.perf_counter()
        answer = client.post("/masuk", data={"_csrf": token, "nama": name, "sandi": "bukan-sandinya"})
        took = time.perf_counter() - start
        body = answer.text.replace(token, "").replace(name, "NAME")
        body = CSRF.sub("", body)
        return took, f"{answer.status_code}:{body}"

    attempt("tidakada")  # the dummy hash is made on first use
    known = [attempt("admin1") for _ in range(3)]
    unknown = [attempt("tidakada") for _ in range(3)]
    assert {k[1] for k in known} == {u[1] for u in unknown}
    fast_known, fast_unknown = min(k[0] for k in known), min(u[0] for u in unknown)
    assert fast_unknown > fast_known / 3 and fast_known > fast_unknown / 3, (fast_known, fast_unknown)


def test_login_needs_the_csrf_token_of_its_session(shared: Site) -> None:
    """Login CSRF: another site cannot sign the victim in to the attacker's account."""
    attacker = shared.client()
    token = token_of(attacker.get("/masuk").text)
    victim = shared.client()
    victim.get("/masuk")
    for data in [{}, {"_csrf": "x" * 43}, {"_csrf": token}]:
        answer = victim.post(
            "/masuk", data={**data, "nama": "admin1", "sandi": PASSWORD}, follow_redirects=False
        )
        assert answer.status_code == 403
        assert victim.get("/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "http:evil.example",
        "javascript:alert(1)",
        "///evil.example",
        "/\t/evil.example",
        "/%2F%2Fevil.example",
        " //evil.example",
        "//evil.example@127.0.0.1/",
    ],
)
def test_login_redirect_stays_on_this_site(shared: Site, target: str) -> None:
    client = shared.client()
    page = client.get("/masuk", params={"ke": target})
    assert_no_crash(page)
    kept = re.search(r'name="ke" value="([^"]*)"', page.text)
    assert kept and html.unescape(kept.group(1)) in ("/", target) and not kept.group(1).startswith("//")
    assert "evil.example" not in page.text or target.startswith("/%2F")
    token = token_of(page.text)
    answer = client.post(
        "/masuk",
        data={"_csrf": token, "nama": "admin1", "sandi": PASSWORD, "ke": target},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "\t" not in location and "\n" not in location
    # the signed-in user is sent to a local page only, even by the GET form's ke
    answer = client.get("/masuk", params={"ke": target}, follow_redirects=False)
    assert answer.status_code in (200, 303)
    if answer.status_code == 303:
        assert answer.headers["location"].startswith("/") and not answer.headers["location"].startswith("//")


def test_logout_needs_csrf_and_ends_the_session(site: Site) -> None:
    client, token = site.login("admin")
    assert client.post("/keluar", follow_redirects=False).status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 200
    assert client.post("/keluar", data={"_csrf": token}, follow_redirects=False).status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_cookie_from_before_logout_is_dead(site: Site) -> None:
    """Security report 4 (fixed)."""
    client, token = site.login("admin")
    stolen = client.cookies.get("keputusan_sesi")
    assert stolen
    client.post("/keluar", data={"_csrf": token}, follow_redirects=False)
    replay = site.client()
    replay.cookies.set("keputusan_sesi", stolen)
    assert replay.get("/", follow_redirects=False).status_code == 303


def test_a_removed_user_is_signed_out(site: Site) -> None:
    """Security report 3 (fixed)."""
    client, _token = site.login("staf")
    store = Users.read(site.users_path)
    store.remove("staf1")
    store.write()
    assert client.get("/", follow_redirects=False).status_code == 303


def test_tampered_session_cookies_are_no_login(shared: Site) -> None:
    client, _token = shared.login("staf")
    cookie = client.cookies.get("keputusan_sesi")
    assert cookie
    import base64
    import json

    payload = cookie.split(".")[0]
    data = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    assert data.get("u") == "staf1"
    forged_payload = base64.b64encode(json.dumps({**data, "u": "admin1"}).encode()).decode()
    forged = [
        forged_payload + cookie[len(payload) :],  # same signature, other user
        cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"),  # broken signature
        "",
        "x" * 5000,
        "%00",
        forged_payload,
    ]
    for value in forged:
        other = shared.client()
        other.cookies.set("keputusan_sesi", value)
        answer = other.get("/", follow_redirects=False)
        assert answer.status_code == 303, value[:40]
    # a cookie signed with another server's key (another users file) is no login either
    elsewhere = make_site(shared.root / "lain")
    foreign, _ = elsewhere.login("admin")
    visitor = shared.client()
    visitor.cookies.set("keputusan_sesi", foreign.cookies.get("keputusan_sesi") or "")
    assert visitor.get("/", follow_redirects=False).status_code == 303


def test_session_cookie_flags(shared: Site) -> None:
    client = shared.client()
    answer = client.get("/masuk")
    cookie = answer.headers.get("set-cookie", "")
    assert "keputusan_sesi=" in cookie
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()


# --------------------------------------------------------------------------- CSRF and roles


def _refusals(site: Site, client: TestClient, other_token: str, token: str) -> None:
    """Each POST route without a token, with a wrong one, with another session's, and from another
    site: refused, nothing on disk changed."""
    for path in post_routes(site.app):
        if path == "/masuk":
            continue
        before = site.snapshot()
        url = concrete(path)
        request = form_for(path)
        cases: list[tuple[str, dict[str, str], dict[str, str]]] = [
            ("none", {}, {}),
            ("empty", {"_csrf": ""}, {}),
            ("wrong", {"_csrf": "A" * len(token)}, {}),
            ("other session", {"_csrf": other_token}, {}),
            ("wrong header", {}, {"X-CSRF-Token": "A" * len(token)}),
            ("other session header", {}, {"X-CSRF-Token": other_token}),
            ("other site", {"_csrf": token}, {"Origin": "http://evil.example"}),
            ("other site header", {}, {"X-CSRF-Token": token, "Origin": "http://evil.example"}),
            ("other port", {"_csrf": token}, {"Origin": "http://127.0.0.1:9999"}),
        ]
        for what, extra, headers in cases:
            kwargs = dict(request)
            if "data" in kwargs:
                kwargs["data"] = {**kwargs["data"], **extra}
            else:
                kwargs["data"] = extra
            answer = client.post(url, headers=headers, follow_redirects=False, **kwargs)
            assert answer.status_code == 403, (path, what, answer.status_code)
            assert site.snapshot() == before, (path, what)


def test_every_post_route_needs_the_csrf_token(site: Site) -> None:
    client, token = site.login("admin")
    _other_client, other_token = site.login("admin")
    assert token != other_token
    _refusals(site, client, other_token, token)
    assert client.get("/", follow_redirects=False).status_code == 200  # still signed in


def test_every_post_route_needs_the_csrf_token_on_loopback(local: Site) -> None:
    client, token = local.login("admin")
    other_client, other_token = local.login("admin")
    assert token != other_token
    _refusals(local, client, other_token, token)


@pytest.mark.parametrize("role", ["staf", "hukum", "arsiparis"])
def test_every_post_route_needs_its_role(site: Site, role: str) -> None:
    client, token = site.login(role)
    for path in post_routes(site.app):
        permission = POST_ROUTES[path]
        if permission is None or role in MAY[permission]:
            continue
        before = site.snapshot()
        request = form_for(path)
        request["data"] = {**request.get("data", {}), "_csrf": token}
        answer = client.post(concrete(path), follow_redirects=False, **request)
        assert answer.status_code == 403, (role, path, answer.status_code)
        assert site.snapshot() == before, (role, path)
        # and with the token in the header
        request = form_for(path)
        answer = client.post(
            concrete(path), headers={"X-CSRF-Token": token}, follow_redirects=False, **request
        )
        assert answer.status_code == 403, (role, path, answer.status_code)
        assert site.snapshot() == before, (role, path)


def test_the_refused_requests_would_act_for_admin(site: Site) -> None:
    """The control of the two tests above: the same requests, valid, are not refused."""
    client, token = site.login("admin")
    for path in post_routes(site.app):
        if path in ("/masuk", "/keluar"):
            continue
        request = form_for(path)
        if path.endswith(("/ubah", "/periksa", "/simpan")):
            request["data"] = {**edit_form(client, DRAFT), "v.tentang": "DIUBAH OLEH PENYERANG"}
        request["data"] = {**request.get("data", {}), "_csrf": token}
        answer = client.post(concrete(path), follow_redirects=False, **request)
        assert_no_crash(answer)
        assert answer.status_code not in (401, 403), (path, answer.status_code, answer.text[:800])
    assert load(site.content / DRAFT).content.tentang == "DIUBAH OLEH PENYERANG"


@pytest.mark.parametrize("role", ["staf", "hukum", "arsiparis", "admin"])
def test_the_page_offers_only_what_the_role_may(shared: Site, role: str) -> None:
    client, _token = shared.login(role)
    page = client.get("/k/" + DRAFT).text
    assert ('id="simpan"' in page) == (role in MAY["ubah"])
    assert ('id="ambil-nomor"' in page) == (role in MAY["nomor"])


def test_a_role_that_may_not_number_cannot_type_a_number(site: Site) -> None:
    """Security report 5 (fixed)."""
    client, _token = site.login("hukum")
    form = {**edit_form(client, DRAFT), "v.nomor": "100.3.3.2/777/2024", "v.tanggal": "2024-01-02",
            "v.status": "ditetapkan"}  # fmt: skip
    client.post("/k/" + DRAFT + "/simpan", data=form)
    assert load(site.content / DRAFT).content.nomor != "100.3.3.2/777/2024"


def test_an_unknown_number_action_is_refused(site: Site) -> None:
    """Security report 6 (fixed)."""
    client, token = site.login("admin")
    answer = client.post("/nomor/apa-saja", data={"_csrf": token, "nomor": "1/2/3", "alasan": "x"})
    assert answer.status_code == 404


# --------------------------------------------------------------------------- Host and Origin


@pytest.mark.parametrize(
    "host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.5"]
)
def test_dns_rebinding_hosts_are_refused(local: Site, host: str) -> None:
    client = local.client(host)
    for path in ["/", "/k/" + ISSUED, "/arsip/jdih.json", "/masuk"]:
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 400, (host, path)
        assert ISSUED not in answer.text
    before = local.snapshot()
    answer = client.post(
        "/k/" + DRAFT + "/simpan", data={"v.tentang": "x"}, headers={"Origin": f"http://{host}"}
    )
    assert answer.status_code == 400
    assert local.snapshot() == before


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
def test_loopback_hosts_are_accepted(local: Site, host: str) -> None:
    client = local.client(host)
    assert client.get("/").status_code == 200


# --------------------------------------------------------------------------- path traversal


def _outside(site: Site) -> Path:
    """A valid decree outside the content folder, and links to it from inside."""
    outside = site.root / "luar"
    outside.mkdir(exist_ok=True)
    secret = outside / "rahasia.yaml"
    text = (site.content / ISSUED).read_text(encoding="utf-8")
    secret.write_text(
        text.replace("profil: profiles/", f"profil: {site.content}/profiles/"), encoding="utf-8"
    )
    (outside / "RAHASIA-LUAR.txt").write_text("RAHASIA-LUAR", encoding="utf-8")
    links = site.content / "tautan.yaml", site.content / "tautan-dir"
    if not links[0].is_symlink():
        links[0].symlink_to(secret)
        links[1].symlink_to(outside, target_is_directory=True)
        (site.content / "contoh" / "tautan2.yaml").symlink_to(secret)
    return secret


HOSTILE_NAMES = [
    "..",
    "../pengguna.json",
    "../luar/rahasia.yaml",
    "../../../../../../etc/passwd",
    "%2e%2e/luar/rahasia.yaml",
    "%2e%2e%2fluar%2frahasia.yaml",
    "..%2f..%2fetc%2fpasswd",
    "%252e%252e/luar/rahasia.yaml",
    "/etc/passwd",
    "//etc/passwd",
    "{root}/luar/rahasia.yaml",
    "..\\luar\\rahasia.yaml",
    "contoh\\..\\..\\luar\\rahasia.yaml",
    "contoh/../../luar/rahasia.yaml",
    "contoh/./../" + ISSUED,
    "./" + ISSUED,
    ISSUED + "%00.png",
    ISSUED + "\x00",
    "tautan.yaml",
    "contoh/tautan2.yaml",
    "tautan-dir/rahasia.yaml",
    "profiles/bkpsdm-balangan.yaml",
    "contoh/profiles/" + "x.yaml",
    "schema/keputusan.schema.json",
    "a" * 5000 + ".yaml",
    ("x/" * 2000) + ISSUED,
    "~/.ssh/id_rsa",
    "C:\\Windows\\win.ini",
    "\u2025/luar/rahasia.yaml",
    "%c0%ae%c0%ae/luar/rahasia.yaml",
]


def _names(site: Site) -> list[str]:
    return [n.replace("{root}", str(site.root)) for n in HOSTILE_NAMES] + [
        str((site.content / ISSUED).resolve()),
        ISSUED.upper(),
        ISSUED + "/",
        ISSUED + "/.",
    ]


def _url(name: str) -> str:
    """A path with the name as typed: '%' kept (so %2e reaches the app encoded), others quoted."""
    from urllib.parse import quote

    return quote(name, safe="/%:~")


def _leaks(answer: Any) -> bool:
    body = answer.content
    return b"root:x:" in body or b"RAHASIA-LUAR" in body or b"%PDF" in body or b"PK\x03\x04" in body


def test_path_traversal_in_decree_names(site: Site) -> None:
    _outside(site)
    client, token = site.login("admin")
    listed = client.get("/").text
    links = re.findall(r'href="(/k/[^"]+)"', listed)
    assert links and not [k for k in links if "tautan" in k or "rahasia" in k or "profiles/" in k], links
    routes = [p for p in get_routes(site.app) if "{nama:path}" in p]
    before = site.snapshot()
    for name in _names(site):
        for route in routes:
            url = concrete(route, _url(name))
            answer = client.get(url, follow_redirects=False)
            assert_no_crash(answer)
            if answer.request.url.raw_path.decode() != url:  # the client resolved a raw '.' or '..'
                continue
            if route.endswith("/pratinjau") and answer.status_code == 200:  # the message in the page
                assert 'data-kunci=""' in answer.text or "halaman-halaman" not in answer.text
                continue
            assert answer.status_code in (400, 404, 422), (url[:200], answer.status_code)
            assert not _leaks(answer), url[:200]
        segments = name.split("/")
        for path in post_routes(site.app):
            if "{nama:path}" not in path or "." in segments or ".." in segments:
                continue  # a raw '.' or '..' the client resolves before sending (see %2e above)
            request = form_for(path)
            request["data"] = {**request.get("data", {}), "_csrf": token}
            answer = client.post(concrete(path, _url(name)), follow_redirects=False, **request)
            assert_no_crash(answer)
            if answer.request.url.raw_path.decode() != concrete(path, _url(name)):
                continue
            assert answer.status_code in (400, 404), (path, name[:100], answer.status_code)
    assert site.snapshot() == before


def test_path_traversal_in_the_compared_decree(site: Site) -> None:
    _outside(site)
    client, _token = site.login("admin")
    for name in _names(site):
        for route in ("/bandingkan", "/redline.docx"):
            answer = client.get("/k/" + DRAFT + route, params={"dengan": name}, follow_redirects=False)
            assert_no_crash(answer)
            assert b"PK\x03\x04" not in answer.content and b"RAHASIA-LUAR" not in answer.content, name[:80]
            assert b"root:x:" not in answer.content
            if route == "/redline.docx":
                assert answer.status_code in (404, 422), (name[:80], answer.status_code)


@pytest.mark.parametrize(
    "rev",
    ["--output=/tmp/x", "-h", "HEAD:../../etc/passwd", "HEAD;touch x", "$(touch x)", "HEAD\x00", "../" * 50],
)
def test_git_revisions_are_not_options_or_paths(shared: Site, rev: str) -> None:
    client, _token = shared.login("admin")
    for route in ("/bandingkan", "/redline.docx"):
        answer = client.get("/k/" + ISSUED + route, params={"rev": rev}, follow_redirects=False)
        assert_no_crash(answer)
        assert b"PK\x03\x04" not in answer.content and b"root:x:" not in answer.content
    assert not (shared.content / "x").exists() and not Path("x").exists()


@pytest.mark.parametrize(
    "new",
    [
        "../luar/x",
        "..",
        ".",
        "/tmp/keputusan-serangan",
        "..\\x",
        "a/b",
        "x\x00.yaml",
        "a" * 500,
        "profiles",
        "-rf",
        ".hidden",
        "x.yaml/",
        " ",
        "",
        "x\ny",
        "con",
        "draf-bupati-tim-penilai-kinerja",  # an existing decree: never overwritten
        "draf-bupati-tim-penilai-kinerja.yaml",
    ],
)
def test_new_draft_names_stay_in_the_folder_and_overwrite_nothing(site: Site, new: str) -> None:
    client, token = site.login("admin")
    before = site.snapshot()
    answer = client.post(
        "/k/" + DRAFT + "/perubahan",
        data={"_csrf": token, "baru": new, "jenis": "ganti"},
        follow_redirects=False,
    )
    assert_no_crash(answer)
    after = site.snapshot()
    for name in before:
        assert after.get(name) == before[name], name  # nothing changed, nothing removed
    made = set(after) - set(before)
    if answer.status_code == 303:
        assert len(made) == 1
        (made_name,) = made
        assert made_name.startswith("content/contoh/") and made_name.count("/") == 2
        assert answer.headers["location"] == "/k/" + made_name[len("content/") :] + "?baru=1"
    else:
        assert answer.status_code in (404, 422), answer.status_code
        assert not made, made
    assert not Path("/tmp/keputusan-serangan.yaml").exists()


def test_page_numbers(shared: Site) -> None:
    client, _token = shared.login("admin")
    for n in ["0", "-1", "99999", "1e3", "01", "1.5", "%31", "99999999999999999999999999", "١"]:
        answer = client.get("/k/" + ISSUED + "/halaman/" + n + ".png")
        assert_no_crash(answer)
        if n not in ("01", "%31"):
            assert answer.status_code == 404, (n, answer.status_code)


# --------------------------------------------------------------------------- forged forms


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)


def test_alias_bomb_in_kerja_is_refused_quickly(site: Site) -> None:
    """Security report 1 (fixed): 7 levels took 31 s before (the check walked the expanded tree)."""
    client, _token = site.login("admin")
    before = site.snapshot()
    for levels, bomb in (("7", ALIAS_BOMB.split("h:")[0]), ("2", ALIAS_BOMB.split("c:")[0])):
        form = {**edit_form(client, DRAFT), "kerja": "profil: x\n" + bomb}
        for action in ("periksa", "ubah"):
            start = time.perf_counter()
            answer = client.post("/k/" + DRAFT + "/" + action, data=form)
            assert time.perf_counter() - start < 5, levels
            assert_no_crash(answer)
            assert answer.status_code in (400, 422), (levels, answer.status_code)
    form = {**edit_form(client, DRAFT), "kerja": ALIAS_BOMB}
    answer = client.post("/k/" + DRAFT + "/simpan", data=form)
    assert answer.status_code in (400, 422)
    assert site.snapshot() == before


@pytest.mark.parametrize(
    "kerja",
    [
        "!!python/object/apply:os.system ['touch {marker}']\n",
        "profil: !!python/object/apply:os.system ['touch {marker}']\ntentang: x\n",
        "profil: !!python/name:os.system\n",
        "!!binary aGVsbG8=\n",
        "- just\n- a list\n",
        "just a string\n",
        "",
        "{{}}\n",
        "a: b\n" * 20000,
        "x: " + "[" * 5000 + "]" * 5000 + "\n",
        "x: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
        "\x00\x01\x02",
        "\ufeffprofil: x\n",
        "%YAML 1.1\n%TAG !x! tag:yaml.org,2002:python/object/apply:\n---\n!x!os.system ['touch {marker}']\n",
        "tentang: &a x\nmenimbang: *a\n",
        "? [a, b]\n: c\n",
        "<<: {profil: /etc/passwd}\n",
    ],
)
def test_forged_working_copies(site: Site, kerja: str, tmp_path: Path) -> None:
    marker = tmp_path / "dimiliki"
    client, _token = site.login("admin")
    form = edit_form(client, DRAFT)
    form["kerja"] = kerja.replace("{marker}", str(marker))
    before = site.snapshot()
    for action in ("periksa", "ubah", "simpan"):
        answer = client.post("/k/" + DRAFT + "/" + action, data=form)
        assert_no_crash(answer)
        assert "<script" not in answer.text.split("</head>")[-1].replace('<script src="/static/', "")
    assert not marker.exists()
    after = site.snapshot()
    changed = [k for k in before if after.get(k) != before[k]]
    assert changed in ([], ["content/" + DRAFT]), changed
    if changed:  # what was saved loads, whole
        load(site.content / DRAFT)


def test_forged_profile_paths_read_nothing(site: Site) -> None:
    _outside(site)
    client, _token = site.login("admin")
    for profil in ["/etc/passwd", "../../../../etc/passwd", str(site.root / "pengguna.json"), "../luar/RAHASIA-LUAR.txt",
                   "/dev/zero", "/dev/urandom", "/proc/self/environ", "tautan-dir/RAHASIA-LUAR.txt"]:  # fmt: skip
        form = {**edit_form(client, DRAFT), "v.profil": profil}
        before = site.snapshot()
        for action in ("periksa", "ubah", "simpan"):
            answer = client.post("/k/" + DRAFT + "/" + action, data=form)
            assert_no_crash(answer)
            assert "root:x:" not in answer.text and "RAHASIA-LUAR" not in answer.text.replace(profil, "")
            assert "kunci" not in answer.text and "argon2" not in answer.text
        assert site.snapshot() == before, profil


@pytest.mark.parametrize(
    "field",
    [
        "v.__class__",
        "v.__class__.__init__.__globals__",
        "v.tentang.__class__",
        "v.menimbang.0.__dict__",
        "v.menimbang.-1.teks",
        "v.menimbang.99999999999999999999.teks",
        "v.menimbang.0.teks.x",
        "v.menimbang",
        "v.",
        "v..",
        "v.menimbang..teks",
        "v." + "a." * 5000 + "b",
        "v.\x00",
        "v.profil",
        "v.menimbang.0",
    ],
)
def test_forged_field_names(site: Site, field: str) -> None:
    client, _token = site.login("admin")
    form = {**edit_form(client, DRAFT), field: "../../etc/passwd"}
    before = site.snapshot()
    for action in ("periksa", "ubah", "simpan"):
        answer = client.post("/k/" + DRAFT + "/" + action, data=form)
        assert_no_crash(answer)
        assert "root:x:" not in answer.text
    assert site.snapshot() == before


@pytest.mark.parametrize(
    "op",
    [
        "tambah:",
        "hapus:",
        "hapus:menimbang",
        "hapus:tentang",
        "naik:menimbang",
        "turun:",  # security report 10 (fixed)
        "naik:",
        "pindah::3",
        "pindah:menimbang.0:999999",
        "pindah:menimbang.0",
        "tambah:menimbang:999999",
        "tambah:tentang",
        "tambah:profil",
        "tambah:__class__",
        "tambah:menimbang.0",
        "naik:menimbang.0",
        "turun:menimbang.99",
        "hapus:menimbang.0.teks",
        "eval:1",
        "tambah:menimbang\n",
        "tambah:" + "a." * 3000,
        "x" * 100000,
        "tambah:lampiran.0.sasaran.0.indikator",
        "turun:lampiran.0.sasaran.0.indikator.0",
    ],
)
def test_forged_operations(site: Site, op: str) -> None:
    client, _token = site.login("admin")
    form = {**edit_form(client, ISSUED), "op": op}
    before = site.snapshot()
    for action in ("periksa", "ubah"):
        answer = client.post("/k/" + ISSUED + "/" + action, data=form)
        assert_no_crash(answer)
    assert site.snapshot() == before


def test_a_stale_base_is_a_conflict_not_an_overwrite(site: Site) -> None:
    client, _token = site.login("admin")
    form = {**edit_form(client, DRAFT), "v.tentang": "DARI HALAMAN LAMA"}
    path = site.content / DRAFT
    path.write_text(path.read_text(encoding="utf-8") + "\n# diubah di disk\n", encoding="utf-8")
    on_disk = path.read_bytes()
    for base in (form["base"], "", "0" * 64, "x"):
        answer = client.post("/k/" + DRAFT + "/simpan", data={**form, "base": base})
        assert answer.status_code == 409, answer.status_code
        assert path.read_bytes() == on_disk


def test_a_huge_form_is_refused_without_a_crash(site: Site) -> None:
    client, _token = site.login("admin")
    form = {**edit_form(client, DRAFT), "v.tentang": "x" * (21 << 20)}
    before = site.snapshot()
    answer = client.post("/k/" + DRAFT + "/simpan", data=form)
    assert_no_crash(answer)
    assert answer.status_code in (400, 403, 413, 422)
    assert site.snapshot() == before
    many = {**edit_form(client, DRAFT), **{f"v.x{i}": "y" for i in range(5000)}}
    answer = client.post("/k/" + DRAFT + "/periksa", data=many)
    assert_no_crash(answer)
    assert site.snapshot() == before


# --------------------------------------------------------------------------- hostile text in fields

HOSTILE_TEXTS = [
    "{{ 7*7 }} dan {{ config }}",
    "{% for x in range(3) %}x{% endfor %}",
    "<script>alert(1)</script>",
    "Bahwa: perlu diuji",
    "nilai # bukan komentar",
    "  spasi di depan dan di belakang  ",
    "kutip 'tunggal' dan \"ganda\" dan `miring`",
    "baris satu\nbaris dua\n\nbaris empat",
    "- bukan butir\n- juga bukan",
    "&anchor *alias !!python/object:os.system",
    "'",
    '"',
    "ya",
    "no",
    "null",
    "~",
    "2024-01-01",
    "0o17",
    "1e3",
    "@at",
    "%percent",
    "|",
    ">",
    "---",
    "...",
    "tab\tdi tengah",
    "akhir dengan titik dua:",
    "\u00a0nbsp\u00a0",
    "</textarea><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "Bahwa \u2028 pemisah baris",  # security report 11 (fixed)
    "paragraf\u2029kedua",
    "kontrol \x85 NEL",
]


def _save_text(client: TestClient, name: str, field: str, text: str) -> Any:
    form = {**edit_form(client, name), field: text}
    return client.post("/k/" + name + "/simpan", data=form)


def _menimbang_source(path: Path) -> str:
    return load(path).content.menimbang[0].teks.source


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_is_saved_and_shown_literally(site: Site, text: str) -> None:
    client, _token = site.login("staf")
    path = site.content / DRAFT
    before = path.read_bytes()
    answer = _save_text(client, DRAFT, "v.menimbang.0.teks", text)
    assert_no_crash(answer)
    if answer.status_code != 200:  # refused: at the field, file untouched
        assert answer.status_code == 422, answer.status_code
        assert path.read_bytes() == before
        return
    assert _menimbang_source(path) == text.replace("\r\n", "\n"), path.read_text(encoding="utf-8")[:2000]
    answer = client.get("/k/" + DRAFT)
    assert_no_crash(answer)
    body = answer.text.split("</head>", 1)[1]
    assert "<script>alert" not in body and "<img src=x" not in body
    assert str(escape(text.split("\n")[0])) in body  # shown as typed, escaped (never evaluated)


def test_hostile_text_in_the_title_is_escaped_in_every_page(site: Site) -> None:
    client, _token = site.login("admin")
    text = "<script>alert('tentang')</script> {{ 7*7 }}"
    answer = _save_text(client, DRAFT, "v.tentang", text)
    assert answer.status_code == 200, answer.text[:1000]
    assert load(site.content / DRAFT).content.tentang == text
    for page in ["/", "/?q=script", "/k/" + DRAFT, "/k/" + DRAFT + "/pratinjau", "/k/" + DRAFT + "/arsip",
                 "/k/" + DRAFT + "/bandingkan?dengan=" + ISSUED, "/k/" + ISSUED + "/bandingkan"]:  # fmt: skip
        answer = client.get(page)
        assert_no_crash(answer)
        assert "<script>alert" not in answer.text, page
        assert "&lt;script&gt;" in answer.text or "bandingkan" in page or page.endswith("pratinjau"), page


def test_hostile_query_text_is_escaped(shared: Site) -> None:
    client, _token = shared.login("admin")
    for page in ["/?q=", "/arsip?q=", "/k/" + ISSUED + "/bandingkan?dengan=", "/k/" + ISSUED + "/bandingkan?rev=",
                 "/masuk?ke=/"]:  # fmt: skip
        answer = client.get(page + "%3Cscript%3Ealert(1)%3C/script%3E%22%3E")
        assert_no_crash(answer)
        assert "<script>alert" not in answer.text, page
    answer = client.get("/k/%3Cscript%3Ealert(1)%3C%2Fscript%3E.yaml")
    assert answer.status_code == 404 and "<script>alert" not in answer.text


CI = os.environ.get("KEPUTUSAN_REQUIRE_ALL") == "1"


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return make_site(tmp_path_factory.mktemp("web-fuzz"))


@settings(
    max_examples=40,
    deadline=None,
    derandomize=CI,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=80))
def test_arbitrary_menimbang_text_reloads_the_same_or_is_refused(fuzzed: Site, text: str) -> None:
    client, _token = fuzzed.login("staf")
    path = fuzzed.content / DRAFT
    before = path.read_bytes()
    answer = _save_text(client, DRAFT, "v.menimbang.0.teks", text)
    assert_no_crash(answer)
    if answer.status_code == 200:
        assert "galat" not in answer.text.split('id="pemberitahuan"')[-1][:60]
        saved = _menimbang_source(path)
        sent = text.replace("\r\n", "\n").replace("\r", "\n")
        assert saved == sent or (path.read_bytes() == before and saved == sent), (text, saved)
    else:
        assert answer.status_code == 422, answer.status_code
        assert path.read_bytes() == before
        assert 'class="pesan galat' in answer.text or "galat" in answer.text
        load(path)  # still whole


# --------------------------------------------------------------------------- uploads


def _hostile_pdfs() -> list[tuple[str, bytes]]:
    out = [
        ("empty", b""),
        ("not a pdf", b"<html><script>alert(1)</script></html>"),
        ("truncated", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"),
        ("zip", b"PK\x03\x04" + b"\x00" * 100),
        ("nested", b"%PDF-1.7\n" + b"[" * 100000 + b"\n%%EOF\n"),
    ]
    return out


def test_hostile_uploads_are_refused_without_a_crash(site: Site) -> None:
    client, token = site.login("arsiparis")
    pdfs = _hostile_pdfs()
    try:
        from keputusan.webapp import Workspace as _W  # noqa: F401

        from . import hostile_pdfs

        base = client.get("/k/" + ISSUED + "/unduh.pdf").content
        assert base.startswith(b"%PDF")
        for name in ("with_javascript", "with_launch_action", "with_embedded_file", "with_xfa"):
            pdfs.append((name, getattr(hostile_pdfs, name)(base)))
        pdfs.append(("unsigned", base))
    except ImportError:  # pikepdf missing: the simple ones only
        pass
    before = site.snapshot()
    for what, data in pdfs:
        for filename in ("x.pdf", "../../../etc/passwd", "..\\x.pdf", "a" * 3000 + ".pdf", "x\x00.pdf"):
            answer = client.post(
                "/k/" + ISSUED + "/arsip",
                data={"_csrf": token},
                files={"pdf": (filename, data, "application/pdf")},
            )
            assert_no_crash(answer)
            assert answer.status_code == 422, (what, answer.status_code)
            assert "<script>alert" not in answer.text
    assert site.snapshot() == before
    # two files at once, or none
    answer = client.post("/k/" + ISSUED + "/arsip", data={"_csrf": token})
    assert answer.status_code == 422
    answer = client.post(
        "/k/" + ISSUED + "/arsip",
        data={"_csrf": token},
        files=[
            ("pdf", ("a.pdf", b"%PDF", "application/pdf")),
            ("pdf", ("b.pdf", b"%PDF", "application/pdf")),
        ],
    )
    assert_no_crash(answer)
    assert site.snapshot() == before


# --------------------------------------------------------------------------- headers


def test_html_pages_carry_security_headers(shared: Site) -> None:
    client, _token = shared.login("admin")
    for page in ["/", "/nomor", "/arsip", "/k/" + ISSUED, "/k/" + ISSUED + "/pratinjau", "/k/tidak-ada.yaml"]:
        answer = client.get(page)
        assert "text/html" in answer.headers["content-type"]
        csp = answer.headers.get("content-security-policy", "")
        assert (
            "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        ), page
        assert answer.headers.get("x-content-type-options") == "nosniff", page
        assert "no-store" in answer.headers.get("cache-control", ""), page
    login_page = shared.client().get("/masuk")
    assert "no-store" in login_page.headers.get("cache-control", "")
    assert "frame-ancestors 'none'" in login_page.headers.get("content-security-policy", "")


def test_downloads_have_their_type_and_are_attachments(shared: Site) -> None:
    client, _token = shared.login("admin")
    expect = {
        "/k/" + ISSUED + "/unduh.pdf": ("application/pdf", b"%PDF"),
        "/k/" + ISSUED + "/unduh.docx": ("application/vnd.openxmlformats", b"PK"),
        "/arsip/jdih.json": ("application/json", b""),
    }
    for url, (kind, magic) in expect.items():
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert answer.headers["content-type"].startswith(kind), url
        assert answer.headers["content-disposition"].startswith("attachment"), url
        assert answer.headers.get("x-content-type-options") == "nosniff"
        assert "no-store" in answer.headers.get("cache-control", "")
        assert answer.content.startswith(magic)


def test_only_pdf_and_docx_are_downloads(shared: Site) -> None:
    """Security report 7 (fixed)."""
    client, _token = shared.login("admin")
    for kind in ("html", "exe", "svg", "js"):
        answer = client.get("/k/" + ISSUED + "/unduh." + kind)
        assert answer.status_code == 404, kind


def test_every_answer_says_nosniff(shared: Site) -> None:
    """Security report 8 (fixed)."""
    client, token = shared.login("admin")
    image = client.get("/k/" + ISSUED + "/halaman/1.png")
    assert image.status_code == 200
    assert image.headers.get("x-content-type-options") == "nosniff"
    form = edit_form(client, ISSUED)
    check = client.post("/k/" + ISSUED + "/periksa", data=form)
    assert check.status_code == 200
    assert check.headers.get("x-content-type-options") == "nosniff"


# --------------------------------------------------------------------------- the command line


def _cli(*args: str, cwd: Path, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [PYTHON, "-m", "keputusan", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_users_add_list_remove(tmp_path: Path) -> None:
    users = tmp_path / "pengguna.json"
    secret = "sandi-rahasia-sekali"
    done = _cli(
        "users",
        "add",
        "budi",
        "--role",
        "staf",
        "--file",
        str(users),
        cwd=tmp_path,
        stdin=f"{secret}\n{secret}\n",
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(users.stat().st_mode) == 0o600
    text = users.read_text(encoding="utf-8")
    assert secret not in text and "$argon2id$" in text
    # a second user; a mismatch and a short password are refused and change nothing
    done = _cli("users", "add", "sari", "--role", "arsiparis", "--file", str(users), cwd=tmp_path,
                stdin=f"{secret}\n{secret}\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    before = users.read_bytes()
    done = _cli(
        "users",
        "add",
        "andi",
        "--role",
        "staf",
        "--file",
        str(users),
        cwd=tmp_path,
        stdin="satu-sandi\ndua-sandi\n",
    )
    assert done.returncode != 0 and users.read_bytes() == before
    done = _cli(
        "users", "add", "andi", "--role", "staf", "--file", str(users), cwd=tmp_path, stdin="pendek\npendek\n"
    )
    assert done.returncode != 0 and users.read_bytes() == before
    for name, role in [("../andi", "staf"), ("budi", "admin"), ("andi", "raja")]:  # bad name; exists; no role
        done = _cli("users", "add", name, "--role", role, "--file", str(users), cwd=tmp_path,
                    stdin=f"{secret}\n{secret}\n")  # fmt: skip
        assert done.returncode != 0 and users.read_bytes() == before, name
    listed = _cli("users", "list", "--file", str(users), cwd=tmp_path)
    assert listed.returncode == 0
    assert re.search(r"budi\s+staf", listed.stdout) and re.search(r"sari\s+arsiparis", listed.stdout)
    assert secret not in listed.stdout + listed.stderr and "argon2" not in listed.stdout
    done = _cli("users", "remove", "budi", "--file", str(users), cwd=tmp_path)
    assert done.returncode == 0
    assert stat.S_IMODE(users.stat().st_mode) == 0o600
    listed = _cli("users", "list", "--file", str(users), cwd=tmp_path)
    assert "budi" not in listed.stdout and "sari" in listed.stdout
    done = _cli("users", "remove", "budi", "--file", str(users), cwd=tmp_path)
    assert done.returncode != 0
    assert Users.read(users).login("sari", secret) is not None
    assert Users.read(users).login("sari", secret + "x") is None


def test_a_damaged_users_file_is_refused(tmp_path: Path) -> None:
    users = tmp_path / "pengguna.json"
    for text in ["", "{", "[]", '{"versi": 1, "kunci": "pendek", "pengguna": {}}',
                 '{"versi": 1, "kunci": "' + "a" * 64 + '", "pengguna": {"x": {"peran": "raja", "sandi": "s"}}}']:  # fmt: skip
        users.write_text(text, encoding="utf-8")
        done = _cli("users", "list", "--file", str(users), cwd=tmp_path)
        assert done.returncode != 0 and "Traceback" not in done.stderr, text


def _content_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


@pytest.mark.parametrize("users_file", [None, "empty", "no users"])
def test_a_network_bind_without_users_is_refused(tmp_path: Path, users_file: Optional[str]) -> None:
    content = _content_copy(tmp_path)
    args = ["serve", str(content), "--host", "0.0.0.0", "--port", "1", "--no-browser"]
    if users_file == "empty":
        (tmp_path / "kosong.json").write_text("", encoding="utf-8")
        args += ["--users", str(tmp_path / "kosong.json")]
    elif users_file == "no users":
        store = Users.read(tmp_path / "pengguna.json", create=True)
        store.write()  # in the current folder: found by default
    start = time.monotonic()
    done = _cli(*args, cwd=tmp_path, timeout=30)
    assert time.monotonic() - start < 30
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert re.search(r"pengguna|users", done.stderr, re.I), done.stderr


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_network_bind_with_users_needs_a_login_everywhere(tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    content = _content_copy(tmp_path)
    users = Users.read(tmp_path / "pengguna.json", create=True)
    users.add("budi", "staf", PASSWORD)
    users.write()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "keputusan",
            "serve",
            str(content),
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
            "--no-browser",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/masuk", timeout=2).close()
                break
            except urllib.error.URLError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline
                time.sleep(0.2)

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        opener = urllib.request.build_opener(NoRedirect)
        for page in ["/", "/k/" + ISSUED, "/nomor", "/arsip", "/arsip/jdih.json", "/k/" + ISSUED + "/halaman/1.png",
                     "/k/" + ISSUED + "/unduh.pdf", "/k/" + ISSUED + "/unduh.docx", "/k/" + ISSUED + "/pratinjau"]:  # fmt: skip
            try:
                answer = opener.open(f"http://127.0.0.1:{port}{page}", timeout=10)
                status, location, body = answer.status, answer.headers.get("location", ""), answer.read()
            except urllib.error.HTTPError as exc:
                status, location, body = exc.code, exc.headers.get("location", ""), exc.read()
            assert status in (303, 401), (page, status)
            assert status == 401 or location.startswith("/masuk"), (page, location)
            assert b"%PDF" not in body and b"PK\x03\x04" not in body and b"\x89PNG" not in body
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout:
            server.stdout.close()
        if server.stderr:
            server.stderr.close()


def test_users_file_is_not_served_and_not_in_the_content(shared: Site) -> None:
    client, _token = shared.login("admin")
    for url in ["/static/../pengguna.json", "/static/%2e%2e/%2e%2e/pengguna.json", "/pengguna.json",
                "/static/..%2f..%2fusers.py", "/k/../pengguna.json"]:  # fmt: skip
        answer = client.get(url)
        assert "kunci" not in answer.text and "argon2" not in answer.text, url


# --------------------------------------------------------------------------- found while attacking


def test_forms_are_closed_after_the_request(site: Site) -> None:
    """Security report 9 (a), fixed."""
    client, token = site.login("arsiparis")
    raw = TestClient(site.app, base_url="http://127.0.0.1", raise_server_exceptions=False)
    raw.cookies = client.cookies
    OPEN_FORMS.clear()
    raw.post(
        "/k/" + ISSUED + "/arsip",
        data={"_csrf": token},
        files={"pdf": ("x.pdf", b"%PDF-1.7", "application/pdf")},
    )
    forms, still_open = list(OPEN_FORMS), []
    for form in forms:
        still_open += [v for _k, v in form.multi_items() if not isinstance(v, str) and not v.file.closed]
    OPEN_FORMS.clear()
    for form in forms:  # close them here, so no ResourceWarning fails another test
        for _k, v in form.multi_items():
            if not isinstance(v, str):
                v.file.close()
    assert forms and not still_open


def test_login_does_not_spool_uploads(shared: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from starlette import formparsers

    written = [0]
    original = formparsers.UploadFile.write

    async def counting(self: Any, data: bytes) -> None:
        written[0] += len(data)
        await original(self, data)

    monkeypatch.setattr(formparsers.UploadFile, "write", counting)
    client = shared.client()
    answer = client.post("/masuk", files={"x": ("x.bin", b"\0" * (4 << 20), "application/octet-stream")})
    assert answer.status_code in (400, 403, 413, 415)
    assert written[0] == 0, written[0]


@pytest.mark.parametrize(
    "data",
    [
        b"profil: [\n",
        b"a: b\n  c: d\n",
        b"\xff\xfe\x00sampah",  # security report 12, fixed: not UTF-8
        b"\xef\xbb\xbfprofil: x\n\x00\n",
    ],
)
def test_a_broken_file_on_disk_is_a_located_message(site: Site, data: bytes) -> None:
    (site.content / "rusak.yaml").write_bytes(data)
    client, _token = site.login("admin")
    assert "/k/rusak.yaml" in client.get("/").text
    for page in [
        "/k/rusak.yaml",
        "/k/rusak.yaml/pratinjau",
        "/k/rusak.yaml/bandingkan",
        "/k/rusak.yaml/unduh.pdf",
    ]:
        answer = client.get(page)
        assert_no_crash(answer)
