"""Accept or reject every tracked change of DOCX files in one headless LibreOffice, through UNO.

Run with a Python that has ``uno`` (Debian's python3-uno: /usr/bin/python3, or LibreOffice's
own program/python), never the project's virtualenv; it imports nothing but the standard
library and uno. Jobs come as JSON on stdin, or in the file named by ``--jobs``::

    {"timeout": 300, "soffice": "/usr/bin/soffice",
     "jobs": [{"input": "/tmp/a.docx", "action": "accept", "output": "/tmp/a-accept.docx"}]}

``pidfile``, when given, receives soffice's process id (it leads its own process group),
so a caller that has to kill this script can kill LibreOffice too.
``action`` is ``accept``, ``reject`` or ``none`` (a plain round trip, for sanity checks).
The answer is one JSON object on stdout::

    {"ok": true, "seconds": 4.2, "version": "7.4.7.2",
     "results": [{"input": ..., "output": ..., "action": ..., "ok": true,
                  "redlines_before": 12, "redlines_after": 0, "seconds": 0.3}]}

with ``"error"`` in a result that failed and at the top when LibreOffice could not be run at
all. One soffice serves every job (a start costs seconds); it runs in a process group of its
own, with a private profile, and is killed at the end whatever happened, also when the
overall ``timeout`` passes (then the answer says so, and the process exits 2).

Why the dispatcher: LibreOffice 7.4's UNO API lists redlines (XRedlinesSupplier) but has no
method to accept or reject them; ``.uno:AcceptAllTrackedChanges`` and
``.uno:RejectAllTrackedChanges`` on the document's frame do what the Edit > Track Changes
menu does. Text fields are then refreshed, so SEQ fields renumber as they do on screen.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any

try:
    import uno  # type: ignore[import-not-found]
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
    from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
except ImportError as exc:  # pragma: no cover - reported to the caller as JSON
    print(json.dumps({"ok": False, "error": f"no uno in {sys.executable}: {exc}", "results": []}))
    sys.exit(3)

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}
FILTER = "MS Word 2007 XML"


def prop(name: str, value: Any) -> Any:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Office:
    """One private soffice, listening on a pipe, killed (its whole process group) on close."""

    def __init__(self, soffice: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="keputusan-lo-uno-")
        self.pipe = f"keputusan_uno_{os.getpid()}_{int(time.time() * 1000)}"
        command = [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={Path(self.profile).as_uri()}",
            f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
        ]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.jobs = 0
        self.context: Any = None
        self.smgr: Any = None
        self.desktop: Any = None
        self.dispatcher: Any = None

    def connect(self, deadline: float) -> None:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        url = f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext"
        while True:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
                raise RuntimeError(
                    f"soffice exited with {self.process.returncode} before answering: {err[-500:]}"
                )
            try:
                context = resolver.resolve(url)
                break
            except NoConnectException:
                if time.monotonic() > deadline:
                    raise RuntimeError("soffice did not answer on its pipe in time") from None
                time.sleep(0.1)
        self.context, self.smgr = context, context.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        self.dispatcher = self.smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)

    def version(self) -> str:
        """LibreOffice's version as its About box shows it (for the report)."""
        try:
            provider = self.smgr.createInstanceWithContext(
                "com.sun.star.configuration.ConfigurationProvider", self.context
            )
            node = provider.createInstanceWithArguments(
                "com.sun.star.configuration.ConfigurationAccess",
                (prop("nodepath", "/org.openoffice.Setup/Product"),),
            )
            return str(node.getByName("ooSetupVersionAboutBox"))
        except Exception:
            return ""

    def close(self) -> None:
        try:
            if self.desktop is not None:
                self.desktop.terminate()
        except Exception:
            pass  # the bridge dies with soffice: that is expected here
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        kill_group(self.process)
        shutil.rmtree(self.profile, ignore_errors=True)


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """soffice starts soffice.bin as its child: the whole group we started goes."""
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the group exists while any member lives
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def redline_count(doc: Any) -> int:
    redlines = doc.getRedlines()
    enum = redlines.createEnumeration()
    n = 0
    while enum.hasMoreElements():
        enum.nextElement()
        n += 1
    return n


