// `x[f()] op= v` and `x[f()]++` evaluate the target's index (and pointer) operands twice: f runs twice (slices, maps, arrays, *p(), p().f).
package main

import "fmt"

var calls int

func idx() int { calls++; return 1 }

func main() {
	s := make([]int, 3)
	s[idx()] += 2
	m := map[int]int{}
	m[idx()]++
	fmt.Println(s, m, calls) // Go: [0 2 0] map[1:1] 2
}
