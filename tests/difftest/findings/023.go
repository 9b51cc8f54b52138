// A bare `return` in a function whose named results include the blank identifier (`func f() (_ string, x int)`) is rejected with "not enough return values".
package main

import "fmt"

func f() (_ string, x float64, err error) {
	x = 1.5
	return
}

func main() {
	s, x, err := f()
	fmt.Printf("%q %v %v\n", s, x, err) // Go: "" 1.5 <nil>
}
