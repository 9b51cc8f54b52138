// Writing to a copy of a non-zero strings.Builder does not panic; Go panics with "strings: illegal use of non-zero Builder copied by value".
package main

import (
	"fmt"
	"strings"
)

func main() {
	defer func() { fmt.Println("recovered:", recover()) }()
	var b strings.Builder
	b.WriteString("x")
	c := b
	c.WriteString("y")
	fmt.Println("not reached", c.String()) // Go: recovered: strings: illegal use of non-zero Builder copied by value
}
