// spawn: start 200k goroutines, each writes one slot, and wait for them with a WaitGroup.
package main

import (
	"fmt"
	"os"
	"sync"
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
	n := size(200000)
	results := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			results[i] = i % 1000 * 2
			wg.Done()
		}(i)
	}
	wg.Wait()
	sum := 0
	for _, v := range results {
		sum += v
	}
	fmt.Println("spawn", n, sum)
}
