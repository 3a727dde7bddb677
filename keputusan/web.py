"""The web app over HTTP: this module owns Starlette and uvicorn.

Routes are thin: they read the request, ask :class:`keputusan.webapp.Workspace` (the library)
to act, and render a Jinja page. What they add is the web's own safety:

- every state-changing request is a POST carrying the session's CSRF token (form field
  ``_csrf`` or header ``X-CSRF-Token``), and a Host and Origin of this server;
- sessions live in a signed cookie (``SameSite=Strict``, ``HttpOnly``);
- bound to a loopback address the app needs no login (the user is the computer's); bound to
  any other address it refuses to start without a users file, and then every page needs one;
- roles (:data:`keputusan.webapp.PERMISSIONS`) limit who edits, numbers and archives.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote, urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import roundtrip
from .errors import CodedError, ContentError, KeputusanError
from .messages import describe, say, translator
from .users import LiveUsers, Users
from .webapp import PERMISSIONS, Checked, Draft, NotFound, StaleForm, TooLarge, Workspace, dotted

HERE = Path(__file__).parent
MAX_UPLOAD = 50 << 20  # a signed decree PDF
MAX_FORM = 20 << 20  # a page's fields and its working copy
MAX_FIELDS = 200_000  # a decree with thousands of indicator rows has a field per cell
SESSION_HOURS = 10

JENIS = (
    "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
    "Undang-Undang",
    "Peraturan Pemerintah Pengganti Undang-Undang",
    "Peraturan Pemerintah",
    "Peraturan Presiden",
    "Keputusan Presiden",
    "Peraturan Menteri Dalam Negeri",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "Peraturan Badan Kepegawaian Negara",
    "Peraturan Daerah Provinsi",
    "Peraturan Daerah",
    "Peraturan Gubernur",
    "Peraturan Bupati",
    "Peraturan Wali Kota",
    "Keputusan Bupati",
)


class Refused(Exception):
    """A request refused before it acts: status code and words."""

    def __init__(self, status: int, words: str) -> None:
        super().__init__(words)
        self.status, self.words = status, words


class Attempts:
    """Failed sign-ins, by computer and by name: after 5 in 10 minutes, each more waits longer
    (30 s, doubling, at most 15 minutes), so passwords cannot be guessed at Argon2's speed."""

    LIMIT, WINDOW, FIRST, MOST = 5, 600.0, 30.0, 900.0

    def __init__(self) -> None:
        self._failed: dict[str, list[float]] = {}

    def _keys(self, client: str, name: str) -> tuple[str, str]:
        return f"c:{client}", f"n:{name.casefold()}"

    def wait(self, client: str, name: str) -> int:
        """Seconds to wait before this try. The name's failures hold back only a computer that
        failed too: nobody can lock a colleague out from another computer."""
        now = time.monotonic()
        longest = 0.0
        by_client, by_name = self._keys(client, name)
        mine = [t for t in self._failed.get(by_client, []) if now - t < self.WINDOW]
        for key in (by_client, by_name) if mine else (by_client,):
            recent = [t for t in self._failed.get(key, []) if now - t < self.WINDOW]
            self._failed[key] = recent
            extra = len(recent) - self.LIMIT
            if extra >= 0:
                pause = min(self.FIRST * 2**extra, self.MOST)
                longest = max(longest, recent[-1] + pause - now)
        return int(longest) + 1 if longest > 0 else 0

    def failed(self, client: str, name: str) -> None:
        now = time.monotonic()
        for key in self._keys(client, name):
            self._failed.setdefault(key, []).append(now)
        if len(self._failed) > 10000:  # a flood of names: forget the oldest
            for key in list(self._failed)[:5000]:
                del self._failed[key]

    def succeeded(self, name: str) -> None:
        self._failed.pop(f"n:{name.casefold()}", None)


