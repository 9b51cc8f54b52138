// Gol rejects `const s = string(rune(65))`: converting a constant integer to a string type yields a constant in Go.
package main

import "fmt"

const s = string(rune(65))

type Name string

const n = Name(rune(0x263A))

func main() {
	fmt.Println(s, n, len(s)) // Go: A ☺ 1
}
