// The admin panel (gr.HTML js_on_load): token, drag-and-drop upload with progress, re-index, jobs.
// TEXTS is put in front of this file by ui/page.py (every text comes from prompts/).
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
const $ = (selector) => element.querySelector(selector);
let polling = null;
let seen = {};

function showJobs(state) {
  const box = $(".jobs");
  if (!box) return;
  const lines = state.jobs.slice(0, 5).map((job) => {
    if (job.state === "done") return fill(TEXTS.admin_job_done, { task: job.task, summary: job.summary });
    if (job.state === "failed") return fill(TEXTS.admin_job_failed, { task: job.task, error: job.error });
    const detail = job.lines.length ? job.task + " · " + job.lines[job.lines.length - 1] : job.task;
    return fill(TEXTS.admin_job_running, { task: detail });
  });
  box.replaceChildren(...(lines.length ? lines : [TEXTS.admin_job_idle]).map((text) => {
    const p = document.createElement("p");
    p.textContent = text;
    return p;
  }));
  let finished = false;
  for (const job of state.jobs) {
    if (seen[job.id] && seen[job.id] !== job.state && (job.state === "done" || job.state === "failed")) finished = true;
    seen[job.id] = job.state;
  }
  if (finished) window.dispatchEvent(new CustomEvent("qa-library-changed"));
}

async function poll() {
  if (polling) return;
  polling = setInterval(async () => {
    try {
      const state = await window.qaAdminFetch("GET", "api/v1/library/jobs");
      showJobs(state);
      if (!state.busy) { clearInterval(polling); polling = null; }
    } catch (error) {
      clearInterval(polling); polling = null;
      $(".jobs").textContent = error.message;
    }
  }, 700);
}

window.qaAdminAction = async (method, path) => {
  try {
    const job = await window.qaAdminFetch(method, path);
    seen[job.id] = job.state;
    poll();
  } catch (error) {
    const box = $(".jobs");
    if (box) box.textContent = error.message;
  }
};

function upload(file) {
  return new Promise((resolve) => {
    const form = new FormData();
    form.append("file", file);
    form.append("category", ($(".admin-folder") || {}).value || "");
    const request = new XMLHttpRequest();
    request.open("POST", new URL("api/v1/documents", document.baseURI));
    const token = sessionStorage.getItem("qa-admin-token");
    if (token) request.setRequestHeader("Authorization", "Bearer " + token);
    const bar = $(".upload-progress");
    bar.hidden = false;
    bar.querySelector(".upload-name").textContent = fill(TEXTS.admin_uploading, { name: file.name });
    request.upload.onprogress = (e) => { if (e.lengthComputable) bar.querySelector("progress").value = (100 * e.loaded) / e.total; };
    request.onload = () => {
      let data = {};
      try { data = JSON.parse(request.responseText); } catch (e) { data = {}; }
      bar.querySelector("progress").value = 100;
      if (request.status === 202) {
        seen[data.id] = data.state;
        bar.querySelector(".upload-name").textContent = fill(TEXTS.admin_queued, { name: data.path || file.name });
        poll();
      } else {
        bar.querySelector(".upload-name").textContent = (data.error && data.error.message) || String(request.status);
      }
      resolve();
    };
    request.onerror = () => { bar.querySelector(".upload-name").textContent = String(request.status); resolve(); };
    request.send(form);
  });
}

async function uploadAll(files) {
  for (const file of files) await upload(file);
}

const token = $(".admin-token");
if (token) {
  token.value = sessionStorage.getItem("qa-admin-token") || "";
  token.addEventListener("change", () => sessionStorage.setItem("qa-admin-token", token.value.trim()));
}
const drop = $(".drop");
const picker = $(".admin-file");
if (drop && picker) {
  drop.addEventListener("click", () => picker.click());
  drop.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); picker.click(); } });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    uploadAll(Array.from(e.dataTransfer.files || []));
  });
  picker.addEventListener("change", () => { uploadAll(Array.from(picker.files || [])); picker.value = ""; });
}
const all = $(".admin-reindex-all");
if (all) all.addEventListener("click", () => window.qaAdminAction("POST", "api/v1/library/reindex"));
