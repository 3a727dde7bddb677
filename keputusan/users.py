"""The web app's users: names, roles and password hashes in one JSON file.

Passwords are hashed with Argon2id (argon2-cffi, the reference implementation's binding);
the file also holds the key that signs the app's session cookies, so it is written readable
by its owner only, atomically. This module owns argon2.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from .errors import CodedError

ROLES = ("staf", "hukum", "arsiparis", "admin")
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MIN_PASSWORD = 8
MAX_FILE = 1 << 20


class UsersError(CodedError):
    """The users file cannot be read or written, or a name, role or password is refused."""


@dataclass(frozen=True)
class User:
    name: str
    role: str


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


class Users:
    """The users file: ``{"versi": 1, "kunci": hex, "pengguna": {name: {"peran", "sandi"}}}``."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    @classmethod
    def read(cls, path: Path, create: bool = False) -> Users:
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_FILE + 1)
        except FileNotFoundError:
            if not create:
                raise UsersError("users_missing", path=str(path)) from None
            return cls(path, {"versi": 1, "kunci": secrets.token_hex(32), "pengguna": {}})
        except OSError as exc:
            raise UsersError("users_unreadable", path=str(path), detail=exc.strerror or str(exc)) from None
        try:
            data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_FILE else None
        except (UnicodeDecodeError, ValueError):
            data = None
        if (
            not isinstance(data, dict)
            or data.get("versi") != 1
            or not isinstance(data.get("kunci"), str)
            or len(data["kunci"]) < 32
            or not isinstance(data.get("pengguna"), dict)
            or not all(
                isinstance(v, dict) and v.get("peran") in ROLES and isinstance(v.get("sandi"), str)
                for v in data["pengguna"].values()
            )
        ):
            raise UsersError("users_damaged", path=str(path))
        return cls(path, data)

    @property
    def secret(self) -> str:
        return str(self.data["kunci"])

    def names(self) -> list[User]:
        return [User(name, entry["peran"]) for name, entry in sorted(self.data["pengguna"].items())]

    def add(self, name: str, role: str, password: str, replace: bool = False) -> None:
        if not NAME.match(name):
            raise UsersError("users_bad_name", name=name)
        if role not in ROLES:
            raise UsersError("users_bad_role", role=role, roles=", ".join(ROLES))
        if len(password) < MIN_PASSWORD:
            raise UsersError("users_short_password", least=MIN_PASSWORD)
        if name in self.data["pengguna"] and not replace:
            raise UsersError("users_exists", name=name)
        self.data["pengguna"][name] = {"peran": role, "sandi": _hasher().hash(password)}

    def remove(self, name: str) -> None:
        if self.data["pengguna"].pop(name, None) is None:
            raise UsersError("users_unknown", name=name)

    def login(self, name: str, password: str) -> Optional[User]:
        """The user, if the password is theirs; the same work is done for an unknown name."""
        from argon2.exceptions import VerificationError

        entry = self.data["pengguna"].get(name)
        hasher = _hasher()
        stored = entry["sandi"] if entry else _dummy_hash()
        try:
            hasher.verify(stored, password)
        except (VerificationError, ValueError, Exception):
            return None
        if entry is None:
            return None
        return User(name, entry["peran"])

    def role_of(self, name: str) -> Optional[str]:
        entry = self.data["pengguna"].get(name)
        return str(entry["peran"]) if entry else None

    def generation(self, name: str) -> Optional[str]:
        """A short digest of the user's role and password hash: a session signed in before the
        password or the role changed carries another one, and is no longer honoured."""
        import hashlib

        entry = self.data["pengguna"].get(name)
        if not entry:
            return None
        return hashlib.sha256(f"{entry['peran']}\0{entry['sandi']}".encode()).hexdigest()[:16]

    def write(self) -> None:
        text = json.dumps(self.data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        try:  # mkstemp makes the file readable by its owner only, before the key is in it
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(text.encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            raise UsersError(
                "users_unwritable", path=str(self.path), detail=exc.strerror or str(exc)
            ) from None


class LiveUsers:
    """The users file as a running server sees it: read again whenever it changes on disk, so a
    user removed or given another role by ``keputusan users`` loses the old rights at once."""

    def __init__(self, users: Users) -> None:
        self.path = users.path
        self._users = users
        self._stamp = _stamp(users.path)

    def current(self) -> Users:
        stamp = _stamp(self.path)
        if stamp != self._stamp:
            try:
                self._users = Users.read(self.path)
            except UsersError:  # damaged or removed while serving: nobody is signed in
                self._users = Users(self.path, {"versi": 1, "kunci": self._users.secret, "pengguna": {}})
            self._stamp = stamp
        return self._users


def _stamp(path: Path) -> object:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    """A hash of a random password, verified against when the name is unknown: a wrong name
    takes as long as a wrong password."""
    if not _DUMMY:
        _DUMMY.append(_hasher().hash(secrets.token_hex(16)))
    return _DUMMY[0]
