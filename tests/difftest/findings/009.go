// Method expressions on interface types (`I.Get`, `error.Error`) are "not supported by Gol yet"; README claims method expressions.
package main

import (
	"errors"
	"fmt"
)

type I interface{ Get() int }

type T struct{ n int }

func (t T) Get() int { return t.n }

func main() {
	get := I.Get
	msg := error.Error
	fmt.Println(get(T{7}), msg(errors.New("boom"))) // Go: 7 boom
}
