// `for i, a[i] = range xs` indexes a with the new i: the index operands of the range assignment must be evaluated before assigning (as in tuple assignments `i, a[i] = 1, 9`, fixed by 779e1c4).
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
