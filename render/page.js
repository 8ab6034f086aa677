// Draws every figure from its inlined plotly spec and wires the code toggle. Runs offline.
(function () {
  'use strict';
  var root = document.documentElement;
  var figures = Array.prototype.slice.call(document.querySelectorAll('figure.report-figure'));
  // Swedish month and day names for date axes; separators come from each figure's layout.
  Plotly.register({
    moduleType: 'locale',
    name: 'sv',
    dictionary: {},
    format: {
      days: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
      shortDays: ['sön', 'mån', 'tis', 'ons', 'tor', 'fre', 'lör'],
      months: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
      shortMonths: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
      date: '%Y-%m-%d',
      decimal: ',',
      thousands: '\u00a0'
    }
  });
  var config = {
    displaylogo: false,
    responsive: true,
    modeBarButtonsToRemove: ['select2d', 'lasso2d'],
    locale: root.lang === 'sv' ? 'sv' : 'en-US'
  };
  var drawing = figures.map(function (figure) {
    var spec = JSON.parse(figure.querySelector('script.plot-data').textContent);
    return Plotly.newPlot(figure.querySelector('.plot'), spec.data, spec.layout, config);
  });
  window.finsamPlotsReady = Promise.all(drawing).then(
    function () { root.setAttribute('data-plots', 'drawn'); },
    function (err) { root.setAttribute('data-plots', 'error: ' + (err && err.message ? err.message : String(err))); }
  );
  // Charts take the width of the page they are printed on.
  window.finsamResizePlots = function () {
    return Promise.all(figures.map(function (figure) { return Plotly.Plots.resize(figure.querySelector('.plot')); }));
  };
  window.addEventListener('beforeprint', window.finsamResizePlots);

  // A region that scrolls sideways (a wide table, a long code line) takes the keyboard focus,
  // so it can be scrolled with the arrow keys; it is named after its table or code cell.
  function markScrollRegions() {
    Array.prototype.forEach.call(document.querySelectorAll('.report-table, .scroll, details.code pre'), function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute('tabindex')) {
        var caption = el.querySelector('caption');
        var summary = el.closest('details') && el.closest('details').querySelector('summary');
        el.setAttribute('tabindex', '0');
        el.setAttribute('role', 'region');
        el.setAttribute('aria-label', (caption || summary || el).textContent.replace(/\s+/g, ' ').trim().slice(0, 200));
      } else if (!scrolls && el !== document.activeElement && el.getAttribute('tabindex') === '0' && el.getAttribute('role') === 'region') {
        el.removeAttribute('tabindex');
        el.removeAttribute('role');
        el.removeAttribute('aria-label');
      }
    });
  }
  markScrollRegions();
  window.addEventListener('resize', markScrollRegions);
  document.addEventListener('toggle', markScrollRegions, true);
  window.finsamMarkScrollRegions = markScrollRegions;

  var button = document.getElementById('toggle-code');
  if (button) {
    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-pressed') !== 'true';
      Array.prototype.forEach.call(document.querySelectorAll('details.code'), function (d) { d.open = open; });
      button.setAttribute('aria-pressed', String(open));
      button.textContent = open ? button.getAttribute('data-hide') : button.getAttribute('data-show');
      markScrollRegions();
    });
  }
})();
