// Gol crashes (SIGSEGV, no output) on a comma-ok assignment into an interface variable: `v, ok = m[k]`, `v, ok = i.(int)`, `v, ok = <-ch` with v of type interface{}.
package main

import "fmt"

func main() {
	m := map[string]int{"k": 51}
	var v interface{}
	var ok bool
	v, ok = m["k"]
	fmt.Println(v, ok) // Go: 51 true
}
