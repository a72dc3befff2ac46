/* The document assistant's floating chat button for any intranet page.
 *
 *   <script src="https://qa.example/qa/widget.js" data-title="文档问答" defer></script>
 *
 * Adds a button in the bottom-right corner; it opens a panel holding an iframe
 * of this server's /embed page, which asks, answers and shows the sources.
 * Styles are set through the DOM, so the host page needs no stylesheet, and the
 * iframe keeps the host page's scripts and the assistant's apart.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__qaWidget) { return; }
  window.__qaWidget = true;
  var texts = __TEXTS__;
  var base = new URL(".", script.src);
  var title = script.getAttribute("data-title") || texts.title;
  var src = new URL("embed", base);
  src.searchParams.set("title", title);

  function styled(tag, style) {
    var el = document.createElement(tag);
    Object.keys(style).forEach(function (k) { el.style[k] = style[k]; });
    return el;
  }

  var button = styled("button", {
    position: "fixed", right: "20px", bottom: "20px", zIndex: "2147483000", border: "0",
    borderRadius: "24px", padding: "12px 18px", background: "#2563eb", color: "#fff",
    font: "15px/1.2 sans-serif", cursor: "pointer", boxShadow: "0 4px 14px rgba(0,0,0,.25)"
  });
  button.type = "button";
  button.id = "qa-widget-button";
  button.textContent = title;
  button.setAttribute("aria-label", texts.open);
  button.setAttribute("aria-expanded", "false");

  var panel = styled("div", {
    position: "fixed", right: "20px", bottom: "76px", zIndex: "2147483000", width: "380px",
    maxWidth: "calc(100vw - 40px)", height: "560px", maxHeight: "calc(100vh - 100px)", display: "none",
    background: "#fff", borderRadius: "10px", overflow: "hidden", boxShadow: "0 8px 30px rgba(0,0,0,.3)"
  });
  panel.id = "qa-widget-panel";
  var frame = null;

  button.addEventListener("click", function () {
    var open = panel.style.display === "none";
    if (open && !frame) {
      frame = styled("iframe", { width: "100%", height: "100%", border: "0" });
      frame.title = title;
      frame.src = src.toString();
      panel.appendChild(frame);
    }
    panel.style.display = open ? "block" : "none";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = open ? texts.close : title;
  });

  function mount() { document.body.appendChild(panel); document.body.appendChild(button); }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
