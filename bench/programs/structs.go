// structs: a slice of 500k structs, value and pointer method calls, a hand-written quicksort.
package main

import (
	"fmt"
	"os"
)

func size(def int) int {
	if len(os.Args) < 2 {
		return def
	}
	n := 0
	for _, c := range os.Args[1] {
		n = n*10 + int(c-'0')
	}
	return n
}

type Item struct {
	Key   int
	Value int
}

func (a Item) Less(b Item) bool {
	if a.Key != b.Key {
		return a.Key < b.Key
	}
	return a.Value < b.Value
}

func (a Item) Score() int {
	return a.Key*3 + a.Value
}

func (a *Item) Bump(d int) {
	a.Value += d
}

func quicksort(a []Item, lo, hi int) {
	for lo < hi {
		p := a[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for a[i].Less(p) {
				i++
			}
			for p.Less(a[j]) {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		if j-lo < hi-i {
			quicksort(a, lo, j)
			lo = i
		} else {
			quicksort(a, i, hi)
			hi = j
		}
	}
}

func main() {
	n := size(500000)
	items := make([]Item, n)
	x := 42
	for i := 0; i < n; i++ {
		x = (x*1103515245 + 12345) % 2147483648
		items[i] = Item{Key: x % 1000000, Value: i}
	}
	for i := range items {
		items[i].Bump(i % 3)
	}
	quicksort(items, 0, n-1)
	sorted := true
	cs := 0
	for i := 0; i < n; i++ {
		if i > 0 && items[i].Less(items[i-1]) {
			sorted = false
		}
		cs = (cs*31 + items[i].Score()) % 1000000007
	}
	fmt.Println("structs", n, sorted, cs)
}
