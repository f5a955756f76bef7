package glassworks.md;

/**
 * A read-only view of one saved frame. Arrays are indexed by particle id (0..n-1) whatever internal order the kernel
 * keeps, and are reused between frames: copy what must outlive the call.
 *
 * @param frameIndex      0-based frame index in the run
 * @param step            production step
 * @param time            step * timestep [tau]
 * @param n               number of particles
 * @param dims            2 or 3
 * @param species         species index per particle (0-based, model order)
 * @param x               unwrapped x [sigma]
 * @param y               unwrapped y [sigma]
 * @param z               unwrapped z [sigma] (all 0 in 2D)
 * @param boxX            box edge x [sigma]; the box spans [0, boxX)
 * @param boxY            box edge y [sigma]
 * @param boxZ            box edge z [sigma] (0 in 2D)
 * @param vx              velocity x [sigma/tau] or null when not saved
 * @param vy              velocity y or null
 * @param vz              velocity z or null
 * @param potentialEnergy per-particle potential energy [epsilon] or null when not saved
 * @param virial          per-particle virial tensor W_i^ab = 1/2 sum_j r_ij^a f_ij^b [epsilon] as six arrays in the order
 *                        xx, yy, zz, xy, xz, yz, or null when not saved
 */
public record FrameView(int frameIndex, long step, double time, int n, int dims, int[] species, double[] x, double[] y,
                        double[] z, double boxX, double boxY, double boxZ, double[] vx, double[] vy, double[] vz,
                        double[] potentialEnergy, double[][] virial) {

    /** Order of the six virial components. */
    public static final java.util.List<String> VIRIAL_COMPONENTS = java.util.List.of("xx", "yy", "zz", "xy", "xz", "yz");

    /** A frame without per-particle virial. */
    public FrameView(int frameIndex, long step, double time, int n, int dims, int[] species, double[] x, double[] y,
                     double[] z, double boxX, double boxY, double boxZ, double[] vx, double[] vy, double[] vz,
                     double[] potentialEnergy) {
        this(frameIndex, step, time, n, dims, species, x, y, z, boxX, boxY, boxZ, vx, vy, vz, potentialEnergy, null);
    }

    /** A deep copy (readers reuse their buffers between frames). */
    public FrameView copy() {
        double[][] w = null;
        if (virial != null) {
            w = new double[virial.length][];
            for (int c = 0; c < w.length; c++) {
                w[c] = virial[c] == null ? null : virial[c].clone();
            }
        }
        return new FrameView(frameIndex, step, time, n, dims, species.clone(), x.clone(), y.clone(), z == null ? null
                : z.clone(), boxX, boxY, boxZ, vx == null ? null : vx.clone(), vy == null ? null : vy.clone(),
                vz == null ? null : vz.clone(), potentialEnergy == null ? null : potentialEnergy.clone(), w);
    }
}
