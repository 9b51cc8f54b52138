// workers: a pool of 8 worker goroutines over 1M jobs (a jobs channel and a results channel).
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

func work(j int) int {
	x := j
	for k := 0; k < 20; k++ {
		x = (x*31 + k) % 1000003
	}
	return x
}

func main() {
	n := size(1000000)
	workers := 8
	jobs := make(chan int, 128)
	results := make(chan int, 128)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			for j := range jobs {
				results <- work(j)
			}
			wg.Done()
		}()
	}
	go func() {
		for i := 0; i < n; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	count := 0
	for r := range results {
		sum += r
		count++
	}
	fmt.Println("workers", count, sum)
}
