package glassworks.md;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Pair forces of a {@link PairModel} over a half {@link VerletList}, optionally tallying potential energy, the virial
 * W = sum over pairs r_ij . f_ij and per-particle energies (half of each pair energy to each partner).
 *
 * <p>The expressions are LAMMPS {@code pair lj/cut}'s: fpair = r^-6 (lj1 r^-6 - lj2) r^-2, e = r^-6 (lj3 r^-6 - lj4)
 * - offset, strict {@code rsq < cutsq}. Forces only (the common step) and forces plus tallies (thermo and frame steps)
 * are separate loops so the hot one carries no branches for what it does not need.
 *
 * <p>With {@code threads > 1} particle i-ranges with equal numbers of list entries go to a fixed {@link WorkerTeam};
 * member t accumulates into its own force buffers (member 0 into the particle arrays), then the buffers are summed per
 * particle in member order. The partition depends only on the list, so a given thread count is bit-reproducible.
 */
final class ForceCompute implements AutoCloseable {
    private final int n;
    private final int ns;
    private final double[] cutsq;
    private final double[] lj1;
    private final double[] lj2;
    private final double[] lj3;
    private final double[] lj4;
    private final double[] offset;
    private final int threads;
    private final WorkerTeam team;
    /** per member t >= 1: force and energy buffers (member 0 writes the particle arrays) */
    private final double[][] bufX;
    private final double[][] bufY;
    private final double[][] bufZ;
    private final double[][] bufE;
    /** per member: energy, virial (stride 8 doubles, so members do not share a cache line) */
    private final double[] partial;
    private final int[] bounds;
    final double[] perParticleEnergy;

    private double energy;
    private double virial;
    private boolean tallied;

    // current call, read by members
    private Particles p;
    private VerletList list;
    private boolean tallyMode;
    private final IntConsumer pairTask = this::pairTask;
    private final IntConsumer reduceTask = this::reduceTask;

    ForceCompute(PairModel model, int n, int threads) {
        this.n = n;
        this.ns = model.speciesCount();
        this.cutsq = model.cutsq.clone();
        this.lj1 = model.lj1.clone();
        this.lj2 = model.lj2.clone();
        this.lj3 = model.lj3.clone();
        this.lj4 = model.lj4.clone();
        this.offset = model.offset.clone();
        this.threads = threads;
        this.team = threads > 1 ? new WorkerTeam(threads, "md-force") : null;
        bufX = new double[threads][];
        bufY = new double[threads][];
        bufZ = new double[threads][];
        bufE = new double[threads][];
        for (int t = 1; t < threads; t++) {
            bufX[t] = new double[n];
            bufY[t] = new double[n];
            bufZ[t] = new double[n];
            bufE[t] = new double[n];
        }
        partial = new double[8 * threads];
        bounds = new int[threads + 1];
        perParticleEnergy = new double[n];
    }

    /** Re-splits the particle range after a list build: equal numbers of list entries per member. */
    void partition(VerletList list) {
        bounds[0] = 0;
        bounds[threads] = n;
        long total = list.pairCount();
        int i = 0;
        for (int t = 1; t < threads; t++) {
            long target = total * t / threads;
            while (i < n && list.offsets[i] < target) {
                i++;
            }
            bounds[t] = i;
        }
    }

    /** Computes forces into p.fx/fy/fz; with {@code tally} also energy, virial and per-particle energies. */
    void compute(Particles p, VerletList list, boolean tally) {
        this.p = p;
        this.list = list;
        this.tallyMode = tally;
        if (team == null) {
            pairTask(0);
        } else {
            team.run(pairTask);
            team.run(reduceTask);
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
        this.p = null;
        this.list = null;
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
            tallyLoop(lo, hi, p.x, p.y, p.z, p.species, list, fx, fy, fz, eatom, partial, 8 * t);
        } else {
            forceLoop(lo, hi, p.x, p.y, p.z, p.species, list, fx, fy, fz);
        }
    }

