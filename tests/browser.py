"""A real browser for the web app's tests: headless Chromium driven by Selenium, and the app
started as `keputusan serve` in a scratch project folder.

Nothing here downloads anything: the browser and its driver are the system's (Debian
``chromium`` and ``chromium-driver``), found on PATH or at /usr/bin, and Selenium is told where
the driver is, so its manager never runs.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, TypeVar

T = TypeVar("T")

CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1366,768",
)


def find_tool(name: str, *fallbacks: str) -> Optional[str]:
    for candidate in (name, *fallbacks):
        found = shutil.which(candidate)
        if found:
            return found
        if os.path.isabs(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def chrome_paths() -> tuple[Optional[str], Optional[str], str]:
    """(chromium, chromedriver, why not) — why-not is '' when both are there."""
    chrome = find_tool("chromium", "chromium-browser", "/usr/bin/chromium")
    driver = find_tool("chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
    missing = [n for n, p in (("chromium", chrome), ("chromedriver", driver)) if p is None]
    why = f"{' and '.join(missing)} not installed (Debian: apt-get install chromium chromium-driver)"
    return chrome, driver, why if missing else ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --------------------------------------------------------------------------- the app


@dataclass
class Server:
    """`keputusan serve` running in ``project`` (content in project/content)."""

    project: Path
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def content(self) -> Path:
        return self.project / "content"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(project: Path, *args: str, timeout: float = 30) -> Server:
    """Run the app with this interpreter (the venv's) and wait until its port answers."""
    port = free_port()
    log = project.parent / f"serve-{port}.log"
    command = [
        sys.executable,
        "-c",
        "import sys; from keputusan.cli import main; sys.argv[0] = 'keputusan'; main()",
        "serve",
        "content",
        "--port",
        str(port),
        "--no-browser",
        *args,
    ]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=project, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    server = Server(project, port, process, log)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"keputusan serve ended ({process.returncode}):\n{server.output()}")
        try:
            with urllib.request.urlopen(server.url + "/", timeout=2) as reply:
                if reply.status == 200:
                    return server
        except OSError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"keputusan serve did not answer in {timeout} s:\n{server.output()}")
        time.sleep(0.1)


def git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Uji",
        "GIT_AUTHOR_EMAIL": "uji@example.invalid",
        "GIT_COMMITTER_NAME": "Uji",
        "GIT_COMMITTER_EMAIL": "uji@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True, text=True)
    return done.stdout


# --------------------------------------------------------------------------- the browser


