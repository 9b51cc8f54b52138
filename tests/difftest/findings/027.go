// In `x[0] += f()` (and `*p += f()`) where f reassigns x (or p), Gol reads the old target and writes the new one; `x op= y` evaluates x once (Go: reads and writes two[0]).
package main

import "fmt"

func main() {
	one, two := []int{1}, []int{2}
	x := one
	x[0] += func() int {
		x = two
		return 10
	}()
	a, b := 1, 2
	p := &a
	*p += func() int {
		p = &b
		return 10
	}()
	fmt.Println(one, two, a, b) // Go: [1] [12] 1 12 (Gol: [1] [11] 1 11)
}
