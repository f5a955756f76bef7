package glassworks.md.structure;

import glassworks.md.Box;
import glassworks.md.FrameView;
import glassworks.md.InherentStructures;
import glassworks.md.PairModel;
import glassworks.md.Snapshot;

/**
 * Per-particle potential energies of given positions under a {@link PairModel}, computed by the kernel's own force loop
 * (so the same expressions, cutoffs and smoothing as the MD), in the two conventions in use:
 * <ul>
 *   <li>{@link #halfSplit}: the kernel's, LAMMPS's {@code pe/atom}: half of each pair energy to each partner, so the
 *       values sum to the total potential energy U. This is what frames store in {@code potentialEnergy}.</li>
 *   <li>{@link #pairSum}: seed 003's E_pot^i = sum over j != i of V(R_ij), the full pair sum around particle i (sums to
 *       2 U). Exactly twice the half-split value: the halves are exact in binary floating point.</li>
 * </ul>
 *
 * <p>The energies come from the kernel's own force loop ({@link InherentStructures#perParticleEnergies}), not from
 * another pair loop.
 */
public final class ParticleEnergies {
    private ParticleEnergies() {
    }

    /**
     * Kernel convention: half of each pair energy u(r_ij) to each of i and j [epsilon]; sums to U. Indexed by particle.
     *
     * @throws IllegalArgumentException when the frame does not fit the model (dimension, species, box smaller
     *                                  than twice the model's largest cutoff)
     * @throws glassworks.md.SimulationBlowUpException when particles sit on top of each other (infinite forces)
     */
    public static double[] halfSplit(PairModel model, FrameView frame) {
        return halfSplit(model, Neighbours.box(frame), frame.species(), frame.x(), frame.y(), frame.z());
    }

    /** {@link #halfSplit(PairModel, FrameView)} for positions by particle (z all 0 in 2D). */
    public static double[] halfSplit(PairModel model, Box box, int[] species, double[] x, double[] y, double[] z) {
        int n = species.length;
        Snapshot snap = new Snapshot(box, species.clone(), x.clone(), y.clone(), z == null ? new double[n] : z.clone(),
                null, null, null, null, -1);
        return InherentStructures.perParticleEnergies(model, snap);
    }

    /** Seed 003's E_pot^i = sum_{j != i} V(R_ij) [epsilon]: twice {@link #halfSplit}. Indexed by particle. */
    public static double[] pairSum(PairModel model, FrameView frame) {
        return doubled(halfSplit(model, frame));
    }

    /** {@link #pairSum(PairModel, FrameView)} for positions by particle. */
    public static double[] pairSum(PairModel model, Box box, int[] species, double[] x, double[] y, double[] z) {
        return doubled(halfSplit(model, box, species, x, y, z));
    }

    private static double[] doubled(double[] e) {
        for (int i = 0; i < e.length; i++) {
            e[i] *= 2.0;
        }
        return e;
    }
}
