// `case x = <-ch:` in a select, x of interface type and ch of a concrete element type, is "not supported by Gol yet".
package main

import "fmt"

func main() {
	var x interface{}
	ch := make(chan int, 1)
	ch <- 4
	select {
	case x = <-ch:
	}
	fmt.Println(x) // Go: 4
}
