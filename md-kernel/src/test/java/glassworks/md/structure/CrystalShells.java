package glassworks.md.structure;

import glassworks.md.FrameView;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test geometry: perfect fcc, hcp, bcc and simple cubic crystals filling periodic boxes (every particle sees the same
 * shells), the 12 vertices of an icosahedron, finite clusters placed in a large box, random rotations, and random
 * periodic configurations. Nearest-neighbour distance 1 unless told otherwise.
 */
final class CrystalShells {
    private CrystalShells() {
    }

    /** Fcc: cells^3 cubic cells of edge a = nn sqrt(2), 4 atoms each. Shells at nn, nn sqrt(2), nn sqrt(3), ... */
    static FrameView fcc(int cells, double nn) {
        double a = nn * Math.sqrt(2.0);
        return cubicLattice(cells, a, new double[][]{{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}});
    }

    /** Bcc: cells^3 cubic cells of edge a = 2 nn / sqrt(3), 2 atoms each. 8 neighbours at nn, then 6 at a. */
    static FrameView bcc(int cells, double nn) {
        double a = 2.0 * nn / Math.sqrt(3.0);
        return cubicLattice(cells, a, new double[][]{{0, 0, 0}, {0.5, 0.5, 0.5}});
    }

    /** Simple cubic: cells^3 cells of edge nn. 6 neighbours at nn, 12 at nn sqrt(2). */
    static FrameView simpleCubic(int cells, double nn) {
        return cubicLattice(cells, nn, new double[][]{{0, 0, 0}});
    }