@dataclass(frozen=True)
class Who:
    name: str
    role: str
    login: bool  # signed in with a users file (False: the computer's own user on loopback)

    def may(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class App:
    """The app's state: the workspace, the users (or none), the page templates."""

    def __init__(
        self,
        workspace: Workspace,
        users: Optional[Users],
        local_user: str,
        lang: str,
    ) -> None:
        self.ws = workspace
        self.users = LiveUsers(users) if users is not None else None
        self.signed_out: dict[str, float] = {}  # name -> when the user last signed out (this process)
        self.attempts = Attempts()
        self.local_user = local_user
        self.lang = lang
        self._ = translator(lang)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "web_templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
        )
        self.env.install_gettext_callables(  # type: ignore[attr-defined]
            gettext=self._, ngettext=lambda s, p, n: self._(s if n == 1 else p), newstyle=True
        )
        self.env.globals.update(shown=roundtrip.shown, dotted=dotted, JENIS=JENIS, quote=quote, lang=lang)
        self.env.filters["waktu"] = _local_time
        self.env.globals["say"] = self.say

    # ----------------------------------------------------------------- who and may

    def who(self, request: Request) -> Optional[Who]:
        """The signed-in user: named by the session, still in the users file with the same role and
        password, and not signed out since the session began."""
        if self.users is None:
            return Who(self.local_user, "admin", False)
        name, generation, since = (request.session.get(k) for k in ("u", "g", "t"))
        if not isinstance(name, str) or not isinstance(since, (int, float)) or since > time.time() + 60:
            return None
        users = self.users.current()
        role = users.role_of(name)
        if role is None or generation != users.generation(name) or since < self.signed_out.get(name, 0):
            return None
        return Who(name, role, True)

    def csrf(self, request: Request) -> str:
        token = request.session.get("csrf")
        if not isinstance(token, str):
            token = secrets.token_urlsafe(32)
            request.session["csrf"] = token
        return token

    def page(self, request: Request, template_name: str, code: int = 200, /, **values: Any) -> HTMLResponse:
        template = self.env.get_template(template_name)
        html = template.render(
            request=request, who=self.who(request), csrf=self.csrf(request), path=request.url.path, **values
        )
        return HTMLResponse(html, status_code=code, headers=_HEADERS)

    def say(self, key: str, **params: Any) -> str:
        return say(key, self.lang, **params)

    def words(self, exc: KeputusanError) -> list[str]:
        """A library error in the reader's words, one line each."""
        if isinstance(exc, ContentError):
            out = []
            for problem in exc.errors:
                what, fix = describe(problem, self.lang)
                where = (
                    f"{Path(str(problem.path)).name}:{problem.line}: "
                    if problem.path and problem.line
                    else ""
                )
                out.append(f"{where}{what} {fix}".strip())
            return out
        if isinstance(exc, CodedError):
            lines = [self.say(exc.code, **exc.params)]
            hint = getattr(exc, "hint", None)
            if hint:
                lines.append(self.say(hint, **exc.params))
            return lines
        return [str(exc)]


