/* copy.js - a "copy" button on each code block of an article, as PaperMod
 * has. Progressive enhancement: loaded deferred on article pages only;
 * without JavaScript, or without a clipboard, the blocks stay as they are.
 * It copies the code alone: not the line numbers of Hugo's table or
 * inline forms (td.lntd's first cell, span.ln). */
(function () {
	"use strict";

	function codeText(code) {
		var copy = code.cloneNode(true), nums = copy.querySelectorAll(".ln"), i;

		for (i = 0; i < nums.length; i++)
			nums[i].parentNode.removeChild(nums[i]);
		return copy.textContent;
	}

	function fallbackCopy(text) {
		var area = document.createElement("textarea"), ok = false;

		area.value = text;
		area.setAttribute("readonly", "");
		area.style.position = "fixed";
		area.style.opacity = "0";
		document.body.appendChild(area);
		area.select();
		try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
		document.body.removeChild(area);
		return ok;
	}

	function addButton(code) {
		var pre = code.parentNode, box, button = document.createElement("button");

		/* The line-number column of the table form has no button. */
		if (pre.parentNode.classList.contains("lntd") &&
		    pre.parentNode.parentNode.firstElementChild === pre.parentNode)
			return;
		box = pre.closest(".highlight") || pre;
		button.type = "button";
		button.className = "copy-code";
		button.textContent = "copy";
		button.addEventListener("click", function () {
			var text = codeText(code);

			function done(ok) {
				button.textContent = ok ? "copied!" : "copy failed";
				window.setTimeout(function () { button.textContent = "copy"; }, 2000);
			}
			if (navigator.clipboard && window.isSecureContext)
				navigator.clipboard.writeText(text).then(function () { done(true); },
				    function () { done(fallbackCopy(text)); });
			else
				done(fallbackCopy(text));
		});
		box.appendChild(button);
	}

	var blocks = document.querySelectorAll(".post-content pre > code"), i;

	for (i = 0; i < blocks.length; i++)
		addButton(blocks[i]);
})();
