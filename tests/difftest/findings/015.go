// `return strconv.Atoi(s)` from a function returning (interface{}, error) is rejected: "cannot use strconv.Atoi(s) value as any value in return statement".
package main

import (
	"fmt"
	"strconv"
)

func parse(s string) (interface{}, error) {
	return strconv.Atoi(s)
}

func main() {
	fmt.Println(parse("7")) // Go: 7 <nil>
}
