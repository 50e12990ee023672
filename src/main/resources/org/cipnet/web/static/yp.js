// The Yellow Pages' only script (no inline scripts: the pages send a Content-Security-Policy).
(function () {
  'use strict';
  // Menu on small screens.
  var toggle = document.getElementById('menu-toggle');
  if (toggle) toggle.addEventListener('click', function () {
    var open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('menu-open', open);
  });
  // Language switcher: go to the same page in the chosen language.
  var lang = document.getElementById('lang-switch');
  if (lang) lang.addEventListener('change', function () {
    var o = lang.options[lang.selectedIndex];
    window.location.href = o.getAttribute('data-href');
  });
  // Compare: pick clusters by typing (suggestions from the search index).
  var box = document.getElementById('pick-search');
  if (box) {
    var list = document.getElementById('suggestions'), picked = document.getElementById('picked'), timer = null, active = -1;
    var add = function (id, name) {
      if (picked.querySelector('input[value="' + CSS.escape(id) + '"]')) return;
      var li = document.createElement('li'), input = document.createElement('input'), b = document.createElement('button');
      input.type = 'hidden'; input.name = 'id'; input.value = id;
      b.type = 'button'; b.className = 'unpick'; b.textContent = '✕'; b.setAttribute('aria-label', name);
      li.appendChild(input); li.appendChild(document.createTextNode(name + ' ')); li.appendChild(b);
      picked.appendChild(li);
      box.value = ''; list.innerHTML = ''; box.focus();
    };
    var show = function (items) {
      list.innerHTML = ''; active = -1;
      items.forEach(function (it) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option'); li.tabIndex = -1; li.className = 'suggestion';
        li.dataset.id = it.id; li.dataset.name = it.name;
        li.textContent = it.name + (it.country ? ' (' + it.country + ')' : '');
        li.addEventListener('mousedown', function (e) { e.preventDefault(); add(it.id, it.name); });
        list.appendChild(li);
      });
    };
    box.addEventListener('input', function () {
      clearTimeout(timer);
      var q = box.value;
      timer = setTimeout(function () {
        if (!q.trim()) { show([]); return; }
        fetch(box.dataset.suggest + '?q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' } })
          .then(function (r) { return r.json(); }).then(function (items) { if (box.value === q) show(items); });
      }, 120);
    });
    box.addEventListener('keydown', function (e) {
      var items = list.querySelectorAll('li');
      if (e.key === 'ArrowDown' && items.length) { active = Math.min(items.length - 1, active + 1); e.preventDefault(); }
      else if (e.key === 'ArrowUp' && items.length) { active = Math.max(0, active - 1); e.preventDefault(); }
      else if (e.key === 'Enter' && items.length) { var it = items[Math.max(0, active)]; add(it.dataset.id, it.dataset.name); e.preventDefault(); return; }
      else return;
      items.forEach(function (li, i) { li.classList.toggle('active', i === active); li.setAttribute('aria-selected', String(i === active)); });
    });
    picked.addEventListener('click', function (e) {
      if (e.target.classList.contains('unpick')) e.target.parentNode.remove();
    });
  }
  // Compare chart (data in the canvas's data-chart attribute).
  var canvas = document.getElementById('chart');
  if (canvas && window.Chart) {
    var spec = JSON.parse(canvas.getAttribute('data-chart'));
    var options = { animation: false, responsive: true, scales: { y: { beginAtZero: true } } };
    if (spec.type === 'line') options.scales.x = { type: 'category', labels: Array.from(new Set([].concat.apply([], spec.datasets.map(function (d) { return d.data.map(function (p) { return p.x; }); })))).sort() };
    new Chart(canvas, { type: spec.type, data: { labels: spec.labels, datasets: spec.datasets }, options: options });
    window.chartReady = true;
  }
  // SPARQL editor.
  var y = document.getElementById('yasgui');
  if (y && window.Yasgui) {
    var examples = JSON.parse(y.getAttribute('data-examples'));
    Yasgui.Yasqe.defaults.autocompleters = [];
    var yasgui = new Yasgui(y, { requestConfig: { endpoint: window.location.origin + '/query', method: 'POST' },
      copyEndpointOnNewTab: false, endpointCatalogueOptions: { getData: function () { return []; } }, persistenceId: null });
    if (examples.length) yasgui.getTab().setQuery(examples[0].query);
    document.querySelectorAll('.example').forEach(function (a) {
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        var ex = examples.find(function (x) { return x.id === a.dataset.id; });
        var t = yasgui.getTab(); t.setQuery(ex.query); t.getYasqe().query();
      });
    });
  }
})();
