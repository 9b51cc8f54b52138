// Untyped float constants near subnormal rounding boundaries are rounded twice (wrongly): just below the subnormal/normal midpoint they round up, just above half the smallest subnormal they become 0; strconv.ParseFloat is right.
package main

import "fmt"

func main() {
	fmt.Println(2.2250738585072011e-308) // Go: 2.225073858507201e-308 (Gol: 2.2250738585072014e-308)
	fmt.Println(float32(1.17549425e-38))  // Go: 1.1754942e-38 (Gol: 1.1754944e-38)
	fmt.Println(2.4703282292062328e-324) // Go: 5e-324 (Gol: 0)
}
