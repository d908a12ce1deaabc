/**
 * A stand-in for Splunk Web's layout API (`build/api/layout.js` and `layout-dark.js`), which
 * `@splunk/react-page` loads to draw the Splunk bar and the app bar around a page. It defines
 * `window.__splunk_layout__.create(options).getContainerElement()` as the real one does, with a plain bar
 * naming the app, its views and the user, so pages look and behave as inside Splunk Web.
 */
export function layoutScript(
    appLabel: string,
    user: string,
    views: readonly { name: string; label: string }[],
    dark: boolean
): string {
    const data = JSON.stringify({ appLabel, user, views, dark });
    return `(function () {
  var data = ${data.replace(/</g, '\\u003c')};
  function el(tag, style, text) {
    var node = document.createElement(tag);
    node.setAttribute('style', style);
    if (text) node.textContent = text;
    return node;
  }
  window.__splunk_layout__ = {
    create: function (options) {
      options = options || {};
      document.body.style.margin = '0';
      document.body.style.display = 'flex';
      document.body.style.flexDirection = 'column';
      document.body.style.minHeight = '100vh';
      document.body.style.background = data.dark ? '#0b0c0e' : '#f2f4f5';
      var header = el('header', 'flex: 0 0 auto; font: 14px/1.4 system-ui, sans-serif;');
      header.setAttribute('data-view', 'standin/layout/header');
      if (!options.hideChrome && !options.hideSplunkBar) {
        var bar = el('div', 'display: flex; justify-content: space-between; align-items: center; height: 40px; padding: 0 16px; background: #1a1c20; color: #fff;');
        bar.appendChild(el('strong', '', 'splunk> stand-in'));
        bar.appendChild(el('span', '', data.user));
        header.appendChild(bar);
      }
      if (!options.hideChrome && !options.hideAppBar) {
        var appBar = el('nav', 'display: flex; gap: 20px; align-items: center; height: 40px; padding: 0 16px; background: #1d5c8c; color: #fff;');
        appBar.setAttribute('aria-label', 'App navigation');
        data.views.forEach(function (view) {
          var link = el('a', 'color: #fff; text-decoration: none;', view.label);
          link.href = view.name;
          appBar.appendChild(link);
        });
        appBar.appendChild(el('strong', 'margin-left: auto;', data.appLabel));
        header.appendChild(appBar);
      }
      document.body.insertBefore(header, document.body.firstChild);
      var container = el('div', 'flex: 1 0 0%; display: flex; flex-direction: column;');
      document.body.appendChild(container);
      return { getContainerElement: function () { return container; } };
    }
  };
})();
`;
}
