// The recovery screen. When the app stops on an internal error (a Rust panic aborts the
// WebAssembly module, and the page would otherwise freeze at "computing…"), this plain
// script — which does not depend on the app — covers the page with what to do: the book
// is still on this device, it can be exported straight from IndexedDB, and the page can
// be reloaded. Its text comes from the translation files (see scripts/finish_dist.py).
(function () {
  'use strict';
  var shown = false;

  function language() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem('liuke.lang') || 'null'); } catch (e) { saved = null; }
    var wanted = [saved].concat(navigator.languages || [], [navigator.language]);
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || '').toLowerCase();
      if (code.indexOf('zh') === 0) return 'zh-CN';
      if (code.indexOf('en') === 0) return 'en';
    }
    return 'zh-CN';
  }

  function text(key) {
    var all = self.LIUKE_RECOVER_TEXT || {};
    var table = all[language()] || all['zh-CN'] || {};
    return table[key] || key;
  }

  function today() {
    var asked = new URLSearchParams(location.search).get('today');
    if (asked && /^\d{4}-\d{2}-\d{2}$/.test(asked)) return asked;
    var d = new Date();
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }

  function request(r) {
    return new Promise(function (resolve, reject) {
      r.onsuccess = function () { resolve(r.result); };
      r.onerror = function () { reject(r.error); };
    });
  }

  // The book as a backup file, read page by page from storage as the app wrote it.
  async function backupText() {
    var db = await request(indexedDB.open('liuke'));
    try {
      var names = Array.prototype.filter.call(db.objectStoreNames, function (n) { return n !== 'meta' && n !== 'unreadable'; });
      var tx = db.transaction(Array.prototype.slice.call(db.objectStoreNames), 'readonly');
      var meta = tx.objectStore('meta');
      if (await request(meta.get('lock'))) return { locked: true };
      var book = {
        format: 'liuke-book',
        schema_version: (await request(meta.get('schema_version'))) || 1,
        next_id: (await request(meta.get('next_id'))) || 1,
        exported_on: today()
      };
      for (var i = 0; i < names.length; i++) {
        var pages = await request(tx.objectStore(names[i]).getAll());
        var records = [];
        pages.forEach(function (page) {
          try {
            var value = JSON.parse(page);
            records = records.concat(Array.isArray(value) ? value : [value]);
          } catch (e) { /* a page that does not read stays on disk for the app to set aside */ }
        });
        book[names[i]] = records;
      }
      return { text: JSON.stringify(book) };
    } finally {
      db.close();
    }
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  function show(detail) {
    if (shown) return;
    shown = true;
    var screen = element('div', 'recover-screen');
    screen.setAttribute('role', 'alertdialog');
    screen.setAttribute('aria-labelledby', 'recover-title');
    var card = element('section', 'card recover-card');
    var title = element('h1', '', text('recover.title'));
    title.id = 'recover-title';
    card.appendChild(title);
    card.appendChild(element('p', '', text('recover.lead')));
    card.appendChild(element('p', '', text('recover.safe')));
    var status = element('p', 'recover-status');
    status.setAttribute('role', 'status');
    var actions = element('div', 'actions');
    var exportButton = element('button', 'primary', text('recover.export'));
    exportButton.type = 'button';
    exportButton.name = 'recover-export';
    exportButton.addEventListener('click', async function () {
      try {
        var result = await backupText();
        if (result.locked) { status.textContent = text('recover.locked'); return; }
        var url = URL.createObjectURL(new Blob([result.text], { type: 'application/json' }));
        var link = document.createElement('a');
        link.href = url;
        link.download = 'liuke-backup-' + today() + '.json';
        link.click();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
        status.textContent = text('recover.exported');
      } catch (e) {
        status.textContent = text('recover.export_failed') + ' ' + String(e && e.message || e);
      }
    });
    var reloadButton = element('button', '', text('recover.reload'));
    reloadButton.type = 'button';
    reloadButton.name = 'recover-reload';
    reloadButton.addEventListener('click', function () { location.reload(); });
    actions.appendChild(exportButton);
    actions.appendChild(reloadButton);
    card.appendChild(actions);
    card.appendChild(status);
    if (detail) {
      var more = element('details', 'recover-detail');
      more.appendChild(element('summary', '', text('recover.detail')));
      more.appendChild(element('pre', '', String(detail).slice(0, 2000)));
      card.appendChild(more);
    }
    screen.appendChild(card);
    document.body.appendChild(screen);
  }

  // The app's panic hook announces the panic before the module aborts.
  addEventListener('liuke-panic', function (event) { show(event.detail); });
  // A trap that reaches the page (the abort itself) when no announcement came first.
  addEventListener('error', function (event) {
    if (event.error instanceof WebAssembly.RuntimeError) show(String(event.error));
  });
  addEventListener('unhandledrejection', function (event) {
    if (event.reason instanceof WebAssembly.RuntimeError) show(String(event.reason));
  });
})();
