// chroma-tokdump: dev tool, the oracle for tools/chroma-diff.sh: the token
// stream Chroma itself (Debian's 2.5.0, the Chroma of Hugo 0.111) makes of
// stdin with the lexer named, coalesced as Hugo's formatter sees it, one
// token a line as TYPE<TAB>"JSON string". Built in GOPATH mode over
// /usr/share/gocode by tools/chroma-diff.sh; never part of quire.
//
// usage: chroma-tokdump LANG < CODE
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: chroma-tokdump LANG < CODE")
		os.Exit(2)
	}
	lx := lexers.Get(os.Args[1])
	if lx == nil {
		fmt.Fprintln(os.Stderr, "chroma-tokdump: no lexer", os.Args[1])
		os.Exit(2)
	}
	src, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	it, err := chroma.Coalesce(lx).Tokenise(nil, string(src))
	if err != nil {
		panic(err)
	}
	for _, t := range it.Tokens() {
		var b strings.Builder
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(false)
		if err := e.Encode(t.Value); err != nil {
			panic(err)
		}
		fmt.Printf("%s\t%s", t.Type, b.String())
	}
}
