// buffered: 10M items from a producer goroutine through a channel of capacity 1024,
// closed at the end and drained with range.
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
	n := size(10000000)
	ch := make(chan int, 1024)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	sum := 0
	count := 0
	for v := range ch {
		sum += v
		count++
	}
	fmt.Println("buffered", count, sum)
}
