// Standard-library functions and methods used as values (`strings.ToUpper`, `sort.Ints`, method values `sb.WriteString`, `wg.Done`, method expression `(*strings.Builder).WriteString`) are "not supported by Gol yet".
package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	var sb strings.Builder
	w := sb.WriteString
	w("x")
	ws := (*strings.Builder).WriteString
	ws(&sb, "y")
	var wg sync.WaitGroup
	wg.Add(1)
	done := wg.Done
	done()
	wg.Wait()
	fmt.Println(sb.String()) // Go: xy
}
