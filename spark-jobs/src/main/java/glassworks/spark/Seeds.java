package glassworks.spark;

import java.nio.charset.StandardCharsets;

/**
 * Per-run seeds derived from one campaign seed, so runs are statistically independent yet every run is reproducible
 * from the campaign seed alone (SplitMix64 finaliser over the mixed inputs).
 */
public final class Seeds {
    private Seeds() {
    }

    /** Seed of replica {@code index} at {@code temperature} (simulate's formula since version 1: do not change). */
    public static long derive(long seed, double temperature, long index) {
        long z = seed ^ (Double.doubleToLongBits(temperature) * 0x9E3779B97F4A7C15L) ^ ((index + 1L) * 0xC2B2AE3D27D4EB4FL);
        return finish(z);
    }

    /** Seed of replica {@code index} of a named origin (an iso job: parent run and frame), independent of simulate's. */
    public static long derive(long seed, String origin, long index) {
        long h = 0xCBF29CE484222325L; // FNV-1a over the origin's bytes
        for (byte b : origin.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001B3L;
        }
        return finish(seed ^ finish(h) ^ ((index + 1L) * 0xC2B2AE3D27D4EB4FL));
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