_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def create_app(
    workspace: Workspace,
    *,
    users: Optional[Users] = None,
    local_user: str = "?",
    lang: str = "id",
    allowed_hosts: Optional[list[str]] = None,
    secret: Optional[str] = None,
    https: bool = False,
) -> Starlette:
    app = App(workspace, users, local_user, lang)
    Handler = Callable[[Request], Response]
    Served = Callable[[Request], Awaitable[Response]]

    def guarded(permission: str, post: bool = False) -> Callable[[Handler], Served]:
        """Refuse before acting: no login, no role, no CSRF token, another site's Origin."""

        def wrap(handler: Handler) -> Served:
            @_closing
            async def run(request: Request) -> Response:
                who = app.who(request)
                if who is None:
                    if post or request.method != "GET":
                        return app.page(request, "galat.html", 401, lines=[app.say("web_login_needed")])
                    return RedirectResponse("/masuk?ke=" + quote(str(request.url.path)), status_code=303)
                if not who.may(permission):
                    return app.page(
                        request, "galat.html", 403, lines=[app.say("web_role_refused", role=who.role)]
                    )
                if request.method == "POST":
                    refused = await _refused_post(request, app)
                    if refused is not None:
                        return refused
                try:  # the library's work (loading, building, checking signatures) off the event loop
                    return await run_in_threadpool(handler, request)
                except NotFound as exc:
                    return app.page(request, "galat.html", 404, lines=app.words(exc))
                except StaleForm as exc:
                    return app.page(request, "galat.html", 400, lines=app.words(exc))
                except TooLarge as exc:
                    return app.page(request, "galat.html", 413, lines=app.words(exc))
                except Refused as exc:
                    return app.page(request, "galat.html", exc.status, lines=[exc.words])
                except KeputusanError as exc:  # e.g. a file on disk that does not load: its located problems
                    return app.page(request, "galat.html", 422, lines=app.words(exc))

            return run

        return wrap

    # ----------------------------------------------------------------- list and login

    @guarded("lihat")
    def daftar(request: Request) -> Response:
        q = request.query_params.get("q", "")[:200]
        status = request.query_params.get("status", "")
        if status not in ("", "draf", "ditetapkan", "galat"):
            status = ""
        tahun = _year(request)
        every = app.ws.entries()
        years = sorted({e.tahun for e in every if e.tahun}, reverse=True)
        shown = app.ws.entries(q, tahun, status)
        return app.page(
            request, "daftar.html", entries=shown, q=q, status=status, tahun=tahun, years=years,
            total=len(every),
        )  # fmt: skip

    @_closing
    async def masuk(request: Request) -> Response:
        target = _local_target(request.query_params.get("ke", "/"))
        if app.users is None:
            return RedirectResponse(target, status_code=303)
        if request.method == "GET":
            return app.page(request, "masuk.html", ke=target, gagal=False)
        refused = await _refused_post(request, app)
        if refused is not None:
            return refused
        form = request.state.form
        name, password = str(form.get("nama", ""))[:64], str(form.get("sandi", ""))[:1024]
        client = request.client.host if request.client else "?"
        wait = app.attempts.wait(client, name)
        if wait:
            return app.page(request, "galat.html", 429, lines=[app.say("web_login_wait", seconds=wait)])
        users = app.users.current()
        user = await run_in_threadpool(users.login, name, password)  # Argon2 off the event loop
        if user is None:
            app.attempts.failed(client, name)
            return app.page(request, "masuk.html", 401, ke=target, gagal=True)
        app.attempts.succeeded(name)
        request.session.clear()  # a new session (and CSRF token) for the signed-in user
        request.session.update(u=user.name, g=users.generation(user.name), t=time.time())
        app.csrf(request)
        return RedirectResponse(_local_target(str(form.get("ke", "/"))), status_code=303)

    @_closing
    async def keluar(request: Request) -> Response:
        refused = await _refused_post(request, app)
        if refused is not None:
            return refused
        who = app.who(request)
        if who is not None and who.login:  # every session of the user from before now ends
            app.signed_out[who.name] = time.time()
        request.session.clear()
        return RedirectResponse("/masuk" if app.users else "/", status_code=303)

    # ----------------------------------------------------------------- a decree

    def edit_page(request: Request, name: str, draft: Draft, checked: Checked, status: int = 200,
                  notice: str = "", conflict: bool = False) -> Response:  # fmt: skip
        slots: set[str] = set()

        def slot(path: str) -> str:
            slots.add(path)
            return path

        values = dict(name=name, draft=draft, data=draft.data, checked=checked, notice=notice,
                      conflict=conflict, previous=_safe(lambda: app.ws.previous(name)), focus=draft.focus,
                      focus_moved=draft.moved)  # fmt: skip
        if checked.fields or checked.notes:  # a first pass finds which fields have a place for messages
            app.env.get_template("ubah.html").render(
                request=request, who=app.who(request), csrf="", path="", here=lambda p: [], slot=slot,
                note=lambda p: [], unplaced=[], unnoted=[], **values,
            )  # fmt: skip
        placed, noted = _place(checked, slots), _place(checked, slots, notes=True)
        return app.page(
            request, "ubah.html", status, here=lambda p: placed.get(p, []), slot=lambda p: p,
            note=lambda p: noted.get(p, []), unplaced=placed.get("", []), unnoted=noted.get("", []), **values,
        )  # fmt: skip

    @guarded("lihat")
    def keputusan(request: Request) -> Response:
        name = request.path_params["nama"]
        draft = app.ws.open(name)
        said = request.query_params
        notice = (
            app.say("web_saved") if "disimpan" in said else app.say("web_nothing_to_save") if "sama" in said
            else app.say("web_draft_made") if "baru" in said else ""
        )  # fmt: skip
        return edit_page(request, name, draft, app.ws.check(draft), notice=notice)

    def _draft(request: Request, name: str) -> tuple[Draft, Any]:
        form = request.state.form
        values = {k: str(v) for k, v in form.multi_items() if k.startswith("v.")}
        draft = app.ws.apply(
            name, str(form.get("base", "")), str(form.get("kerja", "")),
            {k[2:]: v for k, v in values.items()}, str(form.get("op", "")),
        )  # fmt: skip
        return draft, form

    def checked_for(request: Request, draft: Draft) -> Checked:
        """The decree's check, and for a role that may not number, the number fields it changed."""
        checked = app.ws.check(draft)
        who = app.who(request)
        if who is not None and not who.may("nomor"):
            for key in app.ws.number_fields_changed(draft):
                checked.fields.setdefault(key, []).append(app.say("web_number_fields_role", role=who.role))
        return checked

    @guarded("ubah", post=True)
    def ubah(request: Request) -> Response:
        name = request.path_params["nama"]
        draft, _form = _draft(request, name)
        return edit_page(
            request, name, draft, checked_for(request, draft), notice=app.say("web_not_saved_yet")
        )

    @guarded("lihat", post=True)
    def periksa(request: Request) -> Response:
        name = request.path_params["nama"]
        draft, _form = _draft(request, name)
        checked = checked_for(request, draft)
        return JSONResponse({"fields": checked.fields, "general": checked.general, "count": checked.count},
                            headers={"Cache-Control": "no-store"})  # fmt: skip

    @guarded("ubah", post=True)
    def simpan(request: Request) -> Response:
        name = request.path_params["nama"]
        draft, _form = _draft(request, name)
        outcome, checked = app.ws.write(name, draft, checked_for(request, draft))
        if outcome == "galat":
            return edit_page(
                request, name, draft, checked, 422, app.say("web_not_saved_errors", count=checked.count)
            )
        if outcome == "bentrok":
            return edit_page(request, name, draft, checked, 409, app.say("web_conflict"), conflict=True)
        # after a save, a new page (reloading it posts nothing again)
        return RedirectResponse(
            f"/k/{quote(name)}?{'disimpan' if outcome == 'disimpan' else 'sama'}=1", status_code=303
        )

    @guarded("lihat")
    def pratinjau(request: Request) -> Response:
        name = request.path_params["nama"]
        app.ws.resolve(name)  # an unknown name is a 404, not a page of its error
        try:
            key, pages = app.ws.pages(name)
        except KeputusanError as exc:
            return app.page(request, "pratinjau.html", name=name, key="", count=0, lines=app.words(exc))
        return app.page(request, "pratinjau.html", name=name, key=key, count=len(pages), lines=[])

    @guarded("lihat")
    def halaman(request: Request) -> Response:
        name = request.path_params["nama"]
        number = request.path_params["n"]
        try:
            _key, pages = app.ws.pages(name)
        except KeputusanError as exc:
            raise Refused(404, " ".join(app.words(exc))) from None
        if not 1 <= number <= len(pages):
            raise Refused(404, app.say("web_no_page", n=number))
        return Response(
            pages[number - 1], media_type="image/png", headers={"Cache-Control": "private, max-age=3600"}
        )

    @guarded("lihat")
    def unduh(request: Request) -> Response:
        name = request.path_params["nama"]
        app.ws.resolve(name)
        kind = request.path_params["jenis"]
        if kind not in ("pdf", "docx"):
            raise Refused(404, app.say("web_page_not_found"))
        try:
            data = app.ws.pdf(name) if kind == "pdf" else app.ws.docx(name)
        except KeputusanError as exc:
            return app.page(request, "galat.html", 422, lines=app.words(exc))
        media = "application/pdf" if kind == "pdf" else (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")  # fmt: skip
        return Response(data, media_type=media, headers=_download(Path(name).stem + "." + kind))

    # ----------------------------------------------------------------- numbering

    @guarded("nomor", post=True)
    def ambil_nomor(request: Request) -> Response:
        name = request.path_params["nama"]
        form = request.state.form
        who = app.who(request)
        assert who is not None
        try:
            taken = app.ws.take(name, who.name, str(form.get("tanggal", "")) or None,
                                str(form.get("klasifikasi", "")) or None)  # fmt: skip
        except ContentError as exc:  # the decree with its number would not check: say where
            draft = app.ws.open(name)
            checked = app.ws.placed(exc.problems, draft.entry.path, draft.original, app.ws.check(draft))
            return edit_page(request, name, draft, checked, 422, app.say("web_take_refused"))
        except KeputusanError as exc:
            draft = app.ws.open(name)
            return edit_page(request, name, draft, app.ws.check(draft), 422, " ".join(app.words(exc)))
        entry = taken.entry
        key = "number_taken" if taken.new else "number_rewritten" if taken.rewritten else "number_already"
        draft = app.ws.open(name)
        notice = app.say(key, nomor=entry.nomor, path=name, tanggal=entry.tanggal)
        return edit_page(request, name, draft, app.ws.check(draft), notice=notice)

    def register_page(request: Request, profil: str, tahun: Optional[int], code: int = 200,
                      notice: str = "", lines: Optional[list[str]] = None) -> Response:  # fmt: skip
        lines, info = list(lines or []), ""
        try:
            entries, findings = app.ws.numbers(profil, tahun)
            lines += [app.say(f.code, **f.params) for f in findings]
        except KeputusanError as exc:
            entries = []
            if getattr(exc, "code", "") == "register_missing":  # no number taken yet: not an error here
                info = app.say("web_register_empty")
            else:
                lines += app.words(exc)
        profiles = list(app.ws.profiles())
        return app.page(request, "nomor.html", code, entries=entries, lines=lines, tahun=tahun, notice=notice,
                        profiles=profiles, profil=profil or (profiles[0] if profiles else ""), info=info)  # fmt: skip

    @guarded("lihat")
    def nomor(request: Request) -> Response:
        tahun = _year(request)
        profil = request.query_params.get("profil", "")
        app.ws.profile(profil)  # only a profile the folder's decrees use
        return register_page(request, profil, tahun)

    @guarded("nomor", post=True)
    def nomor_aksi(request: Request) -> Response:
        form = request.state.form
        who = app.who(request)
        assert who is not None
        action = request.path_params["aksi"]
        if action not in ("catat", "batalkan"):
            raise Refused(404, app.say("web_page_not_found"))
        profil = str(form.get("profil", ""))
        app.ws.profile(profil)
        nomor_text = str(form.get("nomor", "")).strip()
        try:
            if action == "catat":
                year_text = str(form.get("tahun", ""))
                app.ws.record(profil, nomor_text, str(form.get("catatan", "")), who.name,
                              str(form.get("tanggal", "")), int(year_text) if year_text.isdigit() else None)  # fmt: skip
                notice = app.say("number_recorded", nomor=nomor_text)
            else:
                app.ws.void(profil, nomor_text, str(form.get("alasan", "")), who.name)
                notice = app.say("number_voided", nomor=nomor_text)
        except KeputusanError as exc:
            return register_page(request, profil, None, 422, lines=app.words(exc))
        return register_page(request, profil, None, notice=notice)

    # ----------------------------------------------------------------- review

    @guarded("ubah", post=True)
    def perubahan(request: Request) -> Response:
        name = request.path_params["nama"]
        form = request.state.form
        mode = str(form.get("jenis", "ganti"))
        new_name = str(form.get("baru", "")).strip()
        try:
            made = app.ws.revise(name, new_name, mode if mode in ("ganti", "cabut", "ubah") else "ganti")
        except KeputusanError as exc:
            draft = app.ws.open(name)
            return edit_page(request, name, draft, app.ws.check(draft), 422, " ".join(app.words(exc)))
        return RedirectResponse("/k/" + quote(made) + "?baru=1", status_code=303)

    def _against(request: Request, name: str) -> tuple[str, str]:
        against = request.query_params.get("dengan", "")
        rev = request.query_params.get("rev", "").strip()
        if not against and not rev:
            against = app.ws.previous(name) or ""
        return against, rev

    @guarded("lihat")
    def bandingkan(request: Request) -> Response:
        name = request.path_params["nama"]
        app.ws.resolve(name)
        against, rev = _against(request, name)
        summary, lines = "", []
        if against or rev:
            who = app.who(request)
            assert who is not None
            try:
                summary, _data, _lines = app.ws.compare(name, against, rev, who.name)
            except KeputusanError as exc:
                lines = app.words(exc)
        choices = [e.name for e in app.ws.entries() if e.name != name]
        return app.page(request, "bandingkan.html", name=name, against=against, rev=rev, summary=summary,
                        lines=lines, choices=choices)  # fmt: skip

    @guarded("lihat")
    def ringkasan(request: Request) -> Response:
        """The change summary as the library writes it (its own small stylesheet), for the frame of
        the compare page: no script, nothing loaded from anywhere."""
        name = request.path_params["nama"]
        against, rev = _against(request, name)
        who = app.who(request)
        assert who is not None
        summary, _data, _lines = app.ws.compare(name, against, rev, who.name)
        return HTMLResponse(summary, headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; "
            "form-action 'none'; base-uri 'none'",
            "X-Frame-Options": "SAMEORIGIN", "Cache-Control": "no-store"})  # fmt: skip

    @guarded("lihat")
    def redline(request: Request) -> Response:
        name = request.path_params["nama"]
        app.ws.resolve(name)
        against, rev = _against(request, name)
        who = app.who(request)
        assert who is not None
        try:
            _summary, data, _lines = app.ws.compare(name, against, rev, who.name)
        except KeputusanError as exc:
            return app.page(request, "galat.html", 422, lines=app.words(exc))
        return Response(
            data,
            headers=_download(Path(name).stem + "-redline.docx"),
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )

    # ----------------------------------------------------------------- archive

    @guarded("lihat")
    def arsip_unggah_form(request: Request) -> Response:
        name = request.path_params["nama"]
        entry = app.ws.entry(name, app.ws.resolve(name))
        return app.page(request, "unggah.html", name=name, entry=entry, record=None, lines=[])

    @guarded("arsip", post=True)
    def arsip_unggah(request: Request) -> Response:
        name = request.path_params["nama"]
        entry = app.ws.entry(name, app.ws.resolve(name))
        form = request.state.form
        upload = form.get("pdf")
        if not isinstance(upload, UploadFile):
            return app.page(request, "unggah.html", 422, name=name, entry=entry, record=None,
                            lines=[app.say("web_no_file")])  # fmt: skip
        data = upload.file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            return app.page(request, "unggah.html", 413, name=name, entry=entry, record=None,
                            lines=[app.say("web_file_too_large", most=MAX_UPLOAD >> 20)])  # fmt: skip
        who = app.who(request)
        assert who is not None
        try:
            record = app.ws.archive_add(name, data, who.name, upload.filename or "")
        except KeputusanError as exc:
            lines = [app.say("archive_refused", path=upload.filename or name)] + app.words(exc)
            return app.page(request, "unggah.html", 422, name=name, entry=entry, record=None, lines=lines)
        return app.page(request, "unggah.html", name=name, entry=entry, record=record, lines=[])

    @guarded("lihat")
    def arsip(request: Request) -> Response:
        q = request.query_params.get("q", "")[:200]
        tahun = _year(request)
        store = app.ws.store()
        try:
            records = store.find(None, tahun, q) if store.root.exists() else []
            lines: list[str] = []
        except KeputusanError as exc:
            records, lines = [], app.words(exc)
        records = sorted(records, key=lambda r: (r["tanggal"], r["nomor"], r["berkas"]), reverse=True)
        return app.page(request, "arsip.html", records=records, q=q, tahun=tahun, lines=lines)

    @guarded("lihat")
    def jdih(request: Request) -> Response:
        try:
            entries = app.ws.store().export_jdih()
        except KeputusanError as exc:
            return app.page(request, "galat.html", 422, lines=app.words(exc))
        text = json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        return Response(text.encode("utf-8"), media_type="application/json", headers=_download("jdih.json"))

    async def not_found(request: Request, exc: Exception) -> Response:
        return app.page(request, "galat.html", 404, lines=[app.say("web_page_not_found")])

    async def method_not_allowed(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 400
        return app.page(request, "galat.html", status, lines=[app.say("web_page_not_found")])

    routes = [
        Route("/", daftar),
        Route("/masuk", masuk, methods=["GET", "POST"]),
        Route("/keluar", keluar, methods=["POST"]),
        Route("/nomor", nomor),
        Route("/nomor/{aksi:str}", nomor_aksi, methods=["POST"]),
        Route("/arsip", arsip),
        Route("/arsip/jdih.json", jdih),
        Route("/k/{nama:path}/ubah", ubah, methods=["POST"]),
        Route("/k/{nama:path}/periksa", periksa, methods=["POST"]),
        Route("/k/{nama:path}/simpan", simpan, methods=["POST"]),
        Route("/k/{nama:path}/pratinjau", pratinjau),
        Route("/k/{nama:path}/halaman/{n:int}.png", halaman),
        Route("/k/{nama:path}/unduh.{jenis:str}", unduh),
        Route("/k/{nama:path}/nomor", ambil_nomor, methods=["POST"]),
        Route("/k/{nama:path}/perubahan", perubahan, methods=["POST"]),
        Route("/k/{nama:path}/bandingkan", bandingkan),
        Route("/k/{nama:path}/redline.docx", redline),
        Route("/k/{nama:path}/ringkasan.html", ringkasan),
        Route("/k/{nama:path}/arsip", arsip_unggah_form, methods=["GET"]),
        Route("/k/{nama:path}/arsip", arsip_unggah, methods=["POST"]),
        Route("/k/{nama:path}", keputusan),
        Mount("/static", StaticFiles(directory=HERE / "web_static"), name="static"),
    ]
    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or ["*"]),
        Middleware(
            SessionMiddleware,
            secret_key=secret or (users.secret if users else secrets.token_hex(32)),
            session_cookie="keputusan_sesi",
            max_age=SESSION_HOURS * 3600,
            same_site="strict",
            https_only=https,  # over TLS the cookie is never sent in clear
        ),
    ]
    middleware.insert(0, Middleware(_Guard, say=app.say))
    served = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={404: not_found, 405: method_not_allowed},
    )
    served.state.keputusan = app  # the app's state, for tests (e.g. the sign-in attempts)
    return served


