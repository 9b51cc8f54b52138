// Gol rejects converting between struct types whose fields differ only in their tags (`B(a)`); Go ignores tags in conversions.
package main

import "fmt"

type A struct {
	N int `json:"n"`
}

type B struct {
	N int
}

func main() {
	a := A{1}
	fmt.Println(B(a)) // Go: {1}
}
