// Gol rejects `var y int16 = 1 << s`: an untyped constant shifted by a non-constant count must take its type from the context (int16), Gol types it int.
package main

import "fmt"

func main() {
	var s uint = 3
	var y int16 = 1 << s
	var z uint8
	z = 255 << s
	fmt.Println(y, z)
}
