// A tagless switch (`switch { case i: }`, i.e. `switch true`) with a case of interface type is rejected ("mismatched types any and bool"); Go compares true with the interface value.
package main

import "fmt"

func main() {
	var i interface{} = true
	switch {
	case i:
		fmt.Println("i is true") // Go: i is true
	default:
		fmt.Println("default")
	}
}
