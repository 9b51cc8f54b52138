// fmt does not catch a panic in a String or Error method: Go prints `%!v(PANIC=String method: boom)` (and `<nil>` for a nil pointer receiver), Gol's program dies.
package main

import "fmt"

type Bad int

func (b Bad) String() string { panic("boom") }

type Node struct{ name string }

func (n *Node) String() string { return n.name }

func main() {
	var n *Node
	fmt.Printf("%v|%s\n", Bad(1), Bad(2)) // Go: %!v(PANIC=String method: boom)|%!s(PANIC=String method: boom)
	fmt.Println(n)                        // Go: <nil>
}
