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
 * <p><b>Why through {@link InherentStructures}.</b> The force loop ({@code ForceCompute}) and the engine around it are
 * package-private to {@code glassworks.md}; the one public entry that hands out per-particle energies of a given
 * configuration is {@link InherentStructures#minimize}. Called with a force tolerance no finite force can reach
 * ({@link Double#MAX_VALUE}), FIRE stops before its first step, and the result carries the energies of the unmoved
 * input positions. That reuses the kernel's pair loop instead of writing another one.
 */
public final class ParticleEnergies {
    /** FIRE options that stop before the first step: every finite max force is below the tolerance. */
    private static final InherentStructures.Options NO_STEPS = new InherentStructures.Options(Double.MAX_VALUE, 1, 1);

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
        return InherentStructures.minimize(model, snap, NO_STEPS).perParticleEnergy();
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
