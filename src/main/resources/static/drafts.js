// The editor's draft, kept on the server while the person types (a progressive enhancement: without this
// script the form still saves, and the server keeps what each post carried). Every few seconds, before the
// interface language changes, and when the page is left, the fields go to .../draft; leaving with text the
// server has not got yet asks first.
(function () {
  'use strict';
  var form = document.querySelector('form.text-form');
  var status = document.getElementById('draft-status');
  if (!form || !status) {
    return;
  }
  var match = (form.getAttribute('action') || '').match(/^(\/admin\/items\/\d+\/[^\/]+)\/edit$/);
  if (!match) {
    return;
  }
  var draftUrl = match[1] + '/draft';
  var FIELDS = ['_csrf', 'basedOn', 'title', 'slug', 'body', 'sources', 'note'];
  var EVERY_MS = 5000;

  function typed() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field) {
        params.append(name, field.value);
      }
    });
    return params.toString();
  }

  var kept = typed();
  var leavingByForm = false;

  function show(key) {
    status.textContent = status.getAttribute(key) || '';
  }

  function save(keepalive) {
    var body = typed();
    if (body === kept) {
      return Promise.resolve(true);
    }
    return fetch(draftUrl, {
      method: 'POST',
      body: body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      credentials: 'same-origin',
      redirect: 'manual',
      keepalive: !!keepalive
    }).then(function (response) {
      // a session that ended answers with a redirect to sign in: the text stays in the form, unsaved
      if (response.status === 204) {
        kept = body;
        show('data-saved');
        return true;
      }
      show('data-failed');
      return false;
    }, function () {
      show('data-failed');
      return false;
    });
  }

  // not once the form is on its way: its own post keeps the text, and a later autosave would be stale
  window.setInterval(function () {
    if (!leavingByForm) {
      save();
    }
  }, EVERY_MS);

  form.addEventListener('submit', function () {
    leavingByForm = true;
  });

  // the interface-language switch on every admin page reloads this one: keep the text first
  var languageForm = document.querySelector('form[action="/admin/ui-language"]');
  if (languageForm) {
    languageForm.addEventListener('submit', function (event) {
      if (typed() === kept) {
        return;
      }
      event.preventDefault();
      save(true).then(function () {
        leavingByForm = true;
        languageForm.submit();
      });
    });
  }

  window.addEventListener('beforeunload', function (event) {
    if (leavingByForm || typed() === kept) {
      return;
    }
    save(true);
    event.preventDefault();
    event.returnValue = '';
  });
})();
