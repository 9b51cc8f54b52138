// Assigning a call's several concrete results to interface variables (`x, err = strconv.Atoi(s)`, `var a, b interface{} = pair()`) is "not supported by Gol yet".
package main

import (
	"fmt"
	"strconv"
)

func pair() (int, string) { return 1, "x" }

func main() {
	var x interface{}
	var err error
	x, err = strconv.Atoi("12")
	var a, b interface{} = pair()
	fmt.Println(x, err, a, b) // Go: 12 <nil> 1 x
}
