package glassworks.md.meso;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Core particles: the same state in every frame of the window; one flip (even flipping back) is enough to lose it. */
class CoreParticlesTest {
    @Test
    void aParticleThatFlipsOnceIsNotCore() {
        int[][] states = {
                {0, 1, 0, 1, 0},
                {0, 1, 1, 1, 0},  // particle 2 flips ...
                {0, 1, 0, 1, 1},  // ... and back; particle 4 flips in the last frame
        };
        assertArrayEquals(new boolean[] {true, true, false, true, false}, CoreParticles.core(states));
    }

    @Test
    void oneFrameMakesEveryParticleCoreVacuously() {
        assertArrayEquals(new boolean[] {true, true}, CoreParticles.core(new int[][] {{0, 1}}));
    }

    @Test
    void selectionByStateSpeciesAndCore() {
        boolean[] core = {true, true, false, true, false, true};
        int[] states = {0, 1, 0, 1, 0, 0};
        int[] species = {0, 0, 1, 1, 0, 1};
        assertArrayEquals(new int[] {0, 5}, CoreParticles.select(core, states, 0, species, -1, true));
        assertArrayEquals(new int[] {0, 2, 4, 5}, CoreParticles.select(core, states, 0, species, -1, false));
        assertArrayEquals(new int[] {5}, CoreParticles.select(core, states, 0, species, 1, true));
        assertArrayEquals(new int[] {0, 1, 3, 5}, CoreParticles.select(core, states, -1, species, -1, true));
        assertArrayEquals(new int[] {3}, CoreParticles.select(core, states, 1, species, 1, false));
    }

    @Test
    void framesOfDifferentSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CoreParticles.core(new int[][] {{0, 1}, {0}}));
        assertThrows(IllegalArgumentException.class, () -> CoreParticles.core(new int[0][]));
    }
}
