// The conversation (gr.HTML js_on_load): clicks on [n], answers and their buttons become events.
// `element`, `trigger` and `watch` are given by Gradio.
const turnOf = (node) => Number(node.dataset.turn);

function select(turn) {
  element.querySelectorAll(".msg.bot[data-turn]").forEach((m) => {
    const on = turnOf(m) === turn;
    m.classList.toggle("selected", on);
    if (on) m.setAttribute("aria-current", "true"); else m.removeAttribute("aria-current");
  });
}

element.addEventListener("click", async (event) => {
  const target = event.target;
  const cite = target.closest("button.cite");
  if (cite) {
    select(turnOf(cite));
    trigger("cite", { turn: turnOf(cite), n: Number(cite.dataset.n) });
    return;
  }
  const show = target.closest("button.show-sources");
  if (show) {
    select(turnOf(show));
    trigger("cite", { turn: turnOf(show), n: 0 });
    return;
  }
  const copy = target.closest("button.copy");
  if (copy) {
    const label = copy.querySelector("span");
    const before = label.textContent;
    if (await window.qaCopy(copy.dataset.plain || "")) {
      label.textContent = copy.dataset.done || before;
      setTimeout(() => { label.textContent = before; }, 1500);
    }
    return;
  }
  const vote = target.closest("button.vote");
  if (vote) {
    vote.parentElement.querySelectorAll("button.vote").forEach((b) => b.setAttribute("aria-pressed", String(b === vote)));
    trigger("vote", { turn: turnOf(vote), vote: vote.dataset.vote });
    return;
  }
  const answer = target.closest(".msg.bot[data-turn]");
  if (answer && !target.closest("button, a") && !String(window.getSelection() || "")) {
    select(turnOf(answer));
    trigger("pick", { turn: turnOf(answer) });
  }
});

element.addEventListener("keydown", (event) => {
  const answer = event.target.closest && event.target.closest(".msg.bot[data-turn]");
  if (answer && event.target === answer && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    select(turnOf(answer));
    trigger("pick", { turn: turnOf(answer) });
  }
});

watch("value", () => {
  const conv = element.querySelector(".conv");
  if (conv && conv.dataset.scroll === "end") conv.scrollTop = conv.scrollHeight;
});
