package glassworks.md;

import java.util.SplittableRandom;

/**
 * Start positions that cannot overlap: in 3D an fcc lattice when N = 4 k^3 fits the box exactly, otherwise the smallest
 * simple cubic lattice with M^3 >= N sites filling the box, of which N sites spread evenly over the lattice are kept; in
 * 2D the same with a square lattice of M^2 >= N sites.
 * Particle ids are dealt to sites in a random order drawn from the run's seed, so the species (ids 0..N_A-1 are A, the
 * rest B) land on random sites like LAMMPS {@code set type/fraction}.
 */
final class LatticeStart {
    /** Positions by particle id and the lattice kind ("fcc-lattice" or "sc-lattice"). */
    record Placement(double[] x, double[] y, double[] z, String kind) {
    }

    private LatticeStart() {
    }

    static Placement place(int n, Box box, SplittableRandom rng) {
        double[] sx = new double[n];
        double[] sy = new double[n];
        double[] sz = new double[n];
        String kind;
        int k = (int) Math.round(Math.cbrt(n / 4.0));
        if (box.dims() == 2) {
            kind = "square-lattice";
            int m = (int) Math.ceil(Math.sqrt(n) - 1e-9);
            while ((long) m * m < n) {
                m++;
            }
            long sites = (long) m * m;
            double ax = box.lx() / m;
            double ay = box.ly() / m;
            for (int s = 0; s < n; s++) {
                long site = (long) s * sites / n; // evenly spread vacancies
                sx[s] = (site % m + 0.5) * ax;
                sy[s] = (site / m + 0.5) * ay;
            }
        } else if (4L * k * k * k == n && k > 0) {
            kind = "fcc-lattice";
            double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
            double ax = box.lx() / k;
            double ay = box.ly() / k;
            double az = box.lz() / k;
            int s = 0;
            for (int iz = 0; iz < k; iz++) {
                for (int iy = 0; iy < k; iy++) {
                    for (int ix = 0; ix < k; ix++) {
                        for (double[] b : basis) {
                            // a quarter-cell offset keeps every site off the box faces
                            sx[s] = (ix + b[0] + 0.25) * ax;
                            sy[s] = (iy + b[1] + 0.25) * ay;
                            sz[s] = (iz + b[2] + 0.25) * az;
                            s++;
                        }
                    }
                }
            }
        } else {
            kind = "sc-lattice";
            int m = (int) Math.ceil(Math.cbrt(n) - 1e-9);
            while ((long) m * m * m < n) {
                m++;
            }
            long sites = (long) m * m * m;
            double ax = box.lx() / m;
            double ay = box.ly() / m;
            double az = box.lz() / m;
            for (int s = 0; s < n; s++) {
                long site = (long) s * sites / n; // evenly spread vacancies
                int ix = (int) (site % m);
                int iy = (int) (site / m % m);
                int iz = (int) (site / ((long) m * m));
                sx[s] = (ix + 0.5) * ax;
                sy[s] = (iy + 0.5) * ay;
                sz[s] = (iz + 0.5) * az;
            }
        }
        // Fisher-Yates: particle id -> site
        int[] site = new int[n];
        for (int i = 0; i < n; i++) {
            site[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = site[i];
            site[i] = site[j];
            site[j] = t;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int id = 0; id < n; id++) {
            x[id] = sx[site[id]];
            y[id] = sy[site[id]];
            z[id] = sz[site[id]];
        }
        return new Placement(x, y, z, kind);
    }
}
