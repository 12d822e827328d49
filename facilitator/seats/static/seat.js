// The seat pages' one script. Every page works without it; with it, a page follows the
// moderator (server-sent events, then it fetches itself and swaps the parts that changed),
// keeps what is typed per question (sessionStorage, restored when the question comes back),
// saves without leaving the page ("Saving…" until the server says the answer is durable),
// and moves the join secret from the link's fragment into the join form.
(function () {
  "use strict";
  var body = document.body;
  var page = body.dataset.page;
  document.documentElement.classList.add("js");

  // Joining: the secret is in the fragment (never sent to a server); put it in the form and
  // take it off the address bar, so a screenshot or a shared tab does not carry it.
  if (page === "join") {
    var code = document.getElementById("code");
    if (code && location.hash.length > 1) {
      code.value = decodeURIComponent(location.hash.slice(1));
      history.replaceState(null, "", location.pathname);
    }
    return;
  }
  if (page !== "party" && page !== "moderator") {
    return;
  }

  var fixed = ["csrf", "question", "guess", "based_on"];

  function draftKey(form) {
    return ["draft", location.host, body.dataset.self, form.dataset.question,
      form.dataset.form].join("|");
  }

  function saveDraft(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || fixed.indexOf(field.name) >= 0) { return; }
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) { return; }
      fields.push([field.name, field.value]);
    });
    var draft = { based: form.dataset.basedOn, fields: fields };
    try {
      sessionStorage.setItem(draftKey(form), JSON.stringify(draft));
    } catch (error) {
      // Storage full or disabled (private browsing): the draft only lives in the page.
    }
  }

  function dropDraft(form) {
    try { sessionStorage.removeItem(draftKey(form)); } catch (error) { /* nothing kept */ }
  }

  // Put a draft back: an edit based on an older revision keeps that revision, so saving it
  // meets "changed on another device" instead of overwriting the newer answer unseen.
  function restore(node) {
    node.querySelectorAll("form[data-form]").forEach(function (form) {
      if (form.querySelector(".error")) { return; }  // the server refilled what was sent
      var draft = null;
      try { draft = JSON.parse(sessionStorage.getItem(draftKey(form)) || "null"); }
      catch (error) { draft = null; }
      if (!draft) { return; }
      var values = {};
      draft.fields.forEach(function (pair) {
        (values[pair[0]] = values[pair[0]] || []).push(pair[1]);
      });
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || fixed.indexOf(field.name) >= 0) { return; }
        var given = values[field.name] || [];
        if (field.type === "radio" || field.type === "checkbox") {
          field.checked = given.indexOf(field.value) >= 0;
        } else if (given.length) {
          field.value = given[0];
        }
      });
      if (draft.based !== form.dataset.basedOn) {
        form.elements.based_on.value = draft.based;
        form.dataset.basedOn = draft.based;
      }
      sortRanking(form);
      showScale(form);
    });
  }

  // Rank: the up and down buttons move a row; places follow the order of the rows.
  function renumber(list) {
    list.querySelectorAll("li.rank").forEach(function (row, index) {
      var select = row.querySelector("select");
      var wanted = String(index + 1);
      var exists = Array.prototype.some.call(select.options, function (o) {
        return o.value === wanted;
      });
      select.value = exists ? wanted : "";
    });
  }

  function sortRanking(form) {
    form.querySelectorAll("ol.ranking").forEach(function (list) {
      var rows = Array.prototype.slice.call(list.querySelectorAll("li.rank"));
      rows.sort(function (a, b) {
        var x = parseInt(a.querySelector("select").value, 10) || 1000;
        var y = parseInt(b.querySelector("select").value, 10) || 1000;
        return x - y;
      });
      rows.forEach(function (row) { list.appendChild(row); });
    });
  }

  function showScale(node) {
    node.querySelectorAll("input[type=range]").forEach(function (range) {
      var shown = document.getElementById(range.id + "-shown");
      if (shown) { shown.textContent = range.value; }
    });
  }

  var lastPing = 0;
  function ping(form) {
    var now = Date.now();
    if (!body.dataset.typing || now - lastPing < 2000) { return; }
    lastPing = now;
    var data = new URLSearchParams();
    data.set("csrf", body.dataset.csrf);
    data.set("question", form.dataset.question);
    fetch(body.dataset.typing, { method: "POST", body: data, credentials: "same-origin" })
      .catch(function () { /* a lost ping only delays "typing" on the room screen */ });
  }

  function wire(node) {
    node.querySelectorAll("form[data-form]").forEach(function (form) {
      form.addEventListener("input", function (event) {
        saveDraft(form);
        ping(form);
        if (event.target.type === "range") { showScale(form); }
      });
      form.addEventListener("change", function () { saveDraft(form); });
      form.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-move]");
        if (!button) { return; }
        var row = button.closest("li.rank");
        var list = row.parentNode;
        if (button.dataset.move === "up" && row.previousElementSibling) {
          list.insertBefore(row, row.previousElementSibling);
        } else if (button.dataset.move === "down" && row.nextElementSibling) {
          list.insertBefore(row.nextElementSibling, row);
        }
        renumber(list);
        saveDraft(form);
        ping(form);
        button.focus();
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var status = form.querySelector(".saved");
        var submit = form.querySelector("button[type=submit]");
        status.textContent = "Saving…";
        submit.disabled = true;
        fetch(form.action, {
          method: "POST",
          body: new URLSearchParams(new FormData(form)),
          credentials: "same-origin",
          headers: { Accept: "text/html" }
        }).then(function (response) {
          if (response.ok) { dropDraft(form); }
          return response.text().then(function (html) {
            apply(html, ["part-" + form.dataset.form]);
          });
        }).catch(function () {
          status.textContent = "not saved: no connection; try again";
          submit.disabled = false;
        });
      });
    });
    showScale(node);
  }

  // The clock counts down from what the server said, by this device's own clock.
  var clocks = [];
  function startClocks(node) {
    node.querySelectorAll("[data-remaining]").forEach(function (element) {
      clocks.push({ element: element, left: parseFloat(element.dataset.remaining),
        since: performance.now(), running: element.dataset.running === "1" });
    });
  }
  function format(seconds) {
    var sign = seconds < 0 ? "-" : "";
    var whole = Math.floor(Math.abs(seconds));
    var h = Math.floor(whole / 3600), m = Math.floor(whole % 3600 / 60), s = whole % 60;
    var ss = (s < 10 ? "0" : "") + s;
    if (h) { return sign + h + ":" + (m < 10 ? "0" : "") + m + ":" + ss; }
    return sign + m + ":" + ss;
  }
  setInterval(function () {
    clocks = clocks.filter(function (clock) { return document.body.contains(clock.element); });
    clocks.forEach(function (clock) {
      if (!clock.running) { return; }
      var left = clock.left - (performance.now() - clock.since) / 1000;
      clock.element.textContent = format(left);
      var label = clock.element.parentNode.querySelector("[data-left]");
      if (label) { label.textContent = left < 0 ? "over time" : "left"; }
    });
  }, 1000);

  function ids(root) {
    return Array.prototype.map.call(root.querySelectorAll("[data-part]"), function (part) {
      return part.id;
    }).join(" ");
  }

  // Swap in the parts of a fresh copy of the page whose key changed (and `forced` ones).
  function apply(html, forced) {
    var fresh = new DOMParser().parseFromString(html, "text/html").body;
    if (fresh.dataset.page !== page) {
      location.replace(body.dataset.self);
      return;
    }
    body.dataset.view = fresh.dataset.view || "";
    var main = document.querySelector("main");
    var next = fresh.querySelector("main");
    if (ids(main) !== ids(next)) {
      main.replaceWith(document.importNode(next, true));
      main = document.querySelector("main");
      restore(main);
      wire(main);
      startClocks(main);
      return;
    }
    next.querySelectorAll("[data-part]").forEach(function (part) {
      var old = document.getElementById(part.id);
      if (old.dataset.key === part.dataset.key && forced.indexOf(part.id) < 0) { return; }
      var copy = document.importNode(part, true);
      old.replaceWith(copy);
      restore(copy);
      wire(copy);
      startClocks(copy);
    });
  }

  // One fetch at a time; a change announced while one is under way may be newer than what it
  // brings back, so it asks for one more fetch when it ends rather than being dropped.
  var fetching = false;
  var again = false;
  function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    again = false;
    fetch(body.dataset.self, { credentials: "same-origin", headers: { Accept: "text/html" },
      cache: "no-store" })
      .then(function (response) {
        if (response.status === 403) { location.replace(body.dataset.self); return null; }
        return response.text().then(function (html) { apply(html, []); });
      })
      .catch(function () { /* offline for now: the stream's reconnect brings the page back */ })
      .then(function () {
        fetching = false;
        if (again) { refresh(); }
      });
  }

  function follow() {
    var source = new EventSource(body.dataset.events);
    source.addEventListener("view", function (event) {
      if (event.data !== body.dataset.view) { refresh(); }
    });
    source.addEventListener("error", function () {
      // The browser reconnects a dropped stream by itself, never a refused one (the seats at
      // their limit answer 503): check the page now and follow again a little later.
      if (source.readyState === EventSource.CLOSED) { refresh(); setTimeout(follow, 5000); }
    });
  }

  if (window.EventSource) {
    follow();
  } else {
    setInterval(refresh, 2000);
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { refresh(); }
  });

  var main = document.querySelector("main");
  restore(main);
  wire(main);
  startClocks(main);
})();
