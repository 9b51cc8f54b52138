// Package-level initialisation order: Go repeatedly initialises the earliest variable in declaration order that is ready (here c, before b and a); Gol initialises a's dependency b, then a, then c.
package main

import "fmt"

var L []string

var a = b + f()
var c = len(L)
var b = f()

func f() int {
	L = append(L, "x")
	return len(L)
}

func main() {
	fmt.Println(a, b, c, L) // Go: 3 1 0 [x x]
}
