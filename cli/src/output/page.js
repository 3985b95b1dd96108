(function () {
  'use strict';
  // Each fact comes as an array (html.rs, DataRow), in this order:
  var KIND = 0, TEXT = 1, VALUE = 2, READ = 3, UNIT = 4, APPROX = 5, SUBJ = 6, CHANGE = 7, TARGET = 8,
    ASOF = 9, ZONE = 10, SZONE = 11, SEC = 12, START = 13, END = 14, X = 15, SHOWN = 16;
  var TABLE_ROWS = 2000, SUMMARY_INDICATORS = 120, PIVOT_ROWS = 30, PIVOT_COLS = 12;
  var CSV_COLUMNS = ['file', 'section', 'zone', 'kind', 'text', 'value', 'unit', 'approx', 'subject', 'change',
    'target', 'as_of', 'start', 'end', 'type', 'mod', 'relation', 'key', 'zone_type', 'level', 'province', 'city',
    'county', 'place_code', 'section_zone'];
  var EXTRA_KEYS = ['type', 'mod', 'relation', 'key', 'zone_type', 'level', 'province', 'city', 'county', 'place_code'];

  var facts = [], docs = [], byId = {};
  var state = { q: [], hidden: {}, zone: '', subject: '', period: '', target: '', doc: '', sort: '', dir: 1, view: 'articles' };
  var dirty = { table: true, summary: true };
  var $ = function (id) { return document.getElementById(id); };

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function extrasText(x) {
    if (!x) { return ''; }
    return EXTRA_KEYS.filter(function (k) { return x[k] != null; }).map(function (k) { return k + '=' + x[k]; }).join(' ');
  }
  function num(v) { return v == null ? NaN : parseFloat(String(v).split('/')[0]); }
  function isNumeric(r) { return r[TARGET] !== null && r[TARGET] !== undefined; }

  // ---- the data ----
  document.querySelectorAll('script.zf-data').forEach(function (s) {
    var d;
    try { d = JSON.parse(s.textContent); } catch (e) { return; }
    docs[d.d] = { name: d.name };
    d.facts.forEach(function (r, i) {
      var f = { r: r, doc: d.d, id: 'd' + (d.d + 1) + '-f' + (i + 1), ok: true };
      if (r[KIND] === 'zone' && r[X] && r[X].key) { f.zone = r[X].key; }
      else if (isNumeric(r)) { f.zone = r[ZONE] || r[SZONE] || ''; f.zoneFromSection = !r[ZONE] && !!r[SZONE]; }
      else { f.zone = r[SZONE] || ''; f.zoneFromSection = !!r[SZONE]; }
      f.hay = [r[TEXT], r[VALUE], r[READ], r[UNIT], r[SUBJ], r[CHANGE], r[ASOF], f.zone, d.name, r[KIND],
        extrasText(r[X])].join(' ').toLowerCase();
      facts.push(f);
      byId[f.id] = f;
    });
  });

  function tooltip(f) {
    var r = f.r, lines = [r[KIND] + ' · ' + String(r[TEXT]).replace(/[\r\n]/g, '')];
    if (r[VALUE] != null) { lines.push('value: ' + r[VALUE] + (r[READ] ? '  (' + r[READ] + ')' : '')); }
    [['unit', UNIT], ['approx', APPROX], ['subject', SUBJ], ['change', CHANGE], ['as_of', ASOF]].forEach(function (p) {
      if (r[p[1]] != null) { lines.push(p[0] + ': ' + r[p[1]]); }
    });
    if (isNumeric(r)) { lines.push('target: ' + (r[TARGET] ? 'yes (an aim or forecast)' : 'no (a result)')); }
    if (r[ZONE]) { lines.push('zone: ' + r[ZONE]); }
    else if (r[SZONE]) { lines.push('zone of its section: ' + r[SZONE]); }
    if (r[X]) { lines.push(extrasText(r[X])); }
    lines.push('bytes ' + r[START] + '–' + r[END] + ' · section ' + r[SEC]);
    return lines.join('\n');
  }

  // ---- side lists ----
  var lists = document.querySelectorAll('ol.list[data-doc]');
  lists.forEach(function (ol) {
    var d = +ol.getAttribute('data-doc'), html = [];
    facts.forEach(function (f) {
      if (f.doc !== d) { return; }
      var r = f.r, h = '<li class="k-' + esc(r[KIND]) + (r[SHOWN] ? '' : ' unshown') + '" data-f="' + f.id + '" title="' +
        esc(tooltip(f)) + '"><a href="#' + f.id + '"><span class="chip">' + esc(r[KIND]) + '</span> <b>' + esc(r[TEXT]) + '</b>';
      var shownValue = r[READ] || r[VALUE];
      if (shownValue != null && shownValue !== String(r[TEXT]).replace(/[\r\n]/g, '')) {
        h += ' <span class="val">= ' + esc(shownValue) + '</span>';
      }
      if (r[SUBJ]) { h += ' <span class="subj">' + esc(r[SUBJ]) + '</span>'; }
      if (r[CHANGE]) { h += ' <span class="chg">' + esc(r[CHANGE]) + '</span>'; }
      if (r[TARGET]) { h += ' <span class="tgt">target</span>'; }
      if (r[APPROX] && r[APPROX] !== 'exact') { h += ' <span class="approx">' + esc(r[APPROX]) + '</span>'; }
      if (r[ASOF]) { h += ' <span class="asof">@' + esc(r[ASOF]) + '</span>'; }
      if (r[X]) { h += ' <span class="extra">' + esc(extrasText(r[X])) + '</span>'; }
      if (!r[SHOWN]) { h += ' <span class="note">(overlaps another fact; not highlighted)</span>'; }
      html.push(h + '</a></li>');
    });
    ol.innerHTML = html.length ? html.join('') : '<li class="empty">no facts</li>';
  });
  var items = Array.prototype.slice.call(document.querySelectorAll('ol.list li[data-f]'));
  var marks = Array.prototype.slice.call(document.querySelectorAll('mark.f'));
  var articles = Array.prototype.slice.call(document.querySelectorAll('article.doc'));

  // ---- legend and filters ----
  document.querySelectorAll('.legend input[data-kind]').forEach(function (box) {
    var k = box.getAttribute('data-kind');
    var c = document.querySelector('.legend [data-count="' + k + '"]');
    if (c) { c.textContent = ' ' + facts.filter(function (f) { return f.r[KIND] === k; }).length; }
    box.addEventListener('change', function () {
      state.hidden[k] = !box.checked;
      document.body.classList.toggle('hide-' + k, !box.checked);
      apply();
    });
  });

  function fill(id, values, label) {
    var sel = $(id);
    if (!sel) { return; }
    values.forEach(function (v) {
      var o = document.createElement('option');
      o.value = v[0];
      o.textContent = (label ? label(v[0]) : v[0]) + ' · ' + v[1];
      sel.appendChild(o);
    });
  }
  function tally(get, numericOnly) {
    var counts = {};
    facts.forEach(function (f) {
      if (numericOnly && !isNumeric(f.r)) { return; }
      var v = get(f);
      if (v) { counts[v] = (counts[v] || 0) + 1; }
    });
    return Object.keys(counts).map(function (k) { return [k, counts[k]]; });
  }
  var byCount = function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); };
  fill('f-zone', tally(function (f) { return f.zone; }).sort(byCount));
  fill('f-subject', tally(function (f) { return f.r[SUBJ]; }, true).sort(byCount));
  fill('f-period', tally(function (f) { return f.r[ASOF]; }, true).sort(function (a, b) { return a[0] < b[0] ? -1 : 1; }));
  fill('f-doc', docs.map(function (d, i) {
    return [String(i), facts.filter(function (f) { return f.doc === i; }).length];
  }).filter(function (v) { return docs[+v[0]]; }), function (i) { return docs[+i].name; });

  document.querySelectorAll('select[data-filter]').forEach(function (sel) {
    sel.addEventListener('change', function () { state[sel.getAttribute('data-filter')] = sel.value; apply(); });
  });
  var q = $('q');
  q.addEventListener('input', function () {
    state.q = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    apply();
  });
  $('reset').addEventListener('click', function () {
    q.value = '';
    state.q = [];
    document.querySelectorAll('select[data-filter]').forEach(function (sel) { sel.value = ''; state[sel.getAttribute('data-filter')] = ''; });
    document.querySelectorAll('.legend input[data-kind]').forEach(function (box) {
      box.checked = true;
      state.hidden[box.getAttribute('data-kind')] = false;
      document.body.classList.remove('hide-' + box.getAttribute('data-kind'));
    });
    apply();
  });

  function match(f) {
    var r = f.r;
    if (state.hidden[r[KIND]]) { return false; }
    if (state.doc !== '' && String(f.doc) !== state.doc) { return false; }
    if (state.zone && f.zone !== state.zone) { return false; }
    if (state.subject && r[SUBJ] !== state.subject) { return false; }
    if (state.period && r[ASOF] !== state.period) { return false; }
    if (state.target === 'target' && r[TARGET] !== true) { return false; }
    if (state.target === 'result' && r[TARGET] !== false) { return false; }
    for (var i = 0; i < state.q.length; i++) {
      if (f.hay.indexOf(state.q[i]) < 0) { return false; }
    }
    return true;
  }

  function apply() {
    var n = 0;
    facts.forEach(function (f) { f.ok = match(f); if (f.ok) { n++; } });
    $('count').textContent = n + ' of ' + facts.length + ' facts';
    items.forEach(function (li) { var f = byId[li.getAttribute('data-f')]; li.hidden = !(f && f.ok); });
    marks.forEach(function (m) { var f = byId[m.id]; m.classList.toggle('off', !(f && f.ok)); });
    articles.forEach(function (a) {
      a.hidden = state.doc !== '' && a.getAttribute('data-doc') !== state.doc;
    });
    dirty.table = dirty.summary = true;
    render();
  }

  // ---- the table ----
  var COLS = [
    { k: 'article', get: function (f) { return docs[f.doc].name; } },
    { k: '§', num: true, get: function (f) { return f.r[SEC]; } },
    { k: 'kind', get: function (f) { return f.r[KIND]; } },
    { k: 'text', get: function (f) { return f.r[TEXT]; } },
    { k: 'value', num: true, get: function (f) { var v = num(f.r[VALUE]); return isNaN(v) ? f.r[VALUE] : v; } },
    { k: 'unit', get: function (f) { return f.r[UNIT]; } },
    { k: 'approx', get: function (f) { return f.r[APPROX]; } },
    { k: 'subject', get: function (f) { return f.r[SUBJ]; } },
    { k: 'change', get: function (f) { return f.r[CHANGE]; } },
    { k: 'target', get: function (f) { return f.r[TARGET] === true ? 'target' : f.r[TARGET] === false ? 'result' : ''; } },
    { k: 'as_of', get: function (f) { return f.r[ASOF]; } },
    { k: 'zone', get: function (f) { return f.zone; } },
    { k: 'bytes', num: true, get: function (f) { return f.r[START]; } }
  ];
  var head = document.querySelector('#facts thead tr');
  head.innerHTML = COLS.map(function (c) {
    return '<th data-k="' + c.k + '" tabindex="0" title="sort by ' + c.k + '">' + esc(c.k) + '<span class="arrow"></span></th>';
  }).join('');
  function sortBy(k) {
    if (state.sort === k) { state.dir = -state.dir; } else { state.sort = k; state.dir = 1; }
    head.querySelectorAll('th').forEach(function (th) {
      var on = th.getAttribute('data-k') === state.sort;
      th.setAttribute('aria-sort', on ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
      th.querySelector('.arrow').textContent = on ? (state.dir > 0 ? ' ▲' : ' ▼') : '';
    });
    dirty.table = true;
    render();
  }
  head.addEventListener('click', function (e) { var th = e.target.closest('th'); if (th) { sortBy(th.getAttribute('data-k')); } });
  head.addEventListener('keydown', function (e) {
    var th = e.target.closest('th');
    if (th && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); sortBy(th.getAttribute('data-k')); }
  });
  function compare(a, b) {
    var empty = function (v) { return v == null || v === '' || (typeof v === 'number' && isNaN(v)); };
    if (empty(a) || empty(b)) { return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1; }
    if (typeof a === 'number' && typeof b === 'number') { return (a - b) * state.dir; }
    if (typeof a === 'number') { return -1; }
    if (typeof b === 'number') { return 1; }
    return String(a).localeCompare(String(b), 'zh') * state.dir;
  }
  function shownRows() {
    var rows = facts.filter(function (f) { return f.ok; });
    var col = COLS.filter(function (c) { return c.k === state.sort; })[0];
    if (col) {
      rows = rows.map(function (f, i) { return [col.get(f), i, f]; });
      rows.sort(function (a, b) { return compare(a[0], b[0]) || a[1] - b[1]; });
      rows = rows.map(function (x) { return x[2]; });
    }
    return rows;
  }
  function renderTable() {
    var rows = shownRows(), html = [];
    rows.slice(0, TABLE_ROWS).forEach(function (f) {
      var r = f.r, exact = r[VALUE] == null ? '' : 'exact value: ' + r[VALUE] + (r[UNIT] ? ' ' + r[UNIT] : '');
      html.push('<tr class="k-' + esc(r[KIND]) + '" data-f="' + f.id + '"><td class="doc"><a href="#' + f.id + '">' +
        esc(docs[f.doc].name) + '</a></td><td class="num">' + r[SEC] + '</td><td><span class="chip">' + esc(r[KIND]) +
        '</span></td><td class="t">' + esc(r[TEXT]) + '</td><td class="' + (r[READ] ? 'num ' : '') + 'val" title="' + esc(exact) +
        '">' + esc(r[READ] || r[VALUE]) + '</td><td>' + esc(r[UNIT]) + '</td><td>' + esc(r[APPROX]) + '</td><td>' +
        esc(r[SUBJ]) + '</td><td>' + esc(r[CHANGE]) + '</td><td>' + (r[TARGET] ? '<span class="tgt">target</span>' : '') +
        '</td><td>' + esc(r[ASOF]) + '</td><td class="zone' + (f.zoneFromSection ? ' from-section" title="the zone of its section: the fact names none' : '') +
        '">' + esc(f.zone) + '</td><td class="num">' + r[START] + '–' + r[END] + '</td></tr>');
    });
    document.querySelector('#facts tbody').innerHTML = html.join('');
    $('more').textContent = rows.length > TABLE_ROWS ? 'Showing the first ' + TABLE_ROWS + ' of ' + rows.length +
      ' facts: narrow the search or the filters (Export CSV writes them all).' : rows.length ? '' : 'No fact matches.';
  }

  // ---- export ----
  function csvField(v) {
    v = v == null ? '' : String(v);
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function csv() {
    var out = [CSV_COLUMNS.join(',')];
    shownRows().forEach(function (f) {
      var r = f.r, x = r[X] || {};
      var row = [docs[f.doc].name, r[SEC], r[ZONE], r[KIND], r[TEXT], r[VALUE], r[UNIT], r[APPROX], r[SUBJ], r[CHANGE],
        isNumeric(r) ? String(r[TARGET]) : '', r[ASOF], r[START], r[END]];
      EXTRA_KEYS.forEach(function (k) { row.push(x[k]); });
      row.push(r[SZONE]);
      out.push(row.map(csvField).join(','));
    });
    return out.join('\n') + '\n';
  }
  $('export').addEventListener('click', function () {
    var blob = new Blob(['\ufeff' + csv()], { type: 'text/csv;charset=utf-8' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'zonefacts.csv';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });

  // ---- the summary ----
  function short(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + '…' : s; }
  function chart(bars, kind, title) {
    var max = 0;
    bars.forEach(function (b) { if (b.v > max) { max = b.v; } });
    if (!(max > 0)) { return ''; }
    var W = 460, LW = 130, VW = 110, RH = 20, bw = W - LW - VW, h = bars.length * RH + 22;
    var s = '<svg class="chart" width="' + W + '" height="' + h + '" viewBox="0 0 ' + W + ' ' + h + '" role="img" aria-label="' +
      esc(title) + '"><text x="0" y="13" class="ct">' + esc(title) + '</text>';
    bars.forEach(function (b, i) {
      var y = 20 + i * RH, w = Math.max(1, Math.round(bw * Math.max(0, b.v) / max));
      s += '<text x="' + (LW - 6) + '" y="' + (y + 14) + '" text-anchor="end">' + esc(short(b.label, 10)) + '</text>' +
        '<rect class="bar k-' + esc(kind) + (b.target ? ' tgt' : '') + '" x="' + LW + '" y="' + (y + 4) + '" width="' + w +
        '" height="' + (RH - 7) + '"><title>' + esc(b.label + ': ' + b.exact) + '</title></rect>' +
        '<text x="' + (LW + w + 4) + '" y="' + (y + 14) + '" class="bv">' + esc(b.read) + '</text>';
    });
    return s + '</svg>';
  }
  function renderSummary() {
    var groups = {}, list = [], skipped = 0;
    facts.forEach(function (f) {
      var r = f.r;
      if (!f.ok || !isNumeric(r)) { return; }
      if (!r[SUBJ]) { skipped++; return; }
      var key = [r[KIND], r[SUBJ], r[CHANGE] || '', r[UNIT]].join('\u0001');
      var g = groups[key];
      if (!g) { g = groups[key] = { kind: r[KIND], subject: r[SUBJ], change: r[CHANGE], unit: r[UNIT], facts: [] }; list.push(g); }
      g.facts.push(f);
    });
    list.sort(function (a, b) { return b.facts.length - a.facts.length || a.subject.localeCompare(b.subject, 'zh'); });
    var html = ['<p class="intro">Each indicator (subject, with its change and unit) of the facts shown: its values by zone and period, ' +
      'and a chart across zones (each at its latest period) or, for one zone, across periods. ' +
      'A zone in <i>italics</i> is the zone of the section: the figure names none. ' + list.length + ' indicators' +
      (skipped ? '; ' + skipped + ' figures without an indicator are left out' : '') + '.</p>'];
    list.slice(0, SUMMARY_INDICATORS).forEach(function (g) {
      var zones = {}, periods = {}, cells = {};
      g.facts.forEach(function (f) {
        var z = f.zone || '—', p = f.r[ASOF] || '—';
        zones[z] = zones[z] || { n: 0, section: f.zoneFromSection };
        zones[z].n++;
        periods[p] = (periods[p] || 0) + 1;
        (cells[z + '\u0001' + p] = cells[z + '\u0001' + p] || []).push(f);
      });
      var zl = Object.keys(zones).sort(function (a, b) { return (a === '—') - (b === '—') || zones[b].n - zones[a].n || a.localeCompare(b, 'zh'); });
      // The periods with the most values (at most PIVOT_COLS), in time order.
      var pl = Object.keys(periods).sort(function (a, b) { return periods[b] - periods[a]; }).slice(0, PIVOT_COLS);
      var chrono = function (a, b) { return (a === '—') - (b === '—') || (a < b ? -1 : a > b ? 1 : 0); };
      var plAll = Object.keys(periods).sort(chrono), allPeriods = plAll.length;
      pl.sort(chrono);
      var wide = pl.length + (plAll.length > pl.length ? 1 : 0) > 4;
      var h = '<div class="ind k-' + esc(g.kind) + (wide ? ' wide' : '') + '"><h3><span class="chip">' + esc(g.kind) + '</span> ' + esc(g.subject) +
        (g.change ? ' <span class="chg">' + esc(g.change) + '</span>' : '') + ' <small>' + esc(g.unit) + ' · ' + g.facts.length +
        ' fact' + (g.facts.length === 1 ? '' : 's') + '</small></h3><div class="ind-body"><div class="pivot-wrap"><table class="pivot"><thead><tr><th>zone \\ period</th>';
      pl.forEach(function (p) { h += '<th>' + esc(p) + '</th>'; });
      // Periods left out of the columns: their values in one last column.
      var rest = plAll.filter(function (p) { return pl.indexOf(p) < 0; });
      var cell = function (z, ps, withPeriod) {
        var seen = {}, vals = [];
        ps.forEach(function (p) {
          (cells[z + '\u0001' + p] || []).forEach(function (f) {
            var r = f.r, k = r[VALUE] + '|' + r[TARGET] + '|' + p;
            if (seen[k]) { seen[k].docs.push(docs[f.doc].name); return; }
            seen[k] = { f: f, p: p, docs: [docs[f.doc].name] };
            vals.push(seen[k]);
          });
        });
        return '<td>' + vals.map(function (v) {
          var r = v.f.r;
          return '<a href="#' + v.f.id + '" class="v' + (r[TARGET] ? ' tgt' : '') + '" title="' + esc('exact value: ' + r[VALUE] + ' ' +
            r[UNIT] + (r[APPROX] !== 'exact' ? ' (' + r[APPROX] + ')' : '') + (r[TARGET] ? ' · target' : '') + '\n' + v.docs.join(', ')) +
            '">' + esc(r[READ] || r[VALUE]) + (r[TARGET] ? '<sup>target</sup>' : '') +
            (withPeriod ? ' <small>@' + esc(v.p) + '</small>' : '') + '</a>';
        }).join(' ') + '</td>';
      };
      if (rest.length) { h += '<th>other periods</th>'; }
      h += '</tr></thead><tbody>';
      zl.slice(0, PIVOT_ROWS).forEach(function (z) {
        h += '<tr><th' + (zones[z].section ? ' class="from-section"' : '') + '>' + esc(z) + '</th>';
        pl.forEach(function (p) { h += cell(z, [p], false); });
        if (rest.length) { h += cell(z, rest, true); }
        h += '</tr>';
      });
      h += '</tbody></table></div>';
      if (zl.length > PIVOT_ROWS || allPeriods > pl.length) {
        h += '<p class="more">' + zl.length + ' zones × ' + allPeriods + ' periods: the ' + Math.min(zl.length, PIVOT_ROWS) +
          ' zones and ' + pl.length + ' periods with the most values have columns; the others are in the last.</p>';
      }
      // The chart: across zones (each at its latest period), else across periods.
      var named = zl.filter(function (z) { return z !== '—'; }), bars = [], title;
      var pick = function (fs) {
        var res = fs.filter(function (f) { return !f.r[TARGET]; });
        return (res.length ? res : fs)[0];
      };
      if (named.length >= 2) {
        named.forEach(function (z) {
          var last = plAll.filter(function (p) { return cells[z + '\u0001' + p]; }).filter(function (p, i, a) { return p !== '—' || a.length === 1; });
          var f = last.length && pick(cells[z + '\u0001' + last[last.length - 1]]);
          if (f) { bars.push({ label: z, v: num(f.r[VALUE]), read: f.r[READ] || f.r[VALUE], exact: f.r[VALUE] + ' ' + f.r[UNIT], target: f.r[TARGET] }); }
        });
        bars.sort(function (a, b) { return b.v - a.v; });
        title = 'by zone';
      } else {
        plAll.filter(function (p) { return p !== '—'; }).forEach(function (p) {
          var fs = [];
          zl.forEach(function (z) { fs = fs.concat(cells[z + '\u0001' + p] || []); });
          var f = fs.length && pick(fs);
          if (f) { bars.push({ label: p, v: num(f.r[VALUE]), read: f.r[READ] || f.r[VALUE], exact: f.r[VALUE] + ' ' + f.r[UNIT], target: f.r[TARGET] }); }
        });
        title = 'by period' + (named.length === 1 ? ' · ' + named[0] : '');
      }
      bars = bars.filter(function (b) { return !isNaN(b.v); }).slice(0, 20);
      if (bars.length >= 2) { h += chart(bars, g.kind, title); }
      html.push(h + '</div></div>');
    });
    if (list.length > SUMMARY_INDICATORS) {
      html.push('<p class="more">' + (list.length - SUMMARY_INDICATORS) + ' more indicators: narrow the search or the filters.</p>');
    }
    if (!list.length) { html.push('<p class="more">No figure with an indicator matches.</p>'); }
    $('summary-body').innerHTML = html.join('');
  }

  // ---- views ----
  function render() {
    if (state.view === 'table' && dirty.table) { renderTable(); dirty.table = false; }
    if (state.view === 'summary' && dirty.summary) { renderSummary(); dirty.summary = false; }
  }
  function setView(v, keepHash) {
    if (['articles', 'table', 'summary'].indexOf(v) < 0) { v = 'articles'; }
    state.view = v;
    document.querySelectorAll('section.view').forEach(function (s) { s.hidden = s.id !== 'v-' + v; });
    document.querySelectorAll('.views button').forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-view') === v); });
    document.body.setAttribute('data-view', v);
    if (!keepHash && history.replaceState) { history.replaceState(null, '', '#' + v); }
    render();
  }
  document.querySelectorAll('.views button').forEach(function (b) {
    b.addEventListener('click', function () { setView(b.getAttribute('data-view')); });
  });
  // A link to an article or a fact shows the articles first.
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[href^="#d"]');
    if (a && state.view !== 'articles') { setView('articles', true); }
  });

  // ---- hover: a fact lights up in the text, its list and the table ----
  function light(id, on) {
    if (!id) { return; }
    var m = document.getElementById(id);
    if (m) { m.classList.toggle('hot', on); }
    document.querySelectorAll('[data-f="' + id + '"]').forEach(function (e) { e.classList.toggle('hot', on); });
  }
  function factAt(t) {
    var m = t.closest && t.closest('mark.f, [data-f]');
    return m ? (m.matches('mark.f') ? m.id : m.getAttribute('data-f')) : null;
  }
  document.addEventListener('mouseover', function (e) {
    var m = e.target.closest && e.target.closest('mark.f');
    if (m && !m.title && byId[m.id]) { m.title = tooltip(byId[m.id]); }
    light(factAt(e.target), true);
  });
  document.addEventListener('mouseout', function (e) { light(factAt(e.target), false); });

  // Sticky parts sit below the header, whatever its height.
  function headHeight() {
    var h = document.querySelector('header.top');
    if (h) { document.documentElement.style.setProperty('--head', h.offsetHeight + 'px'); }
  }
  window.addEventListener('resize', headHeight);
  headHeight();

  var hash = location.hash.slice(1);
  apply();
  setView(hash === 'table' || hash === 'summary' ? hash : 'articles', !(hash === 'table' || hash === 'summary'));
  document.body.classList.add('ready');
})();
