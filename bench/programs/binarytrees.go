// binarytrees: allocate and walk many small binary trees (max depth 16). A stretch tree
// of depth maxDepth+1, a long-lived tree of depth maxDepth kept to the end, and at each
// depth 4, 6, ..., maxDepth, 2^(maxDepth-depth+4) trees built and checked (node counts).
// Pointer-heavy allocation and freeing.
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

type Node struct {
	left, right *Node
}

func bottomUpTree(depth int) *Node {
	if depth <= 0 {
		return &Node{}
	}
	return &Node{bottomUpTree(depth - 1), bottomUpTree(depth - 1)}
}

// itemCheck counts the nodes of the tree.
func (t *Node) itemCheck() int {
	if t.left == nil {
		return 1
	}
	return 1 + t.left.itemCheck() + t.right.itemCheck()
}

func main() {
	const minDepth = 4
	maxDepth := size(16)
	if maxDepth < minDepth+2 {
		maxDepth = minDepth + 2
	}
	stretchCheck := bottomUpTree(maxDepth + 1).itemCheck()
	longLived := bottomUpTree(maxDepth)
	total := 0 // the checks of every depth's trees
	for depth := minDepth; depth <= maxDepth; depth += 2 {
		iterations := 1 << (maxDepth - depth + minDepth)
		check := 0
		for i := 0; i < iterations; i++ {
			check += bottomUpTree(depth).itemCheck()
		}
		total += check
	}
	fmt.Println("binarytrees", maxDepth, stretchCheck, total, longLived.itemCheck())
}
