// fanin: 4 producers on 4 unbuffered channels, merged by one select loop (2M items).
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

func producer(id, per int, out chan<- int) {
	for i := 0; i < per; i++ {
		out <- id*per + i
	}
}

func main() {
	n := size(2000000)
	per := n / 4
	c0 := make(chan int)
	c1 := make(chan int)
	c2 := make(chan int)
	c3 := make(chan int)
	go producer(0, per, c0)
	go producer(1, per, c1)
	go producer(2, per, c2)
	go producer(3, per, c3)
	sum := 0
	count := 0
	for count < 4*per {
		select {
		case v := <-c0:
			sum += v
		case v := <-c1:
			sum += v
		case v := <-c2:
			sum += v
		case v := <-c3:
			sum += v
		}
		count++
	}
	fmt.Println("fanin", count, sum)
}
