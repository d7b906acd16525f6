/* copy.js - a "copy" button on each code block of an article, as
 * PaperMod has (params.ShowCodeCopyButtons). Loaded with defer from a
 * file, never inline (the Content-Security-Policy allows no inline
 * script); without JavaScript the blocks are simply not copyable by
 * button. Line numbers are left out of what is copied. */
(function () {
	"use strict";
	if (!navigator.clipboard || !document.querySelectorAll)
		return;

	/* The block's text without Chroma's line numbers (.ln inline,
	 * the first cell of a line-number table is skipped below). */
	function text(code) {
		var copy = code.cloneNode(true);
		var nums = copy.querySelectorAll(".ln");
		for (var i = 0; i < nums.length; i++)
			nums[i].parentNode.removeChild(nums[i]);
		return copy.textContent;
	}

	var codes = document.querySelectorAll(".post-content pre > code");
	for (var i = 0; i < codes.length; i++) {
		var code = codes[i], pre = code.parentNode;
		var cell = pre.parentNode;
		/* a line-number table's first cell holds only numbers */
		if (cell.classList && cell.classList.contains("lntd") &&
		    cell.previousElementSibling === null)
			continue;
		var box = pre.closest ? pre.closest(".highlight") : null;
		var button = document.createElement("button");
		button.type = "button";
		button.className = "copy-code";
		button.textContent = "copy";
		button.addEventListener("click", (function (c, b) {
			return function () {
				navigator.clipboard.writeText(text(c)).then(function () {
					b.textContent = "copied!";
				}, function () {
					b.textContent = "error";
				});
				setTimeout(function () { b.textContent = "copy"; }, 2000);
			};
		})(code, button));
		(box || pre).appendChild(button);
	}
})();
