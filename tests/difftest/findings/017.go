// A package-level `var a, b = f()` (or `var v, ok = m[k]`) is rejected with "assignment mismatch: 2 variables but 1 value"; inside functions it works.
package main

import (
	"fmt"
	"strconv"
)

var m = map[string]int{"k": 1}
var n, err = strconv.Atoi("42")
var v, ok = m["k"]

func main() {
	fmt.Println(n, err, v, ok) // Go: 42 <nil> 1 true
}
