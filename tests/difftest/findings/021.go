// A standard-library function used as a value (`up := strings.ToUpper`, `apply(xs, strings.ToUpper)`, `[]func([]int){sort.Ints}`) is "not supported by Gol yet".
package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

func apply(xs []string, f func(string) string) []string {
	out := []string{}
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func main() {
	up := strings.ToUpper
	conv := strconv.Itoa
	fns := []func([]int){sort.Ints}
	xs := []int{3, 1, 2}
	fns[0](xs)
	fmt.Println(up("abc"), apply([]string{"a", "b"}, strings.ToLower), conv(42), xs) // Go: ABC [a b] 42 [1 2 3]
}
