// `for _, v = range xs` with v of interface type and xs of a concrete element type is "not supported by Gol yet".
package main

import "fmt"

func main() {
	var v interface{}
	for _, v = range []int{1, 2} {
	}
	fmt.Println(v) // Go: 2
}
