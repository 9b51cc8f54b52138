// strings: build a 1M-word string with strings.Builder, Split it, Join it, Count in it.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

func size(def int) int {
	if len(os.Args) < 2 {
		return def
	}
	n := 0
	for _, c := range os.Args[1] {
		n = n*10 + int(c-'0')
	}
	return n
}

func main() {
	n := size(1000000)
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("w")
		b.WriteString(strconv.Itoa(i % 1000))
	}
	s := b.String()
	parts := strings.Split(s, ",")
	joined := strings.Join(parts, ";")
	h := 0
	for _, p := range parts {
		h = (h*31 + len(p)) % 1000000007
	}
	fmt.Println("strings", len(s), len(parts), len(joined), strings.Count(joined, "w99;"), h)
}
