// In a tuple assignment `i, a[i] = 1, 9` (and `for i, a[i] = range xs`) Gol indexes a with the new i: the left side's index and pointer operands must be evaluated before any assignment.
package main

import "fmt"

type S struct{ f int }

func main() {
	a := []int{10, 20, 30}
	i := 0
	i, a[i] = 1, 9
	p := &S{1}
	q := p
	p, p.f = &S{5}, 7
	fmt.Println(i, a, p.f, q.f) // Go: 1 [9 20 30] 5 7
	b := make([]int, 3)
	var j int
	for j, b[j] = range []int{7, 8, 9} {
	}
	fmt.Println(j, b) // Go: 2 [8 9 0]
}
