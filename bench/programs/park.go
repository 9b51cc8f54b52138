// park: 100k goroutines parked on one channel at once (peak memory), then each is woken
// with a value and answers on a second channel.
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
	n := size(100000)
	ch := make(chan int)
	res := make(chan int)
	var ready sync.WaitGroup
	for i := 0; i < n; i++ {
		ready.Add(1)
		go func() {
			ready.Done()
			v := <-ch
			res <- v * 2
		}()
	}
	ready.Wait()
	for i := 1; i <= n; i++ {
		ch <- i
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-res
	}
	fmt.Println("park", n, sum)
}
