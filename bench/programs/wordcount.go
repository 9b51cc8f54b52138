// wordcount: a script's daily work. Write a file of n lines of pseudo-random words through
// bufio.Writer, read it back with bufio.Scanner, count lines, words and bytes (strings.Fields)
// and the words' frequencies in a map.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	n := size(500000)
	dir, err := os.MkdirTemp("", "wordcount")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "words.txt")
	f, err := os.Create(name)
	if err != nil {
		panic(err)
	}
	w := bufio.NewWriter(f)
	vocabulary := []string{"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "gopher", "channel"}
	seed := uint32(1)
	for i := 0; i < n; i++ {
		k := i%7 + 1
		for j := 0; j < k; j++ {
			seed = seed*1103515245 + 12345
			if j > 0 {
				w.WriteByte(' ')
			}
			w.WriteString(vocabulary[(seed>>16)%10])
		}
		w.WriteByte('\n')
	}
	w.Flush()
	f.Close()

	f, err = os.Open(name)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	lines, words, bytes := 0, 0, 0
	counts := map[string]int{}
	for sc.Scan() {
		line := sc.Text()
		lines++
		bytes += len(line) + 1
		for _, word := range strings.Fields(line) {
			words++
			counts[word]++
		}
	}
	fmt.Println("wordcount", lines, words, bytes, len(counts), counts["gopher"], counts["the"])
}
