// qsort: a hand-written quicksort of n pseudo-random ints in a []int (the twin of gqsort,
// which sorts the same numbers with a generic quicksort).
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

func quicksort(a []int, lo, hi int) {
	for lo < hi {
		p := a[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
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
	n := size(1000000)
	a := make([]int, n)
	x := 42
	for i := range a {
		x = (x*1103515245 + 12345) % 2147483648
		a[i] = x % 1000000
	}
	quicksort(a, 0, n-1)
	sum := 0
	for _, v := range a {
		sum = (sum*31 + v) % 1000000007
	}
	fmt.Println("qsort", n, a[0], a[n-1], sum)
}