class _Guard:
    """Outermost ASGI layer: a body above the route's limit is refused before it is read (by its
    Content-Length, and by counting a body sent without one); files only to the archive page; and
    every answer, static files and redirects included, says nosniff and carries the CSP."""

    def __init__(self, app: Any, say: Callable[..., str]) -> None:
        self.app = app
        self.say = say

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        pairs = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope.get("headers", [])]
        headers = dict(pairs)
        names = [k for k, _v in pairs]
        upload = (
            scope["method"] == "POST" and scope["path"].startswith("/k/") and scope["path"].endswith("/arsip")
        )
        most = MAX_UPLOAD + (1 << 20) if upload else MAX_FORM
        refusal: Optional[tuple[int, str]] = None
        length = headers.get("content-length", "")
        if names.count("content-type") > 1 or names.count("content-length") > 1:
            refusal = (400, self.say("web_page_not_found"))  # one body, one description of it
        elif (
            headers.get("sec-fetch-site") in ("cross-site", "same-site")
            and headers.get("sec-fetch-mode") != "navigate"
            and not scope["path"].startswith("/static/")
        ):  # another site's page loading this app's images, documents or scripts: refused
            refusal = (403, self.say("web_other_site"))
        elif length and (not length.isdigit() or int(length) > most):
            refusal = (413, self.say("web_body_too_large", most=most >> 20))
        elif "multipart/" in headers.get("content-type", "").lower() and not upload:
            refusal = (415, self.say("web_upload_here_only"))
        if refusal is not None:
            body = refusal[1].encode("utf-8")
            await send({"type": "http.response.start", "status": refusal[0], "headers": [
                (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                *_RAW_HEADERS]})  # fmt: skip
            await send({"type": "http.response.body", "body": body})
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > most:  # a body without a length, or longer than it said: cut it off
                    return {"type": "http.disconnect"}
            return message

        async def headed(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _v in message.get("headers", [])}
                message = {**message, "headers": [
                    *message.get("headers", []), *(h for h in _RAW_HEADERS if h[0] not in present)]}  # fmt: skip
            await send(message)

        await self.app(scope, counted, headed)


_RAW_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy", _HEADERS["Content-Security-Policy"].encode()),
    (b"x-frame-options", b"DENY"),
]


