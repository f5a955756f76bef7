package glassworks.md.dynamics;

import glassworks.md.Box;
import glassworks.md.FrameView;

/**
 * Unwraps wrapped coordinates frame by frame, in frame order, with image counters: between consecutive frames a
 * particle's wrapped coordinate changes by d; a jump of more than half the box edge is a boundary crossing, so the
 * image counter changes by -rint(d / L) (L the edge of the later frame's box), and the unwrapped coordinate is
 * wrapped + image x L. This is the kernel's (and LAMMPS') convention x_unwrapped = x + image_x L_x, so under NPT the
 * image term follows the current box; in a fixed box it is the same as adding minimum-image displacements.
 *
 * <p>Valid when no particle moves more than half a box edge between consecutive frames (true displacement); denser
 * frames are then needed. The first frame's coordinates are taken as they are (image 0).
 */
public final class Unwrapper {
    private final int n;
    private final int dims;
    private final double[] px;
    private final double[] py;
    private final double[] pz;
    private final long[] ix;
    private final long[] iy;
    private final long[] iz;
    private boolean started;

    public Unwrapper(int n, int dims) {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("dims must be 2 or 3");
        }
        this.n = n;
        this.dims = dims;
        px = new double[n];
        py = new double[n];
        pz = new double[n];
        ix = new long[n];
        iy = new long[n];
        iz = new long[n];
    }

    /**
     * Unwraps one frame in place: the arrays hold the wrapped coordinates on entry and the unwrapped ones on return
     * ({@code z} ignored in 2D).
     */
    public void unwrap(double[] x, double[] y, double[] z, Box box) {
        axis(x, px, ix, box.lx());
        axis(y, py, iy, box.ly());
        if (dims == 3) {
            axis(z, pz, iz, box.lz());
        }
        started = true;
    }

    private void axis(double[] w, double[] prev, long[] img, double edge) {
        for (int i = 0; i < n; i++) {
            double wi = w[i];
            if (started) {
                img[i] -= (long) Math.rint((wi - prev[i]) / edge);
            }
            prev[i] = wi;
            w[i] = wi + img[i] * edge;
        }
    }

    /** Image counter of particle i along axis a (0, 1, 2) after the last frame. */
    public long image(int i, int axis) {
        return axis == 0 ? ix[i] : axis == 1 ? iy[i] : iz[i];
    }

    /** A copy of the frame with unwrapped x, y, z (the other arrays shared). */
    public FrameView unwrapped(FrameView f) {
        double[] x = java.util.Arrays.copyOf(f.x(), f.n());
        double[] y = java.util.Arrays.copyOf(f.y(), f.n());
        double[] z = f.z() == null ? new double[f.n()] : java.util.Arrays.copyOf(f.z(), f.n());
        Box box = f.dims() == 2 ? Box.planar(f.boxX(), f.boxY()) : new Box(f.boxX(), f.boxY(), f.boxZ());
        unwrap(x, y, z, box);
        return new FrameView(f.frameIndex(), f.step(), f.time(), f.n(), f.dims(), f.species(), x, y, z, f.boxX(),
                f.boxY(), f.boxZ(), f.vx(), f.vy(), f.vz(), f.potentialEnergy(), f.virial());
    }

    /** A new trajectory with the wrapped coordinates of {@code wrapped} unwrapped frame by frame. */
    public static Trajectory unwrap(Trajectory wrapped) {
        int frames = wrapped.frames();
        int n = wrapped.n();
        boolean three = wrapped.dims() == 3;
        Unwrapper u = new Unwrapper(n, wrapped.dims());
        double[][] x = new double[frames][];
        double[][] y = new double[frames][];
        double[][] z = three ? new double[frames][] : null;
        long[] steps = wrapped.steps();
        double[] times = wrapped.times();
        Box[] boxes = new Box[frames];
        for (int f = 0; f < frames; f++) {
            x[f] = wrapped.x(f).clone();
            y[f] = wrapped.y(f).clone();
            if (three) {
                z[f] = wrapped.z(f).clone();
            }
            boxes[f] = wrapped.box(f);
            u.unwrap(x[f], y[f], three ? z[f] : null, boxes[f]);
        }
        return Trajectory.ofArrays(wrapped.dims(), wrapped.species().clone(), steps, times, boxes, x, y, z);
    }
}
