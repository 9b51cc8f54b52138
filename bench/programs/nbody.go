// nbody: the Sun and the four Jovian planets moved 2M steps of advance(0.01); float
// arithmetic on struct fields. Prints the system's energy before and after.
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

type Body struct {
	x, y, z, vx, vy, vz, mass float64
}

// Variables, not constants: Go folds constant expressions exactly, the peers round
// every operation, and the results must be bit-identical.
var (
	pi          = math.Pi
	daysPerYear = 365.24
	solarMass   = 4 * pi * pi
)

// Positions in AU, velocities in AU/day (scaled to AU/year), masses in solar masses.
func jovianBodies() []Body {
	return []Body{
		{ // Sun
			mass: solarMass,
		},
		{ // Jupiter
			x: 4.84143144246472090e+00, y: -1.16032004402742839e+00, z: -1.03622044471123109e-01,
			vx:   1.66007664274403694e-03 * daysPerYear,
			vy:   7.69901118419740425e-03 * daysPerYear,
			vz:   -6.90460016972063023e-05 * daysPerYear,
			mass: 9.54791938424326609e-04 * solarMass,
		},
		{ // Saturn
			x: 8.34336671824457987e+00, y: 4.12479856412430479e+00, z: -4.03523417114321381e-01,
			vx:   -2.76742510726862411e-03 * daysPerYear,
			vy:   4.99852801234917238e-03 * daysPerYear,
			vz:   2.30417297573763929e-05 * daysPerYear,
			mass: 2.85885980666130812e-04 * solarMass,
		},
		{ // Uranus
			x: 1.28943695621391310e+01, y: -1.51111514016986312e+01, z: -2.23307578892655734e-01,
			vx:   2.96460137564761618e-03 * daysPerYear,
			vy:   2.37847173959480950e-03 * daysPerYear,
			vz:   -2.96589568540237556e-05 * daysPerYear,
			mass: 4.36624404335156298e-05 * solarMass,
		},
		{ // Neptune
			x: 1.53796971148509165e+01, y: -2.59193146099879641e+01, z: 1.79258772950371181e-01,
			vx:   2.68067772490389322e-03 * daysPerYear,
			vy:   1.62824170038242295e-03 * daysPerYear,
			vz:   -9.51592254519715870e-05 * daysPerYear,
			mass: 5.15138902046611451e-05 * solarMass,
		},
	}
}

// offsetMomentum gives the Sun the velocity that makes the total momentum zero.
func offsetMomentum(bodies []Body) {
	px, py, pz := 0.0, 0.0, 0.0
	for i := range bodies {
		b := &bodies[i]
		px += b.vx * b.mass
		py += b.vy * b.mass
		pz += b.vz * b.mass
	}
	sun := &bodies[0]
	sun.vx = -px / solarMass
	sun.vy = -py / solarMass
	sun.vz = -pz / solarMass
}

// energy is the kinetic energy of every body less the potential energy of every pair.
func energy(bodies []Body) float64 {
	e := 0.0
	for i := range bodies {
		bi := &bodies[i]
		e += 0.5 * bi.mass * (bi.vx*bi.vx + bi.vy*bi.vy + bi.vz*bi.vz)
		for j := i + 1; j < len(bodies); j++ {
			bj := &bodies[j]
			dx := bi.x - bj.x
			dy := bi.y - bj.y
			dz := bi.z - bj.z
			e -= bi.mass * bj.mass / math.Sqrt(dx*dx+dy*dy+dz*dz)
		}
	}
	return e
}

// advance updates the velocities of every pair for their attraction, then moves
// every body by dt.
func advance(bodies []Body, dt float64) {
	for i := range bodies {
		bi := &bodies[i]
		for j := i + 1; j < len(bodies); j++ {
			bj := &bodies[j]
			dx := bi.x - bj.x
			dy := bi.y - bj.y
			dz := bi.z - bj.z
			d2 := dx*dx + dy*dy + dz*dz
			mag := dt / (d2 * math.Sqrt(d2))
			bi.vx -= dx * bj.mass * mag
			bi.vy -= dy * bj.mass * mag
			bi.vz -= dz * bj.mass * mag
			bj.vx += dx * bi.mass * mag
			bj.vy += dy * bi.mass * mag
			bj.vz += dz * bi.mass * mag
		}
	}
	for i := range bodies {
		b := &bodies[i]
		b.x += dt * b.vx
		b.y += dt * b.vy
		b.z += dt * b.vz
	}
}

func main() {
	n := size(2000000)
	bodies := jovianBodies()
	offsetMomentum(bodies)
	before := energy(bodies)
	for i := 0; i < n; i++ {
		advance(bodies, 0.01)
	}
	fmt.Printf("nbody %d %.9f %.9f\n", n, before, energy(bodies))
}
