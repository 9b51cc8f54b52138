// fannkuch: fannkuch-redux over the 10! permutations of 1..10. For each permutation,
// count the flips (reverse the first k elements, k the first element) until 1 is in
// front; prints the checksum (flip counts with alternating signs) and the most flips.
// Integer work on small []int: indexing, swaps, nested loops.
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

func main() {
	n := size(10)
	perm := make([]int, n)  // the permutation being flipped
	perm1 := make([]int, n) // the current permutation (of 0..n-1)
	count := make([]int, n) // rotations left at each level of the generator
	for i := range perm1 {
		perm1[i] = i
	}
	checksum, maxFlips, permIndex := 0, 0, 0
	r := n
	for {
		for ; r != 1; r-- {
			count[r-1] = r
		}
		copy(perm, perm1)
		flips := 0
		for k := perm[0]; k != 0; k = perm[0] {
			for i, j := 0, k; i < j; i, j = i+1, j-1 {
				perm[i], perm[j] = perm[j], perm[i]
			}
			flips++
		}
		if flips > maxFlips {
			maxFlips = flips
		}
		if permIndex%2 == 0 {
			checksum += flips
		} else {
			checksum -= flips
		}
		// next permutation: rotate the first r+1 elements left by one, and move up a
		// level each time a level has done all its rotations
		for {
			if r == n {
				fmt.Println("fannkuch", n, checksum, maxFlips)
				return
			}
			first := perm1[0]
			for i := 0; i < r; i++ {
				perm1[i] = perm1[i+1]
			}
			perm1[r] = first
			count[r]--
			if count[r] > 0 {
				break
			}
			r++
		}
		permIndex++
	}
}