    private void reduceTask(int t) {
        // particle range for this member's share of the reduction: plain equal split
        int lo = (int) ((long) n * t / threads);
        int hi = (int) ((long) n * (t + 1) / threads);
        Particles p = this.p;
        for (int s = 1; s < threads; s++) {
            double[] bx = bufX[s];
            double[] by = bufY[s];
            double[] bz = bufZ[s];
            for (int i = lo; i < hi; i++) {
                p.fx[i] += bx[i];
                p.fy[i] += by[i];
                p.fz[i] += bz[i];
            }
            if (tallyMode) {
                double[] be = bufE[s];
                for (int i = lo; i < hi; i++) {
                    perParticleEnergy[i] += be[i];
                }
            }
        }
    }

    private void forceLoop(int lo, int hi, double[] x, double[] y, double[] z, int[] species, VerletList list,
                           double[] fx, double[] fy, double[] fz) {
        final int[] offsets = list.offsets;
        final int[] entries = list.entries;
        final double[] shx = list.shiftX;
        final double[] shy = list.shiftY;
        final double[] shz = list.shiftZ;
        final double[] cutsq = this.cutsq;
        final double[] lj1 = this.lj1;
        final double[] lj2 = this.lj2;
        final int ns = this.ns;
        for (int i = lo; i < hi; i++) {
            final double xi = x[i];
            final double yi = y[i];
            final double zi = z[i];
            final int ti = species[i] * ns;
            double fxi = 0;
            double fyi = 0;
            double fzi = 0;
            for (int k = offsets[i], end = offsets[i + 1]; k < end; k++) {
                final int e = entries[k];
                final int j = e & VerletList.INDEX_MASK;
                final int s = e >>> VerletList.INDEX_BITS;
                final double dx = xi - x[j] + shx[s];
                final double dy = yi - y[j] + shy[s];
                final double dz = zi - z[j] + shz[s];
                final double rsq = dx * dx + dy * dy + dz * dz;
                final int tij = ti + species[j];
                if (rsq < cutsq[tij]) {
                    final double r2inv = 1.0 / rsq;
                    final double r6inv = r2inv * r2inv * r2inv;
                    final double fpair = r6inv * (lj1[tij] * r6inv - lj2[tij]) * r2inv;
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
            }
            fx[i] += fxi;
            fy[i] += fyi;
            fz[i] += fzi;
        }
    }

    private void tallyLoop(int lo, int hi, double[] x, double[] y, double[] z, int[] species, VerletList list,
                           double[] fx, double[] fy, double[] fz, double[] eatom, double[] out, int slot) {
        final int[] offsets = list.offsets;
        final int[] entries = list.entries;
        final double[] shx = list.shiftX;
        final double[] shy = list.shiftY;
        final double[] shz = list.shiftZ;
        final int ns = this.ns;
        double energySum = 0;
        double virialSum = 0;
        for (int i = lo; i < hi; i++) {
            final double xi = x[i];
            final double yi = y[i];
            final double zi = z[i];
            final int ti = species[i] * ns;
            double fxi = 0;
            double fyi = 0;
            double fzi = 0;
            double ei = 0;
            for (int k = offsets[i], end = offsets[i + 1]; k < end; k++) {
                final int e = entries[k];
                final int j = e & VerletList.INDEX_MASK;
                final int s = e >>> VerletList.INDEX_BITS;
                final double dx = xi - x[j] + shx[s];
                final double dy = yi - y[j] + shy[s];
                final double dz = zi - z[j] + shz[s];
                final double rsq = dx * dx + dy * dy + dz * dz;
                final int tij = ti + species[j];
                if (rsq < cutsq[tij]) {
                    final double r2inv = 1.0 / rsq;
                    final double r6inv = r2inv * r2inv * r2inv;
                    final double fpair = r6inv * (lj1[tij] * r6inv - lj2[tij]) * r2inv;
                    final double epair = r6inv * (lj3[tij] * r6inv - lj4[tij]) - offset[tij];
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
            }
            fx[i] += fxi;
            fy[i] += fyi;
            fz[i] += fzi;
            eatom[i] += ei;
        }
        out[slot] = energySum;
        out[slot + 1] = virialSum;
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

    /** Whether the last compute tallied energies (so they describe the current forces). */
    boolean tallied() {
        return tallied;
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
