/* theme.js - light/dark switch for quire (PaperMod's behaviour).
 * Loaded in <head>, not deferred: applies the saved choice before the
 * body is painted, then wires up #theme-toggle. Without JavaScript the
 * toggle stays hidden and the site's default / the OS preference apply. */
(function () {
	"use strict";
	var root = document.documentElement, key = "pref-theme";
	var mq = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

	function load() {
		try { return window.localStorage.getItem(key); } catch (e) { return null; }
	}
	function save(v) {
		try { window.localStorage.setItem(key, v); } catch (e) { /* private mode */ }
	}
	function effective() {
		var t = root.getAttribute("data-theme");
		if (t === "light" || t === "dark")
			return t;
		return mq && mq.matches ? "dark" : "light";
	}

	var saved = load();
	if (saved === "light" || saved === "dark")
		root.setAttribute("data-theme", saved);

	document.addEventListener("DOMContentLoaded", function () {
		var btn = document.getElementById("theme-toggle");
		if (!btn)
			return;
		btn.hidden = false;
		btn.addEventListener("click", function () {
			var next = effective() === "dark" ? "light" : "dark";
			root.setAttribute("data-theme", next);
			save(next);
		});
	});
})();
