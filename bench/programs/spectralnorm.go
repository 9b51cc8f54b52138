// spectralnorm: the spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1)
// cut to 1500 x 1500, by 10 power iterations of AᵀA: float loops over []float64, calls.
package main

import (
	"fmt"
	"math"
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

func a(i, j int) float64 {
	return 1.0 / float64((i+j)*(i+j+1)/2+i+1)
}

// mulAv sets av to A·v.
func mulAv(v, av []float64) {
	for i := range av {
		sum := 0.0
		for j := range v {
			sum += a(i, j) * v[j]
		}
		av[i] = sum
	}
}

// mulAtv sets atv to Aᵀ·v.
func mulAtv(v, atv []float64) {
	for i := range atv {
		sum := 0.0
		for j := range v {
			sum += a(j, i) * v[j]
		}
		atv[i] = sum
	}
}

// mulAtAv sets out to AᵀA·v; tmp holds A·v.
func mulAtAv(v, out, tmp []float64) {
	mulAv(v, tmp)
	mulAtv(tmp, out)
}

func main() {
	n := size(1500)
	u := make([]float64, n)
	v := make([]float64, n)
	tmp := make([]float64, n)
	for i := range u {
		u[i] = 1.0
	}
	for i := 0; i < 10; i++ {
		mulAtAv(u, v, tmp)
		mulAtAv(v, u, tmp)
	}
	vBv, vv := 0.0, 0.0
	for i := 0; i < n; i++ {
		vBv += u[i] * v[i]
		vv += v[i] * v[i]
	}
	fmt.Printf("spectralnorm %d %.9f\n", n, math.Sqrt(vBv/vv))
}