@dataclass
class Browser:
    """One Chromium (its own profile: its own cookies, so its own session in the app)."""

    driver: Any
    base: str
    downloads: Path
    profile: Path
    shots: Optional[Path] = None
    visited: list[str] = field(default_factory=list)

    def get(self, path: str) -> None:
        self.driver.get(self.base + path)
        self.visited.append(path)

    def find(self, css: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return list(self.driver.find_elements(By.CSS_SELECTOR, css))

    def field(self, path: str) -> Any:
        """The form field of a data path (id f-<path>; dots are not CSS-safe, so by id)."""
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.ID, "f-" + path)

    def slot(self, path: str) -> Any:
        return self.find(f'.galat[data-for="{path}"]')

    def wait(self, what: Callable[[], T], timeout: float = 15, message: str = "") -> T:
        """Poll until ``what()`` is truthy (exceptions count as not yet)."""
        deadline = time.monotonic() + timeout
        last: Optional[BaseException] = None
        while True:
            try:
                value = what()
                if value:
                    return value
            except Exception as exc:  # stale or missing elements while a page loads
                last = exc
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout} s for {message or what}: last error {last!r}")
            time.sleep(0.05)

    def replace_text(self, element: Any, text: str) -> None:
        """Select what the field holds and type over it, as a user does (input events fire)."""
        from selenium.webdriver.common.keys import Keys

        element.click()
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(Keys.DELETE)
        element.send_keys(text)

    def submit_and_wait(self, button: Any, timeout: float = 30, confirm: str = "") -> None:
        """Click a button that posts the page; wait until the new page has loaded. With ``confirm``,
        the button asks first: the question must contain those words, and is answered yes."""
        old = self.find("html")
        button.click()
        if confirm:
            asked = self.wait(lambda: _alert(self.driver), timeout, "the question before acting")
            assert confirm in asked.text, asked.text
            asked.accept()
        self.wait(lambda: _stale(old), timeout, "the page to be replaced")
        self.wait(
            lambda: self.driver.execute_script("return document.readyState") == "complete",
            timeout,
            "the new page to load",
        )

    def screenshot(self, name: str) -> Optional[Path]:
        if self.shots is None:
            return None
        self.shots.mkdir(parents=True, exist_ok=True)
        target = self.shots / f"{name}.png"
        self.driver.save_screenshot(str(target))
        return target

    def full_screenshot(self, name: str) -> Optional[Path]:
        """The whole page (not just the window) through the DevTools protocol."""
        if self.shots is None:
            return None
        import base64

        self.shots.mkdir(parents=True, exist_ok=True)
        shot = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
        )
        target = self.shots / f"{name}.png"
        target.write_bytes(base64.b64decode(shot["data"]))
        return target

    def status_of_last_navigation(self) -> Optional[int]:
        """The HTTP status of the page shown (Navigation Timing level 2's responseStatus)."""
        value = self.driver.execute_script(
            "var e = performance.getEntriesByType('navigation')[0]; return e ? e.responseStatus : null;"
        )
        return int(value) if value is not None else None

    def drag(self, source: Any, target: Any, data: str = "") -> None:
        """Drag ``source`` onto ``target`` with the mouse, through Chromium's own input pipeline
        (DevTools Input domain, as Puppeteer does): the page gets trusted dragstart, dragover and
        drop events. Selenium's ActionChains cannot finish an HTML5 drag in Chromium (the page sees
        dragstart and dragend, never drop), hence this. ``data`` is the text/plain the drop
        carries (a real drag carries what dragstart set; the app does not read it)."""
        d = self.driver
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", source)
        where = "var r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];"
        sx, sy = d.execute_script(where, source)
        tx, ty = d.execute_script(where, target)

        def mouse(kind: str, x: float, y: float, buttons: int) -> None:
            d.execute_cdp_cmd(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "buttons": buttons, "clickCount": 1},
            )

        d.execute_cdp_cmd("Input.setInterceptDrags", {"enabled": True})
        try:
            mouse("mouseMoved", sx, sy, 0)
            mouse("mousePressed", sx, sy, 1)
            for step in range(1, 6):  # past the drag threshold: Chromium starts the drag (dragstart)
                mouse("mouseMoved", sx, sy + (ty - sy) * step / 10, 1)
            carried = {"items": [{"mimeType": "text/plain", "data": data}], "dragOperationsMask": 16}
            for kind in ("dragEnter", "dragOver", "drop"):
                d.execute_cdp_cmd(
                    "Input.dispatchDragEvent", {"type": kind, "x": tx, "y": ty, "data": carried}
                )
        finally:
            d.execute_cdp_cmd("Input.setInterceptDrags", {"enabled": False})

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


def _alert(driver: Any) -> Any:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        return driver.switch_to.alert
    except NoAlertPresentException:
        return None


def _stale(element: Any) -> bool:
    from selenium.common.exceptions import StaleElementReferenceException

    try:
        element.tag_name  # noqa: B018 - touching it raises once the page is gone
    except StaleElementReferenceException:
        return True
    return False


def open_browser(base: str, downloads: Path, shots: Optional[Path] = None) -> Browser:
    """A headless Chromium with its own fresh profile, saving downloads into ``downloads``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chrome, driver_path, why = chrome_paths()
    if why:
        raise RuntimeError(why)
    assert chrome is not None and driver_path is not None
    profile = Path(tempfile.mkdtemp(prefix="keputusan-chromium-"))
    downloads.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "safebrowsing.enabled": False,
        },
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(driver_path, log_output=subprocess.DEVNULL)
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.set_page_load_timeout(60)
        # headless Chrome saves downloads only when told where, over the DevTools protocol
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior",
            {"behavior": "allow", "downloadPath": str(downloads), "eventsEnabled": True},
        )
        driver.execute_cdp_cmd(
            "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
    except Exception:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        raise
    return Browser(driver, base, downloads, profile, shots)


def wait_for_download(folder: Path, suffix: str, timeout: float = 30) -> Path:
    """The first finished file with ``suffix`` in ``folder`` (Chrome writes .crdownload first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        partial = [p for p in folder.iterdir() if p.name.endswith(".crdownload")]
        if done and not partial:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(
        f"no {suffix} file downloaded into {folder} in {timeout} s: {list(folder.iterdir())}"
    )
