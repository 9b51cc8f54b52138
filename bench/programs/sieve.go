// sieve: sieve of Eratosthenes over 20M bools; counts the primes up to n.
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

func main() {
	n := size(20000000)
	composite := make([]bool, n+1)
	count := 0
	last := 0
	for i := 2; i <= n; i++ {
		if !composite[i] {
			count++
			last = i
			for j := i * i; j <= n; j += i {
				composite[j] = true
			}
		}
	}
	fmt.Println("sieve", n, count, last)
}
