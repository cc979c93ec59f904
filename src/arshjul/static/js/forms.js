/* Long texts are never lost: a counter of characters left on every text box with a limit, a
   check before sending that refuses a text over its limit (the text stays in the box), and a
   copy of what was sent kept in this tab, put back in the form if the server refused the request
   as too large (the 413 page marks it so). No inline script: the CSP allows none. */
(function () {
  "use strict";
  var DRAFT = "arshjul:draft:";
  var REFUSED = "arshjul:refused:";
  var texts = {};

  function text(name, count) {
    var value = texts[name] || "";
    return value.replace("%(count)s", String(count).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0"));
  }

  function keyOf(form) {
    var url = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    return url.pathname + url.search;
  }

  function store(name, value) {
    try { window.sessionStorage.setItem(name, value); } catch (e) { /* full or disabled */ }
  }

  function read(name) {
    try { return window.sessionStorage.getItem(name); } catch (e) { return null; }
  }

  function forget(name) {
    try { window.sessionStorage.removeItem(name); } catch (e) { /* disabled */ }
  }

  function lengthOf(value) {
    // As the server counts: a line break is sent as two characters (CR LF), and a character
    // outside the basic plane (an emoji) is one, though JavaScript counts it as two.
    var breaks = (value.match(/\n/g) || []).length;
    var pairs = (value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) || []).length;
    return value.length + breaks - pairs;
  }

  function limitOf(box) {
    return parseInt(box.getAttribute("data-maxlength"), 10);
  }

  function describe(box, id) {
    var ids = (box.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) < 0) { ids.push(id); }
    box.setAttribute("aria-describedby", ids.join(" "));
  }

  function counted(box) {
    // The browser would silently cut a longer paste at maxlength: count instead, and refuse.
    box.setAttribute("data-maxlength", box.getAttribute("maxlength"));
    box.removeAttribute("maxlength");
    var id = (box.id || box.name) + "_count";
    var shown = document.createElement("p");
    shown.className = "char-count";
    shown.id = id;
    // Screen readers hear the count when they reach the box (aria-describedby), and once after
    // she stops typing (a polite live region), not at every key.
    var spoken = document.createElement("div");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", spoken);
    box.insertAdjacentElement("afterend", shown);
    describe(box, id);
    var timer = null;
    function update(announce) {
      var left = limitOf(box) - lengthOf(box.value);
      var message = left >= 0
        ? text(left === 1 ? "leftOne" : "leftMany", left)
        : text(-left === 1 ? "overOne" : "overMany", -left);
      shown.textContent = message;
      shown.classList.toggle("over", left < 0);
      if (left < 0) { box.setAttribute("aria-invalid", "true"); } else if (!box.closest(".has-error")) { box.removeAttribute("aria-invalid"); }
      if (announce) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { spoken.textContent = message; }, 1000);
      }
    }
    box.addEventListener("input", function () { update(true); });
    update(false);
  }

  function labelOf(box) {
    var label = box.id ? document.querySelector("label[for='" + box.id + "']") : null;
    return label ? label.textContent.trim() : box.name;
  }

  function refuse(form, over) {
    var box = form.querySelector(".form-errors.char-limit");
    if (!box) {
      box = document.createElement("div");
      box.className = "form-errors char-limit";
      box.setAttribute("role", "alert");
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = "";
    over.forEach(function (field) {
      var line = document.createElement("p");
      line.textContent = text("refused", lengthOf(field.value) - limitOf(field))
        .replace("%(field)s", labelOf(field));
      box.appendChild(line);
    });
    over[0].focus();
  }

  function alertIn(form, message) {
    var box = form.querySelector(".form-errors.char-limit");
    if (!box) {
      box = document.createElement("div");
      box.className = "form-errors char-limit";
      box.setAttribute("role", "alert");
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = "";
    var line = document.createElement("p");
    line.textContent = message;
    box.appendChild(line);
  }

  function onHtmxError(event) {
    // htmx swaps no error answer: without this, a form sent by htmx that the server refused as
    // too large would say nothing. Her text is still in the form (the page did not change).
    var form = event.detail && event.detail.elt && event.detail.elt.closest("form");
    if (form && event.detail.xhr && event.detail.xhr.status === 413) {
      alertIn(form, text("tooLarge", 0));
    }
  }

  function onSubmit(event) {
    var form = event.target;
    var boxes = Array.prototype.slice.call(form.querySelectorAll("textarea"));
    var over = boxes.filter(function (box) {
      return box.hasAttribute("data-maxlength") && lengthOf(box.value) > limitOf(box);
    });
    if (over.length) {
      event.preventDefault();
      event.stopImmediatePropagation();
      refuse(form, over);
      return;
    }
    var draft = {};
    boxes.forEach(function (box) { if (box.name) { draft[box.name] = box.value; } });
    store(DRAFT + keyOf(form), JSON.stringify(draft));
  }

  function restore() {
    Array.prototype.forEach.call(document.querySelectorAll("form[method=post], form[method=POST]"), function (form) {
      var key = keyOf(form);
      var draft = read(DRAFT + key);
      if (draft === null) { return; }
      var refused = read(REFUSED + key);
      forget(DRAFT + key);
      forget(REFUSED + key);
      if (!refused) { return; }  // it was sent and answered: nothing to put back
      var values = JSON.parse(draft);
      var changed = false;
      Object.keys(values).forEach(function (name) {
        var box = form.querySelector("textarea[name='" + name + "']");
        if (box && box.value !== values[name]) {
          box.value = values[name];
          box.dispatchEvent(new Event("input"));
          changed = true;
        }
      });
      if (changed) {
        var note = document.createElement("p");
        note.className = "draft-restored";
        note.setAttribute("role", "status");
        note.textContent = text("restored", 0);
        form.insertBefore(note, form.firstChild);
      }
    });
  }

  function tooLarge(page) {
    // This page answered a form's request: mark it, so the form puts her text back.
    store(REFUSED + window.location.pathname + window.location.search, "1");
    var back = page.querySelector("[data-history-back]");
    if (back && window.history.length > 1) {
      back.addEventListener("click", function (event) {
        event.preventDefault();
        window.history.back();
      });
    }
  }

  function start() {
    var source = document.getElementById("form-texts");
    if (source) {
      Array.prototype.forEach.call(source.attributes, function (attribute) {
        if (attribute.name.indexOf("data-") === 0) {
          texts[attribute.name.slice(5).replace(/-([a-z])/g, function (m, c) { return c.toUpperCase(); })] = attribute.value;
        }
      });
    }
    var page = document.querySelector("[data-request-too-large]");
    if (page) { tooLarge(page); }
    Array.prototype.forEach.call(document.querySelectorAll("textarea[maxlength]"), counted);
    // Capture: before htmx or any handler on the form sends it.
    document.addEventListener("submit", onSubmit, true);
    document.addEventListener("htmx:responseError", onHtmxError);
  }

  start();
  window.addEventListener("pageshow", restore);
})();
