// Page-wide helpers, loaded in <head>: the page's language, the question box's label and
// character counter, copying text, and calls to the admin REST routes. No outside requests.
(function () {
  "use strict";
  const LANG = "zh-CN";
  const root = document.documentElement;
  root.setAttribute("lang", LANG);
  // Gradio's own translations set <html lang> to the browser's locale; the page is Chinese.
  new MutationObserver(() => {
    if (root.getAttribute("lang") !== LANG) root.setAttribute("lang", LANG);
  }).observe(root, { attributes: true, attributeFilter: ["lang"] });

  // Copy plain text: the Clipboard API where the page is a secure context, else a hidden textarea.
  window.qaCopy = async function (text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      area.remove();
      return ok;
    }
  };

  // The admin routes, with the token typed into the admin panel (this tab only) when there is one.
  window.qaAdminFetch = async function (method, path, body) {
    const headers = {};
    const token = sessionStorage.getItem("qa-admin-token");
    if (token) headers.Authorization = "Bearer " + token;
    const response = await fetch(new URL(path, document.baseURI), {
      method, headers, body, credentials: "same-origin",
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((data.error && data.error.message) || String(response.status));
    return data;
  };

  // The question box: its accessible name and a live character counter (#counter holds the template).
  function wire() {
    const box = document.querySelector("#question textarea");
    const counter = document.querySelector("#counter .counter");
    if (!box || !counter || box.dataset.qaWired) return;
    box.dataset.qaWired = "1";
    if (!box.getAttribute("aria-label")) box.setAttribute("aria-label", counter.dataset.label || "");
    box.setAttribute("aria-describedby", "qa-counter");
    const update = () => {
      const c = document.querySelector("#counter .counter");
      if (!c) return;
      const limit = Number(c.dataset.limit || 0);
      const count = Array.from(box.value).length;
      c.id = "qa-counter";
      c.textContent = (c.dataset.template || "").replace("{count}", String(count));
      c.classList.toggle("over", limit > 0 && count > limit);
    };
    box.addEventListener("input", update);
    new MutationObserver(update).observe(box, { attributes: true, attributeFilter: ["value"] });
    setInterval(update, 1000); // a value set by the page (a refused question put back) counts too
    update();
  }
  new MutationObserver(wire).observe(document, { childList: true, subtree: true });
})();
