// The UI's only script (pages allow no inline script): draws every .chart on the page with uPlot.
// A metric chart fetches its downsampled series from /api/metric; dragging across it asks the
// server for that window again, double-clicking zooms back out. What each chart got is kept in
// window.mlopsCharts[key] (steps and values per run), which the browser tests read.
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

  function seriesChart(el) {
    var given = JSON.parse(el.getAttribute('data-series'));
    var names = Object.keys(given.series);
    var data = [given.x].concat(names.map(function (name) { return given.series[name]; }));
    var options = size(el);
    options.series = [{}].concat(names.map(function (name, i) {
      return { label: name, stroke: colors[i % colors.length], spanGaps: true, width: 1.5 };
    }));
    new uPlot(options, data, el);
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
