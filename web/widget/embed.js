/* The /embed chat: asks the REST API of the server it came from and shows cited answers.
 * Everything from a question, an answer or a document is put in with textContent: never markup.
 */
(function () {
  "use strict";
  var root = document.getElementById("qa");
  var texts = JSON.parse(root.getAttribute("data-texts"));
  var log = document.getElementById("log");
  var form = document.getElementById("ask");
  var box = document.getElementById("question");
  var send = document.getElementById("send");
  var api = new URL("api/v1/", document.baseURI);
  var history = [];

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function marked(text, spans) {
    var out = el("span", "text"), at = 0;
    (spans || []).forEach(function (span) {
      if (span[0] < at) { return; }
      out.appendChild(document.createTextNode(text.slice(at, span[0])));
      out.appendChild(el("mark", null, text.slice(span[0], span[1])));
      at = span[1];
    });
    out.appendChild(document.createTextNode(text.slice(at)));
    return out;
  }

  function sources(heading, items) {
    var list = el("div", "sources");
    if (!items.length) { return list; }
    list.appendChild(el("h3", null, heading));
    items.forEach(function (c) {
      var item = el("div", "source");
      item.appendChild(el("div", "meta", "[" + c.n + "] " + (c.title || c.doc) + (c.section ? " · " + c.section : "")));
      item.appendChild(marked(c.text, c.highlights));
      list.appendChild(item);
    });
    return list;
  }

  function post(path, body) {
    return fetch(new URL(path, api), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) { throw new Error((data.error && data.error.message) || texts.error); }
        return data;
      });
    });
  }

  function votes(answer, turn) {
    var row = el("div", "votes");
    [["up", texts.up], ["down", texts.down]].forEach(function (v) {
      var b = el("button", null, v[1]);
      b.type = "button";
      b.setAttribute("aria-pressed", "false");
      b.dataset.vote = v[0];
      b.addEventListener("click", function () {
        post("feedback", { answer_id: answer.id, vote: v[0] }).then(function (reply) {
          row.querySelectorAll("button").forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
          b.title = reply.message;
        }).catch(function (e) { turn.appendChild(el("div", "error", e.message)); });
      });
      row.appendChild(b);
    });
    return row;
  }

  function show(answer, turn) {
    answer.notices.forEach(function (n) { turn.appendChild(el("div", "notice", n)); });
    turn.appendChild(el("div", "answer", answer.answer));
    turn.appendChild(answer.abstained ? sources(texts.related, answer.related) : sources(texts.sources, answer.citations));
    turn.appendChild(votes(answer, turn));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = box.value;
    if (!question.trim()) { return; }
    var turn = el("div", "turn");
    turn.appendChild(el("div", "question", question));
    var pending = el("div", "notice", texts.pending);
    turn.appendChild(pending);
    log.appendChild(turn);
    send.disabled = true;
    post("ask", { question: question, history: history.slice(-20) }).then(function (answer) {
      turn.removeChild(pending);
      show(answer, turn);
      history.push({ role: "user", content: question }, { role: "assistant", content: answer.answer });
      box.value = "";
    }).catch(function (e) {
      turn.removeChild(pending);
      turn.appendChild(el("div", "error", e.message));  // the question stays in the box
    }).then(function () {
      send.disabled = false;
      log.scrollTop = log.scrollHeight;
    });
  });

  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
})();
