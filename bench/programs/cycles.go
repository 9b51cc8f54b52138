// cycles: build and drop cyclic garbage n times: a doubly linked list of 1000 nodes, a
// binary tree of depth 8 whose nodes point back to their parents, and 100 closures that
// each capture the variable they are stored in. A reference-counting runtime frees none of
// it without a cycle collector; the checksum adds what each round computed.
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

type listNode struct {
	prev, next *listNode
	value      int
}

// A list of n nodes; returns the sum of the values walking back from the tail.
func list(n int) int {
	head := &listNode{value: 0}
	tail := head
	for i := 1; i < n; i++ {
		node := &listNode{prev: tail, value: i}
		tail.next = node
		tail = node
	}
	sum := 0
	for node := tail; node != nil; node = node.prev {
		sum += node.value
	}
	return sum
}

type treeNode struct {
	parent, left, right *treeNode
	depth               int
}

func tree(parent *treeNode, depth int) *treeNode {
	t := &treeNode{parent: parent, depth: depth}
	if depth > 0 {
		t.left = tree(t, depth-1)
		t.right = tree(t, depth-1)
	}
	return t
}

// The sum over the leaves of the depth of their root, reached through parent pointers.
func leafRoots(t *treeNode) int {
	if t.left == nil {
		root := t
		for root.parent != nil {
			root = root.parent
		}
		return root.depth
	}
	return leafRoots(t.left) + leafRoots(t.right)
}

// n closures that each call themselves through the variable that holds them.
func closures(n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		var countdown func(k int) int
		countdown = func(k int) int {
			if k == 0 {
				return i
			}
			return countdown(k - 1)
		}
		sum += countdown(3)
	}
	return sum
}

func main() {
	n := size(2000)
	checksum := 0
	for round := 0; round < n; round++ {
		checksum += list(1000)
		checksum += leafRoots(tree(nil, 8))
		checksum += closures(100)
	}
	fmt.Println("cycles", n, checksum)
}
