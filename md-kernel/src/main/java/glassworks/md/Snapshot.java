package glassworks.md;

/**
 * A stored configuration a run can start from instead of a fresh lattice: an isoconfigurational replica, a
 * continuation at another temperature, an energy minimisation. Arrays are indexed by particle id.
 *
 * @param box         periodic box (lz = 0 in 2D)
 * @param species     species per particle (model order)
 * @param x           x per particle (unwrapped or not) [sigma]
 * @param y           y per particle [sigma]
 * @param z           z per particle [sigma] (0 in 2D)
 * @param vx          velocities to continue with, or null to draw fresh Maxwell-Boltzmann velocities from the seed
 * @param vy          velocities y, or null
 * @param vz          velocities z, or null
 * @param parentRun   run the snapshot comes from (written to runs.parent_run)
 * @param parentFrame frame of that run (runs.parent_frame)
 */
public record Snapshot(Box box, int[] species, double[] x, double[] y, double[] z, double[] vx, double[] vy,
                       double[] vz, String parentRun, int parentFrame) implements java.io.Serializable {

    public int n() {
        return species.length;
    }

    /** A snapshot of a frame's positions (its velocities are not used: a run from it draws fresh ones). */
    public static Snapshot positionsOf(FrameView f, String parentRun) {
        Box box = f.dims() == 2 ? Box.planar(f.boxX(), f.boxY()) : new Box(f.boxX(), f.boxY(), f.boxZ());
        return new Snapshot(box, f.species().clone(), f.x().clone(), f.y().clone(), f.z().clone(), null, null, null,
                parentRun, f.frameIndex());
    }

    void validate(PairModel model) {
        int n = species.length;
        if (x.length != n || y.length != n || z.length != n) {
            throw new IllegalArgumentException("snapshot arrays disagree in length (" + n + " species, " + x.length
                    + " x)");
        }
        if ((vx == null) != (vy == null) || (vx == null) != (vz == null) || vx != null && (vx.length != n
                || vy.length != n || vz.length != n)) {
            throw new IllegalArgumentException("snapshot velocities must be all present with " + n + " entries, or absent");
        }
        if (box.dims() != model.dims()) {
            throw new IllegalArgumentException("snapshot box is " + box.dims() + "D but model '" + model.name() + "' is "
                    + model.dims() + "D");
        }
        for (int i = 0; i < n; i++) {
            if (species[i] < 0 || species[i] >= model.speciesCount()) {
                throw new IllegalArgumentException("snapshot particle " + i + " has species " + species[i] + "; model '"
                        + model.name() + "' has " + model.speciesCount());
            }
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || !Double.isFinite(z[i])) {
                throw new IllegalArgumentException("snapshot particle " + i + " has a non-finite position");
            }
        }
    }
}
