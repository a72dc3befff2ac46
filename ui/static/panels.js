// Shared by the page's other HTML components (js_on_load): the sources panel, the conversation
// list, the examples, the documents list and reader, and the export link. Each component's
// elements carry data-* attributes; a click on one becomes a named event for Python.
element.addEventListener("click", (event) => {
  const t = event.target;
  const on = (selector) => t.closest(selector);
  let b;
  if ((b = on("button.open-doc"))) {
    trigger("open", { doc: Number(b.dataset.doc), start: Number(b.dataset.start), end: Number(b.dataset.end) });
  } else if ((b = on("button.doc-open"))) {
    trigger("open", { doc: Number(b.dataset.doc), start: -1, end: -1 });
  } else if ((b = on("button.page"))) {
    trigger("goto", { page: Number(b.dataset.page) });
  } else if ((b = on("button.conv-open"))) {
    trigger("pick", { id: b.dataset.conv });
  } else if ((b = on("button.conv-delete"))) {
    trigger("remove", { id: b.dataset.conv });
  } else if ((b = on("button.example"))) {
    trigger("ask", { question: b.dataset.q });
  } else if ((b = on("button.to-target"))) {
    const mark = element.querySelector("#doc-target");
    if (mark) mark.scrollIntoView({ block: "center" });
  } else if ((b = on("button.admin-delete"))) {
    if (window.confirm(b.dataset.confirm || "")) window.qaAdminAction("DELETE", "api/v1/documents/" + b.dataset.doc);
  } else if ((b = on("button.admin-reindex"))) {
    window.qaAdminAction("POST", "api/v1/documents/" + b.dataset.doc + "/reindex");
  }
});

// The documents list follows the library: refreshed when an admin job has finished.
window.addEventListener("qa-library-changed", () => {
  if (element.querySelector(".doclist")) trigger("goto", { page: -1 });
});

watch("value", () => {
  const focus = element.querySelector("[data-focus]");
  if (focus) {
    const active = element.querySelector(".source.active") || focus;
    active.scrollIntoView({ block: "nearest" });
  }
  const mark = element.querySelector("#doc-target");
  // the reader may still be on a hidden tab (the tab switches with the same event): wait until shown
  const reveal = (tries) => {
    if (mark.offsetParent) mark.scrollIntoView({ block: "center" });
    else if (tries > 0) setTimeout(() => reveal(tries - 1), 100);
  };
  if (mark) reveal(30);
  const link = element.querySelector("a.export-link[data-fresh]");
  if (link) { link.removeAttribute("data-fresh"); link.click(); }
});
