// The UI's only script (pages allow no inline script): draws every .chart on the page with uPlot.
// A metric chart fetches its downsampled series from /api/metric; dragging across it asks the
// server for that window again, double-clicking zooms back out. What each chart got is kept in
// window.mlopsCharts[key] (steps and values per run), which the browser tests read; a chart of
// series given in the page keeps its uPlot object as el.mlopsPlot.
(function () {
  'use strict';
  var base = document.body.getAttribute('data-base') || '';
  var colors = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  window.mlopsCharts = {};

  function size(el) {
    return { width: Math.max(320, el.clientWidth || 600), height: 240 };
  }

  function fetchSeries(run, key, from, to) {
    var url = base + '/api/metric?run=' + encodeURIComponent(run) + '&key=' + encodeURIComponent(key) + '&points=800';
    if (from !== undefined) {
      url += '&from=' + Math.floor(from) + '&to=' + Math.ceil(to);
    }
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        throw new Error('the server answered ' + response.status + ' for ' + key);
      }
      return response.json();
    });
  }

  function metricChart(el) {
    var runs = el.getAttribute('data-runs').split(',');
    var labels = (el.getAttribute('data-labels') || '').split(',');
    var key = el.getAttribute('data-key');
    var plot = null;

    function load(from, to) {
      el.setAttribute('data-ready', '0');
      Promise.all(runs.map(function (run) { return fetchSeries(run, key, from, to); })).then(function (list) {
        window.mlopsCharts[key] = list.map(function (s) { return { run: s.run, steps: s.steps, values: s.values }; });
        var data = list.length === 1 ? [list[0].steps, list[0].values]
          : uPlot.join(list.map(function (s) { return [s.steps, s.values]; }));
        if (plot === null) {
          var series = [{ label: 'step' }];
          runs.forEach(function (run, i) {
            series.push({ label: labels[i] || run, stroke: colors[i % colors.length], spanGaps: true, width: 1.5 });
          });
          var options = size(el);
          options.scales = { x: { time: false } };
          options.series = series;
          options.cursor = { drag: { x: true, y: false, setScale: false } };
          options.hooks = { setSelect: [function (u) {
            if (u.select.width > 2) {
              var low = u.posToVal(u.select.left, 'x');
              var high = u.posToVal(u.select.left + u.select.width, 'x');
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              load(low, high);
            }
          }] };
          plot = new uPlot(options, data, el);
        } else {
          plot.setData(data);
        }
        el.setAttribute('data-points', list.map(function (s) { return s.steps.length; }).join(','));
        el.setAttribute('data-ready', '1');
      }).catch(function (error) {
        el.textContent = String(error.message);
        el.setAttribute('data-ready', 'error');
      });
    }

    el.addEventListener('dblclick', function () { load(); });
    load();
  }

  // A chart of series given in the page (data-series: x, and each series' values). Optional keys:
  // axis (the y axis' label), range ([min, max] of y), log (a log10 y axis), notes (per series, the
  // legend's words for each point instead of its number: the raw values behind a derived one),
  // clamped (the server put values beyond the range at its edges: the edge ticks read ≥ and ≤) and
  // line ({at, label, note}: a dashed horizontal line, e.g. a threshold). The uPlot object is kept
  // as el.mlopsPlot for the browser tests.
  function seriesChart(el) {
    var given = JSON.parse(el.getAttribute('data-series'));
    var names = Object.keys(given.series);
    var notes = given.notes || {};
    var data = [given.x].concat(names.map(function (name) { return given.series[name]; }));
    var options = size(el);
    options.series = [{}].concat(names.map(function (name, i) {
      var series = { label: name, stroke: colors[i % colors.length], spanGaps: true, width: 1.5 };
      if (notes[name]) {
        series.value = function (u, value, sidx, idx) {
          return idx === null || idx === undefined ? '--' : notes[name][idx];
        };
      }
      return series;
    }));
    if (given.line) {
      data.push(given.x.map(function () { return given.line.at; }));
      options.series.push({ label: given.line.label, stroke: '#444', dash: [6, 4], width: 1, points: { show: false },
        value: function () { return given.line.note; } });
    }
    var y = {};
    if (given.log) {
      y.distr = 3;
      y.log = 10;
    }
    if (given.range) {
      y.range = function () { return given.range.slice(); };
    }
    options.scales = { y: y };
    var axis = { size: 50 };
    if (given.axis) {
      axis.label = given.axis;
    }
    if (given.log && given.range) {
      // Ticks and grid lines at the powers of ten only: 2, 3, ... 9 between them made a dense grid.
      axis.splits = function () {
        var ticks = [];
        for (var t = given.range[0]; t <= given.range[1] * 1.0001; t *= 10) {
          ticks.push(Number(t.toPrecision(1)));
        }
        return ticks;
      };
    }
    if (given.clamped) {
      // The server drew points beyond the range at its edges: the edge ticks say "or more", "or less".
      axis.values = function (u, ticks) {
        return ticks.map(function (t, i) {
          return i === ticks.length - 1 ? '\u2265' + t : i === 0 ? '\u2264' + t : String(t);
        });
      };
    }
    options.axes = [{}, axis];
    el.mlopsPlot = new uPlot(options, data, el);
    el.setAttribute('data-ready', '1');
  }

  document.querySelectorAll('.chart').forEach(function (el) {
    if (el.hasAttribute('data-series')) {
      seriesChart(el);
    } else {
      metricChart(el);
    }
  });
})();