def _place(checked: Checked, slots: set[str], notes: bool = False) -> dict[str, list[str]]:
    """Each message at its field, or at the nearest field above it; '' for none."""
    placed: dict[str, list[str]] = {}
    for path, messages in (checked.notes if notes else checked.fields).items():
        parts = path.split(".") if path else []
        while parts and ".".join(parts) not in slots:
            parts.pop()
        placed.setdefault(".".join(parts), []).extend(messages)
    if not notes:
        placed.setdefault("", []).extend(checked.general)
    return placed


def _year(request: Request) -> Optional[int]:
    """The ``tahun`` filter of a listing: four digits, or none."""
    text = request.query_params.get("tahun", "")
    return int(text) if text.isdigit() and len(text) == 4 else None


def _local_time(value: Any) -> str:
    """A register's UTC timestamp in this computer's time, to the minute."""
    import datetime as dt

    try:
        when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def _safe(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except KeputusanError:
        return None


def _download(filename: str) -> dict[str, str]:
    ascii_name = "".join(c if c.isalnum() or c in "._-" else "_" for c in filename)
    return {
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }


def _local_target(target: str) -> str:
    """Where to go after signing in: a path of this app only (no other site, no '//host')."""
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
    ):
        return "/"
    return target


async def _refused_post(request: Request, app: App) -> Optional[Response]:
    """Why a POST is refused, as its page (another site's Origin, a body too large to read, no
    valid CSRF token), or None; the form is read once, here, into ``request.state.form``."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        return app.page(request, "galat.html", 403, lines=[app.say("web_other_site")])
    try:
        form = await request.form(max_part_size=MAX_FORM, max_fields=MAX_FIELDS)
    except (ClientDisconnect, MultiPartException):
        return app.page(
            request, "galat.html", 413, lines=[app.say("web_body_too_large", most=MAX_FORM >> 20)]
        )
    except Exception:  # a body the form parser cannot read carries no token either
        return app.page(request, "galat.html", 403, lines=[app.say("web_csrf_missing")])
    request.state.form = form
    expected, given = request.session.get("csrf"), request.headers.get("x-csrf-token")
    if given is None:
        value = form.get("_csrf")
        given = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not given or not secrets.compare_digest(expected, given):
        return app.page(request, "galat.html", 403, lines=[app.say("web_csrf_missing")])
    return None


def _closing(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """The handler, with the request's form (and its spooled upload files) closed afterwards."""

    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        finally:
            await request.close()

    return run


