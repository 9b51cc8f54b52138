// maps: a map[string]int of 1M keys: insert, look up (hits and misses), update, range.
package main

import (
	"fmt"
	"os"
	"strconv"
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

func main() {
	n := size(1000000)
	m := make(map[string]int)
	for i := 0; i < n; i++ {
		m["k"+strconv.Itoa(i)] = i
	}
	hits := 0
	misses := 0
	sum := 0
	for i := 0; i < n; i += 2 {
		if v, ok := m["k"+strconv.Itoa(i)]; ok {
			hits++
			sum += v
		}
		if _, ok := m["x"+strconv.Itoa(i)]; !ok {
			misses++
		}
	}
	for i := 0; i < n; i += 3 {
		m["k"+strconv.Itoa(i)] += 5
	}
	total := 0
	for _, v := range m {
		total += v
	}
	fmt.Println("maps", len(m), hits, misses, sum, total)
}
