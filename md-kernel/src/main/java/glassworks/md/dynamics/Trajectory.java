package glassworks.md.dynamics;

import glassworks.md.Box;
import glassworks.md.FrameView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames of one run held in memory for multi-origin dynamics: unwrapped positions per frame, the species (the same
 * for every frame), the step, time and box of each frame, in strictly increasing step order.
 *
 * <p><b>Positions are doubles.</b> The stored columns are doubles, and every observable here is a difference of two
 * unwrapped coordinates. In float (24-bit mantissa) a coordinate of magnitude 30 sigma (a box edge, or a particle that
 * diffused a few boxes away) is resolved to 2e-6 sigma, so a short-lag displacement of 1e-3 sigma (one step of a log
 * schedule) would carry a ~0.5 % error in dr^2, and p_hop plateaus of 1e-3 sigma^2 would be noise; storing displacements
 * relative to frame 0 in float would fix that but complicates every kernel. Memory is frames x N x dims x 8 bytes
 * (1000 frames x 4096 particles x 3D = 98 MB), see {@link #memoryBytes()}; that is the price of random access to any
 * (origin, lag) pair, and the only part of the dynamics that grows with frames x N.
 *
 * <p>Layout: one array per frame and axis, {@code x(f)[i]}, indexed by particle id; z is absent (null) in 2D. The
 * arrays handed out by the accessors are the internal ones: read them, do not write them.
 *
 * <p>Input must be unwrapped (continuous across the periodic boundaries; the frames table's convention). Wrapped
 * coordinates can be converted with {@link Unwrapper}; {@link #maxFrameJump()} helps to detect wrapped input.
 */
public final class Trajectory {
    private final int n;
    private final int dims;
    private final int[] species;
    private final int speciesCount;
    private final int[] perSpecies;
    private final long[] steps;
    private final double[] times;
    private final Box[] boxes;
    private final double[][] x;
    private final double[][] y;
    private final double[][] z;

    private Trajectory(int dims, int[] species, long[] steps, double[] times, Box[] boxes, double[][] x, double[][] y,
                       double[][] z) {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
        }
        int frames = steps.length;
        if (frames < 1) {
            throw new IllegalArgumentException("a trajectory needs at least one frame");
        }
        if (times.length != frames || boxes.length != frames || x.length != frames || y.length != frames
                || (dims == 3 && (z == null || z.length != frames))) {
            throw new IllegalArgumentException("steps, times, boxes and positions must have one entry per frame ("
                    + frames + ")");
        }
        this.n = species.length;
        for (int f = 0; f < frames; f++) {
            if (x[f].length != n || y[f].length != n || (dims == 3 && z[f].length != n)) {
                throw new IllegalArgumentException("frame " + f + " has positions for " + x[f].length + " particles, "
                        + "expected " + n);
            }
            if (boxes[f].dims() != dims) {
                throw new IllegalArgumentException("frame " + f + " has a " + boxes[f].dims() + "D box in a " + dims
                        + "D trajectory");
            }
            if (f > 0 && !(steps[f] > steps[f - 1] && times[f] > times[f - 1])) {
                throw new IllegalArgumentException("frames must be in strictly increasing step and time order: frame " + f
                        + " has step " + steps[f] + ", time " + times[f] + " after step " + steps[f - 1] + ", time "
                        + times[f - 1]);
            }
        }
        int s = 0;
        for (int i = 0; i < n; i++) {
            if (species[i] < 0) {
                throw new IllegalArgumentException("particle " + i + " has negative species " + species[i]);
            }
            s = Math.max(s, species[i] + 1);
        }
        this.dims = dims;
        this.species = species;
        this.speciesCount = s;
        this.perSpecies = new int[s];
        for (int sp : species) {
            perSpecies[sp]++;
        }
        this.steps = steps;
        this.times = times;
        this.boxes = boxes;
        this.x = x;
        this.y = y;
        this.z = dims == 3 ? z : null;
    }

    /**
     * A trajectory over the given arrays, not copied (the caller hands them over): positions [frame][particle],
     * {@code z} null (or ignored) in 2D.
     */
    public static Trajectory ofArrays(int dims, int[] species, long[] steps, double[] times, Box[] boxes, double[][] x,
                                      double[][] y, double[][] z) {
        return new Trajectory(dims, species, steps, times, boxes, x, y, z);
    }

    /** The frames (in order), copied. */
    public static Trajectory of(Iterable<FrameView> frames) {
        Builder b = builder();
        for (FrameView f : frames) {
            b.add(f);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects frames one at a time, copying their arrays (a {@link FrameView}'s arrays are reused by the reader):
     * {@code FramesFileReader.forEachFrame(files, conf, n, dims, 0, last, builder::add)}.
     */
    public static final class Builder {
        private int dims;
        private int[] species;
        private final List<double[]> xs = new ArrayList<>();
        private final List<double[]> ys = new ArrayList<>();
        private final List<double[]> zs = new ArrayList<>();
        private final List<Box> boxes = new ArrayList<>();
        private long[] steps = new long[16];
        private double[] times = new double[16];

        private Builder() {
        }

        /** Copies one frame's unwrapped positions, species (checked equal to the first frame's), step, time and box. */
        public Builder add(FrameView f) {
            Box box = f.dims() == 2 ? Box.planar(f.boxX(), f.boxY()) : new Box(f.boxX(), f.boxY(), f.boxZ());
            return add(f.dims(), f.species(), f.step(), f.time(), box, f.x(), f.y(), f.z(), f.n(), f.frameIndex());
        }

        /** Copies one frame given as arrays ({@code z} ignored in 2D). */
        public Builder add(int[] species, long step, double time, Box box, double[] x, double[] y, double[] z) {
            return add(box.dims(), species, step, time, box, x, y, z, species.length, boxes.size());
        }

        private Builder add(int d, int[] sp, long step, double time, Box box, double[] x, double[] y, double[] z, int n,
                            int label) {
            int frames = boxes.size();
            if (frames == 0) {
                dims = d;
                species = Arrays.copyOf(sp, n);
            } else {
                if (d != dims) {
                    throw new IllegalArgumentException("frame " + label + " is " + d + "D, the first frame " + dims + "D");
                }
                if (n != species.length) {
                    throw new IllegalArgumentException("frame " + label + " has " + n + " particles, the first frame "
                            + species.length);
                }
                for (int i = 0; i < n; i++) {
                    if (sp[i] != species[i]) {
                        throw new IllegalArgumentException("frame " + label + ": particle " + i + " has species " + sp[i]
                                + " but " + species[i] + " in the first frame (species must not change within a run)");
                    }
                }
            }
            if (frames == steps.length) {
                steps = Arrays.copyOf(steps, 2 * frames);
                times = Arrays.copyOf(times, 2 * frames);
            }
            steps[frames] = step;
            times[frames] = time;
            boxes.add(box);
            xs.add(Arrays.copyOf(x, n));
            ys.add(Arrays.copyOf(y, n));
            if (d == 3) {
                zs.add(Arrays.copyOf(z, n));
            }
            return this;
        }

        /** Frames added so far. */
        public int frames() {
            return boxes.size();
        }

        public Trajectory build() {
            int frames = boxes.size();
            if (frames == 0) {
                throw new IllegalStateException("no frames added");
            }
            return new Trajectory(dims, species, Arrays.copyOf(steps, frames), Arrays.copyOf(times, frames),
                    boxes.toArray(new Box[0]), xs.toArray(new double[0][]), ys.toArray(new double[0][]),
                    dims == 3 ? zs.toArray(new double[0][]) : null);
        }
    }

    /** Number of particles. */
    public int n() {
        return n;
    }

    /** 2 or 3. */
    public int dims() {
        return dims;
    }

    /** Number of frames. */
    public int frames() {
        return steps.length;
    }

    /** Species per particle (internal array: do not modify). */
    public int[] species() {
        return species;
    }

    /** 1 + the largest species index. */
    public int speciesCount() {
        return speciesCount;
    }

    /** Number of particles of species {@code s}. */
    public int count(int s) {
        return s < speciesCount ? perSpecies[s] : 0;
    }

    public long step(int frame) {
        return steps[frame];
    }

    public double time(int frame) {
        return times[frame];
    }

    /** Steps of all frames (a copy). */
    public long[] steps() {
        return steps.clone();
    }

    /** Times of all frames (a copy). */
    public double[] times() {
        return times.clone();
    }

    public Box box(int frame) {
        return boxes[frame];
    }

    /** Unwrapped x of frame {@code f} (internal array). */
    public double[] x(int f) {
        return x[f];
    }

    public double[] y(int f) {
        return y[f];
    }

    /** Unwrapped z of frame {@code f}, or null in 2D. */
    public double[] z(int f) {
        return z == null ? null : z[f];
    }

    /** Bytes held by the positions (frames x N x dims x 8). */
    public long memoryBytes() {
        return (long) frames() * n * dims * 8L;
    }

    /**
     * The largest |coordinate change| between consecutive frames of any particle along any axis, in units of that axis'
     * box edge. Unwrapped input of a liquid gives small values; a value above 0.5 means a particle jumped by more than
     * half a box between frames, which is what wrapped coordinates do when a particle crosses a boundary: pass them
     * through {@link Unwrapper} (if the frames are dense enough for it).
     */
    public double maxFrameJump() {
        double worst = 0;
        for (int f = 1; f < frames(); f++) {
            Box b = boxes[f];
            worst = Math.max(worst, maxJump(x[f - 1], x[f], b.lx()));
            worst = Math.max(worst, maxJump(y[f - 1], y[f], b.ly()));
            if (dims == 3) {
                worst = Math.max(worst, maxJump(z[f - 1], z[f], b.lz()));
            }
        }
        return worst;
    }

    private static double maxJump(double[] a, double[] b, double edge) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(b[i] - a[i]));
        }
        return m / edge;
    }
}
