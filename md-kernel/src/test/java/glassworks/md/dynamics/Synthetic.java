package glassworks.md.dynamics;

import glassworks.md.Box;
import glassworks.md.FrameSchedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic trajectories with known dynamics for the dynamics tests. */
final class Synthetic {
    private Synthetic() {
    }

    static Box box(int dims, double l) {
        return dims == 2 ? Box.planar(l, l) : Box.cubic(l);
    }

    /** Frame steps of a log-block schedule, the first {@code frames} frames. */
    static long[] logSteps(FrameSchedule s, int frames) {
        long[] steps = new long[frames];
        FrameSchedule.Cursor c = s.cursor();
        int f = 0;
        for (long step = 0; f < frames; step++) {
            if (c.isFrame(step)) {
                steps[f++] = step;
            }
        }
        return steps;
    }

    static long[] linearSteps(int frames, long interval) {
        long[] s = new long[frames];
        for (int f = 0; f < frames; f++) {
            s[f] = f * interval;
        }
        return s;
    }

    /**
     * Brownian walkers: positions at the given steps (time = step * dt), Gaussian increments of variance 2 D dt_f per
     * component between frames, start uniform in the box, never wrapped. Species alternate by {@code speciesCount}.
     */
    static Trajectory randomWalk(int n, int dims, double l, double d, double dt, long[] steps, int speciesCount,
                                 long seed) {
        Random rnd = new Random(seed);
        int frames = steps.length;
        double[][] x = new double[frames][n];
        double[][] y = new double[frames][n];
        double[][] z = dims == 3 ? new double[frames][n] : null;
        double[] times = new double[frames];
        Box[] boxes = new Box[frames];
        int[] sp = new int[n];
        for (int i = 0; i < n; i++) {
            sp[i] = i % speciesCount;
            x[0][i] = rnd.nextDouble() * l;
            y[0][i] = rnd.nextDouble() * l;
            if (z != null) {
                z[0][i] = rnd.nextDouble() * l;
            }
        }
        for (int f = 0; f < frames; f++) {
            times[f] = steps[f] * dt;
            boxes[f] = box(dims, l);
            if (f == 0) {
                continue;
            }
            double s = Math.sqrt(2 * d * (times[f] - times[f - 1]));
            for (int i = 0; i < n; i++) {
                x[f][i] = x[f - 1][i] + s * rnd.nextGaussian();
                y[f][i] = y[f - 1][i] + s * rnd.nextGaussian();
                if (z != null) {
                    z[f][i] = z[f - 1][i] + s * rnd.nextGaussian();
                }
            }
        }
        return Trajectory.ofArrays(dims, sp, steps.clone(), times, boxes, x, y, z);
    }

    /** Particles at constant speed v in random directions from random starts, unwrapped (crossing many boxes). */
    static Trajectory ballistic(int n, int dims, double l, double v, double dt, long[] steps, long seed) {
        Random rnd = new Random(seed);
        int frames = steps.length;
        double[][] x = new double[frames][n];
        double[][] y = new double[frames][n];
        double[][] z = dims == 3 ? new double[frames][n] : null;
        double[] times = new double[frames];
        Box[] boxes = new Box[frames];
        int[] sp = new int[n];
        double[][] vel = new double[n][3];
        double[][] r0 = new double[n][3];
        for (int i = 0; i < n; i++) {
            double[] u = new double[3];
            double norm;
            do {
                u[0] = rnd.nextGaussian();
                u[1] = rnd.nextGaussian();
                u[2] = dims == 3 ? rnd.nextGaussian() : 0;
                norm = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
            } while (norm < 1e-3);
            for (int a = 0; a < 3; a++) {
                vel[i][a] = v * u[a] / norm;
                r0[i][a] = a < dims ? rnd.nextDouble() * l : 0;
            }
        }
        for (int f = 0; f < frames; f++) {
            times[f] = steps[f] * dt;
            boxes[f] = box(dims, l);
            for (int i = 0; i < n; i++) {
                x[f][i] = r0[i][0] + vel[i][0] * times[f];
                y[f][i] = r0[i][1] + vel[i][1] * times[f];
                if (z != null) {
                    z[f][i] = r0[i][2] + vel[i][2] * times[f];
                }
            }
        }
        return Trajectory.ofArrays(dims, sp, steps.clone(), times, boxes, x, y, z);
    }

    /** Sites of a simple square (2D) or cubic (3D) lattice of m sites per edge, spacing a: {x[], y[], z[]}. */
    static double[][] lattice(int dims, int m, double a) {
        int n = dims == 2 ? m * m : m * m * m;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int i = 0;
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++) {
                if (dims == 2) {
                    x[i] = (p + 0.5) * a;
                    y[i] = (q + 0.5) * a;
                    i++;
                } else {
                    for (int r = 0; r < m; r++) {
                        x[i] = (p + 0.5) * a;
                        y[i] = (q + 0.5) * a;
                        z[i] = (r + 0.5) * a;
                        i++;
                    }
                }
            }
        }
        return new double[][]{x, y, z};
    }

    /** A trajectory from explicit frames (positions per frame as {x, y, z}), steps 0, 1, 2, ..., time = step. */
    static Trajectory of(int dims, int[] species, Box box, List<double[][]> frames) {
        Trajectory.Builder b = Trajectory.builder();
        for (int f = 0; f < frames.size(); f++) {
            double[][] p = frames.get(f);
            b.add(species, f, f, box, p[0], p[1], dims == 3 ? p[2] : null);
        }
        return b.build();
    }

    static double[][] copy(double[][] p) {
        return new double[][]{p[0].clone(), p[1].clone(), p[2].clone()};
    }

    static List<double[][]> repeat(double[][] p, int frames) {
        List<double[][]> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            out.add(copy(p));
        }
        return out;
    }
}
