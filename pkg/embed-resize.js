// For host pages that embed the explorer in an iframe: resize each explorer frame to the height it reports.
// Include with <script src="embed-resize.js"></script> (host it yourself under a strict Content-Security-Policy).
// Only messages from an explorer frame's own window and origin, of the expected shape, are obeyed.
// @ts-check
(function () {
  'use strict';
  window.addEventListener('message', function (event) {
    var frames = /** @type {NodeListOf<HTMLIFrameElement>} */ (document.querySelectorAll('iframe[data-natx-frame]'));
    for (var k = 0; k < frames.length; k++) {
      var frame = frames[k];
      if (event.source !== frame.contentWindow) continue;
      var origin;
      try { origin = new URL(frame.src, location.href).origin; } catch (e) { return; }
      if (origin !== 'null' && event.origin !== origin) return;
      var data = event.data;
      if (!data || data.type !== 'natx:height' || typeof data.height !== 'number' || !isFinite(data.height)) return;
      frame.style.height = Math.max(200, Math.min(20000, Math.ceil(data.height))) + 'px';
      return;
    }
  });
})();
