// A call with several results as the arguments of a builtin (`copy(f())`, `delete(g())`) is rejected with "not enough arguments".
package main

import "fmt"

func f(a []int) ([]int, []int) { return a, []int{7, 8} }

func g(m map[string]int) (map[string]int, string) { return m, "k" }

func main() {
	a := []int{1, 2, 3}
	n := copy(f(a))
	m := map[string]int{"k": 1, "j": 2}
	delete(g(m))
	fmt.Println(n, a, m) // Go: 2 [7 8 3] map[j:2]
}
