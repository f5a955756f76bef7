package glassworks.md;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Pair forces of a {@link PairModel} over a half {@link VerletList}, optionally tallying potential energy, the virial
 * W = sum over pairs r_ij . f_ij, per-particle energies (half of each pair energy to each partner) and, when switched on
 * ({@link #tallyPerParticleVirial}), the per-particle virial tensor.
 *
 * <p>The expressions are LAMMPS {@code pair lj/cut}'s: fpair = r^-6 (lj1 r^-6 - lj2) r^-2, e = r^-6 (lj3 r^-6 - lj4)
 * - offset, strict {@code rsq < cutsq}; a smoothed model ({@link PairModel#smoothed()}) adds g2 + g4 r^2 to fpair and
 * r^2 (s2 + s4 r^2) to e (the same expressions as {@link PairModel#pairForceOverR} and {@link PairModel#pairEnergy}).
 * Forces only (the common step) and forces plus tallies (thermo and frame steps) are separate loops so the hot one
 * carries no branches for what it does not need; the force-only loop has a plain Lennard-Jones variant and a smoothed
 * one, so the smoothing costs the LJ models nothing. The tally loops always add the smoothing terms: for other models
 * they are exact zeros (x + 0.0 == x), and tallies are rare. The cutoff test is branch-free ({@link #inside}): every
 * list pair is evaluated and the ones in the skin are zeroed, which is a third faster than a branch that mispredicts
 * on them. 2D systems run the same loops with z = 0.
 *
 * <p>With {@code threads > 1} list-row ranges with equal numbers of list entries go to a fixed {@link WorkerTeam};
 * member t accumulates into its own buffers (member 0 into the particle arrays), then, after a barrier inside the same
 * task, each member sums the buffers over its share of the particles in member order. The partition depends only on
 * the list, so a given thread count is bit-reproducible. The same team builds the neighbour list ({@link #partition}
 * lends it to the list).
 */
final class ForceCompute implements AutoCloseable {
    /** Components of a per-particle virial tensor, in this order in {@link #perParticleVirial}. */
    static final int XX = 0;
    static final int YY = 1;
    static final int ZZ = 2;
    static final int XY = 3;
    static final int XZ = 4;
    static final int YZ = 5;

    /*
     * The per-pair coefficients, interleaved: pair type k = a * ns + b has its STRIDE values at coef[STRIDE * k + ...].
     * One table instead of ten arrays: the loop loads from one cache line, and C2 folds the bounds checks of constant
     * offsets from one index into one (likewise the interleaved image shifts). Measured ~10 % off the force loop.
     */
    static final int CUT = 0;
    static final int LJ1 = 1;
    static final int LJ2 = 2;
    static final int G2 = 3;
    static final int G4 = 4;
    static final int LJ3 = 5;
    static final int LJ4 = 6;
    static final int OFFSET = 7;
    static final int S2 = 8;
    static final int S4 = 9;
    static final int STRIDE = 10;

    private final int n;
    private final int ns;
    private final boolean smoothed;
    private final double[] coef;
    /** the list's image shifts interleaved (x, y, z of code c at 3c), refreshed at every compute (NPT moves them) */
    private final double[] shift = new double[81];
    private final int threads;
    private final WorkerTeam team;
    /** per member t >= 1: force and energy buffers (member 0 writes the particle arrays) */
    private final double[][] bufX;
    private final double[][] bufY;
    private final double[][] bufZ;
    private final double[][] bufE;
    /** per member t >= 1: per-particle virial buffers (allocated when the tensor is switched on) */
    private final double[][] bufV;
    /** per member: energy, virial (stride 8 doubles, so members do not share a cache line) */
    private final double[] partial;
    private final int[] bounds;
    /** potential energy per particle of the last tallied compute, internal order like the particle arrays [epsilon] */
    final double[] perParticleEnergy;
    /**
     * Per-particle virial tensor of the last tallied compute while switched on (null while off), internal order:
     * {@code perParticleVirial[6 i + c]} = W_i^c = 1/2 sum_j r_ij^a f_ij^b for c = XX, YY, ZZ, XY, XZ, YZ, with
     * r_ij = r_i - r_j and f_ij the force on i from j [epsilon]. The traces sum to {@link #virial()}. LAMMPS
     * {@code compute stress/atom NULL virial} reports -W_i.
     */
    double[] perParticleVirial;

    private double energy;
    private double virial;
    private boolean tallied;
    /** whether the last compute also filled the per-particle virial tensor */
    private boolean tensorTallied;
    private boolean virialTensor;

    // current call, read by members
    private Particles p;
    private VerletList list;
    private boolean tallyMode;
    private final IntConsumer computeTask = this::computeTask;

    ForceCompute(PairModel model, int n, int threads) {
        this.n = n;
        this.ns = model.speciesCount();
        this.smoothed = model.smoothed();
        coef = new double[STRIDE * ns * ns];
        for (int k = 0; k < ns * ns; k++) {
            coef[STRIDE * k + CUT] = model.cutsq[k];
            coef[STRIDE * k + LJ1] = model.lj1[k];
            coef[STRIDE * k + LJ2] = model.lj2[k];
            coef[STRIDE * k + G2] = model.g2[k];
            coef[STRIDE * k + G4] = model.g4[k];
            coef[STRIDE * k + LJ3] = model.lj3[k];
            coef[STRIDE * k + LJ4] = model.lj4[k];
            coef[STRIDE * k + OFFSET] = model.offset[k];
            coef[STRIDE * k + S2] = model.s2[k];
            coef[STRIDE * k + S4] = model.s4[k];
        }
        this.threads = threads;
        this.team = threads > 1 ? new WorkerTeam(threads, "md-force") : null;
        bufX = new double[threads][];
        bufY = new double[threads][];
        bufZ = new double[threads][];
        bufE = new double[threads][];
        bufV = new double[threads][];
        for (int t = 1; t < threads; t++) {
            bufX[t] = new double[n];
            bufY[t] = new double[n];
            bufZ[t] = new double[n];
            bufE[t] = new double[n];
        }
        partial = new double[8 * threads];
        bounds = new int[threads + 1];
        bounds[threads] = n;
        perParticleEnergy = new double[n];
    }

    /**
     * Switches the per-particle virial tensor on or off for tallied computes. Off (the default) it costs nothing: the
     * tally loops without it run and no memory is held for it. Switching it on does not touch the energies of the last
     * tally (an NPT step reads the virial of the previous step); the tensor is filled from the next tallied compute on
     * ({@link #tallied()} says false until then).
     */
    void tallyPerParticleVirial(boolean on) {
        virialTensor = on;
        if (on && perParticleVirial == null) {
            perParticleVirial = new double[6 * n];
            for (int t = 1; t < threads; t++) {
                bufV[t] = new double[6 * n];
            }
        } else if (!on) {
            perParticleVirial = null;
            Arrays.fill(bufV, null);
        }
        tensorTallied = false;
    }

    /** The worker team (null with one thread); {@link #close} ends it. */
    WorkerTeam team() {
        return team;
    }

    /**
     * Re-splits the list rows after a list build: equal numbers of list entries per member. Also lends this
     * computation's worker team to the list, so its next builds run on the same threads.
     */
    void partition(VerletList list) {
        list.lend(team);
        bounds[0] = 0;
        bounds[threads] = n;
        long total = list.pairCount();
        int r = 0;
        for (int t = 1; t < threads; t++) {
            long target = total * t / threads;
            while (r < n && list.offsets[r] < target) {
                r++;
            }
            bounds[t] = r;
        }
    }

    /** Computes forces into p.fx/fy/fz; with {@code tally} also energy, virial and per-particle energies (and virials). */
    void compute(Particles p, VerletList list, boolean tally) {
        this.p = p;
        this.list = list;
        this.tallyMode = tally;
        for (int c = 0; c < 27; c++) {
            shift[3 * c] = list.shiftX[c];
            shift[3 * c + 1] = list.shiftY[c];
            shift[3 * c + 2] = list.shiftZ[c];
        }
        if (team == null) {
            pairTask(0);
        } else {
            team.run(computeTask);
        }
        if (tally) {
            double e = 0;
            double w = 0;
            for (int t = 0; t < threads; t++) {
                e += partial[8 * t];
                w += partial[8 * t + 1];
            }
            energy = e;
            virial = w;
        }
        tallied = tally;
        tensorTallied = tally && virialTensor;
        this.p = null;
        this.list = null;
    }

    private void computeTask(int t) {
        pairTask(t);
        team.sync();
        reduceTask(t);
    }

    private void pairTask(int t) {
        Particles p = this.p;
        double[] fx = t == 0 ? p.fx : bufX[t];
        double[] fy = t == 0 ? p.fy : bufY[t];
        double[] fz = t == 0 ? p.fz : bufZ[t];
        Arrays.fill(fx, 0.0);
        Arrays.fill(fy, 0.0);
        Arrays.fill(fz, 0.0);
        int lo = team == null ? 0 : bounds[t];
        int hi = team == null ? n : bounds[t + 1];
        if (tallyMode) {
            double[] eatom = t == 0 ? perParticleEnergy : bufE[t];
            Arrays.fill(eatom, 0.0);
            if (virialTensor) {
                double[] vatom = t == 0 ? perParticleVirial : bufV[t];
                Arrays.fill(vatom, 0.0);
                tallyTensorLoop(lo, hi, p.x, p.y, p.z, p.species, list, fx, fy, fz, eatom, vatom, partial, 8 * t);
            } else {
                tallyLoop(lo, hi, p.x, p.y, p.z, p.species, list, fx, fy, fz, eatom, partial, 8 * t);
            }
        } else if (smoothed) {
            smoothedForceLoop(lo, hi, p.x, p.y, p.z, p.species, list, fx, fy, fz);
        } else {
            forceLoop(lo, hi, p.x, p.y, p.z, p.species, list, fx, fy, fz);
        }
    }

    private void reduceTask(int t) {
        // particle range for this member's share of the reduction: plain equal split
        int lo = (int) ((long) n * t / threads);
        int hi = (int) ((long) n * (t + 1) / threads);
        Particles p = this.p;
        double[] fx = p.fx;
        double[] fy = p.fy;
        double[] fz = p.fz;
        for (int s = 1; s < threads; s++) {
            double[] bx = bufX[s];
            double[] by = bufY[s];
            double[] bz = bufZ[s];
            for (int i = lo; i < hi; i++) {
                fx[i] += bx[i];
                fy[i] += by[i];
                fz[i] += bz[i];
            }
            if (tallyMode) {
                double[] be = bufE[s];
                for (int i = lo; i < hi; i++) {
                    perParticleEnergy[i] += be[i];
                }
                if (virialTensor) {
                    double[] bv = bufV[s];
                    double[] v = perParticleVirial;
                    for (int k = 6 * lo; k < 6 * hi; k++) {
                        v[k] += bv[k];
                    }
                }
            }
        }
    }

    /** The hot loop: plain Lennard-Jones forces, nothing else. */
    private void forceLoop(int lo, int hi, double[] x, double[] y, double[] z, int[] species, VerletList list,
                           double[] fx, double[] fy, double[] fz) {
        final int[] offsets = list.offsets;
        final int[] entries = list.entries;
        final int[] rowAtom = list.rowAtom;
        final double[] sh = this.shift;
        final double[] coef = this.coef;
        final int ns = this.ns;
        for (int r = lo; r < hi; r++) {
            final int i = rowAtom[r];
            final double xi = x[i];
            final double yi = y[i];
            final double zi = z[i];
            final int ti = species[i] * ns;
            double fxi = 0;
            double fyi = 0;
            double fzi = 0;
            for (int k = offsets[r], end = offsets[r + 1]; k < end; k++) {
                final int e = entries[k];
                final int j = e & VerletList.INDEX_MASK;
                final int s = 3 * (e >>> VerletList.INDEX_BITS);
                final double dx = xi - x[j] + sh[s];
                final double dy = yi - y[j] + sh[s + 1];
                final double dz = zi - z[j] + sh[s + 2];
                final double rsq = dx * dx + dy * dy + dz * dz;
                final int c = STRIDE * (ti + species[j]);
                final double r2inv = 1.0 / rsq;
                final double r6inv = r2inv * r2inv * r2inv;
                final double fpair = inside(r6inv * (coef[c + LJ1] * r6inv - coef[c + LJ2]) * r2inv, rsq, coef[c + CUT]);
                final double ddx = dx * fpair;
                final double ddy = dy * fpair;
                final double ddz = dz * fpair;
                fxi += ddx;
                fyi += ddy;
                fzi += ddz;
                fx[j] -= ddx;
                fy[j] -= ddy;
                fz[j] -= ddz;
            }
            fx[i] += fxi;
            fy[i] += fyi;
            fz[i] += fzi;
        }
    }

    /** {@link #forceLoop} plus the smoothing polynomial's force term g2 + g4 r^2. */
    private void smoothedForceLoop(int lo, int hi, double[] x, double[] y, double[] z, int[] species, VerletList list,
                                   double[] fx, double[] fy, double[] fz) {
        final int[] offsets = list.offsets;
        final int[] entries = list.entries;
        final int[] rowAtom = list.rowAtom;
        final double[] sh = this.shift;
        final double[] coef = this.coef;
        final int ns = this.ns;
        for (int r = lo; r < hi; r++) {
            final int i = rowAtom[r];
            final double xi = x[i];
            final double yi = y[i];
            final double zi = z[i];
            final int ti = species[i] * ns;
            double fxi = 0;
            double fyi = 0;
            double fzi = 0;
            for (int k = offsets[r], end = offsets[r + 1]; k < end; k++) {
                final int e = entries[k];
                final int j = e & VerletList.INDEX_MASK;
                final int s = 3 * (e >>> VerletList.INDEX_BITS);
                final double dx = xi - x[j] + sh[s];
                final double dy = yi - y[j] + sh[s + 1];
                final double dz = zi - z[j] + sh[s + 2];
                final double rsq = dx * dx + dy * dy + dz * dz;
                final int c = STRIDE * (ti + species[j]);
                final double r2inv = 1.0 / rsq;
                final double r6inv = r2inv * r2inv * r2inv;
                final double fpair = inside(r6inv * (coef[c + LJ1] * r6inv - coef[c + LJ2]) * r2inv + coef[c + G2]
                        + coef[c + G4] * rsq, rsq, coef[c + CUT]);
                final double ddx = dx * fpair;
                final double ddy = dy * fpair;
                final double ddz = dz * fpair;
                fxi += ddx;
                fyi += ddy;
                fzi += ddz;
                fx[j] -= ddx;
                fy[j] -= ddy;
                fz[j] -= ddz;
            }
            fx[i] += fxi;
            fy[i] += fyi;
            fz[i] += fzi;
        }
    }

    /** Forces, energy, virial and per-particle energies (any model: the smoothing terms are zeros when unused). */
    private void tallyLoop(int lo, int hi, double[] x, double[] y, double[] z, int[] species, VerletList list,
                           double[] fx, double[] fy, double[] fz, double[] eatom, double[] out, int slot) {
        final int[] offsets = list.offsets;
        final int[] entries = list.entries;
        final int[] rowAtom = list.rowAtom;
        final double[] sh = this.shift;
        final double[] coef = this.coef;
        final int ns = this.ns;
        double energySum = 0;
        double virialSum = 0;
        for (int r = lo; r < hi; r++) {
            final int i = rowAtom[r];
            final double xi = x[i];
            final double yi = y[i];
            final double zi = z[i];
            final int ti = species[i] * ns;
            double fxi = 0;
            double fyi = 0;
            double fzi = 0;
            double ei = 0;
            for (int k = offsets[r], end = offsets[r + 1]; k < end; k++) {
                final int e = entries[k];
                final int j = e & VerletList.INDEX_MASK;
                final int s = 3 * (e >>> VerletList.INDEX_BITS);
                final double dx = xi - x[j] + sh[s];
                final double dy = yi - y[j] + sh[s + 1];
                final double dz = zi - z[j] + sh[s + 2];
                final double rsq = dx * dx + dy * dy + dz * dz;
                final int c = STRIDE * (ti + species[j]);
                final double r2inv = 1.0 / rsq;
                final double r6inv = r2inv * r2inv * r2inv;
                final double cut = coef[c + CUT];
                final double fpair = inside(r6inv * (coef[c + LJ1] * r6inv - coef[c + LJ2]) * r2inv + coef[c + G2]
                        + coef[c + G4] * rsq, rsq, cut);
                final double epair = inside(r6inv * (coef[c + LJ3] * r6inv - coef[c + LJ4]) - coef[c + OFFSET]
                        + rsq * (coef[c + S2] + coef[c + S4] * rsq), rsq, cut);
                fxi += dx * fpair;
                fyi += dy * fpair;
                fzi += dz * fpair;
                fx[j] -= dx * fpair;
                fy[j] -= dy * fpair;
                fz[j] -= dz * fpair;
                energySum += epair;
                virialSum += rsq * fpair;
                ei += 0.5 * epair;
                eatom[j] += 0.5 * epair;
            }
            fx[i] += fxi;
            fy[i] += fyi;
            fz[i] += fzi;
            eatom[i] += ei;
        }
        out[slot] = energySum;
        out[slot + 1] = virialSum;
    }

    /** {@link #tallyLoop} plus the per-particle virial tensor: half of each pair's r^a f^b to each partner. */
    private void tallyTensorLoop(int lo, int hi, double[] x, double[] y, double[] z, int[] species, VerletList list,
                                 double[] fx, double[] fy, double[] fz, double[] eatom, double[] vatom, double[] out,
                                 int slot) {
        final int[] offsets = list.offsets;
        final int[] entries = list.entries;
        final int[] rowAtom = list.rowAtom;
        final double[] sh = this.shift;
        final double[] coef = this.coef;
        final int ns = this.ns;
        double energySum = 0;
        double virialSum = 0;
        for (int r = lo; r < hi; r++) {
            final int i = rowAtom[r];
            final double xi = x[i];
            final double yi = y[i];
            final double zi = z[i];
            final int ti = species[i] * ns;
            double fxi = 0;
            double fyi = 0;
            double fzi = 0;
            double ei = 0;
            double vxx = 0;
            double vyy = 0;
            double vzz = 0;
            double vxy = 0;
            double vxz = 0;
            double vyz = 0;
            for (int k = offsets[r], end = offsets[r + 1]; k < end; k++) {
                final int e = entries[k];
                final int j = e & VerletList.INDEX_MASK;
                final int s = 3 * (e >>> VerletList.INDEX_BITS);
                final double dx = xi - x[j] + sh[s];
                final double dy = yi - y[j] + sh[s + 1];
                final double dz = zi - z[j] + sh[s + 2];
                final double rsq = dx * dx + dy * dy + dz * dz;
                final int c = STRIDE * (ti + species[j]);
                final double r2inv = 1.0 / rsq;
                final double r6inv = r2inv * r2inv * r2inv;
                final double cut = coef[c + CUT];
                final double fpair = inside(r6inv * (coef[c + LJ1] * r6inv - coef[c + LJ2]) * r2inv + coef[c + G2]
                        + coef[c + G4] * rsq, rsq, cut);
                final double epair = inside(r6inv * (coef[c + LJ3] * r6inv - coef[c + LJ4]) - coef[c + OFFSET]
                        + rsq * (coef[c + S2] + coef[c + S4] * rsq), rsq, cut);
                fxi += dx * fpair;
                fyi += dy * fpair;
                fzi += dz * fpair;
                fx[j] -= dx * fpair;
                fy[j] -= dy * fpair;
                fz[j] -= dz * fpair;
                energySum += epair;
                virialSum += rsq * fpair;
                ei += 0.5 * epair;
                eatom[j] += 0.5 * epair;
                final double h = 0.5 * fpair;
                final double wxx = h * dx * dx;
                final double wyy = h * dy * dy;
                final double wzz = h * dz * dz;
                final double wxy = h * dx * dy;
                final double wxz = h * dx * dz;
                final double wyz = h * dy * dz;
                vxx += wxx;
                vyy += wyy;
                vzz += wzz;
                vxy += wxy;
                vxz += wxz;
                vyz += wyz;
                final int vj = 6 * j;
                vatom[vj] += wxx;
                vatom[vj + 1] += wyy;
                vatom[vj + 2] += wzz;
                vatom[vj + 3] += wxy;
                vatom[vj + 4] += wxz;
                vatom[vj + 5] += wyz;
            }
            fx[i] += fxi;
            fy[i] += fyi;
            fz[i] += fzi;
            eatom[i] += ei;
            final int vi = 6 * i;
            vatom[vi] += vxx;
            vatom[vi + 1] += vyy;
            vatom[vi + 2] += vzz;
            vatom[vi + 3] += vxy;
            vatom[vi + 4] += vxz;
            vatom[vi + 5] += vyz;
        }
        out[slot] = energySum;
        out[slot + 1] = virialSum;
    }

    /**
     * {@code value} when {@code rsq < cutsq}, else +0.0, without a branch: the sign bit of rsq - cutsq (exact: the
     * difference of two finite doubles is zero only when they are equal) spread into a mask. A quarter to a third of
     * the list's pairs lie in the skin, beyond the cutoff, in no predictable pattern: a branch on them mispredicted so
     * often that computing those pairs too and zeroing them is a third faster. A zeroed pair adds +-0.0, which changes
     * no sum.
     */
    static double inside(double value, double rsq, double cutsq) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(value) & (Double.doubleToRawLongBits(rsq - cutsq) >> 63));
    }

    /** Total potential energy of the last tallied compute [epsilon]. */
    double potentialEnergy() {
        requireTallied();
        return energy;
    }

    /** Virial W = sum over pairs r_ij . f_ij of the last tallied compute [epsilon]. */
    double virial() {
        requireTallied();
        return virial;
    }

    /**
     * Whether the last compute tallied everything switched on: energies, and the per-particle virial tensor when it is
     * on. Right after switching the tensor on this is false (so Simulation.ensureTallied recomputes), while
     * {@link #potentialEnergy} and {@link #virial} still answer from the last tally.
     */
    boolean tallied() {
        return tallied && (!virialTensor || tensorTallied);
    }

    /** Whether the per-particle virial tensor is switched on (then a tallied compute fills {@link #perParticleVirial}). */
    boolean tallyingPerParticleVirial() {
        return virialTensor;
    }

    private void requireTallied() {
        if (!tallied) {
            throw new IllegalStateException("energies were not tallied on the last force compute");
        }
    }

    @Override
    public void close() {
        if (team != null) {
            team.close();
        }
    }
}
