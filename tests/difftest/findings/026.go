// Converting an integer constant too big for an int to a string (`string(1<<100)`, accepted by Go 1.19) is rejected as an int overflow; Go gives "\uFFFD".
package main

import "fmt"

func main() {
	const huge = string(1 << 100)
	fmt.Printf("%q\n", huge) // Go: "�"
}
