# cgsplit.awk - splits one callgrind.out file (events: Ir) by object, for
# `make bench`. Buckets: sqlite (libsqlite3), cmark (libcmark-gfm*), quire
# (the executable named by -v prog=PATH) and other (libc, ld.so, libfcgi,
# libyaml, libseccomp).
#   self_B   instructions executed inside bucket B's own code
#   attr_B   as spent on B's behalf: for sqlite and cmark, the inclusive
#            cost of quire's calls into them (their malloc, memcpy
#            included); for quire, its own code plus its direct calls into
#            "other" (its malloc, memcpy, printf); other is the rest.
#   fn COST NAME   per function of quire's own code, self cost plus its
#            direct calls into "other", every function with a cost.
# With -v reqs=N (the file counts N requests) every figure is per request.
function bucket(o) {
	if (o ~ /libsqlite3/) return "sqlite"
	if (o ~ /libcmark-gfm/) return "cmark"
	if (o ~ /libfcgi/) return "fcgi"
	if (o == prog) return "quire"
	return "other"
}
# The executable's start-up stub counts as "other": its calls reach main.
# quire's cmark_mem (arena_* in src/markdown.c) counts as cmark's, as
# malloc did when cmark called it: it is cmark's allocator, called back.
function fbucket(f) {
	if (names[f] == "(below main)" || names[f] == "_start" || names[f] ~ /^0x/)
		return "other"
	if (names[f] ~ /^arena_/ && bucket(names[fnob[f]]) == "quire")
		return "cmark"
	return bucket(names[fnob[f]])
}
# "(12) name" defines id 12, "(12)" refers to it; returns the id.
function ref(s, kind,    id, rest) {
	if (s !~ /^\(/) { id = kind ":" s; names[id] = s; return id }
	id = substr(s, 2, index(s, ")") - 2)
	rest = substr(s, index(s, ")") + 2)
	id = kind ":" id
	if (rest != "") names[id] = rest
	return id
}
function per(x) { return int(x / (reqs > 0 ? reqs : 1) + 0.5) }
/^ob=/ { ob = ref(substr($0, 4), "ob"); next }
/^fn=/ { fn = ref(substr($0, 4), "fn"); fnob[fn] = ob; next }
/^cfn=/ { cfn = ref(substr($0, 5), "fn"); next }
/^cob=/ { ref(substr($0, 5), "ob"); next }
/^calls=/ { incall = 1; next }
/^([0-9]|\+|-|\*)/ {
	c = $2 + 0
	if (incall) {
		n++
		callob[n] = ob; callfn[n] = fn; callee[n] = cfn; callcost[n] = c
		incall = 0
	} else {
		fself[fn] += c
	}
	next
}
END {
	for (f in fself) {
		b = fbucket(f); if (b == "fcgi") b = "other"
		sb[b] += fself[f]; total += fself[f]
	}
	for (i = 1; i <= n; i++) {
		if (fbucket(callfn[i]) != "quire") continue
		b = fbucket(callee[i])
		# libfcgi's accept, read and write: the round trip noop-fcgi
		# makes too, not quire's work.
		if (b == "quire" || b == "fcgi") continue
		if (b == "other") { cross["quire"] += callcost[i]; fattr[callfn[i]] += callcost[i] }
		else cross[b] += callcost[i]
	}
	printf "total %d\n", per(total)
	split("quire sqlite cmark other", bs, " ")
	for (k = 1; k <= 4; k++) printf "self_%s %d\n", bs[k], per(sb[bs[k]])
	aq = sb["quire"] + cross["quire"]
	printf "attr_quire %d\nattr_sqlite %d\nattr_cmark %d\nattr_other %d\n", per(aq),
	    per(cross["sqlite"]), per(cross["cmark"]),
	    per(total - aq - cross["sqlite"] - cross["cmark"])
	for (f in fself)
		if (fbucket(f) == "quire")
			printf "fn %d %s\n", per(fself[f] + fattr[f]), names[f]
}
