// atomic: 8 goroutines increment one counter with sync/atomic (8M increments in all).
package main

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
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
	n := size(8000000)
	workers := 8
	per := n / workers
	var counter int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			for i := 0; i < per; i++ {
				atomic.AddInt64(&counter, 1)
			}
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println("atomic", workers, atomic.LoadInt64(&counter))
}
