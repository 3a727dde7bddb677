// keputusan web app: checks as you type, reordering by drag and by keyboard, a warning
// before leaving unsaved changes. The pages work without it (every action is a form post).
(function () {
  "use strict";
  // an action that cannot be undone (taking a number) asks first
  document.querySelectorAll("form[data-konfirmasi]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.dataset.konfirmasi)) e.preventDefault();
    });
  });
  // a second click while the page is being sent sends nothing more
  document.querySelectorAll("form[method=post]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (e.defaultPrevented) return;
      if (f.dataset.dikirim) { e.preventDefault(); return; }
      f.dataset.dikirim = "1";
    });
  });
  window.addEventListener("pageshow", function () {  // back to a page kept by the browser: sendable again
    document.querySelectorAll("form[data-dikirim]").forEach(function (f) { delete f.dataset.dikirim; });
  });
  var form = document.getElementById("form-ubah");
  if (!form) return;
  var token = document.querySelector('meta[name="csrf-token"]').content;
  var dirty = false;
  var timer = null;

  function slotFor(path) {
    var parts = path ? path.split(".") : [];
    while (true) {
      var slot = form.querySelector('.galat[data-for="' + parts.join(".") + '"]');
      if (slot && parts.length) return slot;
      if (!parts.length) return null;
      parts.pop();
    }
  }

  function show(result) {
    form.querySelectorAll(".galat").forEach(function (el) { el.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var general = document.getElementById("galat-umum");
    var list = general.querySelector("ul") || general.appendChild(document.createElement("ul"));
    list.textContent = "";
    Object.keys(result.fields).forEach(function (path) {
      var slot = slotFor(path);
      result.fields[path].forEach(function (text) {
        var p = document.createElement(slot ? "p" : "li");
        p.textContent = text;
        (slot || list).appendChild(p);
      });
      var field = form.querySelector('[data-path="' + path + '"]');
      if (field && field.matches("input, textarea, select")) field.setAttribute("aria-invalid", "true");
    });
    result.general.forEach(function (text) {
      var li = document.createElement("li"); li.textContent = text; list.appendChild(li);
    });
    general.hidden = result.count === 0 && !list.children.length;
    var head = general.querySelector("p strong");
    if (head && result.count === 0) head.parentNode.remove();
  }

  function failed() {
    show({ fields: {}, general: [form.dataset.gagal], count: 0 });
  }

  function check() {
    var data = new URLSearchParams(new FormData(form));
    data.delete("op");
    fetch(form.dataset.periksa, { method: "POST", body: data, headers: { "X-CSRF-Token": token }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (result) { if (result) show(result); else failed(); })
      .catch(failed);
  }

  form.addEventListener("input", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(check, 600);
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (e) { if (dirty) { e.preventDefault(); e.returnValue = ""; } });

  function operate(op) {
    var hidden = document.getElementById("op-seret");
    form.querySelectorAll('button[name="op"]').forEach(function (b) { b.disabled = true; });
    hidden.disabled = false;
    hidden.value = op;
    dirty = false;
    form.submit();
  }

  // drag and drop: items and rows carry data-list (the list's path) and data-index
  var dragged = null;
  form.addEventListener("dragstart", function (e) {
    var item = e.target.closest && e.target.closest("[draggable][data-list]");
    if (!item || e.target.matches("input, textarea, select")) { e.preventDefault && item && e.preventDefault(); return; }
    dragged = item;
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", item.dataset.path);
    // a small picture under the pointer: the item's head, not a whole item with its text boxes
    var head = item.querySelector(".kepala-butir, td.nomor");
    if (head && e.dataTransfer.setDragImage) e.dataTransfer.setDragImage(head, 8, 8);
  });
  form.addEventListener("dragover", function (e) {
    var over = e.target.closest && e.target.closest("[draggable][data-list]");
    if (!dragged || !over || over.dataset.list !== dragged.dataset.list) return;
    e.preventDefault();
    form.querySelectorAll(".seret-atas").forEach(function (el) { el.classList.remove("seret-atas"); });
    over.classList.add("seret-atas");
  });
  form.addEventListener("drop", function (e) {
    var over = e.target.closest && e.target.closest("[draggable][data-list]");
    if (!dragged || !over || over.dataset.list !== dragged.dataset.list) return;
    e.preventDefault();
    if (over !== dragged) operate("pindah:" + dragged.dataset.path + ":" + over.dataset.index);
  });
  form.addEventListener("dragend", function () {
    dragged = null;
    form.querySelectorAll(".seret-atas").forEach(function (el) { el.classList.remove("seret-atas"); });
  });

  // keyboard: Alt+ArrowUp / Alt+ArrowDown in an item's field moves the item
  form.addEventListener("keydown", function (e) {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    var item = e.target.closest && e.target.closest("[data-list][data-path]");
    if (!item) return;
    e.preventDefault();
    operate((e.key === "ArrowUp" ? "naik:" : "turun:") + item.dataset.path);
  });

  // after an add or a move, the autofocused button is in view
  var focused = form.querySelector("[autofocus]");
  if (focused) focused.scrollIntoView({ block: "center" });
})();