    /**
     * Ideal hcp (c/a = sqrt(8/3)) in its orthorhombic cell a x sqrt(3) a x c with 4 atoms (A layer at z = 0, B layer at
     * z = c/2), repeated nx x ny x nz. 12 neighbours at a: 6 in plane, 3 above, 3 below; the next 6 at a sqrt(2).
     */
    static FrameView hcp(int nx, int ny, int nz, double a) {
        double b = Math.sqrt(3.0) * a;
        double c = Math.sqrt(8.0 / 3.0) * a;
        double[][] basis = {{0, 0, 0}, {0.5 * a, 0.5 * b, 0}, {0.5 * a, b / 6.0, 0.5 * c}, {0, 2.0 * b / 3.0, 0.5 * c}};
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                for (int k = 0; k < nz; k++) {
                    for (double[] p : basis) {
                        pts.add(new double[]{i * a + p[0], j * b + p[1], k * c + p[2]});
                    }
                }
            }
        }
        return frame(pts, nx * a, ny * b, nz * c);
    }

    private static FrameView cubicLattice(int cells, double a, double[][] basis) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                for (int k = 0; k < cells; k++) {
                    for (double[] p : basis) {
                        pts.add(new double[]{(i + p[0]) * a, (j + p[1]) * a, (k + p[2]) * a});
                    }
                }
            }
        }
        return frame(pts, cells * a, cells * a, cells * a);
    }

    /** The 12 vertices of a regular icosahedron at distance {@code radius} from its centre. */
    static double[][] icosahedron(double radius) {
        double phi = (1 + Math.sqrt(5.0)) / 2;
        List<double[]> v = new ArrayList<>();
        for (int s1 : new int[]{1, -1}) {
            for (int s2 : new int[]{1, -1}) {
                v.add(new double[]{0, s1, s2 * phi});
                v.add(new double[]{s1, s2 * phi, 0});
                v.add(new double[]{s2 * phi, 0, s1});
            }
        }
        double scale = radius / Math.sqrt(1 + phi * phi);
        double[][] out = new double[12][];
        for (int i = 0; i < 12; i++) {
            out[i] = new double[]{v.get(i)[0] * scale, v.get(i)[1] * scale, v.get(i)[2] * scale};
        }
        return out;
    }

    /**
     * Bond vectors from particle {@code centre} of a periodic frame to every particle closer than {@code reach}
     * (minimum image): the crystal's shells around one site, for building finite clusters.
     */
    static double[][] shellsAround(FrameView f, int centre, double reach) {
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < f.n(); j++) {
            if (j == centre) {
                continue;
            }
            double dx = image(f.x()[j] - f.x()[centre], f.boxX());
            double dy = image(f.y()[j] - f.y()[centre], f.boxY());
            double dz = image(f.z()[j] - f.z()[centre], f.boxZ());
            if (dx * dx + dy * dy + dz * dz < reach * reach) {
                out.add(new double[]{dx, dy, dz});
            }
        }
        return out.toArray(new double[0][]);
    }

    /**
     * A finite cluster in a cubic box of edge {@code box}: particle 0 at the box centre, particle k + 1 at the centre
     * plus {@code bonds[k]}. Species all 0.
     */
    static FrameView cluster(double[][] bonds, double box) {
        List<double[]> pts = new ArrayList<>();
        double c = box / 2;
        pts.add(new double[]{c, c, c});
        for (double[] b : bonds) {
            pts.add(new double[]{c + b[0], c + b[1], c + b[2]});
        }
        return frame(pts, box, box, box);
    }

    /** A uniformly random rotation matrix (from a random unit quaternion). */
    static double[][] randomRotation(SplittableRandom rng) {
        double[] q = new double[4];
        double norm;
        do {
            norm = 0;
            for (int k = 0; k < 4; k++) {
                q[k] = rng.nextDouble(-1, 1);
                norm += q[k] * q[k];
            }
        } while (norm > 1 || norm < 1e-3);
        norm = Math.sqrt(norm);
        double w = q[0] / norm;
        double x = q[1] / norm;
        double y = q[2] / norm;
        double z = q[3] / norm;
        return new double[][]{
                {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
                {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
                {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
    }

    /** Every vector of {@code v} rotated by {@code rot}. */
    static double[][] rotate(double[][] v, double[][] rot) {
        double[][] out = new double[v.length][3];
        for (int i = 0; i < v.length; i++) {
            for (int a = 0; a < 3; a++) {
                out[i][a] = rot[a][0] * v[i][0] + rot[a][1] * v[i][1] + rot[a][2] * v[i][2];
            }
        }
        return out;
    }

    /**
     * N particles placed uniformly at random in a periodic cube of edge {@code edge} (positions spread over several
     * periodic images, as unwrapped trajectories are), species 0 or 1 at 80:20.
     */
    static FrameView randomPeriodic(int n, double edge, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] species = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            species[i] = rng.nextDouble() < 0.2 ? 1 : 0;
            x[i] = rng.nextDouble(0, edge) + edge * (rng.nextInt(3) - 1);
            y[i] = rng.nextDouble(0, edge);
            z[i] = rng.nextDouble(0, edge) - edge * rng.nextInt(2);
        }
        return new FrameView(0, 0, 0, n, 3, species, x, y, z, edge, edge, edge, null, null, null, null);
    }

    /** A copy of {@code f} with every particle displaced by N(0, jitter^2) per axis. */
    static FrameView jiggle(FrameView f, double jitter, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = f.x().clone();
        double[] y = f.y().clone();
        double[] z = f.z().clone();
        for (int i = 0; i < f.n(); i++) {
            x[i] += jitter * gaussian(rng);
            y[i] += jitter * gaussian(rng);
            z[i] += jitter * gaussian(rng);
        }
        return new FrameView(0, 0, 0, f.n(), 3, f.species().clone(), x, y, z, f.boxX(), f.boxY(), f.boxZ(), null, null,
                null, null);
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double image(double d, double l) {
        return d - l * Math.rint(d / l);
    }

    static FrameView frame(List<double[]> pts, double lx, double ly, double lz) {
        int n = pts.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
            z[i] = pts.get(i)[2];
        }
        return new FrameView(0, 0, 0, n, 3, new int[n], x, y, z, lx, ly, lz, null, null, null, null);
    }
}
