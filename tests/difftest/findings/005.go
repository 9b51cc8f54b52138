// In `x[f()] = g()` (and `*p() = g()`) Gol calls g before f; Go evaluates the left side's index and pointer operands first, in order, then the right side.
package main

import "fmt"

var log []string

func t(name string, v int) int { log = append(log, name); return v }

func main() {
	s := make([]int, 3)
	s[t("index", 1)] = t("value", 5)
	a := [2]int{}
	a[t("i1", 0)], a[t("i2", 1)] = t("v1", 1), t("v2", 2)
	fmt.Println(s, a, log) // Go: [0 5 0] [1 2] [index value i1 i2 v1 v2]
}
