// Progressive enhancement for the customer pages. Everything here also works without JavaScript:
// the buttons this script intercepts submit the form, and the server re-renders it with the change.
(function () {
  'use strict';

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function setupSelection(fieldset) {
    var entries = fieldset.querySelectorAll('[data-entry]');
    var count = fieldset.querySelector('[data-count]');
    var search = fieldset.querySelector('[data-search-input]');
    var hideState = fieldset.querySelector('[data-hide-state]');
    var toggleHidden = fieldset.querySelector('[data-toggle-hidden]');

    function boxes() {
      return Array.prototype.map.call(entries, function (li) { return li.querySelector('input[type="checkbox"]'); });
    }

    function refresh() {
      var term = search ? search.value.trim().toLowerCase() : '';
      var hideUnselected = hideState ? hideState.value === '1' : false;
      var selected = 0;
      Array.prototype.forEach.call(entries, function (li) {
        var box = li.querySelector('input[type="checkbox"]');
        if (box.checked) selected++;
        var match = term === '' || (li.getAttribute('data-search') || '').indexOf(term) !== -1;
        li.hidden = !match || (hideUnselected && !box.checked);
      });
      if (count) count.textContent = selected + ' of ' + entries.length + ' ' + count.getAttribute('data-noun') + ' selected';
      if (toggleHidden) {
        toggleHidden.textContent = hideUnselected ? 'Show all' : 'Show selected only';
        toggleHidden.setAttribute('aria-pressed', hideUnselected ? 'true' : 'false');
      }
    }

    fieldset.addEventListener('change', refresh);
    if (search) {
      search.addEventListener('input', refresh);
      search.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); refresh(); } });
      var button = fieldset.querySelector('[data-search-button]');
      if (button) button.hidden = true; // filtering is live
    }
    each(fieldset, '[data-select-all], [data-deselect-all]', function (button) {
      button.addEventListener('click', function (e) {
        e.preventDefault();
        var on = button.hasAttribute('data-select-all');
        boxes().forEach(function (box) { box.checked = on; });
        refresh();
      });
    });
    if (toggleHidden && hideState) {
      toggleHidden.addEventListener('click', function (e) {
        e.preventDefault();
        hideState.value = hideState.value === '1' ? '' : '1';
        refresh();
      });
    }
    refresh();
  }

  function setupSections(form) {
    each(form, '[data-section]', function (section) {
      var state = section.querySelector('[data-removed-state]');
      if (!state) return;
      function set(removed) {
        state.value = removed ? '1' : '';
        section.classList.toggle('is-removed', removed);
        var target = removed ? section.querySelector('[data-restore]') : section.querySelector('[data-remove]');
        if (target) target.focus();
      }
      each(section, '[data-remove]', function (b) { b.addEventListener('click', function (e) { e.preventDefault(); set(true); }); });
      each(section, '[data-restore]', function (b) { b.addEventListener('click', function (e) { e.preventDefault(); set(false); }); });
    });
  }

  // One submission per page: keep the clicked button's value, then lock every button (§9.2.1.6).
  function preventDoubleSubmit(form) {
    var sent = false;
    form.addEventListener('submit', function (e) {
      if (sent) { e.preventDefault(); return; }
      var submitter = e.submitter;
      var final = submitter && (submitter.value === 'approve' || submitter.value === 'decline' ||
        submitter.value === 'login' || submitter.value === 'cancel' || submitter.value === 'revoke' ||
        submitter.value === 'switch_account');
      if (!final) return;
      sent = true;
      if (submitter.name) {
        var hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = submitter.name;
        hidden.value = submitter.value;
        form.appendChild(hidden);
      }
      each(form, 'button', function (b) { b.disabled = true; });
      submitter.textContent = submitter.value === 'approve' ? 'Approving…' : submitter.textContent;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    each(document, 'fieldset[data-selection]', setupSelection);
    each(document, 'form[data-consent-form]', function (form) {
      setupSections(form);
      preventDoubleSubmit(form);
    });
    each(document, '[data-print]', function (b) {
      b.hidden = false;
      b.addEventListener('click', function () { window.print(); });
    });
    var summary = document.getElementById('error-summary');
    if (summary) summary.focus();
  });
})();
