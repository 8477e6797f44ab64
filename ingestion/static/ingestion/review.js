// Adding a task by selecting its sentence: turn the browser selection inside #doc-text into
// offsets of the original text (code points, as the server counts them) and fill the form.
(function () {
  "use strict";

  function codePoints(s) { return Array.from(s).length; }

  // Offset of (node, offset) from the start of the container, in code points of its text.
  function offsetIn(container, node, offset) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    var total = 0;
    var current;
    if (node.nodeType !== Node.TEXT_NODE) {
      // A position between children: count the text of the children before it.
      var range = document.createRange();
      range.setStart(container, 0);
      range.setEnd(node, offset);
      return codePoints(range.toString());
    }
    while ((current = walker.nextNode())) {
      if (current === node) { return total + codePoints(current.data.slice(0, offset)); }
      total += codePoints(current.data);
    }
    return null;
  }

  // "Untick all" for a long list of units found by the parser (shown only with JavaScript).
  function initUntick() {
    document.querySelectorAll("[data-untick]").forEach(function (button) {
      var name = button.getAttribute("data-untick");
      button.hidden = false;
      button.addEventListener("click", function () {
        document.querySelectorAll("input[type=checkbox][name='" + name + "']").forEach(
          function (box) { box.checked = false; });
      });
    });
  }

  function init() {
    initUntick();
    var container = document.getElementById("doc-text");
    var start = document.getElementById("add-start");
    var end = document.getElementById("add-end");
    var preview = document.getElementById("selection-preview");
    if (!container || !start || !end) { return; }
    document.addEventListener("selectionchange", function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
      var r = sel.getRangeAt(0);
      if (!container.contains(r.startContainer) || !container.contains(r.endContainer)) { return; }
      var a = offsetIn(container, r.startContainer, r.startOffset);
      var b = offsetIn(container, r.endContainer, r.endOffset);
      if (a === null || b === null || b <= a) { return; }
      start.value = a;
      end.value = b;
      if (preview) { preview.textContent = r.toString(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