def serve(
    workspace: Workspace,
    host: str,
    port: int,
    users: Optional[Users],
    local_user: str,
    lang: str,
    open_browser: bool,
    ready: Optional[Callable[[str], None]] = None,
    certificate: Optional[Path] = None,
    key: Optional[Path] = None,
) -> None:
    """Run the app until interrupted (over TLS with ``certificate`` and ``key``)."""
    import threading
    import webbrowser

    import uvicorn

    loopback = is_loopback(host)
    hosts = None
    if loopback:  # a page on another site cannot reach this server by a name it controls (DNS rebinding)
        hosts = ["127.0.0.1", "localhost", "::1", "[::1]"]
    https = certificate is not None
    app = create_app(
        workspace, users=users, local_user=local_user, lang=lang, allowed_hosts=hosts, https=https
    )
    import socket

    # an address colleagues can open: this computer's name when listening on every address
    shown_host = (
        "127.0.0.1" if host == "localhost" else socket.gethostname() if host in ("0.0.0.0", "::") else host
    )
    url = f"{'https' if https else 'http'}://{'[' + shown_host + ']' if ':' in shown_host else shown_host}:{port}/"
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            h11_max_incomplete_event_size=64 * 1024, proxy_headers=False,
                            ssl_certfile=str(certificate) if certificate else None,
                            ssl_keyfile=str(key) if key else None)  # fmt: skip
    server = uvicorn.Server(config)

    def announce() -> None:
        import time

        while not server.started:
            time.sleep(0.05)
            if server.should_exit:
                return
        if ready:
            ready(url)
        if open_browser:
            webbrowser.open(url)

    threading.Thread(target=announce, daemon=True).start()
    server.run()
