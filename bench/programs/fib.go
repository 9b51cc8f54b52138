// fib: recursive fib(35): function calls and integer arithmetic.
package main

import (
	"fmt"
	"os"
)

func size(def int) int {
	if len(os.Args) < 2 {
		return def
	}
	n := 0
	for _, c := range os.Args[1] {
		n = n*10 + int(c-'0')
	}
	return n
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	n := size(35)
	fmt.Println("fib", n, fib(n))
}