def run_job(office: Office, job: dict[str, Any]) -> dict[str, Any]:
    started = time.monotonic()
    source, target, action = Path(job["input"]), Path(job["output"]), job["action"]
    result: dict[str, Any] = {"input": str(source), "output": str(target), "action": action, "ok": False}
    if action not in (*COMMANDS, "none"):
        result["error"] = f"unknown action {action!r}"
        return result
    # opened from a private copy: LibreOffice puts its lock file beside the file it opens, and
    # refuses (headless: returns nothing) a file whose lock a killed run left behind
    office.jobs += 1
    copy = Path(office.profile) / f"job-{office.jobs}.docx"
    shutil.copyfile(source, copy)
    doc = office.desktop.loadComponentFromURL(
        copy.as_uri(), "_blank", 0, (prop("Hidden", True), prop("ReadOnly", False))
    )
    if doc is None:
        result["error"] = "LibreOffice could not open the file"
        return result
    try:
        result["redlines_before"] = redline_count(doc)
        if action in COMMANDS:
            frame = doc.getCurrentController().getFrame()
            office.dispatcher.executeDispatch(frame, COMMANDS[action], "", 0, ())
        doc.getTextFields().refresh()
        result["redlines_after"] = redline_count(doc)
        target.parent.mkdir(parents=True, exist_ok=True)
        doc.storeToURL(target.resolve().as_uri(), (prop("FilterName", FILTER), prop("Overwrite", True)))
        result["ok"] = target.exists() and target.stat().st_size > 0
        if not result["ok"]:
            result["error"] = "LibreOffice wrote nothing"
    finally:
        try:
            doc.close(True)
        except Exception:
            try:
                doc.dispose()
            except Exception:
                pass
        copy.unlink(missing_ok=True)
    result["seconds"] = round(time.monotonic() - started, 3)
    return result


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--jobs":
        request = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    else:
        request = json.load(sys.stdin)
    timeout = float(request.get("timeout", 600))
    soffice = request.get("soffice") or shutil.which("soffice") or shutil.which("libreoffice")
    started = time.monotonic()
    answer: dict[str, Any] = {"ok": False, "results": []}
    if not soffice:
        answer["error"] = "soffice not found"
        print(json.dumps(answer))
        return 3
    offices: list[Office] = []  # the one running is the last; a crash starts another
    done = threading.Event()
    finish = threading.Lock()  # whoever holds it writes the one answer
    starting = threading.Lock()  # no soffice starts while the watchdog kills them all
    expired = threading.Event()

    def watchdog() -> None:
        if done.wait(timeout) or not finish.acquire(blocking=False):
            return
        with starting:
            expired.set()
            for office in offices:
                kill_group(office.process)
                shutil.rmtree(office.profile, ignore_errors=True)
        late = dict(answer, results=list(answer["results"]), ok=False)
        late["error"] = f"timed out after {timeout:.0f} s"
        late["seconds"] = round(time.monotonic() - started, 3)
        sys.stdout.write(json.dumps(late) + "\n")
        sys.stdout.flush()
        os._exit(2)

    def start() -> Office:
        with starting:
            if expired.is_set():
                raise RuntimeError("timed out")
            office = Office(soffice)
            offices.append(office)
        if request.get("pidfile"):  # the caller kills this group if it has to kill us
            Path(request["pidfile"]).write_text(str(office.process.pid), encoding="utf-8")
        office.connect(time.monotonic() + min(timeout, 120))
        return office

    threading.Thread(target=watchdog, daemon=True).start()
    try:
        office = start()
        answer["start_seconds"] = round(time.monotonic() - started, 3)
        answer["version"] = office.version()
        answer["restarts"] = 0
        for job in request["jobs"]:
            try:
                answer["results"].append(run_job(office, job))
            except Exception as exc:  # one broken job does not cost the others theirs
                answer["results"].append(
                    {
                        **job,
                        "ok": False,
                        "error": f"{type(exc).__name__}: {exc}",
                        "trace": traceback.format_exc()[-800:],
                    }
                )
                if office.process.poll() is not None or "Disposed" in type(exc).__name__:
                    office.close()  # LibreOffice died on that file: a fresh one for the rest
                    office = start()
                    answer["restarts"] += 1
        answer["ok"] = all(r.get("ok") for r in answer["results"])
    except Exception as exc:
        answer["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        for office in offices:
            office.close()
        finish.acquire()  # after a timeout the watchdog holds it, answers and exits
        done.set()
    answer["seconds"] = round(time.monotonic() - started, 3)
    print(json.dumps(answer))
    return 0 if answer["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
