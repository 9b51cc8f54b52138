// closures: 30M calls of a closure that reads one captured variable and updates another.
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
	n := size(30000000)
	k := 7
	calls := 0
	f := func(x int) int {
		calls++
		return (x + k) & 1048575
	}
	s := 0
	for i := 0; i < n; i++ {
		s = f(s + i)
	}
	fmt.Println("closures", n, calls, s)
}
