// loop: a 100M-iteration integer loop.
package main

import (
	"fmt"
	"os"
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
	n := size(100000000)
	s := 0
	for i := 0; i < n; i++ {
		s += (i % 7) * (i & 1023)
	}
	fmt.Println("loop", n, s)
}
