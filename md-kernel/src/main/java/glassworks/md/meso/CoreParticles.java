package glassworks.md.meso;

/**
 * Seed 000's core particles (section III.B, Fig. 6a,b: "core particles, the particles [that] stay in that domain during
 * the whole simulation time"): over a window of analysed frames, a particle is core when its meso-state is the same in
 * every frame of the window. Interfacial particles, whose label flips as the domains' boundaries fluctuate, are not core,
 * so the core particles of a state sample that state's interior and their diffusion is the state's own.
 *
 * <p>The window is all analysed frames of a run; with a single frame every particle is (vacuously) core, and no
 * diffusion can be measured from it.
 */
public final class CoreParticles {
    private CoreParticles() {
    }

    /**
     * Core flags.
     *
     * @param statesByFrame meso-state per particle, [frame][particle], frames of one run (any order)
     * @return per particle: whether its state is the same in every frame
     */
    public static boolean[] core(int[][] statesByFrame) {
        if (statesByFrame.length == 0) {
            throw new IllegalArgumentException("core particles need at least one frame");
        }
        int n = statesByFrame[0].length;
        boolean[] core = new boolean[n];
        java.util.Arrays.fill(core, true);
        for (int f = 1; f < statesByFrame.length; f++) {
            int[] s = statesByFrame[f];
            if (s.length != n) {
                throw new IllegalArgumentException("frame " + f + " has states of " + s.length + " particles, the first "
                        + n);
            }
            for (int i = 0; i < n; i++) {
                core[i] &= s[i] == statesByFrame[0][i];
            }
        }
        return core;
    }

    /**
     * The particles that are core and in a given state (in every frame, so in the first), optionally of one species.
     *
     * @param core    core flags
     * @param states  states of any frame of the window (the first)
     * @param state   meso-state, or -1 for every state
     * @param species species per particle (may be null when {@code ofSpecies} is -1)
     * @param ofSpecies species index, or -1 for every species
     * @param coreOnly  false: every particle of the state in {@code states}, core or not
     * @return particle indices, increasing
     */
    public static int[] select(boolean[] core, int[] states, int state, int[] species, int ofSpecies, boolean coreOnly) {
        int n = states.length;
        int[] out = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if ((!coreOnly || core[i]) && (state < 0 || states[i] == state) && (ofSpecies < 0 || species[i] == ofSpecies)) {
                out[m++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, m);
    }
}
