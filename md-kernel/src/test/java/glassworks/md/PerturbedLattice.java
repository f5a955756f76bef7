package glassworks.md;

import java.util.SplittableRandom;

/**
 * Test configurations without overlaps for any model, 2D or 3D: a simple square/cubic lattice filling the box of the
 * model's density, every site displaced by a Gaussian, some particles moved by whole box edges (unwrapped input), species
 * dealt at random in the model's proportions. And the O(N^2) minimum-image oracles the force tests compare against,
 * written from {@link PairModel#pairEnergy} and {@link PairModel#pairForceOverR} only.
 */
final class PerturbedLattice {
    final PairModel model;
    final Box box;
    final int[] species;
    final double[] x;
    final double[] y;
    final double[] z;

    private PerturbedLattice(PairModel model, Box box, int[] species, double[] x, double[] y, double[] z) {
        this.model = model;
        this.box = box;
        this.species = species;
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /** {@code side^dims} particles at the model's density, sites displaced by N(0, jitter^2) per axis. */
    static PerturbedLattice of(PairModel model, int side, double jitter, long seed) {
        int dims = model.dims();
        int n = dims == 2 ? side * side : side * side * side;
        Box box = Box.forDensity(dims, n, model.defaultDensity());
        SplittableRandom rng = new SplittableRandom(seed);
        int[] counts = model.composition(n);
        int[] species = new int[n];
        for (int s = 0, i = 0; s < counts.length; s++) {
            for (int c = 0; c < counts[s]; c++) {
                species[i++] = s;
            }
        }
        for (int i = n - 1; i > 0; i--) { // shuffle
            int j = rng.nextInt(i + 1);
            int t = species[i];
            species[i] = species[j];
            species[j] = t;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double a = box.lx() / side;
        for (int i = 0; i < n; i++) {
            int ix = i % side;
            int iy = i / side % side;
            int iz = i / (side * side);
            x[i] = (ix + 0.5) * a + jitter * gaussian(rng) + box.lx() * (rng.nextInt(3) - 1);
            y[i] = (iy + 0.5) * a + jitter * gaussian(rng) - box.ly() * rng.nextInt(2);
            z[i] = dims == 2 ? 0.0 : (iz + 0.5) * a + jitter * gaussian(rng);
        }
        return new PerturbedLattice(model, box, species, x, y, z);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    int n() {
        return species.length;
    }

    /** A simulation of this configuration (list built, forces not yet computed). */
    Simulation simulation(int threads) {
        return new Simulation(model, box, species, x, y, z, 0.3, threads, 0.005);
    }

    /** r_i - r_j under minimum image (any wrapping), as {dx, dy, dz}; dz = 0 in 2D. */
    static double[] separation(Box box, double xi, double yi, double zi, double xj, double yj, double zj) {
        return new double[]{minImage(xi - xj, box.lx()), minImage(yi - yj, box.ly()),
                box.dims() == 2 ? 0.0 : minImage(zi - zj, box.lz())};
    }

    static double minImage(double d, double edge) {
        return d - edge * Math.rint(d / edge);
    }

    /**
     * Brute-force sums over all pairs of the current positions of {@code sim}, in the simulation's internal particle
     * order: forces {fx, fy, fz}, per-particle energies, per-particle virial tensors (6 components each, xx yy zz xy xz
     * yz), and the totals {energy, virial}.
     */
    record Sums(double[][] force, double[] energyPerParticle, double[][] virialPerParticle, double energy, double virial) {
    }

    static Sums bruteForce(Simulation sim) {
        Particles p = sim.p;
        PairModel model = sim.model;
        int n = p.n;
        double[][] f = new double[3][n];
        double[] e = new double[n];
        double[][] w = new double[6][n];
        double energy = 0;
        double virial = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double[] d = separation(sim.box, p.x[i], p.y[i], p.z[i], p.x[j], p.y[j], p.z[j]);
                double rsq = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
                int a = p.species[i];
                int b = p.species[j];
                double u = model.pairEnergy(a, b, rsq);
                double fr = model.pairForceOverR(a, b, rsq);
                energy += u;
                virial += rsq * fr;
                e[i] += 0.5 * u;
                e[j] += 0.5 * u;
                for (int k = 0; k < 3; k++) {
                    f[k][i] += d[k] * fr;
                    f[k][j] -= d[k] * fr;
                }
                double[] pair = {d[0] * d[0], d[1] * d[1], d[2] * d[2], d[0] * d[1], d[0] * d[2], d[1] * d[2]};
                for (int c = 0; c < 6; c++) {
                    w[c][i] += 0.5 * fr * pair[c];
                    w[c][j] += 0.5 * fr * pair[c];
                }
            }
        }
        return new Sums(f, e, w, energy, virial);
    }

    /** max_i |a_i - b_i| / max_i |b_i| over the components given (norm-wise relative difference). */
    static double relativeDifference(double[][] a, double[][] b) {
        double diff = 0;
        double scale = 0;
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                diff = Math.max(diff, Math.abs(a[k][i] - b[k][i]));
                scale = Math.max(scale, Math.abs(b[k][i]));
            }
        }
        return scale == 0 ? diff : diff / scale;
    }
}
