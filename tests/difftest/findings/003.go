// append's capacity growth for []string past 32 elements differs from Go (Gol 71, 143, 303, 591...; Go 64, 128, 256, 512, 848).
package main

import "fmt"

func main() {
	var a []string
	last := -1
	for i := 0; i < 1100; i++ {
		a = append(a, "x")
		if cap(a) != last {
			last = cap(a)
			fmt.Print(last, " ")
		}
	}
	fmt.Println()
}
