// Package initialisation ignores dependencies through methods: dummy = T(0).Get() must wait for a, which Get reads; Gol initialises dummy first (0).
package main

import "fmt"

type T int

func (T) Get() int { return a }

var dummy = T(0).Get()
var viaExpr = T.Get(0)
var a = identity(1)

func identity(v int) int { return v }

func main() {
	fmt.Println(dummy, viaExpr, a) // Go: 1 1 1
}
