// The panic of a failed type assertion on a nil empty interface says `interface is nil`, Go says `interface {} is nil`.
package main

import "fmt"

func main() {
	defer func() { fmt.Println(recover()) }()
	var x interface{}
	fmt.Println(x.(float64))
}
