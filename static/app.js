/* safetyplan: small enhancements only. Every page works without this file.
   Nothing is ever written to localStorage, sessionStorage or cookies. */
(function () {
  "use strict";

  /* The words this script shows or says, in the page's language (base.html data-words);
     English when the page gives none. */
  var WORDS = {};
  try { WORDS = JSON.parse(document.body.getAttribute("data-words") || "{}"); } catch (error) { /* English */ }
  function word(key, english) {
    return WORDS[key] || english;
  }

  /* Exit this page: the button or Shift pressed 3 times within 5 seconds ends the session
     and replaces this page with a neutral site, so Back does not return here. */
  function setUpQuickExit() {
    var form = document.querySelector("form[data-exit-form]");
    if (!form) return;
    var exitUrl = form.getAttribute("data-exit-url");
    var leaving = false;

    function leave() {
      if (leaving) return;
      leaving = true;
      var data = new FormData(form);
      var sent = navigator.sendBeacon && navigator.sendBeacon(form.action, data);
      if (!sent && window.fetch) {
        fetch(form.action, { method: "POST", body: data, credentials: "same-origin", keepalive: true });
      }
      document.title = "";
      document.body.innerHTML = "";
      window.location.replace(exitUrl);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      leave();
    });

    var hint = document.createElement("p");
    hint.className = "exit-this-page__hint";
    hint.setAttribute("aria-live", "polite");
    form.parentNode.insertBefore(hint, form);
    /* Count a Shift only when it is pressed and released on its own, as GOV.UK's "Exit this
       page" does: Shift used for a capital letter or Shift+Tab never counts, and any other
       key starts the count again, so typing "My Auntie Bev" cannot send someone away. */
    var presses = 0;
    var timer = null;
    var shiftUsedWithAnotherKey = false;
    function resetCount() {
      presses = 0;
      hint.textContent = "";
      clearTimeout(timer);
    }
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") {
        if (event.shiftKey) shiftUsedWithAnotherKey = true;
        resetCount();
      }
    });
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") return;
      if (shiftUsedWithAnotherKey) {
        shiftUsedWithAnotherKey = false;
        return;
      }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(resetCount, 5000);
      if (presses >= 3) {
        leave();
      } else if (presses === 2) {
        hint.textContent = word("shift_hint", "Press Shift 1 more time to exit");
      }
    });
  }

  /* Before the idle limit signs someone out, say so and offer to stay signed in, so a long
     answer is not cut off. Without this script, a late save is kept for them instead. */
  function setUpIdleWarning() {
    var seconds = parseInt(document.body.getAttribute("data-idle-seconds") || "", 10);
    var url = document.body.getAttribute("data-still-here-url");
    if (!seconds || !url || !window.fetch) return;
    var warnAfter = Math.max(seconds - 120, seconds / 2) * 1000;
    var banner = document.createElement("div");
    banner.className = "idle-warning";
    banner.setAttribute("role", "alert");
    banner.hidden = true;
    var text = document.createElement("p");
    text.textContent = word("idle", "You'll be signed out soon to keep your notes private.");
    var stay = document.createElement("button");
    stay.type = "button";
    stay.className = "button";
    stay.textContent = word("stay", "Stay signed in");
    banner.appendChild(text);
    banner.appendChild(stay);
    document.body.appendChild(banner);
    var timer = null;
    function wait() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        banner.hidden = false;
        stay.focus();
      }, warnAfter);
    }
    stay.addEventListener("click", function () {
      fetch(url, { credentials: "same-origin" }).then(function () {
        banner.hidden = true;
        wait();
      });
    });
    wait();
  }

  /* Add another / Remove for repeating rows, without a round trip to the server. */
  function renumber(row, index) {
    row.querySelectorAll("[name], [id], [for], [aria-describedby], button[value]").forEach(function (element) {
      ["name", "id", "for", "aria-describedby", "value"].forEach(function (attribute) {
        var value = element.getAttribute(attribute);
        if (value === null) return;
        if (attribute === "value" && !element.matches("button.rows__remove")) return;
        element.setAttribute(attribute, value.replace(/-\d+(-|$)/g, "-" + index + "$1"));
      });
    });
    row.querySelectorAll(".visually-hidden, .row-number").forEach(function (element) {
      element.textContent = element.textContent.replace(/\d+\s*$/, String(index + 1));
    });
  }

  function clearRow(row) {
    row.querySelectorAll("input, textarea").forEach(function (input) { input.value = ""; });
    row.querySelectorAll(".error-message").forEach(function (element) { element.remove(); });
    row.querySelectorAll(".form-group--error").forEach(function (element) {
      element.classList.remove("form-group--error");
    });
    row.querySelectorAll(".input--error").forEach(function (element) {
      element.classList.remove("input--error");
      element.removeAttribute("aria-describedby");
    });
  }

  function setUpRows() {
    document.addEventListener("click", function (event) {
      var add = event.target.closest("button[data-add-row]");
      var remove = event.target.closest("button.rows__remove");
      if (add) {
        var rows = document.querySelector('[data-rows="' + add.getAttribute("data-add-row") + '"]');
        var all = rows ? rows.querySelectorAll(".rows__row") : [];
        if (!all.length) return;
        event.preventDefault();
        if (all.length >= Number(rows.getAttribute("data-max-rows") || 99)) return;
        var copy = all[all.length - 1].cloneNode(true);
        clearRow(copy);
        renumber(copy, all.length);
        rows.appendChild(copy);
        markChanged();
        copy.querySelector("input, textarea").focus();
        if (all.length + 1 >= Number(rows.getAttribute("data-max-rows") || 99)) add.hidden = true;
      } else if (remove) {
        var row = remove.closest(".rows__row");
        var container = row && row.parentNode;
        if (!container) return;
        event.preventDefault();
        if (container.querySelectorAll(".rows__row").length === 1) {
          clearRow(row);
        } else {
          row.remove();
          container.querySelectorAll(".rows__row").forEach(renumber);
        }
        var addButton = document.querySelector('[data-add-row="' + container.getAttribute("data-rows") + '"]');
        if (addButton) addButton.hidden = false;
        markChanged();
        var first = container.querySelector("input, textarea");
        if (first) first.focus();
      }
    });
  }

  /* Warn before leaving a form with unsaved changes. */
  var changed = false;
  function markChanged() { changed = true; }
  function setUpUnsavedWarning() {
    document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
      form.addEventListener("input", markChanged);
      form.addEventListener("change", markChanged);
      form.addEventListener("submit", function () { changed = false; });
    });
    window.addEventListener("beforeunload", function (event) {
      if (!changed || !document.querySelector("form[data-warn-unsaved]")) return;
      event.preventDefault();
      event.returnValue = "";
    });
  }

  /* Copy buttons are hidden until this script can make them work. */
  function setUpCopy() {
    document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      if (!target || !navigator.clipboard) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(target.value || target.textContent.trim()).then(function () {
          button.textContent = word("copied", "Copied");
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }

  /* A Print button where the browser can print; without this script, its own menu does. */
  function setUpPrint() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      if (!window.print) return;
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* One-line answers wrap in a textarea (seen whole on a small phone), but Enter (a phone's
     Go key) saves as in a one-line box: it presses the form's first button, which is Save.
     Where the browser can't size the box to its text (field-sizing), grow it as it fills.
     Listening on the document covers rows added later too. */
  function setUpOneLineBoxes() {
    var grows = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
    function fit(box) {
      box.style.height = "auto";
      box.style.height = box.scrollHeight + 4 + "px";
    }
    document.addEventListener("keydown", function (event) {
      var box = event.target;
      if (event.key !== "Enter" || event.isComposing || !box.matches("textarea[data-one-line]")) return;
      if (!box.form) return;
      event.preventDefault();
      var save = box.form.querySelector("button[type=submit]");
      if (box.form.requestSubmit) box.form.requestSubmit(save || undefined);
      else if (save) save.click();
    });
    if (grows) return;
    document.addEventListener("input", function (event) {
      if (event.target.matches("textarea[data-one-line]")) fit(event.target);
    });
    document.querySelectorAll("textarea[data-one-line]").forEach(fit);
  }

  /* Show or hide a passphrase as it is typed (GOV.UK's password input). */
  function setUpPasswordToggles() {
    document.querySelectorAll("button[data-show-password]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-show-password"));
      if (!input) return;
      button.hidden = false;
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        var showing = input.type === "password";
        input.type = showing ? "text" : "password";
        button.firstChild.textContent = showing ? word("hide", "Hide") : word("show", "Show");
        button.setAttribute("aria-pressed", showing ? "true" : "false");
      });
      /* Never leave a passphrase showing once the form is sent. */
      if (input.form) {
        input.form.addEventListener("submit", function () { input.type = "password"; });
      }
    });
  }

  /* The offline help page (auth/offline.py): kept by a service worker that caches nothing
     personal. Staff pages don't need it. */
  function setUpOffline() {
    var url = document.body.getAttribute("data-service-worker");
    if (!url || !navigator.serviceWorker || document.body.classList.contains("app--staff")) return;
    navigator.serviceWorker.register(url).catch(function () { /* online only, as without JS */ });
  }

  /* Listen: read the page aloud with the browser's own voice (no outside service), in the
     page's language: its headings and words, and what the person has typed or ticked. */
  function pageText(root) {
    var parts = [];
    root.querySelectorAll("h1, h2, h3, p, li, dt, dd, legend, .hint, label, input, textarea")
      .forEach(function (element) {
        if (element.closest("[hidden], .visually-hidden, .listen, .exit-this-page, nav, details:not([open]) > :not(summary)")) return;
        if (element.matches("input[type=checkbox], input[type=radio]")) {
          if (element.checked && element.labels && element.labels[0]) parts.push(word("ticked", "Ticked:") + " " + element.labels[0].textContent);
        } else if (element.matches("input[type=text], input[type=tel], input:not([type]), textarea")) {
          if (element.value) parts.push(element.value);
        } else if (element.matches("input")) {
          return;
        } else if (!element.matches("label") || !element.closest(".checkboxes, .radios")) {
          parts.push(element.textContent.replace(/\s+/g, " ").trim());
        }
      });
    return parts.filter(Boolean).join(". ");
  }

  function setUpListen() {
    var controls = document.querySelector("[data-listen]");
    var speech = window.speechSynthesis;
    if (!controls || !speech || !window.SpeechSynthesisUtterance) return;
    var start = controls.querySelector("[data-listen-start]");
    var pause = controls.querySelector("[data-listen-pause]");
    var stop = controls.querySelector("[data-listen-stop]");
    /* Only with a voice for the page's language: an English voice reading Urdu helps nobody. */
    var language = (document.documentElement.lang || "en").split("-")[0].toLowerCase();
    function showIfVoice() {
      if (speech.getVoices().some(function (voice) {
        return voice.lang.replace("_", "-").split("-")[0].toLowerCase() === language;
      })) controls.hidden = false;
    }
    function reset() {
      start.hidden = false;
      pause.hidden = stop.hidden = true;
      pause.textContent = word("pause", "Pause");
    }
    showIfVoice();
    if (speech.addEventListener) speech.addEventListener("voiceschanged", showIfVoice);
    start.addEventListener("click", function () {
      speech.cancel();
      var words = new SpeechSynthesisUtterance(pageText(document.getElementById("main")));
      words.lang = document.documentElement.lang || "en-GB";
      words.onend = reset;
      speech.speak(words);
      start.hidden = true;
      pause.hidden = stop.hidden = false;
      pause.focus();
    });
    pause.addEventListener("click", function () {
      if (speech.paused) {
        speech.resume();
        pause.textContent = word("pause", "Pause");
      } else {
        speech.pause();
        pause.textContent = word("carry_on", "Carry on");
      }
    });
    stop.addEventListener("click", function () {
      speech.cancel();
      reset();
      start.focus();
    });
    /* Never keep talking after the person leaves, or presses Exit this page. */
    window.addEventListener("pagehide", function () { speech.cancel(); });
  }

  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  }

  /* A Change link or an error link lands on its field by the address (#say): the browser
     focuses the field and scrolls it just below the Exit bar, leaving its label (for a
     choice, its question) out of sight under the bar. Scroll back far enough to show the
     label whole, but never so far that the field leaves the screen. */
  function showLinkedFieldsLabel() {
    var field = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!field || !field.labels || !field.labels.length) return;
    var fieldset = /^(radio|checkbox)$/.test(field.type) && field.closest("fieldset");
    var label = (fieldset && fieldset.querySelector("legend")) || field.labels[0];
    var bar = document.querySelector(".exit-this-page");
    var below = (bar ? bar.getBoundingClientRect().bottom : 0) + 8;
    var box = field.getBoundingClientRect();
    // A tall box need only show its first lines: what is typed there is what is read first.
    var fieldEnd = box.top + Math.min(box.height, 96);
    var by = Math.max(label.getBoundingClientRect().top - below, fieldEnd - window.innerHeight);
    if (by < 0) window.scrollBy(0, by);
  }

  function setUpLinkedFields() {
    window.addEventListener("hashchange", showLinkedFieldsLabel);
    // After load: until then the browser keeps the field where the address put it.
    if (document.readyState === "complete") showLinkedFieldsLabel();
    else window.addEventListener("load", showLinkedFieldsLabel);
  }

  function start() {
    setUpQuickExit();
    setUpIdleWarning();
    setUpRows();
    setUpUnsavedWarning();
    setUpCopy();
    setUpPasswordToggles();
    setUpOneLineBoxes();
    setUpPrint();
    setUpOffline();
    setUpListen();
    focusErrorSummary();
    setUpLinkedFields();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
